namespace AiNow.Publishing.Deployment;

/// <summary>
/// What a deploy hands to the later jobs of its workflow run. GitHub Actions names a file in
/// <see cref="Variable"/> whose <c>name=value</c> lines become the step's outputs: the global DNS job
/// of the same run reads a target's load balancer address there, an address that exists only once
/// that target's deploy made it. Where the variable is not set (a deploy from a shell) nothing is written.
/// </summary>
internal static class StepOutputs
{
    /// <summary>The variable naming the step's output file.</summary>
    public const string Variable = "GITHUB_OUTPUT";

    /// <summary>The output holding the address the ingress controller gave the target's public Ingress.</summary>
    public const string IngressAddress = "ingress-address";

    /// <summary>Appends <paramref name="name"/>=<paramref name="value"/> to the step's output file, when there is one.</summary>
    public static void Write(string name, string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (System.Environment.GetEnvironmentVariable(Variable) is not { Length: > 0 } file)
        {
            return;
        }

        // A line break would end the value and start an output of the value's choosing.
        if (value.AsSpan().IndexOfAny('\r', '\n') >= 0)
        {
            throw new ArgumentException($"The output {name} must be one line.", nameof(value));
        }

        File.AppendAllText(file, $"{name}={value}\n");
    }
}

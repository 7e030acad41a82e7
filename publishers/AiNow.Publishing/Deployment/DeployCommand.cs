using System.Collections.Immutable;
using System.Text.RegularExpressions;

namespace AiNow.Publishing.Deployment;

/// <summary>
/// One process the deploy runs, exactly as printed: the program, its arguments, and the variables set
/// for it (paths only, never a secret: credentials come from the caller's environment).
/// </summary>
/// <param name="Program">The program, found on the PATH (<c>terraform</c>, <c>kubectl</c>).</param>
/// <param name="Arguments">The arguments, each passed as one word (no shell in between).</param>
internal sealed record DeployCommand(string Program, ImmutableArray<string> Arguments)
{
    /// <summary>Variables set for this process on top of the caller's (<c>KUBECONFIG</c>).</summary>
    public ImmutableSortedDictionary<string, string> Environment { get; init; } = ImmutableSortedDictionary<string, string>.Empty.WithComparers(StringComparer.Ordinal);

    /// <summary>A pattern the whole trimmed standard output must match for the command to succeed, or null for the exit code alone.</summary>
    public Regex? ExpectedOutput { get; init; }

    /// <summary>When set, the command is run again after this pause until it succeeds, within its step's timeout (a wait on a state).</summary>
    public TimeSpan? RepeatEvery { get; init; }

    /// <summary>
    /// With <see cref="RepeatEvery"/>: an answer other than the expected one is repeated only while it
    /// matches this (a state that may still change, a load balancer not serving yet); any other answer
    /// fails at once. Null repeats every failure.
    /// </summary>
    public Regex? RepeatWhile { get; init; }

    /// <summary>Programs that must be on the PATH besides <see cref="Program"/> (a kubectl plugin, a credential helper).</summary>
    public ImmutableArray<string> AlsoNeeds { get; init; } = [];

    /// <summary>
    /// When set, the trimmed output of the command's successful run is kept for the rest of the deploy,
    /// and later commands (rollbacks included) read it where their arguments say <c>${Name}</c>: a value
    /// only the cluster knows at run time (the ingress's address, the revision running before the apply).
    /// </summary>
    public Capture? Captures { get; init; }

    /// <summary>Every program this command needs on the PATH.</summary>
    public IEnumerable<string> Tools => AlsoNeeds.Prepend(Program);

    /// <summary>A command of <paramref name="program"/> with <paramref name="arguments"/>.</summary>
    public static DeployCommand Of(string program, params string[] arguments) => new(program, [.. arguments]);

    /// <summary>The command as one shell line: variables, program and arguments, quoted where a shell needs it.</summary>
    public string Text =>
        string.Join(' ', Environment.Select(e => $"{e.Key}={ShellWords.Quote(e.Value)}").Append(ShellWords.Join(Arguments.Prepend(Program))));

    /// <summary>How the command is judged, when more than its exit code counts; null otherwise.</summary>
    public string? Condition
    {
        get
        {
            var judged = (ExpectedOutput, RepeatEvery) switch
            {
                (null, null) => null,
                (null, { } every) => $"repeated every {Durations.Text(every)} until it succeeds",
                ({ } pattern, null) => $"its output must match {pattern}",
                ({ } pattern, { } every) when RepeatWhile is { } transient => $"repeated every {Durations.Text(every)} while it fails or answers {transient}, until its output matches {pattern}",
                ({ } pattern, { } every) => $"repeated every {Durations.Text(every)} until its output matches {pattern}",
            };
            var kept = Captures is { } capture
                ? $"its output is kept as {capture.Reference}" + (capture.WhenEmpty is { } empty ? $" ({empty} when empty)" : string.Empty) + (capture.Output is { } output ? $" and published as the step output {output}" : string.Empty)
                : null;
            return judged is null ? kept : kept is null ? judged : $"{judged}; {kept}";
        }
    }

    /// <summary>This command with every <c>${Name}</c> in its arguments replaced by the value kept under that name.</summary>
    public DeployCommand Resolve(IReadOnlyDictionary<string, string> captured)
    {
        ArgumentNullException.ThrowIfNull(captured);
        return captured.Count == 0
            ? this
            : this with { Arguments = [.. Arguments.Select(a => captured.Aggregate(a, (text, value) => text.Replace(Capture.ReferenceTo(value.Key), value.Value, StringComparison.Ordinal)))] };
    }

    /// <summary>This command with <paramref name="name"/>=<paramref name="value"/> set.</summary>
    public DeployCommand With(string name, string value) => this with { Environment = Environment.SetItem(name, value) };
}

/// <summary>A command's output kept under <paramref name="Name"/> for later commands of the deploy.</summary>
/// <param name="Name">The name later arguments refer to as <c>${Name}</c> (upper case, like a shell variable).</param>
/// <param name="WhenEmpty">The value kept when the output is empty (nothing ran before), or null to keep the empty text.</param>
/// <param name="Output">The step output (<see cref="StepOutputs"/>) the value is also published as, for later jobs of the run; null for none.</param>
internal sealed record Capture(string Name, string? WhenEmpty = null, string? Output = null)
{
    /// <summary>How an argument refers to the value: <c>${Name}</c>.</summary>
    public string Reference => ReferenceTo(Name);

    /// <summary>How an argument refers to the value kept under <paramref name="name"/>.</summary>
    public static string ReferenceTo(string name) => "${" + name + "}";
}

/// <summary>Durations as people write them in command lines (<c>15m</c>, <c>90s</c>).</summary>
internal static class Durations
{
    /// <summary><paramref name="duration"/> in whole hours, minutes or seconds.</summary>
    public static string Text(TimeSpan duration) => duration switch
    {
        { TotalHours: >= 1 } when duration.Minutes == 0 && duration.Seconds == 0 => $"{(int)duration.TotalHours}h",
        { TotalMinutes: >= 1 } when duration.Seconds == 0 => $"{(int)duration.TotalMinutes}m",
        _ => $"{(int)duration.TotalSeconds}s",
    };
}

namespace AiNow.Publishing.Deployment;

/// <summary>
/// A deploy that cannot go on: which step (or input), what is wrong, and how to fix it. The message
/// reads <c>{Step}: {Problem} Fix: {Fix}</c>, the same shape as the settings' errors.
/// </summary>
public sealed class DeployException : Exception
{
    /// <summary>A failure of <paramref name="step"/>.</summary>
    public DeployException(string step, string problem, string fix)
        : base($"{step}: {problem} Fix: {fix}")
    {
        Step = step;
        Problem = problem;
        Fix = fix;
    }

    /// <summary>The step or input that failed (<c>staging-aws: wait for the rollouts</c>, <c>Deploy:Release</c>).</summary>
    public string Step { get; }

    /// <summary>What is wrong.</summary>
    public string Problem { get; }

    /// <summary>What to do about it.</summary>
    public string Fix { get; }
}

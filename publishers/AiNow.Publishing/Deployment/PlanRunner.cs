using System.ComponentModel;
using System.Globalization;

namespace AiNow.Publishing.Deployment;

/// <summary>
/// Runs a plan for real: each step's commands in order, each step within its timeout, output streamed
/// line by line. The first failure stops the deploy: its diagnostics are shown, its rollback (a failed
/// rollout or smoke test) is run in full, and a <see cref="DeployException"/> names the step.
/// </summary>
/// <param name="workingDirectory">Where the commands run (the caller's folder).</param>
/// <param name="log">Where every line goes.</param>
internal sealed class PlanRunner(string workingDirectory, Action<string> log)
{
    private static readonly TimeSpan RollbackCommandTimeout = TimeSpan.FromMinutes(5);

    // What the commands kept (Captures) for the later ones; a run's own, so nothing leaks between deploys.
    private readonly Dictionary<string, string> _captured = new(StringComparer.Ordinal);

    /// <summary>Runs every step of <paramref name="plan"/>.</summary>
    public async Task RunAsync(DeployPlan plan, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(plan);
        for (var i = 0; i < plan.Steps.Length; i++)
        {
            var step = plan.Steps[i];
            log($"[{i + 1}/{plan.Steps.Length}] {step.Name}");
            if (await RunStepAsync(step, cancellationToken) is { } problem)
            {
                await FailAsync(step, problem, cancellationToken);
            }
        }

        log($"Deployed {plan.Environment} to {plan.Target}: release {plan.Release.Version}, {plan.Steps.Length} steps done.");
    }

    /// <summary>Runs the step's commands; returns what went wrong, or null.</summary>
    private async Task<string?> RunStepAsync(DeployStep step, CancellationToken cancellationToken)
    {
        var deadline = DateTimeOffset.UtcNow + step.Timeout;
        foreach (var planned in step.Commands)
        {
            var command = planned.Resolve(_captured);
            while (true)
            {
                var remaining = deadline - DateTimeOffset.UtcNow;
                if (remaining <= TimeSpan.Zero)
                {
                    return $"'{command.Text}' did not succeed within the step's {Durations.Text(step.Timeout)}.";
                }

                log("$ " + DeployPlanText.Line(command));
                var result = await RunAsync(command, remaining, cancellationToken);
                var failure = Judge(command, result, step.Timeout);
                if (failure is null)
                {
                    if (command.Captures is { } capture)
                    {
                        var value = result.Output.Length == 0 && capture.WhenEmpty is { } empty ? empty : result.Output;
                        _captured[capture.Name] = value;
                        if (capture.Output is { } output)
                        {
                            StepOutputs.Write(output, value);
                        }
                    }

                    break;
                }

                var settled = result.ExitCode == 0 && command.RepeatWhile is { } transient && !transient.IsMatch(result.Output);
                if (command.RepeatEvery is not { } every || result.ExitCode is null || settled || DateTimeOffset.UtcNow + every >= deadline)
                {
                    return failure;
                }

                await Task.Delay(every, cancellationToken);
            }
        }

        return null;
    }

    private static string? Judge(DeployCommand command, CommandResult result, TimeSpan stepTimeout)
    {
        if (result.ExitCode is null)
        {
            return $"'{command.Text}' was stopped: the step may take at most {Durations.Text(stepTimeout)}.";
        }

        if (result.ExitCode != 0)
        {
            return $"'{command.Text}' exited with {result.ExitCode.Value.ToString(CultureInfo.InvariantCulture)}.";
        }

        return command.ExpectedOutput is { } pattern && !pattern.IsMatch(result.Output)
            ? $"'{command.Text}' answered '{result.Output}', not what {pattern} expects."
            : null;
    }

    private async Task<CommandResult> RunAsync(DeployCommand command, TimeSpan timeout, CancellationToken cancellationToken)
    {
        try
        {
            return await DeployProcess.RunAsync(command, workingDirectory, timeout, line => log("  " + line), cancellationToken);
        }
        catch (Win32Exception exception)
        {
            log($"  {command.Program} could not be started: {exception.Message}");
            return new CommandResult(127, "");
        }
    }

    private async Task FailAsync(DeployStep step, string problem, CancellationToken cancellationToken)
    {
        foreach (var command in step.Diagnostics.Select(c => c.Resolve(_captured)))
        {
            log("$ " + command.Text);
            await RunAsync(command, RollbackCommandTimeout, cancellationToken);
        }

        var fix = step.Fix;
        if (step.Rollback is { } rollback)
        {
            log($"Rolling back: {rollback.Restores}");
            var failed = new List<string>();
            foreach (var command in rollback.Commands.Select(c => c.Resolve(_captured)))
            {
                log("$ " + command.Text);
                // Every command is tried: one Rollout that cannot be set back must not keep the others on the bad release.
                if (!(await RunAsync(command, RollbackCommandTimeout, cancellationToken)).Succeeded)
                {
                    failed.Add(command.Text);
                }
            }

            problem += failed.Count == 0
                ? $" Rolled back: {rollback.Restores}"
                : $" The rollback did not complete; these failed: {string.Join("; ", failed)}. Run them by hand once the cluster answers.";
        }

        throw new DeployException(step.Name, problem, fix);
    }
}

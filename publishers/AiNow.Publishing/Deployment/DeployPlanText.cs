using System.Globalization;
using System.Text;

namespace AiNow.Publishing.Deployment;

/// <summary>A plan as people read it: each step numbered, each command on its own line exactly as it runs, then what a failure rolls back.</summary>
internal static class DeployPlanText
{
    /// <summary>The whole plan.</summary>
    public static string Write(DeployPlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"Deploy of {plan.Environment} to {plan.Target}: release {plan.Release.Version} (commit {plan.Release.Commit}), {plan.Steps.Length} steps.\n");
        foreach (var prerequisite in plan.Prerequisites)
        {
            text.Append("Applied before, not by this deploy: ").Append(prerequisite).Append('\n');
        }

        for (var i = 0; i < plan.Steps.Length; i++)
        {
            text.Append(Step(plan.Steps[i], i + 1, plan.Steps.Length));
        }

        return text.ToString();
    }

    /// <summary>One step: its header, its commands, what runs on failure.</summary>
    public static string Step(DeployStep step, int number, int count)
    {
        ArgumentNullException.ThrowIfNull(step);
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"[{number}/{count}] {step.Name} (at most {Durations.Text(step.Timeout)})\n");
        foreach (var command in step.Commands)
        {
            text.Append("    ").Append(Line(command)).Append('\n');
        }

        foreach (var command in step.Diagnostics)
        {
            text.Append("    on failure, shows: ").Append(command.Text).Append('\n');
        }

        if (step.Rollback is { } rollback)
        {
            text.Append("    on failure, rolls back (").Append(rollback.Restores).Append("):\n");
            foreach (var command in rollback.Commands)
            {
                text.Append("      ").Append(command.Text).Append('\n');
            }
        }

        return text.ToString();
    }

    /// <summary>A command and, when more than its exit code counts, how it is judged (as a shell comment).</summary>
    public static string Line(DeployCommand command)
    {
        ArgumentNullException.ThrowIfNull(command);
        return command.Condition is { } condition ? $"{command.Text}   # {condition}" : command.Text;
    }
}

using System.Diagnostics;
using System.Text;

namespace AiNow.Publishing.Deployment;

/// <summary>What one command did.</summary>
/// <param name="ExitCode">Its exit code, or null when it was stopped for taking too long.</param>
/// <param name="Output">Its standard output, trimmed.</param>
internal sealed record CommandResult(int? ExitCode, string Output)
{
    /// <summary>True when it exited 0 in time.</summary>
    public bool Succeeded => ExitCode == 0;
}

/// <summary>Runs one <see cref="DeployCommand"/> as a process (no shell), streaming each line of its output as it comes.</summary>
internal static class DeployProcess
{
    /// <summary>
    /// Runs <paramref name="command"/> in <paramref name="workingDirectory"/>, sending each output line to
    /// <paramref name="line"/>; stops the whole process tree after <paramref name="timeout"/>.
    /// </summary>
    public static async Task<CommandResult> RunAsync(DeployCommand command, string workingDirectory, TimeSpan timeout, Action<string> line, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(line);
        var start = new ProcessStartInfo(command.Program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory,
        };
        foreach (var argument in command.Arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in command.Environment)
        {
            start.Environment[name] = value;
        }

        var output = new StringBuilder();
        using var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is { } text)
            {
                lock (output)
                {
                    output.Append(text).Append('\n');
                }

                line(text);
            }
        };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is { } text)
            {
                line(text);
            }
        };

        process.Start();
        // Nothing is ever typed into a deploy: a tool that asks a question gets end-of-input and fails.
        process.StandardInput.Close();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        try
        {
            await process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync(CancellationToken.None);
            cancellationToken.ThrowIfCancellationRequested();
            return new CommandResult(null, Text(output));
        }

        // The asynchronous readers may still hold the last lines: this waits for them.
        process.WaitForExit();
        return new CommandResult(process.ExitCode, Text(output));
    }

    private static string Text(StringBuilder output)
    {
        lock (output)
        {
            return output.ToString().Trim();
        }
    }
}

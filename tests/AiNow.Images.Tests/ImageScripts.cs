using AiNow.Publishing.Tests.Infrastructure;

namespace AiNow.Images.Tests;

/// <summary>Runs the repository's image scripts (<c>eng/*.sh</c>) and podman, with a timeout.</summary>
internal static class ImageScripts
{
    /// <summary>Runs <c>eng/<paramref name="script"/></c> with bash; stdout and stderr are returned apart.</summary>
    public static Task<ProcessResult> RunScriptAsync(string script, TimeSpan timeout, params string[] arguments) =>
        RunAsync("bash", [Path.Combine(RepositoryPaths.Root, "eng", script), .. arguments], timeout);

    /// <summary>Runs podman (or any command) from the repository root.</summary>
    public static async Task<ProcessResult> RunAsync(string fileName, IEnumerable<string> arguments, TimeSpan timeout)
    {
        var (exitCode, output, error) = await ProcessRunner.RunAsync(fileName, arguments, timeout: timeout);
        return new ProcessResult(exitCode, output, error);
    }
}

/// <summary>What a finished process printed and how it exited.</summary>
internal sealed record ProcessResult(int ExitCode, string Output, string Error)
{
    /// <summary>Both streams, for failure messages.</summary>
    public override string ToString() => $"exit {ExitCode}\n--- stdout\n{Output}\n--- stderr\n{Error}";
}

using System.Diagnostics;

namespace AiNow.Publishing.Tests.Infrastructure;

/// <summary>Runs processes the tests need (kubectl, node, npm, dotnet) with a timeout.</summary>
internal static class ProcessRunner
{
    public static async Task<(int ExitCode, string Output, string Error)> RunAsync(string fileName, IEnumerable<string> arguments, string? workingDirectory = null, TimeSpan? timeout = null, IReadOnlyDictionary<string, string>? environment = null)
    {
        var start = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = workingDirectory ?? RepositoryPaths.Root,
        };
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {fileName}.");
        using var cancellation = new CancellationTokenSource(timeout ?? TimeSpan.FromMinutes(2));
        var output = process.StandardOutput.ReadToEndAsync(cancellation.Token);
        var error = process.StandardError.ReadToEndAsync(cancellation.Token);
        try
        {
            await process.WaitForExitAsync(cancellation.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{fileName} {string.Join(' ', arguments)} did not finish in time.");
        }

        return (process.ExitCode, await output, await error);
    }

    /// <summary>Renders a kustomization folder with <c>kubectl kustomize</c>.</summary>
    public static async Task<string> KustomizeAsync(string folder)
    {
        var (exitCode, output, error) = await RunAsync("kubectl", ["kustomize", folder]);
        return exitCode == 0 ? output : throw new InvalidOperationException($"kubectl kustomize {folder} failed ({exitCode}): {error}");
    }
}

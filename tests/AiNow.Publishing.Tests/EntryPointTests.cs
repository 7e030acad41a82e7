using AiNow.Publishing.Kubernetes;
using AiNow.Publishing.Tests.Infrastructure;

namespace AiNow.Publishing.Tests;

/// <summary>
/// The documented command, run as a process: it writes the manifests and exits 0, and exits
/// non-zero when the publish fails (Aspire 13.6 alone would exit 0 after a failed step).
/// </summary>
public sealed class EntryPointTests
{
    [Fact]
    public async Task DotnetRunPublish_Succeeds_WithExitCodeZero()
    {
        var output = Directory.CreateTempSubdirectory("ainow-cli-").FullName;
        try
        {
            var (exitCode, stdout, stderr) = await RunPublishAsync(output);

            Assert.True(exitCode == 0, stdout + stderr);
            Assert.True(File.Exists(Path.Combine(output, KubernetesEmitter.Folder, "base", "kustomization.yaml")), stdout);
        }
        finally
        {
            Directory.Delete(output, recursive: true);
        }
    }

    [Fact]
    public async Task DotnetRunPublish_ThatFails_ExitsNonZero_AndLeavesThePreviousOutput()
    {
        var output = FolderSnapshot.CreateOutputWithPreviousPublish();
        var before = FolderSnapshot.Take(output);
        var blocked = Path.Combine(output, "kubernetes", "base", "previous.yaml", "not-a-folder");
        try
        {
            var (exitCode, stdout, stderr) = await RunPublishAsync(blocked);

            Assert.NotEqual(0, exitCode);
            Assert.Contains("Publish failed", stdout + stderr, StringComparison.Ordinal);
            Assert.Equal(before, FolderSnapshot.Take(output));
        }
        finally
        {
            Directory.Delete(output, recursive: true);
        }
    }

    [Fact]
    public async Task ARelativeOutputPath_LandsBesideTheShell_NotInTheAppHostsFolder()
    {
        // A shell at a checkout's root typing "--output-path manifests": dotnet run starts the AppHost in its own folder.
        var shell = Directory.CreateTempSubdirectory("ainow-shell-").FullName;
        var stray = Path.Combine(RepositoryPaths.Root, "AiNow.AppHost", "relative-output");
        try
        {
            var (exitCode, stdout, stderr) = await RunPublishAsync("relative-output", shell);

            Assert.True(exitCode == 0, stdout + stderr);
            Assert.True(File.Exists(Path.Combine(shell, "relative-output", KubernetesEmitter.Folder, "base", "kustomization.yaml")), stdout);
            Assert.True(File.Exists(Path.Combine(shell, "relative-output", "terraform", "README.md")), stdout);
            Assert.False(Directory.Exists(stray), "the relative path was resolved against the AppHost's folder");
        }
        finally
        {
            Directory.Delete(shell, recursive: true);
            if (Directory.Exists(stray))
            {
                Directory.Delete(stray, recursive: true);
            }
        }
    }

    private static Task<(int ExitCode, string Output, string Error)> RunPublishAsync(string output, string? shellDirectory = null) =>
        ProcessRunner.RunAsync(
            "dotnet",
            ["run", "--project", Path.Combine(RepositoryPaths.Root, "AiNow.AppHost"), "--no-build", "-c", RepositoryPaths.Configuration, "--", "--operation", "publish", "--step", "publish", "--output-path", output],
            shellDirectory ?? RepositoryPaths.Root,
            TimeSpan.FromMinutes(3),
            // A shell keeps PWD in step with its current folder; the publish step reads it as the Aspire CLI does.
            shellDirectory is null ? null : new Dictionary<string, string> { ["PWD"] = shellDirectory });
}

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

    private static Task<(int ExitCode, string Output, string Error)> RunPublishAsync(string output) =>
        ProcessRunner.RunAsync(
            "dotnet",
            ["run", "--project", "AiNow.AppHost", "--no-build", "-c", RepositoryPaths.Configuration, "--", "--operation", "publish", "--step", "publish", "--output-path", output],
            RepositoryPaths.Root,
            TimeSpan.FromMinutes(3));
}

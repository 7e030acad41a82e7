using AiNow.Publishing.Kubernetes;
using AiNow.Publishing.Overview;
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
    public async Task DotnetRunPublish_WhoseLastRenameFails_ExitsNonZero_AndPutsTheWholeOutputBack()
    {
        // Every emitter's output is written in full beside its target; the folders then move in one by one,
        // and overview.md, last, cannot: a folder holds its name. The folders already moved must go back.
        var output = FolderSnapshot.CreateOutputWithPreviousPublish();
        Directory.CreateDirectory(Path.Combine(output, "terraform"));
        File.WriteAllBytes(Path.Combine(output, "terraform", "README.md"), [0xEF, 0xBB, 0xBF, (byte)'#', (byte)'\r', (byte)'\n']);
        Directory.CreateDirectory(Path.Combine(output, OverviewEmitter.FileName));
        File.WriteAllText(Path.Combine(output, OverviewEmitter.FileName, "not-a-file.txt"), "a folder where the overview goes\n");
        var before = FolderSnapshot.Capture(output);
        try
        {
            var (exitCode, stdout, stderr) = await RunPublishAsync(output);

            Assert.NotEqual(0, exitCode);
            Assert.Contains($"Publish failed; {output} was left as it was", stdout + stderr, StringComparison.Ordinal);
            FolderSnapshot.AssertUnchanged(before, output);
        }
        finally
        {
            Directory.Delete(output, recursive: true);
        }
    }

    [Fact]
    public async Task ARelativeOutputPath_LandsBesideTheShell_NotInTheAppHostsFolder()
    {
        // A shell at a checkout's root typing the documented "--output-path manifests": dotnet run starts the AppHost in its own folder.
        // The shell here is a scratch folder, so the repository's own manifests/ is never written.
        var shell = Directory.CreateTempSubdirectory("ainow-shell-").FullName;
        var stray = Path.Combine(RepositoryPaths.Root, "AiNow.AppHost", "manifests");
        var committed = FolderSnapshot.Take(RepositoryPaths.CommittedManifests);
        try
        {
            var (exitCode, stdout, stderr) = await RunPublishAsync("manifests", shell);

            Assert.True(exitCode == 0, stdout + stderr);
            Assert.True(File.Exists(Path.Combine(shell, "manifests", KubernetesEmitter.Folder, "base", "kustomization.yaml")), stdout);
            Assert.True(File.Exists(Path.Combine(shell, "manifests", "terraform", "README.md")), stdout);
            Assert.False(Directory.Exists(stray), "the relative path was resolved against the AppHost's folder");
            Assert.Equal(committed, FolderSnapshot.Take(RepositoryPaths.CommittedManifests));
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

using AiNow.Publishing.Tests.Infrastructure;
using AiNow.Publishing.Writing;

namespace AiNow.Publishing.Tests;

/// <summary>The swap's own rename, and what the writer says when even putting the output back fails.</summary>
public sealed class OutputSwapTests
{
    [Fact]
    public void Rename_NeverReplacesAnExistingFile()
    {
        var folder = Directory.CreateTempSubdirectory("ainow-swap-").FullName;
        try
        {
            File.WriteAllText(Path.Combine(folder, "new"), "new\n");
            File.WriteAllText(Path.Combine(folder, "existing"), "existing\n");

            Assert.Throws<IOException>(() => OutputSwap.Rename(Path.Combine(folder, "new"), Path.Combine(folder, "existing")));

            Assert.Equal(new SortedDictionary<string, string>(StringComparer.Ordinal) { ["existing"] = "existing\n", ["new"] = "new\n" }, FolderSnapshot.Take(folder));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void Rename_MovesAFolderWithItsContent()
    {
        var folder = Directory.CreateTempSubdirectory("ainow-swap-").FullName;
        try
        {
            Directory.CreateDirectory(Path.Combine(folder, "from", "inner"));
            File.WriteAllText(Path.Combine(folder, "from", "inner", "a.yaml"), "a: 1\n");

            OutputSwap.Rename(Path.Combine(folder, "from"), Path.Combine(folder, "to"));

            Assert.Equal(["to/", "to/inner/", "to/inner/a.yaml"], FolderSnapshot.Entries(folder));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>
    /// Renames of the parts below: 1 kubernetes aside, 2 its new copy in, 3 the new terraform in (there was none),
    /// 4 overview.md aside, 5 its new copy in (fails). Putting back, last first: 6 overview.md back, 7 the new
    /// terraform out (fails: nothing was there before, so nothing is kept), 8 the new kubernetes out (fails too:
    /// the previous one waits aside).
    /// </summary>
    [Fact]
    public async Task WhenPuttingSeveralPartsBackFails_TheErrorNamesEachAndWhereItsPreviousContentIsKept()
    {
        var output = FolderSnapshot.CreateOutputWithPreviousPublish();
        File.WriteAllText(Path.Combine(output, "overview.md"), "# old\n");
        var rename = new FailingRename(5, 7, 8);
        try
        {
            var error = await Assert.ThrowsAsync<IOException>(() => AtomicDirectoryWriter.WriteAllAsync(
            [
                new(Path.Combine(output, "kubernetes"), [new("base/new.yaml", "new: true\n")], ReplacesDirectory: true),
                new(Path.Combine(output, "terraform"), [new("main.tf", "# new\n")], ReplacesDirectory: true),
                new(output, [new("overview.md", "# new\n")], ReplacesDirectory: false),
            ], rename.Rename, CancellationToken.None));

            var previousKubernetes = rename.Requested[0].To;
            Assert.Equal(
                "Writing the output failed (rename 5 failed on purpose) and could not be undone: "
                + $"{Path.Combine(output, "terraform")}: rename 7 failed on purpose; "
                + $"{Path.Combine(output, "kubernetes")} (its previous content is kept at {previousKubernetes}): rename 8 failed on purpose.",
                error.Message);
            Assert.Equal("rename 5 failed on purpose", error.InnerException?.Message);
            Assert.Equal("# old\n", File.ReadAllText(Path.Combine(output, "overview.md")));
            Assert.True(Directory.Exists(previousKubernetes));
        }
        finally
        {
            Directory.Delete(output, recursive: true);
        }
    }
}

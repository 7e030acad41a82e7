using AiNow.Publishing.Tests.Infrastructure;
using AiNow.Publishing.Writing;

namespace AiNow.Publishing.Tests;

/// <summary>What the atomic writer refuses before it writes anything, and the edges of what it accepts.</summary>
public sealed class WriterArgumentTests
{
    [Fact]
    public async Task WriteAll_OfNoList_NamesTheParameter()
    {
        var error = await Assert.ThrowsAsync<ArgumentNullException>(() => AtomicDirectoryWriter.WriteAllAsync(null!));

        Assert.Equal("parts", error.ParamName);
    }

    /// <summary>A bad part after a good one: the good one's staging copy is discarded and the output is left as it was.</summary>
    [Theory]
    [InlineData("no part", "part")]
    [InlineData("no folder", "part.Directory")]
    [InlineData("an empty folder name", "part.Directory")]
    [InlineData("no file list", "part.Files")]
    public async Task WriteAll_OfABadPart_NamesWhatIsMissing_AndWritesNothing(string problem, string parameter)
    {
        var output = FolderSnapshot.CreateOutputWithPreviousPublish();
        var before = FolderSnapshot.Capture(output);
        OutputPart bad = problem switch
        {
            "no part" => null!,
            "no folder" => new(null!, [], ReplacesDirectory: true),
            "an empty folder name" => new("", [], ReplacesDirectory: true),
            "no file list" => new(Path.Combine(output, "terraform"), null!, ReplacesDirectory: true),
            _ => throw new ArgumentOutOfRangeException(nameof(problem), problem, "Unknown problem."),
        };
        try
        {
            var error = await Assert.ThrowsAnyAsync<ArgumentException>(() => AtomicDirectoryWriter.WriteAllAsync(
                [new(Path.Combine(output, "kubernetes"), [new("base/new.yaml", "new: true\n")], ReplacesDirectory: true), bad]));

            Assert.Equal(parameter, error.ParamName);
            FolderSnapshot.AssertUnchanged(before, output);
        }
        finally
        {
            Directory.Delete(output, recursive: true);
        }
    }

    [Fact]
    public async Task Write_ToTheFileSystemRoot_IsRefused()
    {
        var error = await Assert.ThrowsAsync<ArgumentException>(() => AtomicDirectoryWriter.WriteAsync(Path.GetPathRoot(Path.GetTempPath())!, [new("a.yaml", "a: 1\n")]));

        Assert.StartsWith("The target cannot be a file-system root.", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Write_OfNoFiles_LeavesTheFolderEmpty()
    {
        var output = FolderSnapshot.CreateOutputWithPreviousPublish();
        try
        {
            await AtomicDirectoryWriter.WriteAsync(Path.Combine(output, "kubernetes"), []);

            Assert.Equal(["kubernetes/"], FolderSnapshot.Entries(output));
        }
        finally
        {
            Directory.Delete(output, recursive: true);
        }
    }

    [Fact]
    public async Task WriteAll_OfSingleFiles_IntoFoldersThatDoNotExistYet_CreatesThem()
    {
        var output = Directory.CreateTempSubdirectory("ainow-publish-").FullName;
        try
        {
            await AtomicDirectoryWriter.WriteAllAsync(
            [
                new(Path.Combine(output, "new", "deeper", "kubernetes"), [new("base/a.yaml", "a: 1\n")], ReplacesDirectory: true),
                new(Path.Combine(output, "docs", "guides"), [new("overview.md", "# overview\n")], ReplacesDirectory: false),
            ]);

            Assert.Equal(
                new SortedDictionary<string, string>(StringComparer.Ordinal) { ["docs/guides/overview.md"] = "# overview\n", ["new/deeper/kubernetes/base/a.yaml"] = "a: 1\n" },
                FolderSnapshot.Take(output));
        }
        finally
        {
            Directory.Delete(output, recursive: true);
        }
    }

    /// <summary>
    /// Staging and previous copies lie beside their targets (a rename never crosses a file system), hidden,
    /// and carry one suffix per run, so a run never mistakes another run's leftovers for its own.
    /// </summary>
    [Fact]
    public async Task WriteAll_StagesBesideEachTarget_UnderHiddenNamesWithOneSuffixPerRun()
    {
        var output = FolderSnapshot.CreateOutputWithPreviousPublish();
        File.WriteAllText(Path.Combine(output, "overview.md"), "# old\n");
        var rename = new FailingRename();
        try
        {
            await AtomicDirectoryWriter.WriteAllAsync(
            [
                new(Path.Combine(output, "kubernetes"), [new("base/new.yaml", "new: true\n")], ReplacesDirectory: true),
                new(Path.Combine(output, "terraform"), [new("main.tf", "# new\n")], ReplacesDirectory: true),
                new(output, [new("overview.md", "# new\n")], ReplacesDirectory: false),
            ], rename.Rename, CancellationToken.None);

            var suffix = Path.GetFileName(rename.Requested[0].To)[".kubernetes.previous-".Length..];
            Assert.Matches("^[0-9a-f]{12}$", suffix);
            string At(string name) => Path.Combine(output, name);
            Assert.Equal(
            [
                (At("kubernetes"), At($".kubernetes.previous-{suffix}")),
                (At($".kubernetes.staging-{suffix}"), At("kubernetes")),
                (At($".terraform.staging-{suffix}"), At("terraform")),
                (At("overview.md"), At($".overview.md.previous-{suffix}")),
                (At($".overview.md.staging-{suffix}"), At("overview.md")),
            ], rename.Requested);
        }
        finally
        {
            Directory.Delete(output, recursive: true);
        }
    }
}

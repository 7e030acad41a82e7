using AiNow.Publishing.Tests.Infrastructure;
using AiNow.Publishing.Writing;

namespace AiNow.Publishing.Tests;

public sealed class WriterTests
{
    [Fact]
    public async Task Write_ReplacesTheWholeFolder_DroppingStaleFiles()
    {
        var output = FolderSnapshot.CreateOutputWithPreviousPublish();
        try
        {
            var target = Path.Combine(output, "kubernetes");
            await AtomicDirectoryWriter.WriteAsync(target, [new("base/a.yaml", "a: 1\n"), new("overlays/dev/b.yaml", "b: 2\n")]);

            Assert.Equal(new SortedDictionary<string, string>(StringComparer.Ordinal) { ["base/a.yaml"] = "a: 1\n", ["overlays/dev/b.yaml"] = "b: 2\n" }, FolderSnapshot.Take(target));
            Assert.Equal(["kubernetes/", "kubernetes/base/", "kubernetes/base/a.yaml", "kubernetes/overlays/", "kubernetes/overlays/dev/", "kubernetes/overlays/dev/b.yaml"], FolderSnapshot.Entries(output));
        }
        finally
        {
            Directory.Delete(output, recursive: true);
        }
    }

    [Theory]
    [InlineData("../escape.yaml")]
    [InlineData("base/../../escape.yaml")]
    [InlineData("./here.yaml")]
    [InlineData("/etc/absolute.yaml")]
    [InlineData("base//empty-segment.yaml")]
    [InlineData("")]
    [InlineData(" ")]
    public async Task Write_FailingHalfway_LeavesThePreviousFolderUntouched_AndNoLeftovers(string badPath)
    {
        var output = FolderSnapshot.CreateOutputWithPreviousPublish();
        var before = FolderSnapshot.Capture(output);
        try
        {
            var error = await Assert.ThrowsAsync<ArgumentException>(() => AtomicDirectoryWriter.WriteAsync(
                Path.Combine(output, "kubernetes"),
                [new("base/first.yaml", "written before the failure\n"), new(badPath, "x\n")]));

            Assert.Equal("relativePath", error.ParamName);
            Assert.StartsWith($"'{badPath}' is not a relative path inside the output folder.", error.Message, StringComparison.Ordinal);
            FolderSnapshot.AssertUnchanged(before, output);
        }
        finally
        {
            Directory.Delete(output, recursive: true);
        }
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public async Task Write_WhenARenameOfTheSwapFails_PutsThePreviousFolderBack_AndLeavesNothingBehind(int failingRename)
    {
        var output = FolderSnapshot.CreateOutputWithPreviousPublish();
        var before = FolderSnapshot.Capture(output);
        var rename = new FailingRename(failingRename);
        try
        {
            var error = await Assert.ThrowsAsync<IOException>(() => AtomicDirectoryWriter.WriteAllAsync(
                [new(Path.Combine(output, "kubernetes"), [new("base/new.yaml", "new: true\n")], ReplacesDirectory: true)], rename.Rename, CancellationToken.None));

            Assert.Equal($"rename {failingRename} failed on purpose", error.Message);
            FolderSnapshot.AssertUnchanged(before, output);
        }
        finally
        {
            Directory.Delete(output, recursive: true);
        }
    }

    [Fact]
    public async Task Write_WhenTheSwapFails_WithNoPreviousFolder_LeavesNothingBehind()
    {
        var output = Directory.CreateTempSubdirectory("ainow-publish-").FullName;
        try
        {
            var error = await Assert.ThrowsAsync<IOException>(() => AtomicDirectoryWriter.WriteAllAsync(
                [new(Path.Combine(output, "kubernetes"), [new("base/new.yaml", "new: true\n")], ReplacesDirectory: true)], new FailingRename(1).Rename, CancellationToken.None));

            Assert.Equal("rename 1 failed on purpose", error.Message);
            Assert.Empty(FolderSnapshot.Entries(output));
        }
        finally
        {
            Directory.Delete(output, recursive: true);
        }
    }

    [Fact]
    public async Task WriteAll_ReplacesEveryPart_AndLeavesOtherFilesOfTheOutputAlone()
    {
        var output = CreateOutputWithSeveralParts();
        try
        {
            await AtomicDirectoryWriter.WriteAllAsync(NewParts(output));

            Assert.Equal(
                new SortedDictionary<string, string>(StringComparer.Ordinal)
                {
                    ["kubernetes/base/new.yaml"] = "new: true\n",
                    ["notes.txt"] = "not ours\n",
                    ["overview.md"] = "# new overview\n",
                    ["terraform/main.tf"] = "# new\n",
                },
                FolderSnapshot.Take(output));
            Assert.DoesNotContain(FolderSnapshot.Entries(output), e => e.StartsWith('.') || e.Contains("/.", StringComparison.Ordinal));
        }
        finally
        {
            Directory.Delete(output, recursive: true);
        }
    }

    /// <summary>
    /// The renames of three parts: 1 kubernetes aside, 2 its new copy in, 3 the new terraform in (there was
    /// none), 4 overview.md aside, 5 its new copy in. Whichever fails, the parts already in place go back.
    /// </summary>
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    public async Task WriteAll_WhenAnyRenameFails_PutsEveryPartBack_ByteForByte(int failingRename)
    {
        var output = CreateOutputWithSeveralParts();
        var before = FolderSnapshot.Capture(output);
        try
        {
            var error = await Assert.ThrowsAsync<IOException>(() => AtomicDirectoryWriter.WriteAllAsync(NewParts(output), new FailingRename(failingRename).Rename, CancellationToken.None));

            Assert.Equal($"rename {failingRename} failed on purpose", error.Message);
            FolderSnapshot.AssertUnchanged(before, output);
        }
        finally
        {
            Directory.Delete(output, recursive: true);
        }
    }

    [Fact]
    public async Task WriteAll_WhenPuttingBackFailsToo_SaysWhereThePreviousPartIsKept_AndKeepsIt()
    {
        // Rename 3 (terraform in) fails; putting back starts with rename 4 (the new kubernetes out), which fails too.
        var output = CreateOutputWithSeveralParts();
        var previousKubernetes = FolderSnapshot.Take(Path.Combine(output, "kubernetes"));
        try
        {
            var error = await Assert.ThrowsAsync<IOException>(() => AtomicDirectoryWriter.WriteAllAsync(NewParts(output), new FailingRename(3, 4).Rename, CancellationToken.None));

            Assert.StartsWith("Writing the output failed (rename 3 failed on purpose) and could not be undone: ", error.Message, StringComparison.Ordinal);
            var keptAt = error.Message[(error.Message.IndexOf("kept at ", StringComparison.Ordinal) + "kept at ".Length)..error.Message.IndexOf("):", StringComparison.Ordinal)];
            Assert.StartsWith(Path.Combine(output, ".kubernetes.previous-"), keptAt, StringComparison.Ordinal);
            Assert.Equal(previousKubernetes, FolderSnapshot.Take(keptAt));
            Assert.Equal("rename 3 failed on purpose", error.InnerException?.Message);
        }
        finally
        {
            Directory.Delete(output, recursive: true);
        }
    }

    [Fact]
    public async Task WriteAll_RefusesASingleFileInASubfolder_AndWritesNothing()
    {
        var output = CreateOutputWithSeveralParts();
        var before = FolderSnapshot.Capture(output);
        try
        {
            var error = await Assert.ThrowsAsync<ArgumentException>(() => AtomicDirectoryWriter.WriteAllAsync(
                [.. NewParts(output), new(output, [new("docs/guide.md", "# guide\n")], ReplacesDirectory: false)]));

            Assert.Contains("'docs/guide.md' is in a subfolder", error.Message, StringComparison.Ordinal);
            FolderSnapshot.AssertUnchanged(before, output);
        }
        finally
        {
            Directory.Delete(output, recursive: true);
        }
    }

    /// <summary>A previous output: kubernetes/ and overview.md from an earlier publish (no terraform/ yet), and a file that is not ours.</summary>
    private static string CreateOutputWithSeveralParts()
    {
        var output = FolderSnapshot.CreateOutputWithPreviousPublish();
        File.WriteAllBytes(Path.Combine(output, "overview.md"), [0xEF, 0xBB, 0xBF, (byte)'#', (byte)'\r', (byte)'\n']);
        File.WriteAllText(Path.Combine(output, "notes.txt"), "not ours\n");
        return output;
    }

    private static List<OutputPart> NewParts(string output) =>
    [
        new(Path.Combine(output, "kubernetes"), [new("base/new.yaml", "new: true\n")], ReplacesDirectory: true),
        new(Path.Combine(output, "terraform"), [new("main.tf", "# new\n")], ReplacesDirectory: true),
        new(output, [new("overview.md", "# new overview\n")], ReplacesDirectory: false),
    ];
}

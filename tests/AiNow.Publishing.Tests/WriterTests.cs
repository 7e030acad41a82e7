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
            Assert.Equal(["kubernetes"], Directory.GetFileSystemEntries(output).Select(p => Path.GetFileName(p)));
        }
        finally
        {
            Directory.Delete(output, recursive: true);
        }
    }

    [Theory]
    [InlineData("../escape.yaml")]
    [InlineData("/etc/absolute.yaml")]
    [InlineData("base//empty-segment.yaml")]
    public async Task Write_FailingHalfway_LeavesThePreviousFolderUntouched_AndNoLeftovers(string badPath)
    {
        var output = FolderSnapshot.CreateOutputWithPreviousPublish();
        var before = FolderSnapshot.Take(output);
        try
        {
            await Assert.ThrowsAsync<ArgumentException>(() => AtomicDirectoryWriter.WriteAsync(
                Path.Combine(output, "kubernetes"),
                [new("base/first.yaml", "written before the failure\n"), new(badPath, "x\n")]));

            Assert.Equal(before, FolderSnapshot.Take(output));
            Assert.Equal(["kubernetes"], Directory.GetFileSystemEntries(output).Select(p => Path.GetFileName(p)));
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
        var before = FolderSnapshot.Take(output);
        var renames = 0;
        void Move(string from, string to)
        {
            if (++renames == failingRename)
            {
                throw new IOException($"rename {renames} failed on purpose");
            }

            Directory.Move(from, to);
        }

        try
        {
            var error = await Assert.ThrowsAsync<IOException>(() => AtomicDirectoryWriter.WriteAsync(
                Path.Combine(output, "kubernetes"), [new("base/new.yaml", "new: true\n")], Move, CancellationToken.None));

            Assert.Contains("failed on purpose", error.Message, StringComparison.Ordinal);
            Assert.Equal(failingRename, renames);
            Assert.Equal(before, FolderSnapshot.Take(output));
            Assert.Equal(["kubernetes"], Directory.GetFileSystemEntries(output).Select(p => Path.GetFileName(p)));
        }
        finally
        {
            Directory.Delete(output, recursive: true);
        }
    }
}

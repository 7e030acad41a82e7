namespace AiNow.Publishing.Tests.Infrastructure;

/// <summary>Every file below a folder with its bytes, to compare a folder before and after.</summary>
internal static class FolderSnapshot
{
    /// <summary>
    /// Each file's bytes as Latin-1 text: one character per byte, so two snapshots are equal exactly
    /// when the bytes are (a decoding reader would drop a byte-order mark and replace invalid bytes),
    /// and ASCII reads as itself.
    /// </summary>
    public static SortedDictionary<string, string> Take(string root)
    {
        var files = new SortedDictionary<string, string>(StringComparer.Ordinal);
        if (!Directory.Exists(root))
        {
            return files;
        }

        foreach (var path in Directory.GetFiles(root, "*", SearchOption.AllDirectories))
        {
            files[Path.GetRelativePath(root, path).Replace(Path.DirectorySeparatorChar, '/')] = System.Text.Encoding.Latin1.GetString(File.ReadAllBytes(path));
        }

        return files;
    }

    /// <summary>Every folder and file below a folder, hidden ones included (a leftover staging folder is one), folders ending in '/'.</summary>
    public static IReadOnlyList<string> Entries(string root) =>
        [.. Directory.EnumerateFileSystemEntries(root, "*", new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = FileAttributes.None })
            .Select(path => Path.GetRelativePath(root, path).Replace(Path.DirectorySeparatorChar, '/') + (Directory.Exists(path) ? "/" : ""))
            .Order(StringComparer.Ordinal)];

    /// <summary>A folder exactly as it is: every file's bytes (<see cref="Take"/>) and every entry, hidden ones included (<see cref="Entries"/>).</summary>
    public static FolderState Capture(string root) => new(Take(root), Entries(root));

    /// <summary>Checks that <paramref name="root"/> is exactly as <paramref name="before"/> captured it: the same bytes, nothing added or left behind.</summary>
    public static void AssertUnchanged(FolderState before, string root)
    {
        Assert.Equal(before.Files, Take(root));
        Assert.Equal(before.Entries, Entries(root));
    }

    /// <summary>A throwaway folder holding a previous publish (one marker file), to prove it is left untouched.</summary>
    public static string CreateOutputWithPreviousPublish()
    {
        var output = Directory.CreateTempSubdirectory("ainow-publish-").FullName;
        var previous = Path.Combine(output, "kubernetes", "base");
        Directory.CreateDirectory(previous);
        File.WriteAllText(Path.Combine(previous, "previous.yaml"), "# the previous publish\nkind: ConfigMap\n");
        return output;
    }
}

/// <summary>What <see cref="FolderSnapshot.Capture"/> saw.</summary>
internal sealed record FolderState(SortedDictionary<string, string> Files, IReadOnlyList<string> Entries);

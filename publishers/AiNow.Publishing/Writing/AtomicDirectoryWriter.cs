using System.Text;

namespace AiNow.Publishing.Writing;

/// <summary>
/// Replaces the parts of an output all at once, or none of them: every part is first written in full
/// to a hidden staging copy beside its target, then each copy takes its target's place by rename (see
/// <see cref="OutputSwap"/>). A failure at any point leaves the output exactly as it was.
/// </summary>
public static class AtomicDirectoryWriter
{
    private static readonly UTF8Encoding Utf8WithoutBom = new(encoderShouldEmitUTF8Identifier: false);

    /// <summary>Replaces <paramref name="targetDirectory"/> with exactly <paramref name="files"/>.</summary>
    public static Task WriteAsync(string targetDirectory, IReadOnlyCollection<GeneratedFile> files, CancellationToken cancellationToken = default) =>
        WriteAllAsync([new OutputPart(targetDirectory, files, ReplacesDirectory: true)], cancellationToken);

    /// <summary>Writes every part, or on any failure none: what was already replaced is put back.</summary>
    public static Task WriteAllAsync(IReadOnlyList<OutputPart> parts, CancellationToken cancellationToken = default) =>
        WriteAllAsync(parts, OutputSwap.Rename, cancellationToken);

    /// <summary>As <see cref="WriteAllAsync(IReadOnlyList{OutputPart}, CancellationToken)"/>, renaming with <paramref name="rename"/> (tests fail it on purpose).</summary>
    internal static async Task WriteAllAsync(IReadOnlyList<OutputPart> parts, Action<string, string> rename, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(parts);

        var suffix = Guid.NewGuid().ToString("N")[..12];
        var staged = new List<StagedReplacement>();
        try
        {
            foreach (var part in parts)
            {
                await StageAsync(part, suffix, staged, cancellationToken);
            }
        }
        catch
        {
            OutputSwap.Discard(staged);
            throw;
        }

        OutputSwap.Apply(staged, rename);
    }

    private static async Task StageAsync(OutputPart part, string suffix, List<StagedReplacement> staged, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(part);
        ArgumentException.ThrowIfNullOrEmpty(part.Directory);
        ArgumentNullException.ThrowIfNull(part.Files);

        var directory = Path.GetFullPath(part.Directory);
        if (part.ReplacesDirectory)
        {
            var replacement = Beside(directory, suffix, isDirectory: true);
            staged.Add(replacement);
            Directory.CreateDirectory(replacement.Staging);
            foreach (var file in part.Files)
            {
                var path = ResolveInside(replacement.Staging, file.Path);
                Directory.CreateDirectory(Path.GetDirectoryName(path)!);
                await File.WriteAllTextAsync(path, file.Content, Utf8WithoutBom, cancellationToken);
            }

            return;
        }

        foreach (var file in part.Files)
        {
            if (file.Path.Contains('/', StringComparison.Ordinal))
            {
                throw new ArgumentException($"'{file.Path}' is in a subfolder; a part of single files holds files at its folder's top only.", nameof(part));
            }

            var replacement = Beside(ResolveInside(directory, file.Path), suffix, isDirectory: false);
            staged.Add(replacement);
            await File.WriteAllTextAsync(replacement.Staging, file.Content, Utf8WithoutBom, cancellationToken);
        }
    }

    /// <summary>The hidden staging and previous names beside <paramref name="target"/>, in the same folder so a rename moves them.</summary>
    private static StagedReplacement Beside(string target, string suffix, bool isDirectory)
    {
        var parent = Path.GetDirectoryName(target) ?? throw new ArgumentException("The target cannot be a file-system root.", nameof(target));
        var name = Path.GetFileName(target);
        Directory.CreateDirectory(parent);
        return new StagedReplacement(target, Path.Combine(parent, $".{name}.staging-{suffix}"), Path.Combine(parent, $".{name}.previous-{suffix}"), isDirectory);
    }

    private static string ResolveInside(string root, string relativePath)
    {
        if (string.IsNullOrWhiteSpace(relativePath) || Path.IsPathRooted(relativePath) || relativePath.Split('/').Any(s => s is "" or "." or ".."))
        {
            throw new ArgumentException($"'{relativePath}' is not a relative path inside the output folder.", nameof(relativePath));
        }

        return Path.Combine(root, relativePath.Replace('/', Path.DirectorySeparatorChar));
    }
}

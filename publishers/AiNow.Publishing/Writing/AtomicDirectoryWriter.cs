using System.Text;

namespace AiNow.Publishing.Writing;

/// <summary>
/// Replaces a folder with a new set of files all at once: the files are written to a staging folder
/// beside the target, which then takes the target's place by rename. A failure at any point leaves
/// the previous folder as it was.
/// </summary>
public static class AtomicDirectoryWriter
{
    private static readonly UTF8Encoding Utf8WithoutBom = new(encoderShouldEmitUTF8Identifier: false);

    /// <summary>Replaces <paramref name="targetDirectory"/> with exactly <paramref name="files"/>.</summary>
    public static Task WriteAsync(string targetDirectory, IReadOnlyCollection<GeneratedFile> files, CancellationToken cancellationToken = default) =>
        WriteAsync(targetDirectory, files, Directory.Move, cancellationToken);

    /// <summary>As <see cref="WriteAsync(string, IReadOnlyCollection{GeneratedFile}, CancellationToken)"/>, renaming folders with <paramref name="move"/> (tests fail it on purpose).</summary>
    internal static async Task WriteAsync(string targetDirectory, IReadOnlyCollection<GeneratedFile> files, Action<string, string> move, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(targetDirectory);
        ArgumentNullException.ThrowIfNull(files);

        var target = Path.GetFullPath(targetDirectory);
        var parent = Path.GetDirectoryName(target) ?? throw new ArgumentException("The target cannot be a file-system root.", nameof(targetDirectory));
        var name = Path.GetFileName(target);
        var suffix = Guid.NewGuid().ToString("N")[..12];
        var staging = Path.Combine(parent, $".{name}.staging-{suffix}");
        var previous = Path.Combine(parent, $".{name}.previous-{suffix}");

        Directory.CreateDirectory(parent);
        try
        {
            Directory.CreateDirectory(staging);
            foreach (var file in files)
            {
                var path = ResolveInside(staging, file.Path);
                Directory.CreateDirectory(Path.GetDirectoryName(path)!);
                await File.WriteAllTextAsync(path, file.Content, Utf8WithoutBom, cancellationToken);
            }
        }
        catch
        {
            TryDelete(staging);
            throw;
        }

        Swap(target, staging, previous, move);
    }

    /// <summary>
    /// Writes each file under <paramref name="root"/> through a temporary file renamed over the old one,
    /// so a reader sees the old or the new content, never a part.
    /// </summary>
    public static async Task WriteFilesAsync(string root, IReadOnlyCollection<GeneratedFile> files, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(root);
        ArgumentNullException.ThrowIfNull(files);

        var target = Path.GetFullPath(root);
        Directory.CreateDirectory(target);
        foreach (var file in files)
        {
            var path = ResolveInside(target, file.Path);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            var temporary = Path.Combine(Path.GetDirectoryName(path)!, $".{Path.GetFileName(path)}.{Guid.NewGuid().ToString("N")[..12]}.tmp");
            try
            {
                await File.WriteAllTextAsync(temporary, file.Content, Utf8WithoutBom, cancellationToken);
                File.Move(temporary, path, overwrite: true);
            }
            finally
            {
                File.Delete(temporary);
            }
        }
    }

    private static void Swap(string target, string staging, string previous, Action<string, string> move)
    {
        var hadTarget = Directory.Exists(target);
        try
        {
            if (hadTarget)
            {
                move(target, previous);
            }

            move(staging, target);
        }
        catch
        {
            if (hadTarget && !Directory.Exists(target) && Directory.Exists(previous))
            {
                Directory.Move(previous, target);
            }

            TryDelete(staging);
            throw;
        }

        TryDelete(previous);
    }

    private static string ResolveInside(string root, string relativePath)
    {
        if (string.IsNullOrWhiteSpace(relativePath) || Path.IsPathRooted(relativePath) || relativePath.Split('/').Any(s => s is "" or "." or ".."))
        {
            throw new ArgumentException($"'{relativePath}' is not a relative path inside the output folder.", nameof(relativePath));
        }

        return Path.Combine(root, relativePath.Replace('/', Path.DirectorySeparatorChar));
    }

    private static void TryDelete(string directory)
    {
        try
        {
            if (Directory.Exists(directory))
            {
                Directory.Delete(directory, recursive: true);
            }
        }
        catch (IOException)
        {
            // A leftover hidden folder is harmless; the published folder is already correct.
        }
        catch (UnauthorizedAccessException)
        {
            // As above.
        }
    }
}

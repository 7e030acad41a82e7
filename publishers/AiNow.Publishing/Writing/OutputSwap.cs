namespace AiNow.Publishing.Writing;

/// <summary>
/// Puts staged parts in place by rename, each target's previous content moved aside until every part
/// is in place and deleted only then. A failed rename puts back, last first, every part already
/// moved, so the output is as it was; if even that fails, the error says where each previous part is kept.
/// </summary>
internal static class OutputSwap
{
    /// <summary>Renames a folder or a file; never replaces an existing one.</summary>
    public static void Rename(string from, string to)
    {
        if (Directory.Exists(from))
        {
            Directory.Move(from, to);
        }
        else
        {
            File.Move(from, to, overwrite: false);
        }
    }

    /// <summary>Moves every staged part into place, or none.</summary>
    public static void Apply(IReadOnlyList<StagedReplacement> staged, Action<string, string> rename)
    {
        var started = new List<(StagedReplacement Part, bool HadPrevious)>();
        try
        {
            foreach (var part in staged)
            {
                var hadPrevious = part.TargetExists;
                started.Add((part, hadPrevious));
                if (hadPrevious)
                {
                    rename(part.Target, part.Previous);
                }

                rename(part.Staging, part.Target);
            }
        }
        catch (Exception failure)
        {
            var notPutBack = PutBack(started, rename);
            Discard(staged);
            if (notPutBack.Count > 0)
            {
                throw new IOException($"Writing the output failed ({failure.Message}) and could not be undone: {string.Join("; ", notPutBack)}.", failure);
            }

            throw;
        }

        foreach (var replaced in started.Where(s => s.HadPrevious))
        {
            TryDelete(replaced.Part.Previous);
        }
    }

    /// <summary>Deletes the staging copies (after a failure: none of them is in place).</summary>
    public static void Discard(IEnumerable<StagedReplacement> staged)
    {
        foreach (var part in staged)
        {
            TryDelete(part.Staging);
        }
    }

    /// <summary>Undoes the parts already moved, last first; returns what could not be put back.</summary>
    private static List<string> PutBack(List<(StagedReplacement Part, bool HadPrevious)> started, Action<string, string> rename)
    {
        var notPutBack = new List<string>();
        for (var i = started.Count - 1; i >= 0; i--)
        {
            var (part, hadPrevious) = started[i];
            try
            {
                // The new copy in place goes back to staging, to be discarded with the others.
                if (!Exists(part.Staging) && part.TargetExists)
                {
                    rename(part.Target, part.Staging);
                }

                // The previous name carries this run's suffix: it exists only if this run moved the target there.
                if (Exists(part.Previous) && !Exists(part.Target))
                {
                    rename(part.Previous, part.Target);
                }
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
            {
                notPutBack.Add(hadPrevious ? $"{part.Target} (its previous content is kept at {part.Previous}): {exception.Message}" : $"{part.Target}: {exception.Message}");
            }
        }

        return notPutBack;
    }

    private static bool Exists(string path) => Directory.Exists(path) || File.Exists(path);

    private static void TryDelete(string path)
    {
        try
        {
            if (Directory.Exists(path))
            {
                Directory.Delete(path, recursive: true);
            }
            else
            {
                File.Delete(path);
            }
        }
        catch (IOException)
        {
            // A leftover hidden copy is harmless; the output itself is already right.
        }
        catch (UnauthorizedAccessException)
        {
            // As above.
        }
    }
}

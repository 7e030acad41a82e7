using System.Diagnostics;
using System.Globalization;

namespace AiNow.Testing;

/// <summary>
/// Freezes a process and all its descendants with SIGSTOP until disposed (SIGCONT). To its clients a frozen
/// server looks like a hung one: connections stay open and accept bytes, and nothing ever answers, which is
/// the fault timeouts exist for (a stopped server, by contrast, refuses connections at once).
/// </summary>
public sealed class ProcessStall : IDisposable, IAsyncDisposable
{
    private readonly IReadOnlyList<int> _pids;

    private ProcessStall(IReadOnlyList<int> pids) => _pids = pids;

    /// <summary>Freezes <paramref name="rootPid"/> and every process below it.</summary>
    public static ProcessStall Freeze(int rootPid)
    {
        var pids = ProcessTree.Of(rootPid);
        Signal("STOP", pids);
        return new ProcessStall(pids);
    }

    public void Dispose() => Signal("CONT", _pids);

    public ValueTask DisposeAsync()
    {
        Dispose();
        return ValueTask.CompletedTask;
    }

    private static void Signal(string signal, IReadOnlyList<int> pids)
    {
        var start = new ProcessStartInfo("kill") { RedirectStandardError = true };
        start.ArgumentList.Add($"-{signal}");
        foreach (var pid in pids)
        {
            start.ArgumentList.Add(pid.ToString(CultureInfo.InvariantCulture));
        }

        using var kill = Process.Start(start)!;
        var errors = kill.StandardError.ReadToEnd();
        kill.WaitForExit();
        if (kill.ExitCode != 0)
        {
            throw new InvalidOperationException($"kill -{signal} {string.Join(' ', pids)} failed: {errors}");
        }
    }
}

/// <summary>A process and its descendants, read from /proc.</summary>
public static class ProcessTree
{
    public static IReadOnlyList<int> Of(int rootPid)
    {
        var parents = ReadParents();
        var tree = new List<int> { rootPid };
        for (var i = 0; i < tree.Count; i++)
        {
            tree.AddRange(parents.Where(entry => entry.Value == tree[i]).Select(entry => entry.Key));
        }

        return tree;
    }

    private static Dictionary<int, int> ReadParents()
    {
        var parents = new Dictionary<int, int>();
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(directory), NumberStyles.None, CultureInfo.InvariantCulture, out var pid))
            {
                continue;
            }

            try
            {
                // "pid (comm) state ppid ...": comm may hold spaces and parentheses, so read after the last ')'.
                var stat = File.ReadAllText(Path.Combine(directory, "stat"));
                var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
                parents[pid] = int.Parse(fields[1], CultureInfo.InvariantCulture);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // The process ended while the list was read.
            }
        }

        return parents;
    }
}

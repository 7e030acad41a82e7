namespace AiNow.Publishing.Tests.Infrastructure;

/// <summary>A rename for the atomic writer that fails on the calls a test chooses (the first call is 1) and renames for real otherwise.</summary>
internal sealed class FailingRename(params int[] failingCalls)
{
    /// <summary>How many renames were asked for, failed ones included.</summary>
    public int Calls => Requested.Count;

    /// <summary>Every rename asked for, in order, failed ones included.</summary>
    public List<(string From, string To)> Requested { get; } = [];

    public void Rename(string from, string to)
    {
        Requested.Add((from, to));
        if (failingCalls.Contains(Calls))
        {
            throw new IOException($"rename {Calls} failed on purpose");
        }

        if (Directory.Exists(from))
        {
            Directory.Move(from, to);
        }
        else
        {
            File.Move(from, to);
        }
    }
}

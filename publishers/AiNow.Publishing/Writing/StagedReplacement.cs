namespace AiNow.Publishing.Writing;

/// <summary>A folder or file written in full at <paramref name="Staging"/>, to take the place of <paramref name="Target"/>.</summary>
/// <param name="Target">Where it goes.</param>
/// <param name="Staging">Where it was written, beside the target.</param>
/// <param name="Previous">Where the target's previous content waits until every part is in place.</param>
/// <param name="IsDirectory">True for a folder, false for a file.</param>
internal sealed record StagedReplacement(string Target, string Staging, string Previous, bool IsDirectory)
{
    /// <summary>True when the target holds something of this kind; a file where a folder goes is not replaced, the swap fails instead.</summary>
    public bool TargetExists => IsDirectory ? Directory.Exists(Target) : File.Exists(Target);
}

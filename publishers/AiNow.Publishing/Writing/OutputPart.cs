namespace AiNow.Publishing.Writing;

/// <summary>Files for one place of an output.</summary>
/// <param name="Directory">The folder the files' paths are relative to.</param>
/// <param name="Files">The files.</param>
/// <param name="ReplacesDirectory">
/// True when <paramref name="Directory"/> is replaced whole (a file not listed is dropped); false when each
/// file, at the folder's top, replaces only its namesake and the rest of the folder is left alone.
/// </param>
public sealed record OutputPart(string Directory, IReadOnlyCollection<GeneratedFile> Files, bool ReplacesDirectory);

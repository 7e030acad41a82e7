namespace AiNow.Publishing.Writing;

/// <summary>A file an emitter produced: a relative path (forward slashes) and its full text.</summary>
/// <param name="Path">Relative to the emitter's output folder, e.g. <c>base/api.yaml</c>.</param>
/// <param name="Content">The full text, ending with a newline.</param>
public sealed record GeneratedFile(string Path, string Content);

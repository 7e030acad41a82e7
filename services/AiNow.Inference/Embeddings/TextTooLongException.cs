namespace AiNow.Inference.Embeddings;

/// <summary>A text is longer than the model reads (<see cref="TokenCounter.ModelWindow"/> tokens); nothing was embedded.</summary>
public sealed class TextTooLongException : Exception
{
    public TextTooLongException()
    {
    }

    public TextTooLongException(string message)
        : base(message)
    {
    }

    public TextTooLongException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public TextTooLongException(int index)
        : base($"Text {index} is longer than the {TokenCounter.ModelWindow} tokens the model reads.") => Index = index;

    /// <summary>The position of the text among those given.</summary>
    public int Index { get; }
}

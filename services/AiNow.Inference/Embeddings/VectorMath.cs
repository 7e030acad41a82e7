namespace AiNow.Inference.Embeddings;

/// <summary>The vector arithmetic the embeddings contract relies on.</summary>
public static class VectorMath
{
    /// <summary>Euclidean (L2) length of <paramref name="vector"/>.</summary>
    public static double Norm(ReadOnlySpan<float> vector)
    {
        var sum = 0d;
        foreach (var value in vector)
        {
            sum += (double)value * value;
        }

        return Math.Sqrt(sum);
    }

    /// <summary>
    /// Scales <paramref name="vector"/> in place to unit length. A zero vector stays zero rather than
    /// turning into NaNs, so a degenerate input can never poison a caller's similarity search.
    /// </summary>
    public static void Normalize(Span<float> vector)
    {
        var norm = Norm(vector);
        if (norm < 1e-12)
        {
            return;
        }

        var scale = (float)(1 / norm);
        for (var i = 0; i < vector.Length; i++)
        {
            vector[i] *= scale;
        }
    }

    /// <summary>Cosine similarity of two vectors of equal length; 0 when either is a zero vector.</summary>
    public static double CosineSimilarity(ReadOnlySpan<float> left, ReadOnlySpan<float> right)
    {
        if (left.Length != right.Length)
        {
            throw new ArgumentException($"Vectors differ in length ({left.Length} and {right.Length}).", nameof(right));
        }

        var dot = 0d;
        for (var i = 0; i < left.Length; i++)
        {
            dot += (double)left[i] * right[i];
        }

        var norms = Norm(left) * Norm(right);
        return norms < 1e-12 ? 0 : dot / norms;
    }
}

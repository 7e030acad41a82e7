namespace AiNow.Worker.Processing;

/// <summary>Splits a job's inputs into the requests sent to inference.</summary>
internal static class InputChunks
{
    /// <summary>Consecutive chunks of at most <paramref name="chunkSize"/> inputs, in input order.</summary>
    public static IReadOnlyList<string[]> Split(IReadOnlyList<string> inputs, int chunkSize)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentOutOfRangeException.ThrowIfLessThan(chunkSize, 1);
        return [.. inputs.Chunk(chunkSize)];
    }
}

using AiNow.Worker.Processing;

namespace AiNow.Worker.Tests;

public sealed class InputChunksTests
{
    [Theory]
    [InlineData(1, 16, new[] { 1 })]
    [InlineData(16, 16, new[] { 16 })]
    [InlineData(17, 16, new[] { 16, 1 })]
    [InlineData(40, 16, new[] { 16, 16, 8 })]
    [InlineData(3, 1, new[] { 1, 1, 1 })]
    public void Split_InputsAndChunkSize_ReturnsChunksOfAtMostChunkSize(int inputCount, int chunkSize, int[] expectedSizes)
    {
        var inputs = Enumerable.Range(0, inputCount).Select(i => $"text {i}").ToList();

        var chunks = InputChunks.Split(inputs, chunkSize);

        Assert.Equal(expectedSizes, chunks.Select(chunk => chunk.Length));
        Assert.Equal(inputs, chunks.SelectMany(chunk => chunk));
    }

    [Fact]
    public void Split_ChunkSizeZero_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => InputChunks.Split(["a"], 0));
    }
}

using AiNow.Api.Embeddings;

namespace AiNow.Api.Tests.Embeddings;

public sealed class EmbeddingCacheEntryTests
{
    private const string Body = """{"object":"list","data":[],"model":"m","usage":{"prompt_tokens":7,"total_tokens":7}}""";

    [Fact]
    public void TryRead_WhatWriteKept_GivesTheSameBodyAndCounts()
    {
        var entry = EmbeddingCacheEntry.Write(new EmbeddingAnswer(Body, 2, 7));

        var answer = EmbeddingCacheEntry.TryRead(entry, expectedItems: 2);

        Assert.Equal(new EmbeddingAnswer(Body, 2, 7), answer);
    }

    [Theory]
    [InlineData(Body)] // an older api's entry: the bare response
    [InlineData("ainow-embeddings-v1 2 7\n{}")]
    [InlineData("ainow-embeddings-v2 2\n{}")]
    [InlineData("ainow-embeddings-v2 2 x\n{}")]
    [InlineData("ainow-embeddings-v2 -2 7\n{}")]
    [InlineData("ainow-embeddings-v2 2 7")]
    [InlineData("ainow-embeddings-v2 2 7\n")]
    [InlineData("ainow-embeddings-v22 2 7\n{}")]
    [InlineData("")]
    public void TryRead_AnotherLayoutOrABrokenHeader_IsAMiss(string entry) =>
        Assert.Null(EmbeddingCacheEntry.TryRead(entry, expectedItems: 2));

    [Fact]
    public void TryRead_AnEntryForAnotherNumberOfTexts_IsAMiss() =>
        Assert.Null(EmbeddingCacheEntry.TryRead(EmbeddingCacheEntry.Write(new EmbeddingAnswer(Body, 3, 7)), expectedItems: 2));
}

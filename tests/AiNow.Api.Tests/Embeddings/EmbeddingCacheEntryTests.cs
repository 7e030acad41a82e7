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
    [InlineData("ainow-embeddings-v2 2 7\n{}")]
    [InlineData("ainow-embeddings-v3 2 7\n{}")]
    [InlineData("ainow-embeddings-v3 2 7 x\n{}")]
    [InlineData("ainow-embeddings-v3 2 x 2\n{}")]
    [InlineData("ainow-embeddings-v3 -2 7 2\n{}")]
    [InlineData("ainow-embeddings-v3 2 7 2 9\n{}")]
    [InlineData("ainow-embeddings-v3 2 7 2")]
    [InlineData("ainow-embeddings-v3 2 7 0\n")]
    [InlineData("ainow-embeddings-v33 2 7 2\n{}")]
    [InlineData("ainow-embeddings-v3 2 7 60\n{\"object\":\"list\",\"data\":[")] // cut short
    [InlineData("ainow-embeddings-v3 2 7 17\n{\"object\":\"list\"}xx")] // longer than written
    [InlineData("")]
    public void TryRead_AnotherLayoutOrABrokenHeader_IsAMiss(string entry) =>
        Assert.Null(EmbeddingCacheEntry.TryRead(entry, expectedItems: 2));

    [Fact]
    public void WithVectors_OfInferencesAnswer_IsTheAnswerItself_AndOfAKeptBody_ReadsTheVectorsOnce()
    {
        var response = new AiNow.Contracts.EmbeddingResponse(
            "list", [new AiNow.Contracts.EmbeddingItem("embedding", 0, [1f, 2f])], "m", new AiNow.Contracts.EmbeddingUsage(3, 3));
        var computed = EmbeddingAnswer.From(response);

        Assert.Same(computed, computed.WithVectors());
        var kept = EmbeddingCacheEntry.TryRead(EmbeddingCacheEntry.Write(computed), expectedItems: 1)!;
        Assert.Null(kept.Response);
        var read = kept.WithVectors()!;
        Assert.Equal([1f, 2f], Assert.Single(read.Response!.Data).Embedding);
        Assert.Same(read, read.WithVectors());
    }

    [Theory]
    [InlineData("{\"object\":\"list\",\"data\":7}")]
    [InlineData("{\"object\":")]
    [InlineData("{\"object\":\"list\",\"model\":\"m\",\"usage\":{\"prompt_tokens\":3,\"total_tokens\":3}}")] // no data
    [InlineData("{\"object\":\"list\",\"data\":null,\"model\":\"m\",\"usage\":{\"prompt_tokens\":3,\"total_tokens\":3}}")]
    [InlineData("{\"object\":\"list\",\"data\":[null],\"model\":\"m\",\"usage\":{\"prompt_tokens\":3,\"total_tokens\":3}}")]
    [InlineData("{\"object\":\"list\",\"data\":[{\"object\":\"embedding\",\"index\":0,\"embedding\":null}],\"model\":\"m\",\"usage\":{\"prompt_tokens\":3,\"total_tokens\":3}}")]
    [InlineData("{\"object\":\"list\",\"data\":[{\"object\":\"embedding\",\"index\":0,\"embedding\":[1]}],\"model\":\"m\"}")] // no usage
    public void WithVectors_OfABodyThatDoesNotRead_IsNull(string body) =>
        Assert.Null(new EmbeddingAnswer(body, 1, 3).WithVectors());

    [Fact]
    public void WithVectors_OfABodyHoldingAnotherNumberOfVectors_IsNull() =>
        Assert.Null(new EmbeddingAnswer(Body, 2, 7).WithVectors());

    [Fact]
    public void TryRead_AnEntryForAnotherNumberOfTexts_IsAMiss() =>
        Assert.Null(EmbeddingCacheEntry.TryRead(EmbeddingCacheEntry.Write(new EmbeddingAnswer(Body, 3, 7)), expectedItems: 2));
}

using System.Text.Json;
using AiNow.Api.Embeddings;
using AiNow.Contracts;

namespace AiNow.Api.Tests.Embeddings;

public sealed class EmbeddingRequestReaderTests
{
    [Theory]
    [InlineData("""{"input":"hello"}""", 1)]
    [InlineData("""{"input":["a","b","c"]}""", 3)]
    [InlineData("""{"input":"hello","model":"all-MiniLM-L6-v2"}""", 1)]
    [InlineData("""{"input":"hello","model":null}""", 1)]
    public void TryRead_ValidBody_ReadsTextsAndDefaultModel(string json, int count)
    {
        Assert.True(EmbeddingRequestReader.TryRead(Parse(json), EmbeddingModel.MaxInputsPerRequest, out var batch, out var error), error);
        Assert.Equal(count, batch.Inputs.Count);
        Assert.Equal(EmbeddingModel.Name, batch.Model);
    }

    [Theory]
    [InlineData("""{}""", "'input' is required")]
    [InlineData("""{"input":null}""", "'input' is required")]
    [InlineData("""{"input":42}""", "'input' must be a string or an array of strings, not a number")]
    [InlineData("""{"input":{"text":"a"}}""", "not an object")]
    [InlineData("""{"input":true}""", "not a boolean")]
    [InlineData("""{"input":[]}""", "at least one text")]
    [InlineData("""{"input":[1,2]}""", "'input[0]' must be a string, not a number")]
    [InlineData("""{"input":["a",null]}""", "'input[1]' must be a string, not null")]
    [InlineData("""{"input":["a",["b"]]}""", "'input[1]' must be a string, not an array")]
    [InlineData("""{"input":""}""", "'input[0]' is empty")]
    [InlineData("""{"input":["a","   "]}""", "'input[1]' is empty")]
    [InlineData("""{"input":"a","model":"gpt-4"}""", "Unknown model 'gpt-4'")]
    [InlineData("""{"input":"a","model":7}""", "'model' must be a string, not a number")]
    [InlineData("""{"input":["a","b\u0000c"]}""", "'input[1]' holds a NUL character (\\u0000 at position 1)")]
    public void TryRead_BadBody_SaysWhatIsWrong(string json, string reason)
    {
        Assert.False(EmbeddingRequestReader.TryRead(Parse(json), EmbeddingModel.MaxInputsPerRequest, out _, out var error));
        Assert.Contains(reason, error, StringComparison.Ordinal);
    }

    [Fact]
    public void TryRead_MoreThanTheLimit_IsRejected()
    {
        var json = JsonSerializer.Serialize(new { input = Enumerable.Repeat("x", EmbeddingModel.MaxInputsPerRequest + 1) });

        Assert.False(EmbeddingRequestReader.TryRead(Parse(json), EmbeddingModel.MaxInputsPerRequest, out _, out var error));
        Assert.Contains("at most 64", error, StringComparison.Ordinal);
    }

    [Fact]
    public void TryRead_TextsTogetherLongerThanARequestAccepts_AreRejectedNamingTheLimit()
    {
        // Each text is within its own limit; together they pass the request's.
        var texts = Enumerable.Repeat(new string('x', EmbeddingModel.MaxInputLength), EmbeddingModel.MaxCharactersPerRequest / EmbeddingModel.MaxInputLength + 1);
        var json = JsonSerializer.Serialize(new { input = texts });

        Assert.False(EmbeddingRequestReader.TryRead(Parse(json), EmbeddingModel.MaxInputsPerRequest, out _, out var error));
        Assert.Contains($"at most {EmbeddingModel.MaxCharactersPerRequest} characters are accepted across the texts of one request", error, StringComparison.Ordinal);
        Assert.True(EmbeddingRequestReader.TryRead(Parse(json), EmbeddingModel.MaxInputsPerBatch, out _, out error), error);
    }

    [Fact]
    public void TryRead_TextLongerThanTheModelAccepts_IsRejected()
    {
        var json = JsonSerializer.Serialize(new { input = new string('x', EmbeddingModel.MaxInputLength + 1) });

        Assert.False(EmbeddingRequestReader.TryRead(Parse(json), EmbeddingModel.MaxInputsPerRequest, out _, out var error));
        Assert.Contains("at most 8192", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{}""", EmbeddingEncoding.Numbers)]
    [InlineData("""{"encoding_format":"float"}""", EmbeddingEncoding.Numbers)]
    [InlineData("""{"encoding_format":null}""", EmbeddingEncoding.Numbers)]
    [InlineData("""{"encoding_format":"base64"}""", EmbeddingEncoding.Base64)]
    [InlineData("""{"dimensions":384}""", EmbeddingEncoding.Numbers)]
    public void TryReadOutputOptions_ValidOptions_AreRead(string json, EmbeddingEncoding expected)
    {
        Assert.True(EmbeddingRequestReader.TryReadOutputOptions(Parse(json), out var encoding, out var error), error);
        Assert.Equal(expected, encoding);
    }

    [Theory]
    [InlineData("""{"encoding_format":"binary"}""", "'encoding_format' must be \"float\" or \"base64\"")]
    [InlineData("""{"encoding_format":1}""", "'encoding_format' must be a string")]
    [InlineData("""{"dimensions":512}""", "produces 384 dimensions")]
    [InlineData("""{"dimensions":"384"}""", "produces 384 dimensions")]
    public void TryReadOutputOptions_BadOptions_SayWhatIsWrong(string json, string reason)
    {
        Assert.False(EmbeddingRequestReader.TryReadOutputOptions(Parse(json), out _, out var error));
        Assert.Contains(reason, error, StringComparison.Ordinal);
    }

    [Fact]
    public void ToBase64_Vector_IsLittleEndianFloat32()
    {
        var encoded = EmbeddingResponseWriter.ToBase64([1f, -2.5f]);

        var bytes = Convert.FromBase64String(encoded);
        Assert.Equal(8, bytes.Length);
        Assert.Equal(1f, BitConverter.ToSingle(bytes, 0));
        Assert.Equal(-2.5f, BitConverter.ToSingle(bytes, 4));
    }

    private static JsonElement Parse(string json) => JsonDocument.Parse(json).RootElement.Clone();
}

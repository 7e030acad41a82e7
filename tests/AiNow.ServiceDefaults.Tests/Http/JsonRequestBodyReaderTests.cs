using System.Text;
using Microsoft.AspNetCore.Http;
using static AiNow.ServiceDefaults.Tests.Http.JsonRequests;

namespace AiNow.ServiceDefaults.Tests.Http;

public sealed class JsonRequestBodyReaderTests
{
    [Fact]
    public async Task ReadObjectAsync_JsonObject_ReturnsRootAndBytesAsSent()
    {
        var sent = Encoding.UTF8.GetBytes("""{"name": "acme", "tags": ["a"]}""");

        var body = await Reader().ReadObjectAsync(Post(sent), CancellationToken.None);

        Assert.True(body.IsValid);
        Assert.Null(body.Problem);
        Assert.Equal("acme", body.Value.GetProperty("name").GetString());
        Assert.Equal(sent, body.Bytes);
    }

    [Fact]
    public async Task ReadObjectAsync_ByteOrderMark_IsSkippedForParsingButKeptInBytes()
    {
        byte[] sent = [0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes("""{"key": "k"}""")];

        var body = await Reader().ReadObjectAsync(Post(sent), CancellationToken.None);

        Assert.Equal("k", body.Value.GetProperty("key").GetString());
        Assert.Equal(sent, body.Bytes);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task ReadObjectAsync_EmptyBody_Is400SayingABodyIsRequired(bool declareLength)
    {
        var body = await Reader().ReadObjectAsync(Post([], Json, declareLength), CancellationToken.None);

        var (status, detail) = ProblemOf(body);
        Assert.Equal(StatusCodes.Status400BadRequest, status);
        Assert.Contains("The request body is empty", detail, StringComparison.Ordinal);
        Assert.Contains("A JSON body is required", detail, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("text/plain", "Content-Type 'text/plain'")]
    [InlineData("application/x-www-form-urlencoded", "Content-Type 'application/x-www-form-urlencoded'")]
    [InlineData(null, "no Content-Type")]
    public async Task ReadObjectAsync_NotJsonContentType_Is415NamingWhatWasSent(string? contentType, string sent)
    {
        var body = await Reader().ReadObjectAsync(Post("{}", contentType), CancellationToken.None);

        var (status, detail) = ProblemOf(body);
        Assert.Equal(StatusCodes.Status415UnsupportedMediaType, status);
        Assert.Contains(sent, detail, StringComparison.Ordinal);
        Assert.Contains("Send it with 'Content-Type: application/json'", detail, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("application/json; charset=utf-8")]
    [InlineData("application/merge-patch+json")]
    public async Task ReadObjectAsync_JsonMediaTypeVariants_AreAccepted(string contentType)
    {
        var body = await Reader().ReadObjectAsync(Post("{}", contentType), CancellationToken.None);

        Assert.True(body.IsValid);
    }

    [Fact]
    public async Task ReadObjectAsync_DeclaredLengthOverLimit_Is413WithoutReadingWithAdvice()
    {
        var request = Post(new UnreadableStream(new InvalidOperationException("The body must not be read.")), Json, 2048);

        var body = await Reader(maxBytes: 1024, advice: "Send fewer texts.").ReadObjectAsync(request, CancellationToken.None);

        var (status, detail) = ProblemOf(body);
        Assert.Equal(StatusCodes.Status413PayloadTooLarge, status);
        Assert.Equal("The body is too large: it is larger than 1024 bytes. Send fewer texts.", detail);
    }

    [Fact]
    public async Task ReadObjectAsync_ChunkedBodyOverLimit_Is413()
    {
        var sent = Encoding.UTF8.GetBytes($$"""{"input": "{{new string('x', 40_000)}}"}""");

        var body = await Reader(maxBytes: 32 * 1024).ReadObjectAsync(Post(sent, Json, declareLength: false), CancellationToken.None);

        var (status, detail) = ProblemOf(body);
        Assert.Equal(StatusCodes.Status413PayloadTooLarge, status);
        Assert.Contains("larger than 32768 bytes", detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadObjectAsync_BodyOfExactlyTheLimit_IsRead()
    {
        var sent = Encoding.UTF8.GetBytes($$"""{"a": "{{new string('x', 1000)}}"}""");

        var body = await Reader(maxBytes: sent.Length).ReadObjectAsync(Post(sent, Json, declareLength: false), CancellationToken.None);

        Assert.True(body.IsValid);
    }

    [Fact]
    public async Task ReadObjectAsync_ServerRefusesWhileReading_IsProblemWithTheServersStatus()
    {
        var refusal = new BadHttpRequestException("Request body too large. The max request body size is 10 bytes.", StatusCodes.Status413PayloadTooLarge);
        var request = Post(new UnreadableStream(refusal), Json, 100);

        var body = await Reader().ReadObjectAsync(request, CancellationToken.None);

        var (status, detail) = ProblemOf(body);
        Assert.Equal(StatusCodes.Status413PayloadTooLarge, status);
        Assert.Contains("could not be read: Request body too large", detail, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(new byte[] { 0x7B, 0x22, 0x6B, 0x22, 0x3A, 0x22, 0xFF, 0xFE, 0x22, 0x7D }, "not valid UTF-8")]
    [InlineData(new byte[] { 0x7B, 0x22, 0xC3, 0x28, 0x22, 0x3A, 0x31, 0x7D }, "not valid UTF-8")]
    [InlineData(new byte[] { 0xEF, 0xBB, 0xBF }, "The body is not valid JSON")]
    public async Task ReadObjectAsync_BadBytes_Is400SayingWhatIsWrong(byte[] sent, string expected)
    {
        var body = await Reader().ReadObjectAsync(Post(sent), CancellationToken.None);

        var (status, detail) = ProblemOf(body);
        Assert.Equal(StatusCodes.Status400BadRequest, status);
        Assert.Contains(expected, detail, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{not json", "The body is not valid JSON")]
    [InlineData("{\"a\": 1,}", "The body is not valid JSON")]
    [InlineData("{\"a\": 1}{}", "The body is not valid JSON")]
    [InlineData("   ", "The body is not valid JSON")]
    [InlineData("{\"input\": \"a\", \"input\": \"b\"}", "The body is not valid JSON")]
    [InlineData("{\"a\": \"\\uDC00\"}", "lone UTF-16 surrogate) at byte 6")]
    [InlineData("{\"\\uD800\": 1}", "lone UTF-16 surrogate")]
    [InlineData("[1, 2]", "must be a JSON object ({ ... }), not an array")]
    [InlineData("\"acme\"", "not a string")]
    [InlineData("42", "not a number")]
    [InlineData("true", "not a boolean")]
    [InlineData("null", "not null")]
    public async Task ReadObjectAsync_NotAUsableObject_Is400SayingWhatIsWrong(string sent, string expected)
    {
        var body = await Reader().ReadObjectAsync(Post(sent), CancellationToken.None);

        var (status, detail) = ProblemOf(body);
        Assert.Equal(StatusCodes.Status400BadRequest, status);
        Assert.Contains(expected, detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadObjectAsync_NestedDeeperThan64_Is400NotJson()
    {
        var sent = "{\"a\":" + new string('[', 100) + new string(']', 100) + "}";

        var body = await Reader().ReadObjectAsync(Post(sent), CancellationToken.None);

        var (status, detail) = ProblemOf(body);
        Assert.Equal(StatusCodes.Status400BadRequest, status);
        Assert.Contains("The body is not valid JSON", detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadObjectAsync_BodyWithoutContentLengthOrChunking_Is400()
    {
        var request = Post("{}");
        request.HttpContext.Features.Set<Microsoft.AspNetCore.Http.Features.IHttpRequestBodyDetectionFeature>(new NoBody());

        var body = await Reader().ReadObjectAsync(request, CancellationToken.None);

        Assert.Equal(StatusCodes.Status400BadRequest, ProblemOf(body).Status);
    }

    [Fact]
    public async Task Value_OfAnUnusableBody_Throws()
    {
        var body = await Reader().ReadObjectAsync(Post("[]"), CancellationToken.None);

        Assert.Throws<InvalidOperationException>(() => body.Value);
        Assert.Throws<InvalidOperationException>(() => body.Bytes);
    }

    private sealed class NoBody : Microsoft.AspNetCore.Http.Features.IHttpRequestBodyDetectionFeature
    {
        public bool CanHaveBody => false;
    }

    /// <summary>A body whose every read fails, as Kestrel's does when it refuses the request part-way.</summary>
    private sealed class UnreadableStream(Exception failure) : MemoryStream
    {
        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            ValueTask.FromException<int>(failure);

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            Task.FromException<int>(failure);
    }
}

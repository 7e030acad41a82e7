using System.Net;
using System.Net.Sockets;
using AiNow.Contracts.Inference;
using Polly.CircuitBreaker;
using Polly.Timeout;

namespace AiNow.Contracts.Tests.Inference;

public sealed class InferenceEmbeddingsClientTests : IDisposable
{
    private readonly FakeEmbeddingsHandler _inference = new();
    private readonly InferenceEmbeddingsClient _client;

    public InferenceEmbeddingsClientTests() => _client = new InferenceEmbeddingsClient(_inference.CreateClient());

    public void Dispose() => _inference.Dispose();

    [Fact]
    public async Task EmbedAsync_SendsTextsAndModelToV1Embeddings()
    {
        await _client.EmbedAsync("all-MiniLM-L6-v2", ["a", "bb"], CancellationToken.None);

        var (path, inputs, model) = Assert.Single(_inference.Requests);
        Assert.Equal("/v1/embeddings", path);
        Assert.Equal(["a", "bb"], inputs);
        Assert.Equal("all-MiniLM-L6-v2", model);
    }

    [Fact]
    public async Task EmbedAsync_VectorsOutOfOrder_ReturnsThemInInputOrderWithUsage()
    {
        var response = await _client.EmbedAsync("m", ["a", "bb", "ccc"], CancellationToken.None);

        Assert.Equal([0, 1, 2], response.Data.Select(item => item.Index));
        Assert.Equal([[1f, 1f], [2f, 2f], [3f, 3f]], response.Data.Select(item => item.Embedding));
        Assert.Equal(6, response.Usage.TotalTokens);
        Assert.Equal("m", response.Model);
        Assert.Equal("list", response.ObjectType);
    }

    [Fact]
    public async Task EmbedAsync_TextRefusedAsTooLong_SaysWhichWithoutCountingItAFailure()
    {
        _inference.Respond = (_, _) => Task.FromResult<HttpResponseMessage?>(new HttpResponseMessage(HttpStatusCode.BadRequest)
        {
            Content = new StringContent("""{"status":400,"detail":"whatever inference says","code":"input_too_long","index":1}"""),
        });

        var error = await Assert.ThrowsAsync<InferenceCallException>(() => _client.EmbedAsync("m", ["a", "b"], CancellationToken.None));

        Assert.Equal(InferenceFailureKind.InputTooLong, error.Kind);
        Assert.Equal(1, error.InputIndex);
        Assert.False(error.IsTransient);
    }

    [Theory]
    [InlineData("""{"code":"input_too_long"}""")]
    [InlineData("""{"code":"input_too_long","index":-1}""")]
    [InlineData("""{"code":"something_else","index":1}""")]
    [InlineData("""["input_too_long",1]""")]
    [InlineData("not json")]
    public async Task EmbedAsync_Other400_IsAFailureWithoutAnIndex(string body)
    {
        _inference.Respond = (_, _) => Task.FromResult<HttpResponseMessage?>(new HttpResponseMessage(HttpStatusCode.BadRequest) { Content = new StringContent(body) });

        var error = await Assert.ThrowsAsync<InferenceCallException>(() => _client.EmbedAsync("m", ["a", "b"], CancellationToken.None));

        Assert.Equal(InferenceFailureKind.Failed, error.Kind);
        Assert.Null(error.InputIndex);
    }

    [Theory]
    [InlineData(HttpStatusCode.TooManyRequests, InferenceFailureKind.Unavailable)]
    [InlineData(HttpStatusCode.BadGateway, InferenceFailureKind.Unavailable)]
    [InlineData(HttpStatusCode.ServiceUnavailable, InferenceFailureKind.Unavailable)]
    [InlineData(HttpStatusCode.GatewayTimeout, InferenceFailureKind.Unavailable)]
    [InlineData(HttpStatusCode.BadRequest, InferenceFailureKind.Failed)]
    [InlineData(HttpStatusCode.NotFound, InferenceFailureKind.Failed)]
    [InlineData(HttpStatusCode.InternalServerError, InferenceFailureKind.Failed)]
    public async Task EmbedAsync_ErrorStatus_IsUnavailableOnlyForOverloadAndGatewayErrors(HttpStatusCode status, InferenceFailureKind kind)
    {
        _inference.Respond = (_, _) => Task.FromResult<HttpResponseMessage?>(new HttpResponseMessage(status));

        var error = await Assert.ThrowsAsync<InferenceCallException>(() => _client.EmbedAsync("m", ["a"], CancellationToken.None));

        Assert.Equal(kind, error.Kind);
        Assert.Equal(kind == InferenceFailureKind.Unavailable, error.IsTransient);
        Assert.Equal(status, error.StatusCode);
    }

    [Fact]
    public async Task EmbedAsync_ErrorStatus_MessageForTheLogHasTheStatusAndAtMost500CharactersOfTheBody()
    {
        var body = "{\"detail\":\"model loading\"}" + new string('x', 2000);
        _inference.Respond = (_, _) => Task.FromResult<HttpResponseMessage?>(FakeEmbeddingsHandler.Json(HttpStatusCode.InternalServerError, body));

        var error = await Assert.ThrowsAsync<InferenceCallException>(() => _client.EmbedAsync("m", ["a"], CancellationToken.None));

        Assert.Contains("500", error.Message, StringComparison.Ordinal);
        Assert.Contains("model loading", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(new string('x', 501), error.Message, StringComparison.Ordinal);
    }

    public static TheoryData<string> TransportFailures => ["connection refused", "body cut off", "timeout", "client timeout", "circuit open", "attempt timeout"];

    [Theory]
    [MemberData(nameof(TransportFailures))]
    public async Task EmbedAsync_TransportFailure_IsUnavailableWithoutStatus(string failure)
    {
        _inference.Respond = (_, _) => throw Transport(failure);

        var error = await Assert.ThrowsAsync<InferenceCallException>(() => _client.EmbedAsync("m", ["a"], CancellationToken.None));

        Assert.Equal(InferenceFailureKind.Unavailable, error.Kind);
        Assert.Null(error.StatusCode);
        Assert.NotNull(error.InnerException);
    }

    [Fact]
    public async Task EmbedAsync_CallerCancels_ThrowsCancellationNotAFailure()
    {
        using var cancel = new CancellationTokenSource();
        _inference.Respond = async (_, requestAborted) =>
        {
            await cancel.CancelAsync();
            await Task.Delay(Timeout.Infinite, requestAborted);
            return null;
        };

        var error = await Assert.ThrowsAnyAsync<OperationCanceledException>(() => _client.EmbedAsync("m", ["a"], cancel.Token));

        Assert.IsNotType<InferenceCallException>(error);
    }

    public static TheoryData<string, string> UnfitBodies => new()
    {
        { "not json", "<html></html>" },
        { "truncated json", "{\"data\": [1, 2" },
        { "empty object", "{}" },
        { "no usage", """{"object":"list","data":[{"index":0,"embedding":[1]},{"index":1,"embedding":[1]}],"model":"m"}""" },
        { "one vector for two inputs", """{"object":"list","data":[{"index":0,"embedding":[1]}],"model":"m","usage":{"prompt_tokens":1,"total_tokens":1}}""" },
        { "repeated index", """{"object":"list","data":[{"index":0,"embedding":[1]},{"index":0,"embedding":[2]}],"model":"m","usage":{"prompt_tokens":1,"total_tokens":1}}""" },
        { "index out of range", """{"object":"list","data":[{"index":0,"embedding":[1]},{"index":2,"embedding":[2]}],"model":"m","usage":{"prompt_tokens":1,"total_tokens":1}}""" },
        { "negative index", """{"object":"list","data":[{"index":-1,"embedding":[1]},{"index":1,"embedding":[2]}],"model":"m","usage":{"prompt_tokens":1,"total_tokens":1}}""" },
        { "null item", """{"object":"list","data":[null,{"index":1,"embedding":[2]}],"model":"m","usage":{"prompt_tokens":1,"total_tokens":1}}""" },
        { "no vector", """{"object":"list","data":[{"index":0},{"index":1,"embedding":[2]}],"model":"m","usage":{"prompt_tokens":1,"total_tokens":1}}""" },
        { "empty vector", """{"object":"list","data":[{"index":0,"embedding":[]},{"index":1,"embedding":[2]}],"model":"m","usage":{"prompt_tokens":1,"total_tokens":1}}""" },
        { "negative tokens", """{"object":"list","data":[{"index":0,"embedding":[1]},{"index":1,"embedding":[2]}],"model":"m","usage":{"prompt_tokens":-1,"total_tokens":-1}}""" },
    };

    [Theory]
    [MemberData(nameof(UnfitBodies))]
    public async Task EmbedAsync_BodyDoesNotFitTheRequest_IsInvalidResponse(string name, string body)
    {
        _inference.Respond = (_, _) => Task.FromResult<HttpResponseMessage?>(FakeEmbeddingsHandler.Json(HttpStatusCode.OK, body));

        var error = await Assert.ThrowsAsync<InferenceCallException>(() => _client.EmbedAsync("m", ["a", "b"], CancellationToken.None));

        Assert.True(error.Kind == InferenceFailureKind.InvalidResponse, $"{name}: {error.Kind}, {error.Message}");
        Assert.False(error.IsTransient);
        Assert.Null(error.StatusCode);
    }

    [Fact]
    public async Task EmbedAsync_WrongCount_MessageSaysHowManyOfHowMany()
    {
        _inference.Respond = (_, _) => Task.FromResult<HttpResponseMessage?>(FakeEmbeddingsHandler.Json(
            HttpStatusCode.OK, """{"object":"list","data":[{"index":0,"embedding":[1]}],"model":"m","usage":{"prompt_tokens":1,"total_tokens":1}}"""));

        var error = await Assert.ThrowsAsync<InferenceCallException>(() => _client.EmbedAsync("m", ["a", "b"], CancellationToken.None));

        Assert.Contains("1 vectors for 2 inputs", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(TransportFailures))]
    public void IsTransportFailure_TransportExceptions_True(string failure) =>
        Assert.True(InferenceEmbeddingsClient.IsTransportFailure(Transport(failure), CancellationToken.None));

    [Fact]
    public void IsTransportFailure_CallersOwnCancellationOrABug_False()
    {
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();

        Assert.False(InferenceEmbeddingsClient.IsTransportFailure(new OperationCanceledException(cancelled.Token), cancelled.Token));
        Assert.False(InferenceEmbeddingsClient.IsTransportFailure(new InvalidOperationException("bug"), CancellationToken.None));
        Assert.False(InferenceEmbeddingsClient.IsTransportFailure(new InferenceCallException("failed"), CancellationToken.None));
    }

    private static Exception Transport(string failure) => failure switch
    {
        "connection refused" => new HttpRequestException(
            HttpRequestError.ConnectionError, "Connection refused (inference:8080)", new SocketException((int)SocketError.ConnectionRefused)),
        "body cut off" => new HttpIOException(HttpRequestError.ResponseEnded, "The response ended prematurely."),
        "timeout" => new TimeoutException("The operation has timed out."),
        "client timeout" => new TaskCanceledException("The request was canceled due to the configured HttpClient.Timeout.", new TimeoutException()),
        "circuit open" => new BrokenCircuitException("The circuit is now open."),
        "attempt timeout" => new TimeoutRejectedException("The operation didn't complete within the allowed timeout."),
        _ => throw new ArgumentOutOfRangeException(nameof(failure), failure, "Unknown transport failure."),
    };
}

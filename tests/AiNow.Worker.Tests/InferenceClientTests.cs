using System.Net;
using System.Text;
using AiNow.Worker.Inference;

namespace AiNow.Worker.Tests;

public sealed class InferenceClientTests
{
    [Fact]
    public async Task EmbedAsync_VectorsOutOfOrder_ReturnsThemInInputOrderWithTokens()
    {
        using var inference = new FakeInference();
        var client = new InferenceClient(inference.CreateClient());

        var chunk = await client.EmbedAsync("m", ["a", "bb", "ccc"], CancellationToken.None);

        Assert.Equal([[1f, 1f], [2f, 1f], [3f, 1f]], chunk.Vectors);
        Assert.Equal(6, chunk.Tokens);
        Assert.Equal(["a", "bb", "ccc"], Assert.Single(inference.Requests));
    }

    [Fact]
    public async Task EmbedAsync_ErrorStatus_ThrowsWithStatusAndBody()
    {
        using var inference = new FakeInference
        {
            OnRequest = (_, _) => Task.FromResult<HttpResponseMessage?>(new HttpResponseMessage(HttpStatusCode.ServiceUnavailable)
            {
                Content = new StringContent("{\"detail\":\"model loading\"}", Encoding.UTF8, "application/problem+json"),
            }),
        };
        var client = new InferenceClient(inference.CreateClient());

        var error = await Assert.ThrowsAsync<InferenceException>(() => client.EmbedAsync("m", ["a"], CancellationToken.None));

        Assert.Contains("503", error.Message, StringComparison.Ordinal);
        Assert.Contains("model loading", error.Message, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, error.StatusCode);
    }

    [Theory]
    [InlineData(HttpStatusCode.TooManyRequests, true)]
    [InlineData(HttpStatusCode.BadGateway, true)]
    [InlineData(HttpStatusCode.ServiceUnavailable, true)]
    [InlineData(HttpStatusCode.GatewayTimeout, true)]
    [InlineData(HttpStatusCode.BadRequest, false)]
    [InlineData(HttpStatusCode.InternalServerError, false)]
    public async Task EmbedAsync_ErrorStatus_IsTransientOnlyForOverloadAndGatewayErrors(HttpStatusCode status, bool transient)
    {
        using var inference = new FakeInference
        {
            OnRequest = (_, _) => Task.FromResult<HttpResponseMessage?>(new HttpResponseMessage(status)),
        };
        var client = new InferenceClient(inference.CreateClient());

        var error = await Assert.ThrowsAsync<InferenceException>(() => client.EmbedAsync("m", ["a"], CancellationToken.None));

        Assert.Equal(transient, error.IsTransient);
    }

    [Fact]
    public async Task EmbedAsync_CallerCancels_ThrowsCancellationNotATransientFailure()
    {
        using var cancel = new CancellationTokenSource();
        using var inference = new FakeInference
        {
            OnRequest = async (_, requestAborted) =>
            {
                await cancel.CancelAsync();
                await Task.Delay(Timeout.Infinite, requestAborted);
                return null;
            },
        };
        var client = new InferenceClient(inference.CreateClient());

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => client.EmbedAsync("m", ["a"], cancel.Token));
    }

    [Fact]
    public async Task EmbedAsync_WrongNumberOfVectors_Throws()
    {
        using var inference = new FakeInference
        {
            OnRequest = (_, _) => Task.FromResult<HttpResponseMessage?>(new HttpResponseMessage(HttpStatusCode.OK)
            {
                Content = new StringContent(
                    """{"object":"list","data":[{"object":"embedding","index":0,"embedding":[1]}],"model":"m","usage":{"prompt_tokens":1,"total_tokens":1}}""",
                    Encoding.UTF8,
                    "application/json"),
            }),
        };
        var client = new InferenceClient(inference.CreateClient());

        var error = await Assert.ThrowsAsync<InferenceException>(() => client.EmbedAsync("m", ["a", "b"], CancellationToken.None));

        Assert.Contains("1 vectors for 2 inputs", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EmbedAsync_BodyNotJson_Throws()
    {
        using var inference = new FakeInference
        {
            OnRequest = (_, _) => Task.FromResult<HttpResponseMessage?>(new HttpResponseMessage(HttpStatusCode.OK)
            {
                Content = new StringContent("<html>", Encoding.UTF8, "application/json"),
            }),
        };
        var client = new InferenceClient(inference.CreateClient());

        var error = await Assert.ThrowsAsync<InferenceException>(() => client.EmbedAsync("m", ["a"], CancellationToken.None));

        Assert.False(error.IsTransient);
        Assert.Null(error.StatusCode);
    }
}

using System.Net;
using System.Net.Sockets;
using AiNow.Api.Embeddings;
using AiNow.Api.Extensions;
using AiNow.Contracts.Inference;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Polly;
using Polly.Timeout;

namespace AiNow.Api.Tests.Embeddings;

/// <summary>
/// The api's inference client as <c>AddApiServices</c> registers it (resilience and signing included), with only the
/// network replaced: a 503 or a lost connection is tried once more, a fault (500, 400) is not.
/// </summary>
public sealed class InferenceEmbeddingsRetryTests
{
    [Theory]
    [InlineData("500", 1)]
    [InlineData("400", 1)]
    [InlineData("502", 1)]
    [InlineData("504", 1)]
    [InlineData("429", 1)]
    [InlineData("503", 2)]
    [InlineData("connection refused", 2)]
    public async Task EmbedAsync_Failure_IsRetriedOnlyWhenTransportOr503(string failure, int attempts)
    {
        var network = new CountingHandler(failure);
        await using var services = ApiServicesWith(network);
        var client = services.GetRequiredService<InferenceEmbeddingsClient>();

        await Assert.ThrowsAsync<InferenceCallException>(() => client.EmbedAsync("m", ["a"], CancellationToken.None));

        Assert.Equal(attempts, network.Attempts);
    }

    [Fact]
    public async Task EmbedAsync_503ThenSuccess_Succeeds()
    {
        var network = new CountingHandler("503", failFirst: 1);
        await using var services = ApiServicesWith(network);
        var client = services.GetRequiredService<InferenceEmbeddingsClient>();

        var response = await client.EmbedAsync("m", ["a"], CancellationToken.None);

        Assert.Equal(2, network.Attempts);
        Assert.Equal([1f], Assert.Single(response.Data).Embedding);
    }

    public static TheoryData<string, bool> Outcomes => new()
    {
        { "connection refused", true },
        { "attempt timed out", true },
        { "503", true },
        { "500", false },
        { "502", false },
        { "429", false },
        { "200", false },
        { "bug", false },
    };

    [Theory]
    [MemberData(nameof(Outcomes))]
    public void IsRetryable_Outcome(string outcome, bool retryable)
    {
        var value = outcome switch
        {
            "connection refused" => Outcome.FromException<HttpResponseMessage>(new HttpRequestException(HttpRequestError.ConnectionError, "refused")),
            "attempt timed out" => Outcome.FromException<HttpResponseMessage>(new TimeoutRejectedException()),
            "bug" => Outcome.FromException<HttpResponseMessage>(new InvalidOperationException()),
            _ => Outcome.FromResult(new HttpResponseMessage((HttpStatusCode)int.Parse(outcome, System.Globalization.CultureInfo.InvariantCulture))),
        };

        Assert.Equal(retryable, InferenceEmbeddingsRetry.IsRetryable(value));
    }

    private static ServiceProvider ApiServicesWith(HttpMessageHandler network)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Api:SigningKey"] = "test-signing-key-0123456789abcdef",
            ["Api:InferenceUrl"] = "http://inference.test",
        }).Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddApiServices(configuration);
        services.AddHttpClient<InferenceEmbeddingsClient>().ConfigurePrimaryHttpMessageHandler(() => network);
        return services.BuildServiceProvider();
    }

    /// <summary>Fails the first <c>failFirst</c> attempts (all by default) as <c>failure</c> says, then answers one vector.</summary>
    private sealed class CountingHandler(string failure, int failFirst = int.MaxValue) : HttpMessageHandler
    {
        private int _attempts;

        public int Attempts => _attempts;

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            if (Interlocked.Increment(ref _attempts) > failFirst)
            {
                return Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK)
                {
                    Content = new StringContent(
                        """{"object":"list","data":[{"object":"embedding","index":0,"embedding":[1]}],"model":"m","usage":{"prompt_tokens":1,"total_tokens":1}}""",
                        System.Text.Encoding.UTF8,
                        "application/json"),
                });
            }

            return failure == "connection refused"
                ? throw new HttpRequestException(HttpRequestError.ConnectionError, "Connection refused", new SocketException((int)SocketError.ConnectionRefused))
                : Task.FromResult(new HttpResponseMessage((HttpStatusCode)int.Parse(failure, System.Globalization.CultureInfo.InvariantCulture)));
        }
    }
}

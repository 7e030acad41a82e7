using System.Net;
using System.Text.Json;
using AiNow.Api.Embeddings;
using AiNow.Api.Tests.Support;
using AiNow.Contracts;

namespace AiNow.Api.Tests.Apis;

public sealed class EmbeddingsApiTests : IAsyncLifetime
{
    private ApiTestHost _host = null!;
    private Principal _tenant = null!;

    public async Task InitializeAsync()
    {
        _host = await ApiTestHost.StartAsync();
        _tenant = Principal.ForTenant(_host.Tenants.Add().Id);
        _host.Inference.Respond = (_, body) => InferenceResponses.Embeddings(body);
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task Embed_SameRequestTwice_MissThenHitAndChargedBothTimes()
    {
        const string json = """{"input":["hello","world"],"model":"all-MiniLM-L6-v2"}""";

        using var first = await _host.SendAsync(HttpMethod.Post, "/v1/embeddings", _tenant, json);
        using var second = await _host.SendAsync(HttpMethod.Post, "/v1/embeddings", _tenant, json);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Equal("miss", Assert.Single(first.Headers.GetValues("X-AiNow-Cache")));
        Assert.Equal("hit", Assert.Single(second.Headers.GetValues("X-AiNow-Cache")));
        Assert.Equal(await first.Content.ReadAsStringAsync(), await second.Content.ReadAsStringAsync());
        Assert.Single(_host.Inference.Requests);

        var cached = Assert.Single(_host.Cache.Entries);
        Assert.Equal(EmbeddingCacheKey.For(_tenant.TenantId, EmbeddingModel.Name, ["hello", "world"]), cached.Key);
        Assert.Equal(TimeSpan.FromHours(1), cached.Value.TimeToLive);

        Assert.Equal(2, _host.Usage.Records.Count);
        Assert.All(_host.Usage.Records, record =>
        {
            Assert.Equal(_tenant.TenantId, record.TenantId);
            Assert.Equal("embeddings", record.Operation);
            Assert.Equal(6, record.Tokens);
        });
    }

    [Fact]
    public async Task Embed_Miss_ReturnsOpenAiShape()
    {
        using var response = await _host.SendAsync(HttpMethod.Post, "/v1/embeddings", _tenant, """{"input":"hello"}""");

        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("list", body.GetProperty("object").GetString());
        Assert.Equal(EmbeddingModel.Name, body.GetProperty("model").GetString());
        var item = Assert.Single(body.GetProperty("data").EnumerateArray().ToList());
        Assert.Equal("embedding", item.GetProperty("object").GetString());
        Assert.Equal(0, item.GetProperty("index").GetInt32());
        Assert.Equal(EmbeddingModel.Dimensions, item.GetProperty("embedding").GetArrayLength());
        Assert.Equal(3, body.GetProperty("usage").GetProperty("total_tokens").GetInt32());
    }

    [Fact]
    public async Task Embed_SendsValidatedTextsToInference()
    {
        using var response = await _host.SendAsync(HttpMethod.Post, "/v1/embeddings", _tenant, """{"input":"hello"}""");

        var (path, body) = Assert.Single(_host.Inference.Requests);
        Assert.Equal("/v1/embeddings", path);
        var sent = JsonDocument.Parse(body).RootElement;
        Assert.Equal(["hello"], sent.GetProperty("input").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(EmbeddingModel.Name, sent.GetProperty("model").GetString());
    }

    [Fact]
    public async Task Embed_DifferentOrder_IsASeparateCacheEntry()
    {
        using var first = await _host.SendAsync(HttpMethod.Post, "/v1/embeddings", _tenant, """{"input":["a","b"]}""");
        using var second = await _host.SendAsync(HttpMethod.Post, "/v1/embeddings", _tenant, """{"input":["b","a"]}""");

        Assert.Equal("miss", Assert.Single(second.Headers.GetValues("X-AiNow-Cache")));
        Assert.Equal(2, _host.Inference.Requests.Count);
    }

    [Fact]
    public async Task Embed_CacheDown_ServesUncached()
    {
        _host.Cache.Available = false;

        using var first = await _host.SendAsync(HttpMethod.Post, "/v1/embeddings", _tenant, """{"input":"hello"}""");
        using var second = await _host.SendAsync(HttpMethod.Post, "/v1/embeddings", _tenant, """{"input":"hello"}""");

        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Equal("miss", Assert.Single(second.Headers.GetValues("X-AiNow-Cache")));
        Assert.Equal(2, _host.Inference.Requests.Count);
        Assert.Equal(2, _host.Usage.Records.Count);
    }

    [Fact]
    public async Task Embed_CorruptCacheEntry_IsTreatedAsMiss()
    {
        _host.Cache.Entries[EmbeddingCacheKey.For(_tenant.TenantId, EmbeddingModel.Name, ["hello"])] = ("{not json", TimeSpan.FromHours(1));

        using var response = await _host.SendAsync(HttpMethod.Post, "/v1/embeddings", _tenant, """{"input":"hello"}""");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("miss", Assert.Single(response.Headers.GetValues("X-AiNow-Cache")));
    }

    [Fact]
    public async Task Embed_EscapedSurrogatePair_IsAccepted()
    {
        using var response = await _host.SendAsync(HttpMethod.Post, "/v1/embeddings", _tenant, """{"input":"\uD83D\uDE00 smile"}""");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var sent = JsonDocument.Parse(Assert.Single(_host.Inference.Requests).Body).RootElement;
        Assert.Equal("\U0001F600 smile", sent.GetProperty("input")[0].GetString());
    }

    [Fact]
    public async Task Embed_Base64Format_EncodesVectors()
    {
        using var response = await _host.SendAsync(
            HttpMethod.Post, "/v1/embeddings", _tenant, """{"input":"hello","encoding_format":"base64"}""");

        var item = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("data")[0];
        var bytes = Convert.FromBase64String(item.GetProperty("embedding").GetString()!);
        Assert.Equal(EmbeddingModel.Dimensions * sizeof(float), bytes.Length);
        Assert.Equal(5f, BitConverter.ToSingle(bytes, 0));
    }

    public static TheoryData<string, int, string> InferenceFailures => new()
    {
        { "unreachable", 503, "not reachable" },
        { "timeout", 503, "not reachable" },
        { "500", 502, "failed with status 500" },
        { "400", 502, "failed with status 400" },
        { "503", 503, "busy or unavailable (503)" },
        { "429", 503, "busy or unavailable (429)" },
        { "garbage", 502, "not an embeddings response" },
        { "html", 502, "not an embeddings response" },
        { "wrong-count", 502, "one embedding per input" },
        { "empty-object", 502, "one embedding per input" },
    };

    [Theory]
    [MemberData(nameof(InferenceFailures))]
    public async Task Embed_InferenceFails_IsGatewayProblemNot500(string failure, int status, string detail)
    {
        _host.Inference.Respond = (_, _) => failure switch
        {
            "unreachable" => throw new HttpRequestException("Connection refused"),
            "timeout" => throw new TaskCanceledException("timed out"),
            "garbage" => InferenceResponses.Json(HttpStatusCode.OK, "{\"data\": [1, 2"),
            "html" => InferenceResponses.Json(HttpStatusCode.OK, "<html></html>", "text/html"),
            "wrong-count" => InferenceResponses.Embeddings("""{"input":["a","b"]}"""),
            "empty-object" => InferenceResponses.Json(HttpStatusCode.OK, "{}"),
            _ => InferenceResponses.Json((HttpStatusCode)int.Parse(failure, System.Globalization.CultureInfo.InvariantCulture), "{}"),
        };

        using var response = await _host.SendAsync(HttpMethod.Post, "/v1/embeddings", _tenant, """{"input":"hello"}""");

        await ProblemAssert.IsProblemAsync(response, (HttpStatusCode)status, detail);
        Assert.Empty(_host.Usage.Records);
        Assert.Empty(_host.Cache.Entries);
    }
}

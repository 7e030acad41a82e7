using System.Net;
using System.Text;
using System.Text.Json;
using AiNow.Api.Embeddings;
using AiNow.Api.Tests.Support;
using AiNow.Contracts;
using AiNow.Contracts.Inference;

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
        Assert.Equal(EmbeddingCacheKey.Budget(_tenant.TenantId, 10_000, 32 * 1024 * 1024), _host.Cache.BudgetsByKey[cached.Key]);

        Assert.Equal(2, _host.Usage.Records.Count);
        Assert.All(_host.Usage.Records, record =>
        {
            Assert.Equal(_tenant.TenantId, record.TenantId);
            Assert.Equal("embeddings", record.Operation);
            Assert.Equal(6, record.Tokens);
        });
    }

    [Fact]
    public async Task Embed_Hit_AnswersTheStoredBodyByteForByteWithTheMissHeaders()
    {
        const string json = """{"input":["hello","world"]}""";

        using var miss = await _host.SendAsync(HttpMethod.Post, "/v1/embeddings", _tenant, json);
        using var hit = await _host.SendAsync(HttpMethod.Post, "/v1/embeddings", _tenant, json);

        var stored = EmbeddingCacheEntry.TryRead(Assert.Single(_host.Cache.Entries).Value.Value, expectedItems: 2);
        Assert.NotNull(stored);
        Assert.Equal(Encoding.UTF8.GetBytes(stored.Json), await hit.Content.ReadAsByteArrayAsync());
        Assert.Equal(await miss.Content.ReadAsByteArrayAsync(), await hit.Content.ReadAsByteArrayAsync());
        Assert.Equal("application/json; charset=utf-8", hit.Content.Headers.ContentType?.ToString());
        Assert.Equal(miss.Content.Headers.ContentType, hit.Content.Headers.ContentType);
        Assert.Equal(miss.Content.Headers.ContentLength, hit.Content.Headers.ContentLength);
        Assert.Equal(
            miss.Headers.Where(h => h.Key != "X-AiNow-Cache").Select(h => h.Key).Order(),
            hit.Headers.Where(h => h.Key != "X-AiNow-Cache").Select(h => h.Key).Order());
    }

    [Fact]
    public async Task Embed_Hit_IsServedAndChargedFromTheEntryWithoutInference()
    {
        // What the entry holds is what the tenant gets and pays: a hit does not read the vectors again.
        const string body = """{"object":"list","data":[{"object":"embedding","index":0,"embedding":[0.25]}],"model":"all-MiniLM-L6-v2","usage":{"prompt_tokens":42,"total_tokens":42}}""";
        _host.Cache.Entries[EmbeddingCacheKey.For(_tenant.TenantId, EmbeddingModel.Name, ["hello"])] =
            (EmbeddingCacheEntry.Write(new EmbeddingAnswer(body, 1, 42)), TimeSpan.FromHours(1));

        using var response = await _host.SendAsync(HttpMethod.Post, "/v1/embeddings", _tenant, """{"input":"hello"}""");

        Assert.Equal("hit", Assert.Single(response.Headers.GetValues("X-AiNow-Cache")));
        Assert.Equal(body, await response.Content.ReadAsStringAsync());
        Assert.Empty(_host.Inference.Requests);
        Assert.Equal(42, Assert.Single(_host.Usage.Records).Tokens);
    }

    [Fact]
    public async Task Embed_EntryInAnOlderLayout_IsAMissAndReplaced()
    {
        var key = EmbeddingCacheKey.For(_tenant.TenantId, EmbeddingModel.Name, ["hello"]);
        _host.Cache.Entries[key] = ("""{"object":"list","data":[],"model":"all-MiniLM-L6-v2","usage":{"prompt_tokens":3,"total_tokens":3}}""", TimeSpan.FromHours(1));

        using var response = await _host.SendAsync(HttpMethod.Post, "/v1/embeddings", _tenant, """{"input":"hello"}""");

        Assert.Equal("miss", Assert.Single(response.Headers.GetValues("X-AiNow-Cache")));
        Assert.NotNull(EmbeddingCacheEntry.TryRead(_host.Cache.Entries[key].Value, expectedItems: 1));
    }

    [Fact]
    public async Task Embed_Base64OnAHit_EncodesTheCachedVectors()
    {
        using var miss = await _host.SendAsync(HttpMethod.Post, "/v1/embeddings", _tenant, """{"input":"hello"}""");
        using var hit = await _host.SendAsync(
            HttpMethod.Post, "/v1/embeddings", _tenant, """{"input":"hello","encoding_format":"base64"}""");

        Assert.Equal("hit", Assert.Single(hit.Headers.GetValues("X-AiNow-Cache")));
        var floats = JsonDocument.Parse(await miss.Content.ReadAsStringAsync()).RootElement.GetProperty("data")[0]
            .GetProperty("embedding").EnumerateArray().Select(e => e.GetSingle()).ToArray();
        var encoded = JsonDocument.Parse(await hit.Content.ReadAsStringAsync()).RootElement.GetProperty("data")[0]
            .GetProperty("embedding").GetString();
        Assert.Equal(EmbeddingResponseWriter.ToBase64(floats), encoded);
        Assert.Single(_host.Inference.Requests);
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
    public async Task Embed_CorruptCacheEntry_IsTreatedAsMiss()
    {
        _host.Cache.Entries[EmbeddingCacheKey.For(_tenant.TenantId, EmbeddingModel.Name, ["hello"])] = ("{not json", TimeSpan.FromHours(1));

        using var response = await _host.SendAsync(HttpMethod.Post, "/v1/embeddings", _tenant, """{"input":"hello"}""");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("miss", Assert.Single(response.Headers.GetValues("X-AiNow-Cache")));
    }

    /// <summary>A kept body that does not read (a header written, the body damaged) is recomputed for base64, not answered 500.</summary>
    [Fact]
    public async Task Embed_Base64OnAnEntryWhoseBodyDoesNotRead_IsAMissAndReplacesIt()
    {
        var key = EmbeddingCacheKey.For(_tenant.TenantId, EmbeddingModel.Name, ["hello"]);
        const string Unreadable = """{"object":"list","data":[null],"model":"m"}""";
        _host.Cache.Entries[key] = ($"{EmbeddingCacheEntry.Layout} 1 3 {Unreadable.Length}\n{Unreadable}", TimeSpan.FromHours(1));

        using var response = await _host.SendAsync(
            HttpMethod.Post, "/v1/embeddings", _tenant, """{"input":"hello","encoding_format":"base64"}""");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("miss", Assert.Single(response.Headers.GetValues("X-AiNow-Cache")));
        Assert.Single(_host.Inference.Requests);
        var replaced = EmbeddingCacheEntry.TryRead(_host.Cache.Entries[key].Value, expectedItems: 1);
        Assert.NotNull(replaced?.WithVectors());
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

    [Fact]
    public async Task Embed_InferenceRefusesATextAsTooLong_Answers400NamingItWithoutInferencesWords()
    {
        _host.Inference.Respond = (_, _) => InferenceResponses.Json(
            HttpStatusCode.BadRequest,
            $$"""{"detail":"from {{Internals}}","code":"input_too_long","index":1}""",
            "application/problem+json");

        using var response = await _host.SendAsync(HttpMethod.Post, "/v1/embeddings", _tenant, """{"input":["short","long"]}""");

        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest, InputTooLong.Detail(1));
        Assert.DoesNotContain(Internals, problem.ToString(), StringComparison.Ordinal);
        Assert.Empty(_host.Usage.Records);
        Assert.Empty(_host.Cache.Entries);
    }

    // Internals an upstream failure may carry: a host and port, an upstream body, exception text.
    private const string Internals = "inference-0.cluster.internal:8080";

    public static TheoryData<string, int> InferenceFailures => new()
    {
        { "unreachable", 503 },
        { "timeout", 503 },
        { "503", 503 },
        { "429", 503 },
        { "502", 503 },
        { "504", 503 },
        { "500", 502 },
        { "400", 502 },
        { "garbage", 502 },
        { "html", 502 },
        { "wrong-count", 502 },
        { "repeated-index", 502 },
        { "empty-object", 502 },
    };

    [Theory]
    [MemberData(nameof(InferenceFailures))]
    public async Task Embed_InferenceFails_IsNeutralGatewayProblemNot500(string failure, int status)
    {
        _host.Inference.Respond = (_, body) => failure switch
        {
            "unreachable" => throw new HttpRequestException($"Connection refused ({Internals})"),
            "timeout" => throw new TaskCanceledException($"Timed out waiting for {Internals}"),
            "garbage" => InferenceResponses.Json(HttpStatusCode.OK, "{\"data\": [1, 2"),
            "html" => InferenceResponses.Json(HttpStatusCode.OK, $"<html>{Internals}</html>", "text/html"),
            "wrong-count" => InferenceResponses.Embeddings("""{"input":["a","b"]}"""),
            "repeated-index" => InferenceResponses.Json(
                HttpStatusCode.OK,
                """{"object":"list","data":[{"index":1,"embedding":[1]}],"model":"m","usage":{"prompt_tokens":1,"total_tokens":1}}"""),
            "empty-object" => InferenceResponses.Json(HttpStatusCode.OK, "{}"),
            _ => InferenceResponses.Json(
                (HttpStatusCode)int.Parse(failure, System.Globalization.CultureInfo.InvariantCulture),
                $$"""{"detail":"Traceback: model crashed at {{Internals}}"}"""),
        };

        using var response = await _host.SendAsync(HttpMethod.Post, "/v1/embeddings", _tenant, """{"input":"hello"}""");

        var detail = status == 503 ? EmbeddingFailureProblems.UnavailableDetail : EmbeddingFailureProblems.FailedDetail;
        var problem = await ProblemAssert.IsProblemAsync(response, (HttpStatusCode)status, detail);
        Assert.Equal(detail, problem.GetProperty("detail").GetString());
        Assert.True(problem.TryGetProperty("traceId", out _), "The detail tells the tenant to quote the trace id, so the problem must carry one.");
        Assert.Equal(status == 503 ? ["5"] : [], response.Headers.TryGetValues("Retry-After", out var retryAfter) ? retryAfter : []);
        Assert.Empty(_host.Usage.Records);
        Assert.Empty(_host.Cache.Entries);
    }

    [Theory]
    [MemberData(nameof(InferenceFailures))]
    public async Task Embed_InferenceFails_ProblemNamesNoInternals(string failure, int status)
    {
        _host.Inference.Respond = (_, _) => failure switch
        {
            "unreachable" or "timeout" => throw new HttpRequestException($"Connection refused ({Internals})"),
            "garbage" or "html" or "wrong-count" or "repeated-index" or "empty-object" =>
                InferenceResponses.Json(HttpStatusCode.OK, $"<html>{Internals}</html>"),
            _ => InferenceResponses.Json(
                (HttpStatusCode)int.Parse(failure, System.Globalization.CultureInfo.InvariantCulture),
                $$"""{"detail":"Traceback: model crashed at {{Internals}}"}"""),
        };

        using var response = await _host.SendAsync(HttpMethod.Post, "/v1/embeddings", _tenant, """{"input":"hello"}""");

        Assert.Equal(status, (int)response.StatusCode);
        var text = await response.Content.ReadAsStringAsync();
        foreach (var leak in new[] { "inference", "cluster.internal", ":8080", "Traceback", "Connection refused", "<html>", "Exception", "status 5", "status 4" })
        {
            Assert.DoesNotContain(leak, text, StringComparison.OrdinalIgnoreCase);
        }
    }

    [Fact]
    public async Task Embed_Inference500_IsNotRetried()
    {
        _host.Inference.Respond = (_, _) => InferenceResponses.Json(HttpStatusCode.InternalServerError, "{}");

        using var response = await _host.SendAsync(HttpMethod.Post, "/v1/embeddings", _tenant, """{"input":"hello"}""");

        Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
        Assert.Single(_host.Inference.Requests);
    }

    [Fact]
    public async Task Embed_Inference503ThenSuccess_RetriedOnceAndAnswered()
    {
        _host.Inference.Respond = (_, body) => _host.Inference.Requests.Count == 1
            ? InferenceResponses.Json(HttpStatusCode.ServiceUnavailable, "{}")
            : InferenceResponses.Embeddings(body);

        using var response = await _host.SendAsync(HttpMethod.Post, "/v1/embeddings", _tenant, """{"input":"hello"}""");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(2, _host.Inference.Requests.Count);
    }
}

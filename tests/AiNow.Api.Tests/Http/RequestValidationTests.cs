using System.Net;
using System.Text;
using System.Text.Json;
using AiNow.Api.Tests.Support;

namespace AiNow.Api.Tests.Http;

/// <summary>Every way a request can be malformed gets a 4xx problem that says what is wrong, never a 500.</summary>
public sealed class RequestValidationTests(ApiHostFixture fixture) : IClassFixture<ApiHostFixture>
{
    private const string Json = "application/json";

    [Theory]
    // Body framing, shared by every endpoint that reads one.
    [InlineData("admin", "POST", "/admin/tenants", null, null, 400, "A JSON body is required")]
    [InlineData("admin", "POST", "/admin/tenants", Json, "", 400, "A JSON body is required")]
    [InlineData("admin", "POST", "/admin/tenants", "text/plain", "hello", 415, "Content-Type 'text/plain")]
    [InlineData("admin", "POST", "/admin/tenants", "application/x-www-form-urlencoded", "name=a", 415, "Send it with 'Content-Type: application/json'")]
    [InlineData("admin", "POST", "/admin/tenants", "application/xml", "<a/>", 415, "must be JSON")]
    [InlineData("admin", "POST", "/admin/tenants", Json, "{not json", 400, "The body is not valid JSON")]
    [InlineData("admin", "POST", "/admin/tenants", Json, "{\"name\":\"a\",}", 400, "The body is not valid JSON")]
    [InlineData("admin", "POST", "/admin/tenants", Json, "{\"name\":\"a\",\"rateLimitPerMinute\":5}{}", 400, "The body is not valid JSON")]
    [InlineData("admin", "POST", "/admin/tenants", Json, "{\"name\":\"a", 400, "The body is not valid JSON")]
    [InlineData("admin", "POST", "/admin/tenants", Json, "[1,2]", 400, "must be a JSON object ({ ... }), not an array")]
    [InlineData("admin", "POST", "/admin/tenants", Json, "\"acme\"", 400, "not a string")]
    [InlineData("admin", "POST", "/admin/tenants", Json, "42", 400, "not a number")]
    [InlineData("admin", "POST", "/admin/tenants", Json, "null", 400, "not null")]
    [InlineData("admin", "POST", "/admin/tenants", "application/json; charset=utf-8", "{}", 400, "'name' is required")]
    [InlineData("admin", "POST", "/admin/tenants", "application/merge-patch+json", "{}", 400, "'name' is required")]
    // Tenants.
    [InlineData("admin", "POST", "/admin/tenants", Json, "{}", 400, "'name' is required")]
    [InlineData("admin", "POST", "/admin/tenants", Json, "{\"name\":1,\"rateLimitPerMinute\":5}", 400, "'name' must be a string, not a number")]
    [InlineData("admin", "POST", "/admin/tenants", Json, "{\"name\":\"a/b\",\"rateLimitPerMinute\":5}", 400, "character 2 is not allowed")]
    [InlineData("admin", "POST", "/admin/tenants", Json, "{\"name\":\"\",\"rateLimitPerMinute\":5}", 400, "1 to 100 characters")]
    [InlineData("admin", "POST", "/admin/tenants", Json, "{\"name\":\"acme\"}", 400, "'rateLimitPerMinute' is required")]
    [InlineData("admin", "POST", "/admin/tenants", Json, "{\"name\":\"acme\",\"rateLimitPerMinute\":\"5\"}", 400, "not a string")]
    [InlineData("admin", "POST", "/admin/tenants", Json, "{\"name\":\"acme\",\"rateLimitPerMinute\":0}", 400, "from 1 to 100000")]
    [InlineData("admin", "POST", "/admin/tenants", Json, "{\"name\":\"acme\",\"rateLimitPerMinute\":100001}", 400, "from 1 to 100000")]
    [InlineData("admin", "POST", "/admin/tenants", Json, "{\"name\":\"acme\",\"rateLimitPerMinute\":2.5}", 400, "2.5 is not")]
    [InlineData("admin", "GET", "/admin/tenants/not-a-guid", null, null, 404, "tenant ids are GUIDs")]
    [InlineData("admin", "GET", "/admin/tenants/0195f0c2-7c1e-7d3a-9b5e-3f1a2b4c5d6e", null, null, 404, "No tenant has the id")]
    [InlineData("admin", "POST", "/admin/tenants/not-a-guid/keys", null, null, 404, "tenant ids are GUIDs")]
    [InlineData("admin", "POST", "/admin/tenants/0195f0c2-7c1e-7d3a-9b5e-3f1a2b4c5d6e/keys", null, null, 404, "Create the tenant first")]
    // Key resolution.
    [InlineData("gateway", "POST", "/internal/keys/resolve", null, null, 400, "A JSON body is required")]
    [InlineData("gateway", "POST", "/internal/keys/resolve", "text/plain", "ainow_x", 415, "must be JSON")]
    [InlineData("gateway", "POST", "/internal/keys/resolve", Json, "{}", 400, "'key' is required")]
    [InlineData("gateway", "POST", "/internal/keys/resolve", Json, "{\"key\":42}", 400, "'key' must be a string, not a number")]
    [InlineData("gateway", "POST", "/internal/keys/resolve", Json, "{\"key\":\"nope\"}", 404, "No active API key matches")]
    [InlineData("gateway", "POST", "/internal/keys/resolve", Json, "{\"key\":\"ainow_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA\"}", 404, "No active API key matches")]
    // Embeddings.
    [InlineData("tenant", "POST", "/v1/embeddings", null, null, 400, "A JSON body is required")]
    [InlineData("tenant", "POST", "/v1/embeddings", "text/plain", "hello", 415, "must be JSON")]
    [InlineData("tenant", "POST", "/v1/embeddings", Json, "{\"input\":", 400, "The body is not valid JSON")]
    [InlineData("tenant", "POST", "/v1/embeddings", Json, "[\"hello\"]", 400, "must be a JSON object")]
    [InlineData("tenant", "POST", "/v1/embeddings", Json, "{}", 400, "'input' is required")]
    [InlineData("tenant", "POST", "/v1/embeddings", Json, "{\"input\":null}", 400, "'input' is required")]
    [InlineData("tenant", "POST", "/v1/embeddings", Json, "{\"input\":5}", 400, "not a number")]
    [InlineData("tenant", "POST", "/v1/embeddings", Json, "{\"input\":{}}", 400, "not an object")]
    [InlineData("tenant", "POST", "/v1/embeddings", Json, "{\"input\":[]}", 400, "at least one text")]
    [InlineData("tenant", "POST", "/v1/embeddings", Json, "{\"input\":[\"a\",7]}", 400, "'input[1]' must be a string")]
    [InlineData("tenant", "POST", "/v1/embeddings", Json, "{\"input\":[[1,2,3]]}", 400, "'input[0]' must be a string, not an array")]
    [InlineData("tenant", "POST", "/v1/embeddings", Json, "{\"input\":\"  \"}", 400, "'input[0]' is empty")]
    [InlineData("tenant", "POST", "/v1/embeddings", Json, "{\"input\":[\"ok\",\"\\uDC00\"]}", 400, "lone UTF-16 surrogate")]
    [InlineData("tenant", "POST", "/v1/embeddings", Json, "{\"input\":\"a\",\"model\":\"text-embedding-3-small\"}", 400, "Unknown model 'text-embedding-3-small'")]
    [InlineData("tenant", "POST", "/v1/embeddings", Json, "{\"input\":\"a\",\"model\":[]}", 400, "'model' must be a string")]
    [InlineData("tenant", "POST", "/v1/embeddings", Json, "{\"input\":\"a\",\"encoding_format\":\"int8\"}", 400, "'encoding_format' must be")]
    [InlineData("tenant", "POST", "/v1/embeddings", Json, "{\"input\":\"a\",\"dimensions\":16}", 400, "produces 384 dimensions")]
    // Batches.
    [InlineData("tenant", "POST", "/v1/batches", null, null, 400, "A JSON body is required")]
    [InlineData("tenant", "POST", "/v1/batches", "text/csv", "a,b", 415, "must be JSON")]
    [InlineData("tenant", "POST", "/v1/batches", Json, "{}", 400, "'input' is required")]
    [InlineData("tenant", "POST", "/v1/batches", Json, "{\"input\":[]}", 400, "at least one text")]
    [InlineData("tenant", "POST", "/v1/batches", Json, "{\"input\":[1]}", 400, "'input[0]' must be a string")]
    [InlineData("tenant", "POST", "/v1/batches", Json, "{\"input\":[\"a\"],\"model\":\"other\"}", 400, "Unknown model 'other'")]
    [InlineData("tenant", "GET", "/v1/batches/not-a-guid", null, null, 404, "batch job ids are GUIDs")]
    [InlineData("tenant", "GET", "/v1/batches/12345", null, null, 404, "batch job ids are GUIDs")]
    // Chat.
    [InlineData("tenant", "POST", "/v1/chat/completions", null, null, 400, "A JSON body is required")]
    [InlineData("tenant", "POST", "/v1/chat/completions", "text/plain", "hi", 415, "must be JSON")]
    [InlineData("tenant", "POST", "/v1/chat/completions", Json, "{", 400, "The body is not valid JSON")]
    [InlineData("tenant", "POST", "/v1/chat/completions", Json, "{}", 400, "'messages' is required")]
    [InlineData("tenant", "POST", "/v1/chat/completions", Json, "{\"messages\":\"hi\"}", 400, "'messages' must be an array")]
    [InlineData("tenant", "POST", "/v1/chat/completions", Json, "{\"messages\":[]}", 400, "at least one message")]
    [InlineData("tenant", "POST", "/v1/chat/completions", Json, "{\"messages\":[\"hi\"]}", 400, "'messages[0]' must be an object")]
    [InlineData("tenant", "POST", "/v1/chat/completions", Json, "{\"messages\":[{\"content\":\"hi\"}]}", 400, "'messages[0].role' is required")]
    [InlineData("tenant", "POST", "/v1/chat/completions", Json, "{\"messages\":[{\"role\":1}]}", 400, "'messages[0].role' is required")]
    [InlineData("tenant", "POST", "/v1/chat/completions", Json, "{\"messages\":[{\"role\":\"user\"}],\"stream\":\"yes\"}", 400, "'stream' must be true or false")]
    [InlineData("tenant", "POST", "/v1/chat/completions", Json, "{\"messages\":[{\"role\":\"user\"}],\"model\":5}", 400, "'model' must be a string")]
    public async Task Request_BadInput_IsProblemSayingWhatIsWrong(
        string principal, string method, string path, string? contentType, string? body, int status, string detail)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (body is not null)
        {
            request.Content = new ByteArrayContent(Encoding.UTF8.GetBytes(body));
            if (contentType is not null)
            {
                request.Content.Headers.TryAddWithoutValidation("Content-Type", contentType);
            }
        }

        Sign(request, principal);
        using var response = await fixture.Host.Client.SendAsync(request);

        await ProblemAssert.IsProblemAsync(response, (HttpStatusCode)status, detail);
    }

    public static TheoryData<string, string, string, int, string> LargeBodies => new()
    {
        { "tenant", "/v1/embeddings", JsonSerializer.Serialize(new { input = Enumerable.Repeat("x", 65) }), 400, "at most 64" },
        { "tenant", "/v1/embeddings", JsonSerializer.Serialize(new { input = new string('x', 8193) }), 400, "at most 8192" },
        { "tenant", "/v1/batches", JsonSerializer.Serialize(new { input = Enumerable.Repeat("x", 1025) }), 400, "at most 1024" },
        { "tenant", "/v1/embeddings", JsonSerializer.Serialize(new { input = new string('x', 70_000) }), 413, "larger than 65536 bytes" },
        { "tenant", "/v1/chat/completions", JsonSerializer.Serialize(new { messages = new[] { new { role = "user", content = new string('x', 70_000) } } }), 413, "larger than" },
        { "admin", "/admin/tenants", "{\"name\":\"" + new string('a', 70_000) + "\"}", 413, "larger than" },
        { "gateway", "/internal/keys/resolve", "{\"key\":\"" + new string('a', 70_000) + "\"}", 413, "larger than" },
        { "admin", "/admin/tenants", new string('[', 200) + new string(']', 200), 400, "The body is not valid JSON" },
        { "tenant", "/v1/embeddings", "{\"input\":" + new string('[', 100) + new string(']', 100) + "}", 400, "The body is not valid JSON" },
    };

    [Theory]
    [MemberData(nameof(LargeBodies))]
    public async Task Request_TooLargeOrTooDeep_IsProblem(string principal, string path, string body, int status, string detail)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(body, Encoding.UTF8, Json) };
        Sign(request, principal);

        using var response = await fixture.Host.Client.SendAsync(request);

        await ProblemAssert.IsProblemAsync(response, (HttpStatusCode)status, detail);
    }

    [Theory]
    [InlineData(new byte[] { 0x7B, 0x22, 0x6B, 0x65, 0x79, 0x22, 0x3A, 0x22, 0xFF, 0xFE, 0x22, 0x7D }, 400, "not valid UTF-8")]
    [InlineData(new byte[] { 0x7B, 0x22, 0xC3, 0x28, 0x22, 0x3A, 0x31, 0x7D }, 400, "not valid UTF-8")]
    [InlineData(new byte[] { 0xEF, 0xBB, 0xBF, 0x7B, 0x7D }, 400, "'key' is required")]
    [InlineData(new byte[] { 0xEF, 0xBB, 0xBF }, 400, "not valid JSON")]
    [InlineData(new byte[] { 0x7B, 0x22, 0x6B, 0x65, 0x79, 0x22, 0x3A, 0x22, 0x5C, 0x75, 0x44, 0x38, 0x30, 0x30, 0x22, 0x7D }, 400, "lone UTF-16 surrogate")]
    public async Task Request_RawBytes_AreProblemsNot500(byte[] body, int status, string detail)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/internal/keys/resolve") { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue(Json);
        Sign(request, "gateway");

        using var response = await fixture.Host.Client.SendAsync(request);

        await ProblemAssert.IsProblemAsync(response, (HttpStatusCode)status, detail);
    }

    [Fact]
    public async Task Request_ChunkedBodyOverTheLimit_Is413()
    {
        var content = new StreamContent(new MemoryStream(Encoding.UTF8.GetBytes("{\"input\":\"" + new string('x', 100_000) + "\"}")));
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue(Json);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/embeddings") { Content = content };
        request.Headers.TransferEncodingChunked = true;
        Sign(request, "tenant");

        using var response = await fixture.Host.Client.SendAsync(request);

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.RequestEntityTooLarge, "larger than");
    }

    [Fact]
    public async Task Request_WrongMethod_Is405Problem()
    {
        using var request = new HttpRequestMessage(HttpMethod.Put, "/v1/embeddings");
        Sign(request, "tenant");

        using var response = await fixture.Host.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Request_UnknownPath_Is404Problem()
    {
        using var response = await fixture.Host.Client.GetAsync(new Uri("/v1/nothing-here", UriKind.Relative));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    private void Sign(HttpRequestMessage request, string principal) =>
        ApiTestHost.Sign(request, fixture.PrincipalFor(principal), fixture.Host.Signer);
}

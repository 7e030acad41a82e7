using System.Net;
using System.Text;

namespace AiNow.IntegrationTests;

/// <summary>Bad input gets exactly its 4xx problem, naming the field or rule it broke; never a 5xx, never another error.</summary>
[Collection(PlatformTests.Name)]
public sealed class MalformedRequestTests(PlatformFixture platform)
{
    /// <summary>Each row: the request, the status it must get, and what its problem must mention (the field or rule).</summary>
    public static TheoryData<string, string, string?, string?, int, string> MalformedRequests => new()
    {
        // method, path, content type, body, status, mention
        { "POST", "/v1/embeddings", "application/json", "", 400, "The request body is empty" },
        { "POST", "/v1/embeddings", "application/json", "{", 400, "not valid JSON" },
        { "POST", "/v1/embeddings", "application/json", "not json at all", 400, "not valid JSON" },
        { "POST", "/v1/embeddings", "application/json", "[]", 400, "must be a JSON object" },
        { "POST", "/v1/embeddings", "application/json", "{}", 400, "'input' is required" },
        { "POST", "/v1/embeddings", "application/json", "{\"input\": null}", 400, "'input' is required" },
        { "POST", "/v1/embeddings", "application/json", "{\"input\": 42}", 400, "'input' must be a string or an array of strings, not a number" },
        { "POST", "/v1/embeddings", "application/json", "{\"input\": \"\"}", 400, "'input[0]' is empty" },
        { "POST", "/v1/embeddings", "application/json", "{\"input\": []}", 400, "'input' must hold at least one text" },
        { "POST", "/v1/embeddings", "application/json", "{\"input\": [1, 2]}", 400, "'input[0]' must be a string, not a number" },
        { "POST", "/v1/embeddings", "application/json", "{\"input\": [\"ok\", {\"nested\": true}]}", 400, "'input[1]' must be a string, not an object" },
        { "POST", "/v1/embeddings", "application/json", "{\"input\": \"hi\", \"model\": \"gpt-unknown\"}", 400, "Unknown model 'gpt-unknown'" },
        { "POST", "/v1/embeddings", "application/json", "{\"input\": \"hi\", \"model\": 7}", 400, "'model' must be a string" },
        { "POST", "/v1/embeddings", "application/json", $"{{\"input\": \"{new string('x', 9000)}\"}}", 400, "'input[0]' has 9000 characters; at most 8192" },
        { "POST", "/v1/embeddings", "application/json", $"{{\"input\": [{string.Join(',', Enumerable.Repeat("\"t\"", 65))}]}}", 400, "'input' holds 65 texts; at most 64" },
        { "POST", "/v1/embeddings", "text/plain", "hello", 415, "Content-Type 'text/plain'" },
        { "POST", "/v1/embeddings", null, null, 400, "The request body is empty" },
        { "POST", "/v1/batches", "application/json", "{\"input\": {\"text\": \"an object is not a batch\"}}", 400, "'input' must be a string or an array of strings, not an object" },
        { "POST", "/v1/batches", "application/json", "{\"input\": []}", 400, "'input' must hold at least one text" },
        { "POST", "/v1/batches", "application/json", "{\"input\": [\"  \"]}", 400, "'input[0]' is empty" },
        { "POST", "/v1/batches", "application/json", $"{{\"input\": [{string.Join(',', Enumerable.Repeat("\"t\"", 1025))}]}}", 400, "'input' holds 1025 texts; at most 1024" },
        { "GET", "/v1/batches/not-a-guid", null, null, 404, "batch job ids are GUIDs" },
        { "GET", $"/v1/batches/{Guid.NewGuid()}", null, null, 404, "exists for this tenant" },
        { "POST", "/v1/chat/completions", "application/json", "{\"messages\": \"hi\"}", 400, "'messages' must be an array" },
        { "POST", "/v1/chat/completions", "application/json", "{\"messages\": []}", 400, "'messages' must hold at least one message" },
        { "POST", "/v1/chat/completions", "application/json", "[1]", 400, "must be a JSON object" },
        { "POST", "/v1/chat/completions", "application/json", "{\"messages\": [{\"role\": \"user\", \"content\": \"a\"}], \"messages\": []}", 400, "Duplicate property 'messages'" },
        { "POST", "/v1/embeddings", "application/json", "{\"input\": \"a\", \"input\": \"b\"}", 400, "Duplicate property 'input'" },
        { "POST", "/v1/embeddings", "application/json", "{\"input\": \"\\uD800\"}", 400, "lone UTF-16 surrogate" },
        { "GET", "/v1/no-such-endpoint", null, null, 404, "Not Found" },
        { "DELETE", "/v1/usage", null, null, 405, "Method Not Allowed" },
    };

    /// <summary>Admin rows, as above.</summary>
    public static TheoryData<string, string, string?, string?, int, string> MalformedAdminRequests => new()
    {
        { "POST", "/admin/tenants", "application/json", "{}", 400, "'name' is required" },
        { "POST", "/admin/tenants", "application/json", "{\"name\": \"\", \"rateLimitPerMinute\": 10}", 400, "'name' must have 1 to 100 characters; it has 0" },
        { "POST", "/admin/tenants", "application/json", "{\"name\": \"has/slash\", \"rateLimitPerMinute\": 10}", 400, "character 4 is not allowed" },
        { "POST", "/admin/tenants", "application/json", $"{{\"name\": \"{new string('n', 101)}\", \"rateLimitPerMinute\": 10}}", 400, "it has 101" },
        { "POST", "/admin/tenants", "application/json", "{\"name\": \"ok-name\", \"rateLimitPerMinute\": 0}", 400, "'rateLimitPerMinute' must be a whole number from 1 to 100000; 0 is not" },
        { "POST", "/admin/tenants", "application/json", "{\"name\": \"ok-name\", \"rateLimitPerMinute\": \"ten\"}", 400, "'rateLimitPerMinute' must be a whole number from 1 to 100000, not a string" },
        { "POST", "/admin/tenants", "application/json", "{\"name\": 5, \"rateLimitPerMinute\": 10}", 400, "'name' must be a string, not a number" },
        { "GET", "/admin/tenants/not-a-guid", null, null, 404, "tenant ids are GUIDs" },
        { "GET", $"/admin/tenants/{Guid.NewGuid()}", null, null, 404, "Create one with POST /admin/tenants" },
        { "POST", $"/admin/tenants/{Guid.NewGuid()}/keys", null, null, 404, "Create the tenant first" },
    };

    [Fact]
    public async Task TenantRequest_WellFormed_Succeeds_WithTheTablesClient()
    {
        // The table's client and key work, so its refusals are about the bodies, not a lost route or key.
        var tenant = await SharedTenant();
        using var client = tenant.CreateClient(platform);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/embeddings") { Content = new StringContent("{\"input\": \"a well-formed request\"}", Encoding.UTF8, "application/json") };
        using var response = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task AdminRequest_WellFormed_Succeeds_WithTheTablesClient()
    {
        // The admin table's client and key work, so its refusals are about the requests, not a lost route or key.
        var tenant = await SharedTenant();
        using var client = Tenants.CreateAdminClient(platform);
        using var response = await client.GetAsync($"/admin/tenants/{tenant.Id}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Theory]
    [MemberData(nameof(MalformedRequests))]
    public async Task TenantRequest_Malformed_GetsItsProblem(string method, string path, string? contentType, string? body, int status, string mention)
    {
        var tenant = await SharedTenant();
        using var client = tenant.CreateClient(platform);
        await AssertProblemAsync(client, method, path, contentType, body, status, mention);
    }

    [Theory]
    [MemberData(nameof(MalformedAdminRequests))]
    public async Task AdminRequest_Malformed_GetsItsProblem(string method, string path, string? contentType, string? body, int status, string mention)
    {
        using var client = Tenants.CreateAdminClient(platform);
        await AssertProblemAsync(client, method, path, contentType, body, status, mention);
    }

    private static async Task AssertProblemAsync(HttpClient client, string method, string path, string? contentType, string? body, int expectedStatus, string mention)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8);
            request.Content.Headers.ContentType = contentType is null ? null : new System.Net.Http.Headers.MediaTypeHeaderValue(contentType);
        }

        using var response = await client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        var status = (int)response.StatusCode;
        Assert.True(status == expectedStatus, $"{method} {path} {body?[..Math.Min(body.Length, 60)]} -> {status} (expected {expectedStatus}): {text}");
        Assert.Contains(mention, text, StringComparison.Ordinal);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.False(string.IsNullOrWhiteSpace(text));
    }

    private static readonly SemaphoreSlim s_tenantLock = new(1, 1);
    private static TestTenant? s_tenant;

    /// <summary>One tenant with a high limit serves the whole table.</summary>
    private async Task<TestTenant> SharedTenant()
    {
        await s_tenantLock.WaitAsync();
        try
        {
            return s_tenant ??= await Tenants.CreateAsync(platform, rateLimitPerMinute: 10_000);
        }
        finally
        {
            s_tenantLock.Release();
        }
    }
}

using System.Net;
using System.Text;

namespace AiNow.IntegrationTests;

/// <summary>Bad input always gets a 4xx problem that says what is wrong, never a 5xx.</summary>
[Collection(PlatformTests.Name)]
public sealed class MalformedRequestTests(PlatformFixture platform)
{
    public static TheoryData<string, string, string?, string?> MalformedRequests => new()
    {
        // method, path, content type, body
        { "POST", "/v1/embeddings", "application/json", "" },
        { "POST", "/v1/embeddings", "application/json", "{" },
        { "POST", "/v1/embeddings", "application/json", "not json at all" },
        { "POST", "/v1/embeddings", "application/json", "[]" },
        { "POST", "/v1/embeddings", "application/json", "{}" },
        { "POST", "/v1/embeddings", "application/json", "{\"input\": null}" },
        { "POST", "/v1/embeddings", "application/json", "{\"input\": 42}" },
        { "POST", "/v1/embeddings", "application/json", "{\"input\": \"\"}" },
        { "POST", "/v1/embeddings", "application/json", "{\"input\": []}" },
        { "POST", "/v1/embeddings", "application/json", "{\"input\": [1, 2]}" },
        { "POST", "/v1/embeddings", "application/json", "{\"input\": [\"ok\", {\"nested\": true}]}" },
        { "POST", "/v1/embeddings", "application/json", "{\"input\": \"hi\", \"model\": \"gpt-unknown\"}" },
        { "POST", "/v1/embeddings", "application/json", "{\"input\": \"hi\", \"model\": 7}" },
        { "POST", "/v1/embeddings", "application/json", $"{{\"input\": \"{new string('x', 9000)}\"}}" },
        { "POST", "/v1/embeddings", "application/json", $"{{\"input\": [{string.Join(',', Enumerable.Repeat("\"t\"", 65))}]}}" },
        { "POST", "/v1/embeddings", "text/plain", "hello" },
        { "POST", "/v1/embeddings", null, null },
        { "POST", "/v1/batches", "application/json", "{\"input\": {\"text\": \"an object is not a batch\"}}" },
        { "POST", "/v1/batches", "application/json", "{\"input\": []}" },
        { "POST", "/v1/batches", "application/json", "{\"input\": [\"  \"]}" },
        { "POST", "/v1/batches", "application/json", $"{{\"input\": [{string.Join(',', Enumerable.Repeat("\"t\"", 1025))}]}}" },
        { "GET", "/v1/batches/not-a-guid", null, null },
        { "GET", $"/v1/batches/{Guid.NewGuid()}", null, null },
        { "POST", "/v1/chat/completions", "application/json", "{\"messages\": \"hi\"}" },
        { "POST", "/v1/chat/completions", "application/json", "{\"messages\": []}" },
        { "POST", "/v1/chat/completions", "application/json", "[1]" },
        { "POST", "/v1/chat/completions", "application/json", "{\"messages\": [{\"role\": \"user\", \"content\": \"a\"}], \"messages\": []}" },
        { "POST", "/v1/embeddings", "application/json", "{\"input\": \"a\", \"input\": \"b\"}" },
        { "POST", "/v1/embeddings", "application/json", "{\"input\": \"\\uD800\"}" },
        { "GET", "/v1/no-such-endpoint", null, null },
        { "DELETE", "/v1/usage", null, null },
    };

    public static TheoryData<string, string, string?, string?> MalformedAdminRequests => new()
    {
        { "POST", "/admin/tenants", "application/json", "{}" },
        { "POST", "/admin/tenants", "application/json", "{\"name\": \"\", \"rateLimitPerMinute\": 10}" },
        { "POST", "/admin/tenants", "application/json", "{\"name\": \"has/slash\", \"rateLimitPerMinute\": 10}" },
        { "POST", "/admin/tenants", "application/json", $"{{\"name\": \"{new string('n', 101)}\", \"rateLimitPerMinute\": 10}}" },
        { "POST", "/admin/tenants", "application/json", "{\"name\": \"ok-name\", \"rateLimitPerMinute\": 0}" },
        { "POST", "/admin/tenants", "application/json", "{\"name\": \"ok-name\", \"rateLimitPerMinute\": \"ten\"}" },
        { "POST", "/admin/tenants", "application/json", "{\"name\": 5, \"rateLimitPerMinute\": 10}" },
        { "GET", "/admin/tenants/not-a-guid", null, null },
        { "GET", $"/admin/tenants/{Guid.NewGuid()}", null, null },
        { "POST", $"/admin/tenants/{Guid.NewGuid()}/keys", null, null },
    };

    [Theory]
    [MemberData(nameof(MalformedRequests))]
    public async Task TenantRequest_Malformed_Gets4xxProblem(string method, string path, string? contentType, string? body)
    {
        var tenant = await SharedTenant();
        using var client = tenant.CreateClient(platform);
        await AssertClientErrorAsync(client, method, path, contentType, body);
    }

    [Theory]
    [MemberData(nameof(MalformedAdminRequests))]
    public async Task AdminRequest_Malformed_Gets4xxProblem(string method, string path, string? contentType, string? body)
    {
        using var client = Tenants.CreateAdminClient(platform);
        await AssertClientErrorAsync(client, method, path, contentType, body);
    }

    private static async Task AssertClientErrorAsync(HttpClient client, string method, string path, string? contentType, string? body)
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
        Assert.True(status is >= 400 and < 500, $"{method} {path} {body?[..Math.Min(body.Length, 60)]} -> {status}: {text}");
        Assert.True(response.StatusCode != HttpStatusCode.TooManyRequests, "The table must not hit the rate limit.");
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

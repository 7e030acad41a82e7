using System.Net;
using System.Text;
using System.Text.Json;
using AiNow.Api.Keys;
using AiNow.Api.Tests.Support;
using AiNow.Contracts;

namespace AiNow.Api.Tests.Apis;

public sealed class AdminApiTests : IAsyncLifetime
{
    private ApiTestHost _host = null!;

    public async Task InitializeAsync() => _host = await ApiTestHost.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task CreateTenant_ValidBody_Is201WithLocationAndShape()
    {
        using var response = await _host.SendAsync(HttpMethod.Post, "/admin/tenants", Principal.Admin, """{"name":"acme","rateLimitPerMinute":600}""");

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var body = await ReadJsonAsync(response);
        var id = body.GetProperty("id").GetGuid();
        Assert.Equal($"/admin/tenants/{id}", response.Headers.Location?.OriginalString);
        Assert.Equal("acme", body.GetProperty("name").GetString());
        Assert.Equal(600, body.GetProperty("rateLimitPerMinute").GetInt32());
        Assert.True(body.TryGetProperty("createdAt", out _));
        Assert.Equal([("tenant.create", "success", id.ToString("D"))], _host.AuditEvents);
    }

    [Fact]
    public async Task CreateTenant_DuplicateName_Is409Problem()
    {
        const string json = """{"name":"acme","rateLimitPerMinute":60}""";
        using var first = await _host.SendAsync(HttpMethod.Post, "/admin/tenants", Principal.Admin, json);

        using var second = await _host.SendAsync(HttpMethod.Post, "/admin/tenants", Principal.Admin, json);

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        await ProblemAssert.IsProblemAsync(second, HttpStatusCode.Conflict, "A tenant named 'acme' already exists");
        Assert.Equal(("tenant.create", "failure", "none"), _host.AuditEvents[^1]);
    }

    [Fact]
    public async Task GetTenant_Existing_Is200WithSameShape()
    {
        var tenant = _host.Tenants.Add("globex", 42);

        using var response = await _host.SendAsync(HttpMethod.Get, $"/admin/tenants/{tenant.Id}", Principal.Admin);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await ReadJsonAsync(response);
        Assert.Equal(tenant.Id, body.GetProperty("id").GetGuid());
        Assert.Equal("globex", body.GetProperty("name").GetString());
        Assert.Equal(42, body.GetProperty("rateLimitPerMinute").GetInt32());
    }

    [Fact]
    public async Task IssueKey_ExistingTenant_ReturnsKeyOnceAndStoresOnlyItsHash()
    {
        var tenant = _host.Tenants.Add();

        using var response = await _host.SendAsync(HttpMethod.Post, $"/admin/tenants/{tenant.Id}/keys", Principal.Admin);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Contains("no-store", response.Headers.CacheControl?.ToString() ?? "", StringComparison.Ordinal);
        var body = await ReadJsonAsync(response);
        var key = body.GetProperty("key").GetString()!;
        Assert.True(ApiKeyGenerator.IsWellFormed(key));
        Assert.Equal(key[..12], body.GetProperty("prefix").GetString());
        Assert.Equal(tenant.Id, body.GetProperty("tenantId").GetGuid());
        Assert.True(body.TryGetProperty("id", out _));
        Assert.True(body.TryGetProperty("createdAt", out _));

        var stored = Assert.Single(_host.Keys.Stored).Value;
        Assert.Equal(ApiKeyGenerator.Hash(key), stored.Key.Hash);
        Assert.Equal(key[..12], stored.Key.Prefix);
    }

    [Fact]
    public async Task IssueKey_Twice_GivesDifferentKeys()
    {
        var tenant = _host.Tenants.Add();

        using var first = await _host.SendAsync(HttpMethod.Post, $"/admin/tenants/{tenant.Id}/keys", Principal.Admin);
        using var second = await _host.SendAsync(HttpMethod.Post, $"/admin/tenants/{tenant.Id}/keys", Principal.Admin);

        Assert.NotEqual(
            (await ReadJsonAsync(first)).GetProperty("key").GetString(),
            (await ReadJsonAsync(second)).GetProperty("key").GetString());
    }

    [Fact]
    public async Task ResolveKey_IssuedKey_ReturnsTenantAndCachesIt()
    {
        var tenant = _host.Tenants.Add("initech", 300);
        using var issued = await _host.SendAsync(HttpMethod.Post, $"/admin/tenants/{tenant.Id}/keys", Principal.Admin);
        var key = (await ReadJsonAsync(issued)).GetProperty("key").GetString()!;
        var resolveBody = JsonSerializer.Serialize(new { key });

        using var first = await _host.SendAsync(HttpMethod.Post, "/internal/keys/resolve", Principal.Gateway, resolveBody);
        using var second = await _host.SendAsync(HttpMethod.Post, "/internal/keys/resolve", Principal.Gateway, resolveBody);

        foreach (var response in new[] { first, second })
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var body = await ReadJsonAsync(response);
            Assert.Equal(tenant.Id, body.GetProperty("tenantId").GetGuid());
            Assert.Equal("initech", body.GetProperty("tenantName").GetString());
            Assert.Equal(300, body.GetProperty("rateLimitPerMinute").GetInt32());
        }

        Assert.Equal(1, _host.Keys.FindCalls);
        var cached = Assert.Single(_host.Cache.Entries);
        Assert.Equal(KeyResolver.CacheKey(ApiKeyGenerator.Hash(key)), cached.Key);
        Assert.Equal(TimeSpan.FromSeconds(60), cached.Value.TimeToLive);
        Assert.DoesNotContain(key, cached.Value.Value, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ResolveKey_WellFormedButUnknown_Is404AndNotCached()
    {
        var key = ApiKeyGenerator.Create().Key;

        using var response = await _host.SendAsync(
            HttpMethod.Post, "/internal/keys/resolve", Principal.Gateway, JsonSerializer.Serialize(new { key }));

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.NotFound, "No active API key matches");
        Assert.Empty(_host.Cache.Entries);
    }

    [Fact]
    public async Task ResolveKey_Malformed_IsRejectedWithoutLookup()
    {
        using var response = await _host.SendAsync(
            HttpMethod.Post, "/internal/keys/resolve", Principal.Gateway, """{"key":"Bearer something"}""");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal(0, _host.Keys.FindCalls);
    }

    [Fact]
    public async Task ResolveKey_CacheDown_StillResolvesFromStore()
    {
        var tenant = _host.Tenants.Add();
        var key = ApiKeyGenerator.Create();
        await _host.Keys.AddAsync(tenant.Id, key, CancellationToken.None);
        _host.Cache.Available = false;

        using var response = await _host.SendAsync(
            HttpMethod.Post, "/internal/keys/resolve", Principal.Gateway, JsonSerializer.Serialize(new { key = key.Key }));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    private static async Task<JsonElement> ReadJsonAsync(HttpResponseMessage response) =>
        JsonDocument.Parse(Encoding.UTF8.GetString(await response.Content.ReadAsByteArrayAsync())).RootElement.Clone();
}

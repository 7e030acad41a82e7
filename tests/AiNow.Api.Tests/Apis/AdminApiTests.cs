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
    public async Task RevokeKey_ActiveCachedKey_Is204AndTheKeyStopsResolvingAtOnce()
    {
        var tenant = _host.Tenants.Add();
        var (keyId, key) = await IssueAsync(tenant.Id);
        using (var resolved = await ResolveAsync(key))
        {
            Assert.Equal(HttpStatusCode.OK, resolved.StatusCode);
        }

        using var revoked = await _host.SendAsync(HttpMethod.Delete, $"/admin/tenants/{tenant.Id}/keys/{keyId}", Principal.Admin);

        Assert.Equal(HttpStatusCode.NoContent, revoked.StatusCode);
        Assert.Equal(ApiKeyGenerator.Hash(key), Assert.Single(_host.Revocations.Announced));
        Assert.Empty(_host.Cache.Entries);
        using var after = await ResolveAsync(key);
        Assert.Equal(HttpStatusCode.NotFound, after.StatusCode);
        Assert.Contains(("key.revoke", "success", tenant.Id.ToString()), _host.AuditEvents);
    }

    [Fact]
    public async Task RevokeKey_AlreadyRevokedOrAnotherTenantsKey_Is404AndAnnouncesNothing()
    {
        var tenant = _host.Tenants.Add("one");
        var other = _host.Tenants.Add("two");
        var (keyId, _) = await IssueAsync(tenant.Id);

        using var wrongTenant = await _host.SendAsync(HttpMethod.Delete, $"/admin/tenants/{other.Id}/keys/{keyId}", Principal.Admin);
        using var first = await _host.SendAsync(HttpMethod.Delete, $"/admin/tenants/{tenant.Id}/keys/{keyId}", Principal.Admin);
        using var again = await _host.SendAsync(HttpMethod.Delete, $"/admin/tenants/{tenant.Id}/keys/{keyId}", Principal.Admin);

        await ProblemAssert.IsProblemAsync(wrongTenant, HttpStatusCode.NotFound, "has no active API key");
        Assert.Equal(HttpStatusCode.NoContent, first.StatusCode);
        await ProblemAssert.IsProblemAsync(again, HttpStatusCode.NotFound, "already revoked");
        Assert.Single(_host.Revocations.Announced);
    }

    [Fact]
    public async Task RotateKey_ActiveKey_IssuesAWorkingKeyAndRevokesTheOld()
    {
        var tenant = _host.Tenants.Add();
        var (keyId, oldKey) = await IssueAsync(tenant.Id);

        using var rotated = await _host.SendAsync(HttpMethod.Post, $"/admin/tenants/{tenant.Id}/keys/{keyId}/rotate", Principal.Admin);

        Assert.Equal(HttpStatusCode.Created, rotated.StatusCode);
        Assert.Contains("no-store", rotated.Headers.CacheControl?.ToString() ?? "", StringComparison.Ordinal);
        var body = await ReadJsonAsync(rotated);
        var newKey = body.GetProperty("key").GetString()!;
        Assert.NotEqual(keyId, body.GetProperty("id").GetGuid());
        using var oldResolved = await ResolveAsync(oldKey);
        using var newResolved = await ResolveAsync(newKey);
        Assert.Equal(HttpStatusCode.NotFound, oldResolved.StatusCode);
        Assert.Equal(HttpStatusCode.OK, newResolved.StatusCode);
        Assert.Equal(ApiKeyGenerator.Hash(oldKey), Assert.Single(_host.Revocations.Announced));
    }

    [Theory]
    [InlineData("DELETE", "not-a-guid")]
    [InlineData("POST", "not-a-guid/rotate")]
    public async Task KeyRoutes_KeyIdNotAGuid_Is404NamingIt(string method, string tail)
    {
        var tenant = _host.Tenants.Add();

        using var response = await _host.SendAsync(new HttpMethod(method), $"/admin/tenants/{tenant.Id}/keys/{tail}", Principal.Admin);

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.NotFound, "not-a-guid");
        Assert.Empty(_host.Revocations.Announced);
    }

    private async Task<(Guid Id, string Key)> IssueAsync(Guid tenantId)
    {
        using var issued = await _host.SendAsync(HttpMethod.Post, $"/admin/tenants/{tenantId}/keys", Principal.Admin);
        var body = await ReadJsonAsync(issued);
        return (body.GetProperty("id").GetGuid(), body.GetProperty("key").GetString()!);
    }

    private Task<HttpResponseMessage> ResolveAsync(string key) =>
        _host.SendAsync(HttpMethod.Post, "/internal/keys/resolve", Principal.Gateway, JsonSerializer.Serialize(new { key }));

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
        var hash = ApiKeyGenerator.Hash(key);
        Assert.Equal(
            [(KeyResolver.CacheKey(hash), TimeSpan.FromSeconds(60)), (KeyResolver.LastKnownOwnerKey(hash), KeyResolver.TrustWhileDatabaseUnavailable)],
            _host.Cache.Entries.Select(entry => (entry.Key, entry.Value.TimeToLive)).OrderBy(entry => entry.Key == KeyResolver.CacheKey(hash) ? 0 : 1));
        Assert.All(_host.Cache.Entries, entry => Assert.DoesNotContain(key, entry.Value.Value, StringComparison.Ordinal));
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

    private static async Task<JsonElement> ReadJsonAsync(HttpResponseMessage response) =>
        JsonDocument.Parse(Encoding.UTF8.GetString(await response.Content.ReadAsByteArrayAsync())).RootElement.Clone();
}

using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace AiNow.IntegrationTests;

[Collection(PlatformTests.Name)]
public sealed class AdminTests(PlatformFixture platform)
{
    [Fact]
    public async Task CreateTenant_ThenIssueKey_ReturnsTheKeyOnceAndTheTenantCanBeRead()
    {
        var tenant = await Tenants.CreateAsync(platform, rateLimitPerMinute: 42);

        Assert.StartsWith("ainow_", tenant.ApiKey, StringComparison.Ordinal);
        using var admin = Tenants.CreateAdminClient(platform);
        var read = await admin.GetFromJsonAsync<JsonElement>($"/admin/tenants/{tenant.Id}");
        Assert.Equal(tenant.Name, read.GetProperty("name").GetString());
        Assert.Equal(42, read.GetProperty("rateLimitPerMinute").GetInt32());
        Assert.False(read.TryGetProperty("key", out _), "A tenant read must never show a key.");
    }

    [Fact]
    public async Task CreateTenant_WithATakenName_Returns409()
    {
        var tenant = await Tenants.CreateAsync(platform);
        using var admin = Tenants.CreateAdminClient(platform);

        using var response = await admin.PostAsJsonAsync("/admin/tenants", new { name = tenant.Name, rateLimitPerMinute = 10 });

        await ProblemAssertions.AssertProblemAsync(response, HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task Admin_WithoutTheAdminKey_Returns401()
    {
        using var client = platform.CreateGatewayClient();

        using var response = await client.PostAsJsonAsync("/admin/tenants", new { name = "nobody", rateLimitPerMinute = 10 });

        await ProblemAssertions.AssertProblemAsync(response, HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Admin_WithATenantKey_IsRefused()
    {
        var tenant = await Tenants.CreateAsync(platform);
        using var client = tenant.CreateClient(platform);

        using var response = await client.GetAsync($"/admin/tenants/{tenant.Id}");

        Assert.True(response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden,
            $"A tenant key must not open /admin; got {(int)response.StatusCode}.");
    }
}

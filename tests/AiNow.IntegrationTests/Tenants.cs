using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace AiNow.IntegrationTests;

/// <summary>A tenant created through <c>/admin</c>, with one API key.</summary>
public sealed record TestTenant(Guid Id, string Name, int RateLimitPerMinute, string ApiKey);

/// <summary>The admin calls tests make through the gateway, and clients authenticated as a tenant.</summary>
public static class Tenants
{
    /// <summary>Creates a tenant with a unique name and issues it a key.</summary>
    public static async Task<TestTenant> CreateAsync(PlatformFixture platform, int rateLimitPerMinute = 1000)
    {
        using var admin = CreateAdminClient(platform);
        var name = $"tenant-{Guid.NewGuid():N}"[..24];

        using var created = await admin.PostAsJsonAsync("/admin/tenants", new { name, rateLimitPerMinute });
        Assert.True(created.StatusCode == HttpStatusCode.Created,
            $"Creating a tenant answered {(int)created.StatusCode}: {await created.Content.ReadAsStringAsync()}");
        var tenant = await created.Content.ReadFromJsonAsync<JsonElement>();
        var id = tenant.GetProperty("id").GetGuid();

        using var issued = await admin.PostAsync($"/admin/tenants/{id}/keys", content: null);
        Assert.Equal(HttpStatusCode.Created, issued.StatusCode);
        var key = (await issued.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("key").GetString()!;

        return new TestTenant(id, name, rateLimitPerMinute, key);
    }

    /// <summary>A gateway client carrying the admin key.</summary>
    public static HttpClient CreateAdminClient(PlatformFixture platform) =>
        WithBearer(platform.CreateGatewayClient(), platform.AdminKey);

    /// <summary>A gateway client carrying the tenant's API key.</summary>
    public static HttpClient CreateClient(this TestTenant tenant, PlatformFixture platform) =>
        WithBearer(platform.CreateGatewayClient(), tenant.ApiKey);

    private static HttpClient WithBearer(HttpClient client, string token)
    {
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }
}

using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;

namespace AiNow.IntegrationTests;

[Collection(PlatformTests.Name)]
public sealed class AuthenticationTests(PlatformFixture platform)
{
    [Fact]
    public async Task V1_WithoutAKey_Returns401WithBearerChallenge()
    {
        using var client = platform.CreateGatewayClient();

        using var response = await client.PostAsJsonAsync("/v1/embeddings", new { input = "hello" });

        await ProblemAssertions.AssertProblemAsync(response, HttpStatusCode.Unauthorized);
        Assert.Contains(response.Headers.WwwAuthenticate, challenge => challenge.Scheme == "Bearer");
    }

    [Theory]
    [InlineData("ainow_thisKeyWasNeverIssuedByTheAdminEndpoint0000")]
    [InlineData("not-even-the-right-shape")]
    public async Task V1_WithAnUnknownKey_Returns401(string key)
    {
        using var client = platform.CreateGatewayClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);

        using var response = await client.GetAsync("/v1/usage");

        await ProblemAssertions.AssertProblemAsync(response, HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task V1_WithAForgedTenantHeader_ActsOnlyForTheKeysTenant()
    {
        var victim = await Tenants.CreateAsync(platform);
        var attacker = await Tenants.CreateAsync(platform);
        using var client = attacker.CreateClient(platform);
        client.DefaultRequestHeaders.Add("X-AiNow-Principal", $"tenant:{victim.Id:D}");

        var usage = await client.GetFromJsonAsync<System.Text.Json.JsonElement>("/v1/usage");

        Assert.Equal(attacker.Id, usage.GetProperty("tenantId").GetGuid());
    }
}

using System.Net;
using Microsoft.Extensions.DependencyInjection;

namespace AiNow.IntegrationTests;

[Collection(PlatformTests.Name)]
public sealed class PlatformHealthTests(PlatformFixture platform)
{
    [Theory]
    [InlineData("postgres")]
    [InlineData("ainowdb")]
    [InlineData("redis")]
    [InlineData("inference")]
    [InlineData("api")]
    [InlineData("worker")]
    [InlineData("gateway")]
    public void Resource_IsRunningAndHealthy(string name)
    {
        var notifications = platform.App.Services.GetRequiredService<ResourceNotificationService>();

        Assert.True(notifications.TryGetCurrentState(name, out var state), $"{name} has no state");
        Assert.Equal(KnownResourceStates.Running, state.Snapshot.State?.Text);
        Assert.Equal(Microsoft.Extensions.Diagnostics.HealthChecks.HealthStatus.Healthy, state.Snapshot.HealthStatus);
    }

    [Fact]
    public void Migrations_RanToCompletionWithExitCodeZero()
    {
        var notifications = platform.App.Services.GetRequiredService<ResourceNotificationService>();

        Assert.True(notifications.TryGetCurrentState("migrations", out var state));
        Assert.Equal(KnownResourceStates.Finished, state.Snapshot.State?.Text);
        Assert.Equal(0, state.Snapshot.ExitCode);
    }

    [Theory]
    [InlineData("/health")]
    [InlineData("/alive")]
    public async Task Gateway_ProbeEndpoints_AnswerWithAStatusWordOnly(string path)
    {
        using var client = platform.CreateGatewayClient();

        using var response = await client.GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Gateway_DoesNotExposeInternalEndpoints()
    {
        using var client = platform.CreateGatewayClient();

        using var response = await client.PostAsync("/internal/keys/resolve", new StringContent("{\"key\":\"x\"}"));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}

using System.Net;
using AiNow.ServiceDefaults.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace AiNow.ServiceDefaults.Tests;

public sealed class HealthEndpointsTests
{
    [Fact]
    public async Task Health_OptionalCheckFailing_AnswersHealthy()
    {
        await using var host = await StartWithAsync("cache", HealthStatus.Unhealthy, [HealthEndpoints.OptionalTag]);

        var (status, body) = await GetAsync(host, HealthEndpoints.ReadinessPath);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("Healthy", body);
    }

    [Fact]
    public async Task Health_RequiredCheckFailing_AnswersUnhealthy()
    {
        await using var host = await StartWithAsync("database", HealthStatus.Unhealthy, []);

        var (status, body) = await GetAsync(host, HealthEndpoints.ReadinessPath);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, status);
        Assert.Equal("Unhealthy", body);
    }

    [Fact]
    public async Task Alive_RequiredCheckFailing_StillAnswersHealthy()
    {
        await using var host = await StartWithAsync("database", HealthStatus.Unhealthy, []);

        var (status, body) = await GetAsync(host, HealthEndpoints.LivenessPath);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("Healthy", body);
    }

    [Fact]
    public async Task Publisher_OptionalCheckFailing_RecordsItsStatus()
    {
        await using var host = await StartWithAsync("cache", HealthStatus.Unhealthy, [HealthEndpoints.OptionalTag]);
        var checks = host.Services.GetRequiredService<HealthCheckService>();
        var publisher = host.Services.GetServices<IHealthCheckPublisher>().OfType<HealthReportPublisher>().Single();

        await publisher.PublishAsync(await checks.CheckHealthAsync(), CancellationToken.None);

        Assert.Equal(HealthStatus.Unhealthy, publisher.Statuses["cache"]);
        Assert.Equal(HealthStatus.Healthy, publisher.Statuses["self"]);
    }

    private static Task<ServiceDefaultsHost> StartWithAsync(string name, HealthStatus status, string[] tags) =>
        ServiceDefaultsHost.StartAsync(new Dictionary<string, string?>(), builder =>
            builder.Services.AddHealthChecks().AddCheck(name, () => new HealthCheckResult(status, "test check"), tags));

    private static async Task<(HttpStatusCode Status, string Body)> GetAsync(ServiceDefaultsHost host, string path)
    {
        using var response = await host.Client.GetAsync(path);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }
}

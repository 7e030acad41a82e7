using System.Net;
using AiNow.Api.Extensions;
using AiNow.Api.Tests.Support;
using AiNow.ServiceDefaults;
using AiNow.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging;

namespace AiNow.Api.Tests.Extensions;

/// <summary>
/// The api's real registrations (<c>AddApplicationServices</c>): <c>/health</c>, the readiness probe, follows
/// PostgreSQL, which the api cannot serve without, and not Redis, which it falls back from.
/// </summary>
[Collection(PostgresServer.Name)]
public sealed class ReadinessTests(TemporaryPostgres postgres)
{
    // Nothing listens on port 1: connections are refused at once.
    private const string ClosedRedis = "127.0.0.1:1,connectTimeout=500";
    private const string ClosedPostgres = "Host=127.0.0.1;Port=1;Username=test;Database=test;Timeout=2";

    [Fact]
    public async Task Health_RedisDownPostgresUp_AnswersHealthy()
    {
        await using var app = await StartAsync(await MigratedDatabase.CreateAsync(postgres), ClosedRedis);

        var (status, body) = await GetHealthAsync(app);

        Assert.Equal((HttpStatusCode.OK, "Healthy"), (status, body));
    }

    [Fact]
    public async Task Health_PostgresDown_AnswersUnhealthy()
    {
        await using var app = await StartAsync(ClosedPostgres, ClosedRedis);

        var (status, body) = await GetHealthAsync(app);

        Assert.Equal((HttpStatusCode.ServiceUnavailable, "Unhealthy"), (status, body));
    }

    [Fact]
    public async Task HealthReport_RedisDown_StillShowsRedisDegraded()
    {
        await using var app = await StartAsync(await MigratedDatabase.CreateAsync(postgres), ClosedRedis);

        var report = await app.Services.GetRequiredService<HealthCheckService>().CheckHealthAsync();

        Assert.Equal(HealthStatus.Degraded, report.Entries[OptionalRedisHealthCheck.Name].Status);
        Assert.Contains(HealthEndpoints.OptionalTag, report.Entries[OptionalRedisHealthCheck.Name].Tags);
    }

    private static async Task<WebApplication> StartAsync(string postgresConnection, string redisConnection)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { EnvironmentName = "Testing" });
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:ainowdb"] = postgresConnection,
            ["ConnectionStrings:redis"] = redisConnection,
            ["Api:SigningKey"] = ApiTestHost.SigningKey,
            ["Api:InferenceUrl"] = "http://inference.test",
        });
        builder.AddDefaultHealthChecks();
        builder.AddApplicationServices();

        var app = builder.Build();
        app.MapDefaultEndpoints();
        await app.StartAsync();
        return app;
    }

    private static async Task<(HttpStatusCode Status, string Body)> GetHealthAsync(WebApplication app)
    {
        using var client = new HttpClient { BaseAddress = new Uri(app.Urls.First()), Timeout = TimeSpan.FromSeconds(30) };
        using var response = await client.GetAsync(HealthEndpoints.ReadinessPath);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }
}

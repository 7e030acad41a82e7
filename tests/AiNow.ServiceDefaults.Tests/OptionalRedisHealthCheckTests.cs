using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using StackExchange.Redis;

namespace AiNow.ServiceDefaults.Tests;

public sealed class OptionalRedisHealthCheckTests
{
    [Fact]
    public async Task Check_RedisUnreachable_IsDegradedAndTaggedOptional()
    {
        // Port 1 on loopback refuses at once; AbortOnConnectFail=false is how the api connects.
        await using var redis = await ConnectionMultiplexer.ConnectAsync(
            new ConfigurationOptions { EndPoints = { "127.0.0.1:1" }, AbortOnConnectFail = false, ConnectTimeout = 500 });
        await using var services = new ServiceCollection()
            .AddLogging()
            .AddSingleton<IConnectionMultiplexer>(redis)
            .AddHealthChecks().AddOptionalRedisCheck().Services
            .BuildServiceProvider();

        var report = await services.GetRequiredService<HealthCheckService>().CheckHealthAsync();

        var entry = report.Entries[OptionalRedisHealthCheck.Name];
        Assert.Equal(HealthStatus.Degraded, entry.Status);
        Assert.Contains("127.0.0.1:1", entry.Description, StringComparison.Ordinal);
        Assert.Contains(HealthEndpoints.OptionalTag, entry.Tags);
    }

    [Fact]
    public async Task Check_MultiplexerCannotBeCreated_IsDegradedNotAnError()
    {
        await using var services = new ServiceCollection()
            .AddLogging()
            .AddSingleton<IConnectionMultiplexer>(_ => throw new RedisConnectionException(ConnectionFailureType.UnableToConnect, CommandFlags.None, "password=secret", null, CommandStatus.Unknown))
            .AddHealthChecks().AddOptionalRedisCheck().Services
            .BuildServiceProvider();

        var report = await services.GetRequiredService<HealthCheckService>().CheckHealthAsync();

        var entry = report.Entries[OptionalRedisHealthCheck.Name];
        Assert.Equal(HealthStatus.Degraded, entry.Status);
        Assert.DoesNotContain("secret", entry.Description, StringComparison.Ordinal);
    }
}

using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using StackExchange.Redis;

namespace AiNow.ServiceDefaults;

/// <summary>
/// Reports whether the Redis connection is up, for services that run on without Redis (the api's cache, the
/// gateway's fail-open rate limiter). It is tagged <see cref="HealthEndpoints.OptionalTag"/>, so readiness
/// ignores it, and answers Degraded rather than Unhealthy, because the service still serves.
/// </summary>
/// <remarks>
/// It reads the multiplexer's connection state instead of sending PING: the multiplexer already reconnects in
/// the background, and a PING while disconnected would wait out the command timeout on every run.
/// </remarks>
public sealed class OptionalRedisHealthCheck(IServiceProvider services) : IHealthCheck
{
    /// <summary>The check's name in health reports, logs and the <c>ainow.health.status</c> gauge.</summary>
    public const string Name = "redis";

    /// <inheritdoc />
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        IConnectionMultiplexer redis;
        try
        {
            // Resolved here, not injected: a client configured to abort on a failed connect throws on creation,
            // and the failure must become this check's status rather than an error of the whole report.
            redis = services.GetRequiredService<IConnectionMultiplexer>();
        }
        catch (RedisConnectionException)
        {
            // The exception text can repeat the configuration string; the status needs none of it.
            return Task.FromResult(new HealthCheckResult(
                context.Registration.FailureStatus, "Redis could not be connected; the service runs without it."));
        }

        if (redis.IsConnected)
        {
            return Task.FromResult(HealthCheckResult.Healthy("Redis is connected."));
        }

        var endpoints = string.Join(", ", redis.GetEndPoints().Select(endpoint => endpoint.ToString()));
        return Task.FromResult(new HealthCheckResult(
            context.Registration.FailureStatus,
            $"Redis ({endpoints}) is not connected; the service runs without it and reconnects in the background."));
    }
}

/// <summary>Registers <see cref="OptionalRedisHealthCheck"/>.</summary>
public static class OptionalRedisHealthCheckExtensions
{
    /// <summary>
    /// Adds the Redis check tagged <see cref="HealthEndpoints.OptionalTag"/>: logged and measured, never part of
    /// readiness. Use it instead of the Aspire client's own check (<c>DisableHealthChecks = true</c>), which readiness would include.
    /// </summary>
    public static IHealthChecksBuilder AddOptionalRedisCheck(this IHealthChecksBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.AddCheck<OptionalRedisHealthCheck>(
            OptionalRedisHealthCheck.Name, HealthStatus.Degraded, [HealthEndpoints.OptionalTag]);
    }
}

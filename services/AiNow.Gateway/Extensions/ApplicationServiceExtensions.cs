using AiNow.ServiceDefaults;
using AiNow.Contracts;
using AiNow.Gateway.Audit;
using AiNow.Gateway.Authentication;
using AiNow.Gateway.Configuration;
using AiNow.Gateway.Proxy;
using AiNow.Gateway.RateLimiting;
using AiNow.Gateway.Telemetry;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace AiNow.Gateway.Extensions;

/// <summary>Registers everything the gateway needs.</summary>
public static class ApplicationServiceExtensions
{
    /// <summary>The Aspire connection name of the Redis that holds the rate-limit counters.</summary>
    public const string RedisConnectionName = ResourceNames.Redis;

    public static IHostApplicationBuilder AddApplicationServices(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);

        builder.Services.AddOptions<GatewayOptions>()
            .Bind(builder.Configuration.GetSection(GatewayOptions.SectionName))
            .ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<GatewayOptions>, GatewayOptionsValidator>();

        builder.Services.AddProblemResponses();
        builder.Services.Configure<KestrelServerOptions>(kestrel => kestrel.AddServerHeader = false);
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<GatewayMetrics>();
        builder.Services.AddSingleton<GatewayAuditTrail>();
        builder.Services.AddSingleton(services => new PrincipalSigner(
            services.GetRequiredService<IOptions<GatewayOptions>>().Value.SigningKey,
            services.GetRequiredService<TimeProvider>()));

        builder.AddGatewayAuthentication();
        builder.AddTenantRateLimiting();
        builder.AddApiProxy();
        return builder;
    }

    private static void AddGatewayAuthentication(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<AdminKeyVerifier>();
        builder.Services.AddSingleton<IApiKeyResolver, ApiKeyResolver>();
        builder.Services.AddSingleton<ApiKeyCache>();
        builder.Services.AddSingleton<GatewayAuthenticator>();
        builder.Services.AddSingleton<FailedAuthenticationThrottle>();
        builder.Services.AddHostedService<KeyRevocationSubscriber>();

        builder.Services.AddHttpClient(ApiKeyResolver.HttpClientName, client => client.BaseAddress = ApiKeyResolver.ApiBaseAddress)
            .AddPrincipalSigning(Principal.Gateway);
    }

    private static void AddTenantRateLimiting(this IHostApplicationBuilder builder)
    {
        builder.AddRedisClient(
            RedisConnectionName,
            // The limiter fails open, so an unhealthy Redis must not take the gateway out of
            // rotation either: Aspire's check (which readiness would include) gives way to the optional one below.
            settings => settings.DisableHealthChecks = true,
            // Fail at once while disconnected instead of queueing commands for seconds.
            redis => redis.BacklogPolicy = BacklogPolicy.FailFast);
        builder.Services.AddHealthChecks().AddOptionalRedisCheck();

        builder.Services.AddSingleton<IRateLimitCounterStore, RedisRateLimitCounterStore>();
        builder.Services.AddSingleton<FixedWindowRateLimiter>();
    }

    private static void AddApiProxy(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<PrincipalHeadersTransform>();
        // Read here because YARP takes its clusters at registration; the options validator still checks the value at start.
        var gateway = builder.Configuration.GetSection(GatewayOptions.SectionName).Get<GatewayOptions>() ?? new GatewayOptions();
        builder.Services.AddReverseProxy()
            .LoadFromMemory(ApiProxyConfiguration.Routes, ApiProxyConfiguration.Clusters(TimeSpan.FromSeconds(gateway.ProxyIdleTimeoutSeconds)))
            .AddServiceDiscoveryDestinationResolver()
            .AddTransforms(transforms =>
                transforms.RequestTransforms.Add(transforms.Services.GetRequiredService<PrincipalHeadersTransform>()));
    }
}

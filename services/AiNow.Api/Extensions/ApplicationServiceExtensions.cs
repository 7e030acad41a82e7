using AiNow.ServiceDefaults;
using AiNow.ServiceDefaults.Http;
using AiNow.Api.Caching;
using AiNow.Api.Chat;
using AiNow.Api.Embeddings;
using AiNow.Api.Http;
using AiNow.Api.Keys;
using AiNow.Api.Telemetry;
using AiNow.Api.Tenants;
using AiNow.Api.Usage;
using AiNow.Contracts;
using AiNow.Contracts.Inference;
using AiNow.Data;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Polly;

namespace AiNow.Api.Extensions;

/// <summary>The api's service registrations.</summary>
public static class ApplicationServiceExtensions
{
    /// <summary>The Aspire connection name of the cache.</summary>
    public const string RedisConnectionName = ResourceNames.Redis;

    /// <summary>
    /// Adds Postgres (ainowdb, whose check is the api's readiness) and Redis through their Aspire clients, then
    /// the api. Redis gets an optional check instead of Aspire's: logged and measured, never part of readiness.
    /// </summary>
    public static IHostApplicationBuilder AddApplicationServices(this IHostApplicationBuilder builder)
    {
        builder.AddAiNowData(DatabaseTimeouts.RequestPath);
        // Writes the usage charges queued by the requests; with the database, as it needs nothing else.
        builder.Services.AddHostedService<UsageWriter>();
        // The cache is optional (every read falls back to the database), so a Redis outage must neither stop the
        // start (AbortOnConnectFail) nor mark every api pod unready at once (Aspire's check would be in /health).
        builder.AddRedisClient(
            RedisConnectionName,
            settings => settings.DisableHealthChecks = true,
            options => options.AbortOnConnectFail = false);
        builder.Services.AddHealthChecks().AddOptionalRedisCheck();
        // Charges the ledger cannot take wait in Redis, where any replica moves them to the ledger later.
        builder.Services.AddSingleton<IUsageOutbox, RedisUsageOutbox>();
        builder.Services.AddHostedService<UsageOutboxDrainer>();
        builder.Services.AddApiServices(builder.Configuration);
        return builder;
    }

    /// <summary>Adds everything the api's endpoints use except the Postgres and Redis clients.</summary>
    public static IServiceCollection AddApiServices(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ApiOptions>().Bind(configuration.GetSection(ApiOptions.SectionName)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<ApiOptions>, ApiOptionsValidation>();

        services.AddProblemResponses();
        // Minimal APIs write responses through generated metadata only (the api runs trimmed).
        services.ConfigureHttpJsonOptions(json => json.SerializerOptions.TypeInfoResolverChain.Insert(0, ApiJsonContext.Default));
        services.AddJsonRequestBodies().Configure<IOptions<ApiOptions>>((bodies, api) =>
        {
            bodies.MaxBytes = api.Value.MaxRequestBodyBytes;
            bodies.TooLargeAdvice = "Send fewer or shorter texts per request, or use /v1/batches.";
        });
        services.AddExceptionHandler<DependencyFailureHandler>();
        services.AddMemoryCache();
        services.TryAddSingleton(TimeProvider.System);

        services.AddSingleton(provider => new PrincipalSigner(
            provider.GetRequiredService<IOptions<ApiOptions>>().Value.SigningKey, provider.GetRequiredService<TimeProvider>()));
        services.AddSingleton(provider => new ReplayGuard(provider.GetRequiredService<TimeProvider>()));
        services.AddSingleton<SignedPrincipalReader>();
        services.AddSingleton<ApiMetrics>();
        services.AddSingleton<ITenantStore, TenantStore>();
        services.AddSingleton<IApiKeyStore, ApiKeyStore>();
        services.AddSingleton<KnownTenants>();
        services.AddSingleton<ISharedCache, RedisSharedCache>();
        services.AddSingleton<KeyResolver>();
        services.AddSingleton<IKeyRevocationBroadcast, RedisKeyRevocationBroadcast>();
        services.AddSingleton(new PendingUsage(PendingUsage.DefaultCapacity));
        services.AddSingleton<IUsageMeter, UsageMeter>();
        services.AddTransient<EmbeddingService>();

        var inferenceClient = services.AddHttpClient<InferenceEmbeddingsClient>((provider, http) =>
            http.BaseAddress = provider.GetRequiredService<IOptions<ApiOptions>>().Value.InferenceUrl);
#pragma warning disable EXTEXP0001 // Experimental, but the one way to replace ConfigureHttpClientDefaults' handler for one client.
        inferenceClient.RemoveAllResilienceHandlers();
#pragma warning restore EXTEXP0001
        // A client waits on this call: one quick retry covers a dropped connection or a replica restarting, while
        // the standard three retries with seconds of backoff would keep a client ~15 s from the 503 it gets anyway.
        // Only transport failures, timeouts and 503 are retried, not every 5xx (see InferenceEmbeddingsRetry).
        inferenceClient.AddStandardResilienceHandler(resilience =>
        {
            resilience.Retry.ShouldHandle = InferenceEmbeddingsRetry.ShouldHandle;
            resilience.Retry.MaxRetryAttempts = 1;
            resilience.Retry.BackoffType = DelayBackoffType.Constant;
            resilience.Retry.Delay = TimeSpan.FromMilliseconds(100);
        });
        inferenceClient.UseInferenceConnection().AddPrincipalSigning(Principal.Service);

        // No retries (a retried completion is a second, billed completion upstream) and a timeout fit for
        // language models instead of the standard handler's 10 s per attempt.
        var chatClient = services.AddHttpClient<ChatCompletionsClient>((provider, http) =>
        {
            var options = provider.GetRequiredService<IOptions<ApiOptions>>().Value;
            http.BaseAddress = options.InferenceUrl;
            http.Timeout = TimeSpan.FromSeconds(options.ChatTimeoutSeconds);
        });
#pragma warning disable EXTEXP0001 // Experimental, but the one way to opt a client out of ConfigureHttpClientDefaults' handler.
        chatClient.RemoveAllResilienceHandlers();
#pragma warning restore EXTEXP0001
        chatClient.UseInferenceConnection().AddPrincipalSigning(Principal.Service);

        return services;
    }
}

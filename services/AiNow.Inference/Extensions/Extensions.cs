using AiNow.ServiceDefaults;
using AiNow.ServiceDefaults.Http;
using AiNow.Inference.Apis;
using AiNow.Inference.Chat;
using AiNow.Inference.Embeddings;
using AiNow.Inference.Security;
using AiNow.Inference.Telemetry;
using AiNow.Contracts;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Options;

namespace AiNow.Inference.Extensions;

/// <summary>Registers the inference service's own components.</summary>
public static class Extensions
{
    /// <summary>Adds the embedding model (loaded at startup), its readiness check, the upstream LLM client, problem details and the JSON body reader.</summary>
    public static IHostApplicationBuilder AddApplicationServices(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;

        services.AddProblemResponses();
        // Minimal APIs write responses through generated metadata only (inference runs trimmed).
        services.ConfigureHttpJsonOptions(json => json.SerializerOptions.TypeInfoResolverChain.Insert(0, InferenceJsonContext.Default));
        // Inference has no body-size setting of its own: it reads up to Kestrel's limit, as it always has.
        services.AddJsonRequestBodies().Configure<IOptions<KestrelServerOptions>>((bodies, kestrel) =>
        {
            bodies.MaxBytes = kestrel.Value.Limits.MaxRequestBodySize ?? bodies.MaxBytes;
            bodies.TooLargeAdvice = "Send fewer or shorter texts per request.";
        });

        services.AddOptions<InferenceOptions>().Bind(builder.Configuration.GetSection(InferenceOptions.SectionName)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<InferenceOptions>, InferenceOptionsValidator>();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(provider => new PrincipalSigner(
            provider.GetRequiredService<IOptions<InferenceOptions>>().Value.SigningKey, provider.GetRequiredService<TimeProvider>()));
        services.AddSingleton(provider => new ReplayGuard(provider.GetRequiredService<TimeProvider>()));
        services.AddSingleton<SignedPrincipalReader>();

        services.AddSingleton<InferenceMetrics>();
        services.AddSingleton<TokenCounter>();
        services.AddSingleton<SentenceEmbedder>();
        services.AddHostedService<EmbeddingModelWarmup>();
        services.AddHealthChecks().AddCheck<EmbeddingModelHealthCheck>("embedding-model");

        services.Configure<UpstreamOptions>(builder.Configuration.GetSection(UpstreamOptions.SectionName));
        // A completion often takes longer than the standard 10 s attempt timeout, and a retried
        // completion is generated (and billed) twice; the forwarder applies its own timeout instead.
        // RemoveAllResilienceHandlers is the supported way to opt one client out of the defaults,
        // though still marked experimental.
#pragma warning disable EXTEXP0001
        services.AddHttpClient<ChatCompletionForwarder>(client => client.Timeout = Timeout.InfiniteTimeSpan)
            .RemoveAllResilienceHandlers();
#pragma warning restore EXTEXP0001

        return builder;
    }

    /// <summary>
    /// The request pipeline and endpoints: problems for errors, only the services' signed calls past the health
    /// probes, then the embeddings and chat endpoints. One composition for Program and the tests.
    /// </summary>
    public static WebApplication UseInferencePipeline(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseProblemResponses();
        app.UseMiddleware<ServicePrincipalMiddleware>();
        app.MapDefaultEndpoints();
        app.MapEmbeddingsApi();
        app.MapChatCompletionsApi();
        return app;
    }
}

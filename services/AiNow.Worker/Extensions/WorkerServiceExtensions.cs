using AiNow.Contracts;
using AiNow.Contracts.Inference;
using AiNow.Data;
using AiNow.Worker.Options;
using AiNow.Worker.Processing;
using AiNow.Worker.Retention;
using Microsoft.Extensions.Options;

namespace AiNow.Worker.Extensions;

internal static class WorkerServiceExtensions
{
    /// <summary>The inference service, resolved by service discovery.</summary>
    private static readonly Uri InferenceBaseAddress = new("http://" + ResourceNames.Inference);

    /// <summary>
    /// Adds the database, the validated <c>Worker</c> options, the inference client, the job poller and the sweeper
    /// that deletes expired batch inputs and results.
    /// </summary>
    public static IHostApplicationBuilder AddApplicationServices(this IHostApplicationBuilder builder)
    {
        builder.AddAiNowData(DatabaseTimeouts.Background);

        builder.Services.AddOptions<WorkerOptions>()
            .BindConfiguration(WorkerOptions.SectionName)
            .ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<WorkerOptions>, WorkerOptionsValidator>();

        builder.Services.AddSingleton(services => new PrincipalSigner(
            services.GetRequiredService<IOptions<WorkerOptions>>().Value.SigningKey, services.GetRequiredService<TimeProvider>()));
        builder.Services.AddHttpClient<InferenceEmbeddingsClient>(client => client.BaseAddress = InferenceBaseAddress)
            .UseInferenceConnection()
            .AddPrincipalSigning(Principal.Service);

        builder.Services.AddSingleton(WorkerIdentity.Create());
        builder.Services.AddSingleton<WorkerMetrics>();
        builder.Services.AddScoped<BatchJobProcessor>();
        builder.Services.AddHostedService<BatchJobPoller>();
        builder.Services.AddHostedService<QueueSampler>();

        builder.Services.AddSingleton<BatchJobRetention>();
        builder.Services.AddHostedService<BatchRetentionSweeper>();
        return builder;
    }
}

using AiNow.Publishing;
using AiNow.Publishing.Kubernetes;
using AiNow.Publishing.Settings;
using Aspire.Hosting.Pipelines;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Aspire.Hosting;

/// <summary>Registers the Kubernetes publisher in the Aspire publish pipeline.</summary>
public static class KubernetesPublishingExtensions
{
    /// <summary>The pipeline step's name (<c>aspire publish --step publish-kubernetes</c> runs it alone).</summary>
    public const string StepName = "publish-kubernetes";

    /// <summary>
    /// Adds a publish step writing <c>{output}/kubernetes</c> from the app model and
    /// <paramref name="settings"/>. Run it with <c>aspire publish</c> or
    /// <c>dotnet run --project AppHost -- --operation publish --step publish --output-path manifests</c>.
    /// A failure sets a non-zero process exit code (the pipeline itself would exit 0) and leaves
    /// the previous output untouched.
    /// </summary>
    public static IDistributedApplicationBuilder AddKubernetesPublishing(this IDistributedApplicationBuilder builder, DeploymentSettings settings)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(settings);

        builder.Pipeline.AddStep(StepName, context => PublishAsync(context, settings), requiredBy: WellKnownPipelineSteps.Publish);
        return builder;
    }

    private static async Task PublishAsync(PipelineStepContext context, DeploymentSettings settings)
    {
        var output = ResolveOutputDirectory(context);
        try
        {
            var result = await new KubernetesPublisher(settings).PublishAsync(context.Model, context.ExecutionContext, output, context.CancellationToken);
            var overlays = result.Files.Count(f => f.Path.StartsWith("overlays/", StringComparison.Ordinal) && f.Path.EndsWith("/kustomization.yaml", StringComparison.Ordinal));
            PublishingLog.Published(context.Logger, result.Files.Count, overlays, result.Directory);
            context.ReportingStep.Log(LogLevel.Information, $"Wrote {result.Files.Count} files ({overlays} overlays) to {result.Directory}.");
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // Aspire 13.6 reports a failed step but still exits 0 under `dotnet run`; make the
            // failure visible to scripts and CI.
            Environment.ExitCode = 1;
            var directory = Path.Combine(output, KubernetesEmitter.OutputFolder);
            PublishingLog.Failed(context.Logger, directory, exception.Message);
            context.ReportingStep.Log(LogLevel.Error, $"Kubernetes publish failed; {directory} was left as it was. {exception.Message}");
            throw;
        }
    }

    /// <summary>
    /// The output folder. <c>dotnet run</c> starts an AppHost in its project folder, so Aspire would
    /// put a relative <c>--output-path manifests</c> under <c>AiNow.AppHost/</c>; the Aspire CLI
    /// resolves it against the caller's folder. We do the same as the CLI: a relative path is taken
    /// from the folder the command was typed in (the shell's <c>PWD</c>) when that is known.
    /// </summary>
    private static string ResolveOutputDirectory(PipelineStepContext context)
    {
        var resolved = context.Services.GetRequiredService<IPipelineOutputService>().GetOutputDirectory();
        var requested = context.Services.GetService<IOptions<PipelineOptions>>()?.Value.OutputPath;
        var callerFolder = Environment.GetEnvironmentVariable("PWD");
        if (string.IsNullOrEmpty(requested) || Path.IsPathRooted(requested) || string.IsNullOrEmpty(callerFolder) || !Directory.Exists(callerFolder))
        {
            return resolved;
        }

        return Path.GetFullPath(requested, callerFolder);
    }
}

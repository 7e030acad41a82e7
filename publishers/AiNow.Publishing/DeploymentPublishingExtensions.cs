using System.Collections.Concurrent;
using AiNow.Publishing;
using AiNow.Publishing.Deployment;
using AiNow.Publishing.Model;
using AiNow.Publishing.Settings;
using Aspire.Hosting.Pipelines;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Aspire.Hosting;

/// <summary>Registers the deployment publishers in the Aspire publish pipeline.</summary>
public static class DeploymentPublishingExtensions
{
    /// <summary>The step that reads the app model into the deployment model, once for every emitter.</summary>
    public const string ReadStepName = "read-deployment-model";

    /// <summary>The step that writes what every emitter produced, all at once, after they all succeeded.</summary>
    public const string WriteStepName = "write-deployment-output";

    /// <summary>
    /// Adds one step reading the app model and <paramref name="settings"/>, one step per emitter
    /// (<c>publish-kubernetes</c>, <c>publish-terraform</c>, ...) producing its files in memory, and one step
    /// writing them all. Run them with <c>aspire publish</c> or
    /// <c>dotnet run --project AppHost -- --operation publish --step publish --output-path manifests</c>.
    /// A failure sets a non-zero process exit code (the pipeline itself would exit 0) and leaves the
    /// whole previous output untouched: the write step runs only once every emitter succeeded, and
    /// writes every emitter's output or none. Also adds the deploy step (<c>--step deploy</c>), run after it.
    /// </summary>
    public static IDistributedApplicationBuilder AddDeploymentPublishing(this IDistributedApplicationBuilder builder, DeploymentSettings settings)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(settings);

        var publisher = new DeploymentPublisher(settings);
        DeploymentModel? model = null;
        // Emitter steps may run side by side; the write step reads the results after all of them.
        var emitted = new ConcurrentDictionary<string, EmitResult>(StringComparer.Ordinal);
        builder.Pipeline.AddStep(ReadStepName, async context =>
        {
            model = await Guard(context, ResolveOutputDirectory(context), () => publisher.ReadAsync(context.Model, context.ExecutionContext, context.CancellationToken));
            context.ReportingStep.Log(LogLevel.Information, $"Read {model.Services.Length} workloads, {model.DataStores.Length} stores and {model.Environments.Length} environments.");
        }, requiredBy: WellKnownPipelineSteps.Publish);

        foreach (var emitter in DeploymentPublisher.Emitters)
        {
            builder.Pipeline.AddStep(emitter.StepName, async context =>
            {
                var output = ResolveOutputDirectory(context);
                var result = await Guard(context, output, () =>
                    Task.FromResult(DeploymentPublisher.Emit(emitter, model ?? throw new InvalidOperationException($"{ReadStepName} did not run."), output)));
                emitted[emitter.StepName] = result;
                context.ReportingStep.Log(LogLevel.Information, $"Produced {result.Files.Count} files for {result.Directory}.");
            }, dependsOn: ReadStepName, requiredBy: WellKnownPipelineSteps.Publish);
        }

        builder.Pipeline.AddStep(WriteStepName, async context =>
        {
            var output = ResolveOutputDirectory(context);
            var results = DeploymentPublisher.Emitters.Select(e => emitted.TryGetValue(e.StepName, out var result) ? result : throw new InvalidOperationException($"{e.StepName} did not run.")).ToList();
            await Guard(context, output, async () =>
            {
                await DeploymentPublisher.WriteAsync(results, context.CancellationToken);
                return results;
            });
            foreach (var result in results)
            {
                PublishingLog.Published(context.Logger, result.Emitter, result.Files.Count, result.Directory);
                context.ReportingStep.Log(LogLevel.Information, $"Wrote {result.Files.Count} files to {result.Directory}.");
            }
        }, dependsOn: DeploymentPublisher.Emitters.Select(e => e.StepName).ToArray(), requiredBy: WellKnownPipelineSteps.Publish);

        builder.AddDeployStep(() => model, [ReadStepName, .. DeploymentPublisher.Emitters.Select(e => e.StepName), WriteStepName]);
        return builder;
    }

    private static Task<T> Guard<T>(PipelineStepContext context, string what, Func<Task<T>> action) =>
        Guard(action, exception =>
        {
            PublishingLog.Failed(context.Logger, what, exception.Message);
            context.ReportingStep.Log(LogLevel.Error, $"Publish failed; {what} was left as it was. {exception.Message}");
        });

    /// <summary>Runs a step's work; a failure is reported by <paramref name="report"/>, sets a non-zero exit code, and is rethrown.</summary>
    internal static async Task<T> Guard<T>(Func<Task<T>> action, Action<Exception> report)
    {
        try
        {
            return await action();
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // Aspire 13.6 reports a failed step but still exits 0 under `dotnet run`; make the
            // failure visible to scripts and CI.
            Environment.ExitCode = 1;
            report(exception);
            throw;
        }
    }

    /// <summary>
    /// The output folder. <c>dotnet run</c> starts an AppHost in its project folder, so Aspire would
    /// put a relative <c>--output-path manifests</c> under <c>AiNow.AppHost/</c>; the Aspire CLI
    /// resolves it against the caller's folder. We do the same as the CLI: a relative path is taken
    /// from the folder the command was typed in (the shell's <c>PWD</c>) when that is known.
    /// </summary>
    internal static string ResolveOutputDirectory(PipelineStepContext context)
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

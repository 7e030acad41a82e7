using AiNow.Publishing.Model;
using Aspire.Hosting;
using Aspire.Hosting.Pipelines;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace AiNow.Publishing.Deployment;

/// <summary>
/// The deploy step of the AppHost pipeline (<c>--step deploy</c>, what <c>aspire deploy</c> runs): after
/// the publish steps wrote the output afresh, it deploys one environment to one target (or all of them)
/// with one release, or with <c>Deploy:DryRun</c> prints the exact commands and checks what it can offline.
/// </summary>
internal static class DeploymentStepExtensions
{
    /// <summary>The step's name; Aspire's <c>deploy</c> step requires it.</summary>
    public const string StepName = "deploy-release";

    /// <summary>
    /// Adds the deploy step, run after <paramref name="publishSteps"/> (so it deploys exactly what was
    /// just published) and required by Aspire's <c>deploy</c> step.
    /// </summary>
    public static IDistributedApplicationBuilder AddDeployStep(this IDistributedApplicationBuilder builder, Func<DeploymentModel?> model, IReadOnlyList<string> publishSteps)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(model);
        builder.Pipeline.AddStep(StepName, context => DeploymentPublishingExtensions.Guard(async () =>
        {
            await DeployAsync(context, model() ?? throw new InvalidOperationException($"{DeploymentPublishingExtensions.ReadStepName} did not run."));
            return true;
        }, exception =>
        {
            if (exception is DeployException deploy)
            {
                DeployLog.Failed(context.Logger, deploy.Step, deploy.Problem, deploy.Fix);
            }
            else
            {
                DeployLog.FailedUnexpectedly(context.Logger, exception.Message);
            }

            context.ReportingStep.Log(LogLevel.Error, $"Deploy failed: {exception.Message}");
        }), dependsOn: publishSteps.ToArray(), requiredBy: WellKnownPipelineSteps.Deploy);
        return builder;
    }

    private static async Task DeployAsync(PipelineStepContext context, DeploymentModel model)
    {
        void Log(string line) => DeployLog.Line(context.Logger, line);

        var callerFolder = Environment.GetEnvironmentVariable("PWD") is { Length: > 0 } pwd && Directory.Exists(pwd) ? pwd : Directory.GetCurrentDirectory();
        var request = DeployRequest.Read(context.Services.GetRequiredService<IConfiguration>(), callerFolder);
        var release = ReleaseFile.Read(request.ReleaseFile, model);
        var output = DeploymentPublishingExtensions.ResolveOutputDirectory(context);
        var plan = DeployPlanner.Plan(model, request, release, output);
        foreach (var kustomization in plan.Releases)
        {
            // The folder is the deploy's own: a kubeconfig or render of an earlier run must not be reused.
            if (Directory.Exists(kustomization.Folder))
            {
                Directory.Delete(kustomization.Folder, recursive: true);
            }

            Directory.CreateDirectory(kustomization.Folder);
            await File.WriteAllTextAsync(kustomization.File, kustomization.Content, context.CancellationToken);
        }

        Log(DeployPlanText.Write(plan).TrimEnd('\n'));
        var checks = await DeployChecks.RunAsync(plan, model, callerFolder, context.CancellationToken);
        foreach (var line in checks.Passed)
        {
            Log("Checked: " + line);
        }

        foreach (var line in checks.Missing)
        {
            DeployLog.Missing(context.Logger, "Missing here: " + line);
        }

        var scope = $"{plan.Environment}-{plan.Target}";
        if (checks.Problems.Count > 0)
        {
            throw new DeployException($"{scope}: checks", string.Join(" ", checks.Problems), "Publish again with the same command (the deploy step publishes first); if it persists, the output folder is not what this AppHost publishes.");
        }

        if (request.DryRun)
        {
            var summary = $"Dry run of {scope}: {plan.Steps.Length} steps printed, release and output checked, nothing changed{(checks.Missing.Count > 0 ? $"; {checks.Missing.Count} tools or variables missing here" : string.Empty)}.";
            Log(summary);
            context.ReportingStep.Log(LogLevel.Information, summary);
            return;
        }

        if (checks.Missing.Count > 0)
        {
            throw new DeployException($"{scope}: checks", string.Join(" ", checks.Missing), "Install the missing tools and set the variables (credentials come from the environment only), then run again; nothing was changed.");
        }

        await new PlanRunner(callerFolder, Log).RunAsync(plan, context.CancellationToken);
        context.ReportingStep.Log(LogLevel.Information, $"Deployed {scope}: release {release.Version}.");
    }
}

using System.Globalization;
using System.Text;
using AiNow.Publishing.Delivery.Clouds;
using AiNow.Publishing.Delivery.Workflows;
using AiNow.Publishing.Kubernetes;
using AiNow.Publishing.Model;

namespace AiNow.Publishing.Delivery;

/// <summary>
/// <c>delivery/README.md</c>: what each workflow does, and what GitHub and the clouds must hold before
/// they run: the GitHub environments with their protection rules (required reviewers are the approval
/// gate), their secrets and variables by name, the cloud identities the logins assume.
/// </summary>
internal static class DeliveryReadme
{
    public const string FileName = "README.md";

    public static string Write(DeploymentModel model, ReleaseImages images)
    {
        var text = new StringBuilder();
        text.Append("<!-- ").Append(ManifestYaml.Header.TrimStart('#', ' ')).Append(" -->\n");
        text.Append("# Delivery: the pipeline as code\n\n");
        text.Append(CultureInfo.InvariantCulture, $"GitHub reads workflows only from `{DeliveryEmitter.GitHubWorkflows}/`; byte-identical copies of `{DeliveryEmitter.WorkflowsFolder}/` are committed there (`{DeliveryEmitter.CopyWorkflowsCommand}` after publishing; ci fails when they differ). ");
        text.Append("Every job declares its own token permissions (the workflows grant nothing or read-only at the top), every action is pinned to a full commit (its release is in the step's name), secrets and variables are read by reference only, and every job has a timeout.\n\n");

        text.Append("| workflow | runs on | does |\n|---|---|---|\n");
        text.Append(CultureInfo.InvariantCulture, $"| `{CiWorkflow.Name}` | pull requests into main, pushes to main | restore, build with warnings as errors, formatting and analyzers, `./test.sh` (every suite, policy tests included), vulnerable NuGet packages, drift of `manifests/` and `{DeliveryEmitter.GitHubWorkflows}/`, secret scanning and Trivy's Terraform, Kubernetes (rendered overlays) and Dockerfile policies; test results and manifests uploaded |\n");
        text.Append(CultureInfo.InvariantCulture, $"| `{ReleaseWorkflow.Name}` | pushes to main (tag `<version>-<commit>`), tags `v<version>` (tag `<version>`) | builds each image of `{ReleaseImages.FileName}` once (docker buildx, SBOM and max-mode provenance attestations), pushes it to every registry below, signs it keylessly with cosign and attests its provenance in GitHub; writes the digests to `{ReleaseArtifact.File}` (artifact `{ReleaseArtifact.Name}`, kept {ReleaseArtifact.RetentionDays} days) |\n");
        text.Append(CultureInfo.InvariantCulture, $"| `{DeployWorkflow.Name}` | each successful release of main | {string.Join(", then ", model.Environments.Select(e => $"{e.Name}{(e.DeployApproval ? " (after approval)" : string.Empty)}"))}; one job per environment and target, each environment after every target of the one before deployed healthy. Each job checks out the released commit and runs `{Deployment.DeployCommandLine.Text("<environment>", "<target>", ReleaseArtifact.File, dryRun: false)}`: Terraform plan, apply of that plan, the overlay pinned to the released digests, the rollout's analysis, a smoke test, abort and rollback on failure |\n");
        text.Append(CultureInfo.InvariantCulture, $"| `{RollbackWorkflow.Name}` | by hand: `gh workflow run {RollbackWorkflow.Name} -f environment=<environment> -f target=<target>` | redeploys the release (images and configuration: its commit) of the deploy before the latest successful one, with the same approvals and concurrency as a deploy |\n");
        text.Append(CultureInfo.InvariantCulture, $"| `{ComplianceWorkflow.Name}` | Mondays 05:17 UTC, by hand | vulnerable packages and dependencies, secrets, and the same policies over main; findings in the run's summary and in one issue, \"{ComplianceWorkflow.IssueTitle}\", kept up to date (triage: `SECURITY.md`) |\n");

        text.Append("\n## Images a release builds\n\n");
        text.Append(CultureInfo.InvariantCulture, $"Version `{images.Version}` (the settings' `ImageTag`, which every overlay pins). Base image and runtime identifier are each Dockerfile's own defaults.\n\n");
        text.Append("| image | Dockerfile | pushed to |\n|---|---|---|\n");
        foreach (var image in images.Images)
        {
            text.Append(CultureInfo.InvariantCulture, $"| `{image.Repository}` | `{image.Dockerfile}` | {string.Join(", ", image.PushedTo.Select(p => $"`{p.Image}`"))} |\n");
        }

        var sites = images.Registries.Where(r => !CloudPipeline.For(r.Target.Cloud, model).RegistryReachableFromHostedRunners).ToList();
        foreach (var site in sites)
        {
            text.Append(CultureInfo.InvariantCulture, $"\n`{site.Prefix}` answers only inside its site: the release's `copy-to-{site.Cloud}` job, on the site's runners, copies each image there by digest (signatures and attestations included) from `{images.Registries.First(r => !sites.Contains(r)).Prefix}`.\n");
        }

        text.Append("\n## GitHub environments\n\n");
        text.Append("Create these under Settings → Environments. Secrets and variables below are set there by name; no value is ever written in this repository.\n\n");
        text.Append("| environment | protection rules | secrets and variables |\n|---|---|---|\n");
        var releasePipelines = images.Registries.Select(r => CloudPipeline.For(r.Target.Cloud, model)).ToList();
        text.Append(CultureInfo.InvariantCulture, $"| `{InfrastructureNaming.ReleaseEnvironment}` | deployment branches and tags: `main`, `v*` | {Settings(releasePipelines.SelectMany(p => p.ReleaseSettings))} |\n");
        foreach (var environment in model.Environments)
        {
            var rules = environment.DeployApproval
                ? "**required reviewers: set at least one reviewer (a team) and check \"Prevent self-review\"; this is the approval gate of every deploy and rollback here**; deployment branches: `main`"
                : "deployment branches: `main`";
            var pipelines = environment.Targets.Select(t => t.Cloud).Append(environment.PrimaryCloud).Distinct().Select(c => CloudPipeline.For(c, model));
            text.Append(CultureInfo.InvariantCulture, $"| `{environment.Name}` | {rules} | {Settings(pipelines.SelectMany(p => p.DeploySettings))} |\n");
        }

        var all = releasePipelines.SelectMany(p => p.ReleaseSettings)
            .Concat(model.Environments.SelectMany(e => e.Targets).Select(t => CloudPipeline.For(t.Cloud, model)).SelectMany(p => p.DeploySettings))
            .DistinctBy(s => s.Name, StringComparer.Ordinal)
            .OrderBy(s => s.Name, StringComparer.Ordinal);
        text.Append('\n');
        foreach (var setting in all)
        {
            text.Append(CultureInfo.InvariantCulture, $"- `{setting.Name}` ({(setting.Kind == PipelineSettingKind.Secret ? "secret" : "variable")}): {setting.Purpose}\n");
        }

        text.Append("\nRepository settings: Actions → General → workflow permissions \"Read repository contents\" (the workflows raise only what each job needs), and \"Require actions to be pinned to a full-length commit SHA\".\n");

        text.Append("\n## What the clouds must hold\n\n");
        text.Append("The logins exchange the run's OIDC token for short-lived credentials; the identities are trusted only from this repository's matching GitHub environment.\n\n");
        foreach (var cloud in model.Environments.SelectMany(e => e.Targets).Select(t => t.Cloud).Distinct().Order())
        {
            foreach (var line in CloudPipeline.For(cloud, model).Prerequisites(model.Environments))
            {
                text.Append("- ").Append(line).Append('\n');
            }
        }

        return text.ToString();
    }

    private static string Settings(IEnumerable<PipelineSetting> settings)
    {
        var names = settings.DistinctBy(s => s.Name, StringComparer.Ordinal).OrderBy(s => s.Name, StringComparer.Ordinal).Select(s => $"`{s.Name}`").ToList();
        return names.Count == 0 ? "none" : string.Join(", ", names);
    }
}

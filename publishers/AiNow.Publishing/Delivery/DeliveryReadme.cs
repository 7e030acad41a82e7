using System.Globalization;
using System.Text;
using AiNow.Publishing.Delivery.Clouds;
using AiNow.Publishing.Delivery.Workflows;
using AiNow.Publishing.Delivery.Workflows.Model;
using AiNow.Publishing.Deployment;
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

        var inputs = new TerraformInputs(model);
        var globalTarget = Deployment.ShellWords.Join(DeployJob.Command("<environment>", Deployment.DeployCommandLine.GlobalTarget, []));
        text.Append("| workflow | runs on | does |\n|---|---|---|\n");
        text.Append(CultureInfo.InvariantCulture, $"| `{CiWorkflow.Name}` | pull requests into main, pushes to main | restore, build with warnings as errors, formatting and analyzers, `./test.sh` as root (every suite, policy tests included; it installs packages and builds images with rootful podman: `{CiWorkflow.TestCommand}`, within {CiWorkflow.TestJobTimeoutMinutes} minutes), vulnerable NuGet packages, drift of `manifests/` and `{DeliveryEmitter.GitHubWorkflows}/`, secret scanning and Trivy's Terraform, Kubernetes (rendered overlays) and Dockerfile policies; test results and manifests uploaded |\n");
        text.Append(CultureInfo.InvariantCulture, $"| `{ReleaseWorkflow.Name}` | `{CiWorkflow.Name}` passed on a push to main (its `workflow_run`; the commit ci tested, tag `<version>-<commit>`), tags `v<version>` (tag `<version>`) | builds each image of `{ReleaseImages.FileName}` once (docker buildx, SBOM and max-mode provenance attestations), pushes it to every registry below, signs it keylessly with cosign {PinnedActions.CosignRelease} in the legacy format (one signature per digest under the tag `sha256-<hex>.sig`, so it never takes the attestation's fallback tag `sha256-<hex>` where a registry has no referrers API) and attests its provenance in GitHub and the registries; writes the digests to `{ReleaseArtifact.File}` (artifact `{ReleaseArtifact.Name}`, kept {ReleaseArtifact.RetentionDays} days). Tags are immutable: a re-run of the same commit reuses the digest an earlier attempt pushed (checking its revision label) and skips signatures and attestations already there |\n");
        text.Append(CultureInfo.InvariantCulture, $"| `{DeployWorkflow.Name}` | each successful release of main | {string.Join(", then ", model.Environments.Select(e => $"{e.Name}{(e.DeployApproval ? " (after approval)" : string.Empty)}"))}; one job per environment and target, then the environment's global DNS job (`<environment>-{Deployment.DeployCommandLine.GlobalTarget}`, after every target), and each environment after the one before is healthy behind its global name. Each job checks out the released commit, builds the AppHost before any cloud login (nothing is restored from nuget.org while credentials are held) and runs `{Deployment.ShellWords.Join(DeployJob.Command("<environment>", "<target>", []))}`: Terraform plan, apply of that plan, the overlay pinned to the released digests, the rollout's analysis, a smoke test of the target's own ingress, abort and rollback on failure. The global job runs `{globalTarget}`: the global root (Route53 records over every target) and a smoke test of every target's public name |\n");
        text.Append(CultureInfo.InvariantCulture, $"| `{RollbackWorkflow.Name}` | by hand: `gh workflow run {RollbackWorkflow.Name} -f environment=<environment> -f target=<target>` | redeploys the most recent release deployed there with another commit than the running one (images and configuration: its commit), with the same approvals and concurrency as a deploy, and records it as running (artifact `deployed-<environment>-<target>`, like a deploy): a second rollback returns to the release rolled back from; to reach further back, re-run that release's deploy run |\n");
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
            text.Append(CultureInfo.InvariantCulture, $"| `{environment.Name}` | {rules} | {Settings(pipelines.SelectMany(p => p.DeploySettings).Concat(inputs.OfEnvironment(environment).Select(i => i.Setting)))} |\n");
        }

        var all = releasePipelines.SelectMany(p => p.ReleaseSettings)
            .Concat(model.Environments.SelectMany(e => e.Targets).Select(t => CloudPipeline.For(t.Cloud, model)).SelectMany(p => p.DeploySettings))
            .Concat(model.Environments.SelectMany(inputs.OfEnvironment).Select(i => i.Setting))
            .DistinctBy(s => s.Name, StringComparer.Ordinal)
            .OrderBy(s => s.Name, StringComparer.Ordinal);
        text.Append('\n');
        foreach (var setting in all)
        {
            text.Append(CultureInfo.InvariantCulture, $"- `{setting.Name}` ({(setting.Kind == PipelineSettingKind.Secret ? "secret" : "variable")}): {setting.Purpose}\n");
        }

        text.Append(CultureInfo.InvariantCulture, $"\nThe variables named after a Terraform input are what the runbook (`terraform/README.md`) says to give; the deploy, rollback and global jobs hand them to Terraform as `TF_VAR_<input>`. The load balancers' addresses that no Terraform state holds exist only once their targets are deployed: each target's deploy job publishes the address its ingress got (job output `{StepOutputs.IngressAddress}`), and the global job of the same run takes it from there, so a first run needs no value. The variables are the fallback when that job gave none (the global job re-run on its own): set them to the addresses the targets' deploys logged, or the global job fails without them.\n");
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

        text.Append("\n## Before the first run\n\n");
        text.Append("- Artifact attestations (`actions/attest-build-provenance`) work on public repositories and, for private or internal ones, only on GitHub Enterprise Cloud; elsewhere the release's attest steps fail.\n");
        if (images.Registries.Any(r => CloudPipeline.For(r.Target.Cloud, model).RunsOn is RunnerGroup))
        {
            text.Append("- Runner groups exist only in organisations: the site's jobs (`runs-on: group`) need the repository to belong to one.\n");
        }

        if (model.Environments.FirstOrDefault(e => e.DeployApproval) is { } gated)
        {
            text.Append(CultureInfo.InvariantCulture, $"- The approval of `{gated.Name}` is given when its jobs start, before Terraform's plan is shown: the deploy step plans and applies that plan in the same job. Reviewers judge the release (its commit, `{ReleaseArtifact.File}`, and the plans of the same commit in the environments before); this is left as is, so the saved plan and its apply stay in one job.{(inputs.GlobalRoot(gated) is null ? string.Empty : " Its global job asks for the approval once more, after every target.")}\n");
        }

        text.Append(CultureInfo.InvariantCulture, $"- The overlays pin `newTag: {images.Version}`, which exists in the registries only once the tag `v{images.Version}` is released (main's releases are tagged `{images.Version}-<commit>`, and deploys pin digests). Apply an overlay by hand (`kubectl apply -k`) only after that release.\n");
        return text.ToString();
    }

    private static string Settings(IEnumerable<PipelineSetting> settings)
    {
        var names = settings.DistinctBy(s => s.Name, StringComparer.Ordinal).OrderBy(s => s.Name, StringComparer.Ordinal).Select(s => $"`{s.Name}`").ToList();
        return names.Count == 0 ? "none" : string.Join(", ", names);
    }
}

using AiNow.Publishing.Delivery.Clouds;
using AiNow.Publishing.Delivery.Workflows.Model;
using AiNow.Publishing.Model;

namespace AiNow.Publishing.Delivery.Workflows;

/// <summary>
/// <c>deploy</c>: after each successful release of main, every target of the first environment, then
/// its global DNS (which smoke-tests every target through the public names), then each next
/// environment once the one before is healthy behind its global name. An environment that requires
/// approval waits for its GitHub environment's required reviewers.
/// </summary>
internal static class DeployWorkflow
{
    /// <summary>The workflow's name.</summary>
    public const string Name = "deploy";

    /// <summary>The job that reads and checks the release.</summary>
    public const string ReleaseJob = "release";

    public static Workflow Build(DeploymentModel model)
    {
        var inputs = new TerraformInputs(model);
        var commit = $"${{{{ needs.{ReleaseJob}.outputs.commit }}}}";
        var runId = $"${{{{ needs.{ReleaseJob}.outputs.run-id }}}}";
        var jobs = new OrderedDictionary<string, Job>(StringComparer.Ordinal) { [ReleaseJob] = ReadRelease() };
        IReadOnlyList<string> previous = [];
        foreach (var environment in model.Environments)
        {
            var ids = new List<string>();
            foreach (var target in environment.Targets)
            {
                var id = DeployJob.Id(environment, target);
                jobs[id] = DeployJob.Build(model, inputs, environment, target, needs: [ReleaseJob, .. previous], condition: null, commit, ReleaseArtifact.Name, runId);
                ids.Add(id);
            }

            // Without a global root (no AWS target holds the zone) the targets' own smoke tests are the gate.
            if (inputs.GlobalRoot(environment) is not null)
            {
                jobs[DeployJob.GlobalId(environment)] = DeployJob.Global(model, inputs, environment, needs: [ReleaseJob, .. ids], commit, ReleaseArtifact.Name, runId);
                ids = [DeployJob.GlobalId(environment)];
            }

            previous = ids;
        }

        return new Workflow
        {
            Name = Name,
            On = new WorkflowTriggers { WorkflowRun = new WorkflowRunTrigger([ReleaseWorkflow.Name], ["completed"], ["main"]) },
            Permissions = Permissions.None,
            Jobs = jobs,
        };
    }

    private static Job ReadRelease() => new()
    {
        Name = "Read the release",
        // Only a release of main that succeeded: those start when ci passed on a push to main (tag releases run on their tag, not main).
        If = $"${{{{ github.event.workflow_run.conclusion == 'success' && github.event.workflow_run.event == '{ReleaseWorkflow.MainTrigger}' }}}}",
        RunsOn = CloudPipeline.HostedRunner,
        Permissions = new Permissions { Actions = Permissions.Read },
        TimeoutMinutes = 5,
        Outputs = SortedMap.Of(("commit", "${{ steps.release.outputs.commit }}"), ("run-id", "${{ github.event.workflow_run.id }}")),
        Steps =
        [
            CommonSteps.DownloadFromRun($"the release ({ReleaseArtifact.File})", ReleaseArtifact.Name, "${{ github.event.workflow_run.id }}"),
            new()
            {
                Name = "Check the release",
                Id = "release",
                // The release run's own head is main's head when it started, maybe newer than what ci passed: the commit it built is in its release.json.
                Run = $$"""
                    released=$(jq -r .commit {{ReleaseArtifact.File}})
                    if ! jq -e --arg commit "$released" '{{ReleaseArtifact.CheckProgram}}' {{ReleaseArtifact.File}} > /dev/null; then
                      echo "::error::{{ReleaseArtifact.File}} of the release run is not a release of one commit with one sha256 digest per image."
                      exit 1
                    fi
                    echo "commit=$released" >> "$GITHUB_OUTPUT"
                    {
                      echo "### Deploying release $(jq -r .version {{ReleaseArtifact.File}}) ($released)"
                      jq -r '.images | to_entries[] | "- \(.key)@\(.value)"' {{ReleaseArtifact.File}}
                    } >> "$GITHUB_STEP_SUMMARY"
                    """,
            },
        ],
    };
}

using AiNow.Publishing.Delivery.Clouds;
using AiNow.Publishing.Delivery.Workflows.Model;
using AiNow.Publishing.Model;

namespace AiNow.Publishing.Delivery.Workflows;

/// <summary>
/// <c>deploy</c>: after each successful release of main, every target of the first environment, then
/// each next environment once every target of the one before deployed healthy. An environment that
/// requires approval waits for its GitHub environment's required reviewers.
/// </summary>
internal static class DeployWorkflow
{
    /// <summary>The workflow's name.</summary>
    public const string Name = "deploy";

    /// <summary>The job that reads and checks the release.</summary>
    public const string ReleaseJob = "release";

    public static Workflow Build(DeploymentModel model)
    {
        var jobs = new OrderedDictionary<string, Job>(StringComparer.Ordinal) { [ReleaseJob] = ReadRelease() };
        IReadOnlyList<string> previous = [ReleaseJob];
        foreach (var environment in model.Environments)
        {
            var ids = new List<string>();
            foreach (var target in environment.Targets)
            {
                var id = DeployJob.Id(environment, target);
                jobs[id] = DeployJob.Build(
                    model, environment, target,
                    needs: previous.Contains(ReleaseJob) ? previous : [ReleaseJob, .. previous],
                    condition: null,
                    commit: $"${{{{ needs.{ReleaseJob}.outputs.commit }}}}",
                    artifact: ReleaseArtifact.Name,
                    runId: $"${{{{ needs.{ReleaseJob}.outputs.run-id }}}}",
                    record: true);
                ids.Add(id);
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
        // Only a release that succeeded, built from a push to main (not a pull request's head).
        If = "${{ github.event.workflow_run.conclusion == 'success' && github.event.workflow_run.event == 'push' }}",
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
                Env = SortedMap.Of(("RELEASED_COMMIT", "${{ github.event.workflow_run.head_sha }}")),
                Run = $$"""
                    if ! jq -e --arg commit "$RELEASED_COMMIT" '{{ReleaseArtifact.CheckProgram}}' {{ReleaseArtifact.File}} > /dev/null; then
                      echo "::error::{{ReleaseArtifact.File}} of the release run is not a release of $RELEASED_COMMIT with one sha256 digest per image."
                      exit 1
                    fi
                    echo "commit=$RELEASED_COMMIT" >> "$GITHUB_OUTPUT"
                    {
                      echo "### Deploying release $(jq -r .version {{ReleaseArtifact.File}}) ($RELEASED_COMMIT)"
                      jq -r '.images | to_entries[] | "- \(.key)@\(.value)"' {{ReleaseArtifact.File}}
                    } >> "$GITHUB_STEP_SUMMARY"
                    """,
            },
        ],
    };
}

using AiNow.Publishing.Delivery.Clouds;
using AiNow.Publishing.Delivery.Workflows.Model;
using AiNow.Publishing.Model;

namespace AiNow.Publishing.Delivery.Workflows;

/// <summary>
/// <c>rollback</c>, started by hand for one environment and target: finds the deploy before the latest
/// successful one (each deploy keeps its <c>release.json</c>), checks out that release's commit (its
/// configuration) and deploys its digests again, through the same job, concurrency group and approvals
/// as a deploy.
/// </summary>
internal static class RollbackWorkflow
{
    /// <summary>The workflow's name.</summary>
    public const string Name = "rollback";

    private const string FindJob = "previous";

    public static Workflow Build(DeploymentModel model)
    {
        var jobs = new OrderedDictionary<string, Job>(StringComparer.Ordinal) { [FindJob] = FindPrevious() };
        foreach (var environment in model.Environments)
        {
            foreach (var target in environment.Targets)
            {
                jobs[DeployJob.Id(environment, target)] = DeployJob.Build(
                    model, environment, target,
                    needs: [FindJob],
                    condition: $"${{{{ inputs.environment == '{environment.Name}' && inputs.target == '{target.Key}' }}}}",
                    commit: $"${{{{ needs.{FindJob}.outputs.commit }}}}",
                    artifact: ReleaseArtifact.DeployedName(environment.Name, target.Key),
                    runId: $"${{{{ needs.{FindJob}.outputs.run-id }}}}",
                    record: false);
            }
        }

        var inputs = new OrderedDictionary<string, DispatchInput>(StringComparer.Ordinal)
        {
            ["environment"] = new("The environment to return to its previous release", Required: true, "choice", model.Environments.Select(e => e.Name).ToList()),
            ["target"] = new("The target (cloud or site) to roll back", Required: true, "choice", model.Environments.SelectMany(e => e.Targets).Select(t => t.Key).Distinct(StringComparer.Ordinal).ToList()),
        };
        return new Workflow
        {
            Name = Name,
            On = new WorkflowTriggers { WorkflowDispatch = new WorkflowDispatch(inputs) },
            Permissions = Permissions.None,
            Jobs = jobs,
        };
    }

    private static Job FindPrevious() => new()
    {
        Name = "Find the previous release of ${{ inputs.environment }} on ${{ inputs.target }}",
        RunsOn = CloudPipeline.HostedRunner,
        Permissions = new Permissions { Actions = Permissions.Read },
        TimeoutMinutes = 5,
        Outputs = SortedMap.Of(("commit", "${{ steps.previous.outputs.commit }}"), ("run-id", "${{ steps.previous.outputs.run-id }}")),
        Steps =
        [
            new()
            {
                Name = "Find the deploy before the latest one",
                Id = "previous",
                Env = SortedMap.Of(("ENVIRONMENT", "${{ inputs.environment }}"), ("GH_TOKEN", "${{ github.token }}"), ("TARGET", "${{ inputs.target }}")),
                Run = $$"""
                    name="deployed-$ENVIRONMENT-$TARGET"
                    # Every successful deploy kept its release as this artifact; the newest is what runs now.
                    runs=$(gh api "repos/$GITHUB_REPOSITORY/actions/artifacts?name=$name&per_page=100" \
                      --jq '[.artifacts[] | select(.expired | not)] | sort_by(.created_at) | reverse | map(.workflow_run.id)')
                    if [ "$(jq length <<<"$runs")" -lt 2 ]; then
                      echo "::error::No earlier successful deploy of $ENVIRONMENT to $TARGET is on record (artifacts $name are kept {{ReleaseArtifact.RetentionDays}} days). Deploy a chosen release by re-running that release's deploy run instead."
                      exit 1
                    fi
                    run_id=$(jq -r '.[1]' <<<"$runs")
                    gh run download "$run_id" --repo "$GITHUB_REPOSITORY" --name "$name" --dir previous
                    commit=$(jq -r .commit previous/{{ReleaseArtifact.File}})
                    {
                      echo "run-id=$run_id"
                      echo "commit=$commit"
                    } >> "$GITHUB_OUTPUT"
                    echo "### Rolling $ENVIRONMENT on $TARGET back to release $(jq -r .version previous/{{ReleaseArtifact.File}}) ($commit)" >> "$GITHUB_STEP_SUMMARY"
                    """,
            },
        ],
    };
}

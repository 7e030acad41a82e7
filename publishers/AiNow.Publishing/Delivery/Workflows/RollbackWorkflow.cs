using AiNow.Publishing.Delivery.Clouds;
using AiNow.Publishing.Delivery.Workflows.Model;
using AiNow.Publishing.Model;

namespace AiNow.Publishing.Delivery.Workflows;

/// <summary>
/// <c>rollback</c>, started by hand for one environment and target: finds the most recent deployed
/// release of another commit than the one running now (each deploy and rollback keeps its
/// <c>release.json</c>), passing over commits a later rollback replaced, checks out that release's
/// commit (its configuration) and deploys its digests again, through the same job, concurrency group
/// and approvals as a deploy, and records it as what runs now, with the commit it replaced.
/// </summary>
internal static class RollbackWorkflow
{
    /// <summary>The workflow's name.</summary>
    public const string Name = "rollback";

    private const string FindJob = "previous";

    public static Workflow Build(DeploymentModel model)
    {
        var terraformInputs = new TerraformInputs(model);
        var jobs = new OrderedDictionary<string, Job>(StringComparer.Ordinal) { [FindJob] = FindPrevious() };
        foreach (var environment in model.Environments)
        {
            foreach (var target in environment.Targets)
            {
                jobs[DeployJob.Id(environment, target)] = DeployJob.Build(
                    model, terraformInputs, environment, target,
                    needs: [FindJob],
                    condition: $"${{{{ inputs.environment == '{environment.Name}' && inputs.target == '{target.Key}' }}}}",
                    commit: $"${{{{ needs.{FindJob}.outputs.commit }}}}",
                    artifact: ReleaseArtifact.DeployedName(environment.Name, target.Key),
                    runId: $"${{{{ needs.{FindJob}.outputs.run-id }}}}",
                    rollsBackFrom: $"${{{{ needs.{FindJob}.outputs.running }}}}");
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
        Outputs = SortedMap.Of(("commit", "${{ steps.previous.outputs.commit }}"), ("run-id", "${{ steps.previous.outputs.run-id }}"), ("running", "${{ steps.previous.outputs.running }}")),
        Steps =
        [
            new()
            {
                Name = "Find the latest release deployed before the running one",
                Id = "previous",
                Env = SortedMap.Of(("ENVIRONMENT", "${{ inputs.environment }}"), ("GH_TOKEN", "${{ github.token }}"), ("TARGET", "${{ inputs.target }}")),
                Run = $$"""
                    name="deployed-$ENVIRONMENT-$TARGET"
                    # Every successful deploy and rollback kept what it deployed as this artifact, newest first; the newest runs now.
                    runs=$(gh api "repos/$GITHUB_REPOSITORY/actions/artifacts?name=$name&per_page=100" \
                      --jq '[.artifacts[] | select(.expired | not)] | sort_by(.created_at) | reverse | .[].workflow_run.id')
                    running=""
                    # The commits rollbacks replaced, from their records newer than the one at hand: going back to one goes forward again.
                    replaced=" "
                    for run_id in $runs; do
                      rm -rf candidate
                      gh run download "$run_id" --repo "$GITHUB_REPOSITORY" --name "$name" --dir candidate
                      commit=$(jq -r .commit candidate/{{ReleaseArtifact.File}})
                      if [ -f candidate/{{ReleaseArtifact.RolledBackFromFile}} ]; then
                        replaced="$replaced$(cat candidate/{{ReleaseArtifact.RolledBackFromFile}}) "
                      fi
                      if [ -z "$running" ]; then
                        running=$commit
                        continue
                      fi
                      # A re-deploy of the running commit is no earlier release, nor is a commit rolled back from: the first other commit is.
                      if [ "$commit" != "$running" ] && [[ "$replaced" != *" $commit "* ]]; then
                        {
                          echo "run-id=$run_id"
                          echo "commit=$commit"
                          echo "running=$running"
                        } >> "$GITHUB_OUTPUT"
                        echo "### Rolling $ENVIRONMENT on $TARGET back from $running to release $(jq -r .version candidate/{{ReleaseArtifact.File}}) ($commit)" >> "$GITHUB_STEP_SUMMARY"
                        exit 0
                      fi
                    done
                    echo "::error::No deploy of $ENVIRONMENT to $TARGET with another commit than the running one (${running:-none}), and not rolled back from, is on record (artifacts $name are kept {{ReleaseArtifact.RetentionDays}} days). Deploy a chosen release by re-running that release's deploy run instead."
                    exit 1
                    """,
            },
        ],
    };
}

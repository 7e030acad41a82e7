using System.Text.Json.Nodes;
using AiNow.Publishing.Tests.Infrastructure;

namespace AiNow.Publishing.Tests.Delivery;

/// <summary>
/// The published scripts that decide what a rollback returns to and whether a release builds again,
/// run with bash against fake <c>gh</c> and <c>docker</c> that answer like GitHub and a registry.
/// </summary>
[Collection(PublishedGroup.Name)]
public sealed class StepScriptTests(PublishedManifests published)
{
    private const string Commit = "1111111111111111111111111111111111111111";
    private const string Digest = "sha256:aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa";
    private const string Tag = "0.1.0-1111111111111111111111111111111111111111";

    /// <summary>gh api answers from artifacts.json through the real jq; gh run download writes the run's release.json, and a rollback's rolled-back-from.</summary>
    private const string FakeGh = """
        case "$1 $2" in
          "api "*) jq -r "$4" "$FAKE/artifacts.json" ;;
          "run download")
            mkdir -p "$9"; cp "$FAKE/runs/$3.json" "$9/release.json"
            if [ -f "$FAKE/runs/$3.rolled-back-from" ]; then cp "$FAKE/runs/$3.rolled-back-from" "$9/rolled-back-from"; fi ;;
          *) echo "unexpected: gh $*" >&2; exit 2 ;;
        esac
        """;

    /// <summary>docker buildx imagetools inspect answers from registry/&lt;reference&gt;.{manifest,image}; create only logs.</summary>
    private const string FakeDocker = """
        [ "$1 $2" = "buildx imagetools" ] || { echo "unexpected: docker $*" >&2; exit 2; }
        if [ "$3" = inspect ]; then
          key=$(printf '%s' "$4" | tr '/:@' '___')
          [ -f "$FAKE/registry/$key.manifest" ] || { echo "ERROR: $4: not found" >&2; exit 1; }
          case "$6" in
            *Manifest*) cat "$FAKE/registry/$key.manifest" ;;
            *) cat "$FAKE/registry/$key.image" ;;
          esac
        fi
        """;

    [Fact]
    public async Task Rollback_ReturnsToTheNewestDeployOfAnotherCommit_PassingOverRedeploysOfTheRunningOne()
    {
        using var step = new StepScript();
        step.Fake("gh", FakeGh);
        // Newest first: C runs now and was deployed twice; B before it; an expired record is no candidate.
        Artifacts(step, (106, "2025-01-06", true, "dddd"), (105, "2025-01-05", false, "cccc"), (103, "2025-01-03", false, "bbbb"), (104, "2025-01-04", false, "cccc"), (102, "2025-01-02", false, "aaaa"));

        var (exitCode, outputs, log) = await step.RunAsync(RollbackScript, Inputs());

        Assert.True(exitCode == 0, log);
        Assert.Equal("103", outputs["run-id"]);
        Assert.Equal(new string('b', 40), outputs["commit"]);
        Assert.Equal(new string('c', 40), outputs["running"]);
        Assert.Contains(step.Calls("gh"), c => c.StartsWith("api repos/example/ainow/actions/artifacts?name=deployed-production-aws&", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ASecondRollback_GoesFurtherBack_NotForwardToTheCommitTheFirstRolledBackFrom()
    {
        using var step = new StepScript();
        step.Fake("gh", FakeGh);
        // E, then A, then B deployed; B rolled back to A (that record runs now and names B).
        Artifacts(step, (104, "2025-01-04", false, "aaaa"), (103, "2025-01-03", false, "bbbb"), (102, "2025-01-02", false, "aaaa"), (101, "2025-01-01", false, "eeee"));
        step.Write("runs/104.rolled-back-from", new string('b', 40) + "\n");

        var (exitCode, outputs, log) = await step.RunAsync(RollbackScript, Inputs());

        Assert.True(exitCode == 0, log);
        Assert.Equal("101", outputs["run-id"]);
        Assert.Equal(new string('e', 40), outputs["commit"]);
        Assert.Equal(new string('a', 40), outputs["running"]);
    }

    [Fact]
    public async Task Rollback_WithOnlyTheRunningCommitOnRecord_FailsSayingSo()
    {
        using var step = new StepScript();
        step.Fake("gh", FakeGh);
        Artifacts(step, (105, "2025-01-05", false, "cccc"), (104, "2025-01-04", false, "cccc"));

        var (exitCode, outputs, log) = await step.RunAsync(RollbackScript, Inputs());

        Assert.NotEqual(0, exitCode);
        Assert.Empty(outputs);
        Assert.Contains("with another commit than the running one", log, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Release_WithNothingPushedYet_LeavesTheDigestToTheBuild()
    {
        using var step = new StepScript();
        step.Fake("docker", FakeDocker);

        var (exitCode, outputs, log) = await step.RunAsync(PriorScript, PriorInputs("ecr.example/ainow/api", "gar.example/ainow/api"));

        Assert.True(exitCode == 0, log);
        Assert.Equal("", outputs["digest"]);
        Assert.DoesNotContain(step.Calls("docker"), c => c.Contains(" create ", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Release_Rerun_ReusesTheDigestAnEarlierAttemptPushed_AndCopiesItWhereItIsMissing()
    {
        using var step = new StepScript();
        step.Fake("docker", FakeDocker);
        Pushed(step, "ecr.example/ainow/api", Digest, Commit);

        var (exitCode, outputs, log) = await step.RunAsync(PriorScript, PriorInputs("ecr.example/ainow/api", "gar.example/ainow/api"));

        Assert.True(exitCode == 0, log);
        Assert.Equal(Digest, outputs["digest"]);
        Assert.Equal([$"buildx imagetools create --tag gar.example/ainow/api:{Tag} ecr.example/ainow/api@{Digest}"], step.Calls("docker").Where(c => c.Contains(" create ", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Release_FindingTheTagBuiltFromAnotherCommit_Fails_ForItsTagIsImmutable()
    {
        using var step = new StepScript();
        step.Fake("docker", FakeDocker);
        Pushed(step, "ecr.example/ainow/api", Digest, new string('2', 40));

        var (exitCode, _, log) = await step.RunAsync(PriorScript, PriorInputs("ecr.example/ainow/api"));

        Assert.NotEqual(0, exitCode);
        Assert.Contains($"built from {new string('2', 40)}, not {Commit}", log, StringComparison.Ordinal);
    }

    private string RollbackScript => (string)PublishedWorkflows.Load(published.Output, "rollback").Jobs["previous"]!["steps"]![0]!["run"]!;

    private string PriorScript => (string)PublishedWorkflows.Load(published.Output, "release").Jobs["build"]!["steps"]!.AsArray().Single(s => (string?)s!["id"] == "prior")!["run"]!;

    private static Dictionary<string, string> Inputs() => new(StringComparer.Ordinal) { ["ENVIRONMENT"] = "production", ["TARGET"] = "aws", ["GH_TOKEN"] = "fake" };

    private static Dictionary<string, string> PriorInputs(params string[] names) =>
        new(StringComparer.Ordinal) { ["COMMIT"] = Commit, ["NAMES"] = string.Join('\n', names), ["TAG"] = Tag };

    /// <summary>The artifacts list GitHub returns (in no particular order) and each run's release.json.</summary>
    private static void Artifacts(StepScript step, params (int Run, string Created, bool Expired, string Commit)[] records)
    {
        var artifacts = new JsonArray([.. records.Select(r => new JsonObject
        {
            ["name"] = "deployed-production-aws",
            ["expired"] = r.Expired,
            ["created_at"] = $"{r.Created}T00:00:00Z",
            ["workflow_run"] = new JsonObject { ["id"] = r.Run },
        })]);
        step.Write("artifacts.json", new JsonObject { ["artifacts"] = artifacts }.ToJsonString());
        foreach (var (run, _, _, commit) in records)
        {
            var full = string.Concat(Enumerable.Repeat(commit[0], 40));
            step.Write($"runs/{run}.json", $$$"""{"version": "0.1.0", "commit": "{{{full}}}", "images": {"ainow/api": "{{{Digest}}}"}}""");
        }
    }

    /// <summary>An image index the registry holds under the release tag: its digest and the revision label of its image.</summary>
    private static void Pushed(StepScript step, string name, string digest, string revision)
    {
        var key = $"{name}:{Tag}".Replace('/', '_').Replace(':', '_').Replace('@', '_');
        step.Write($"registry/{key}.manifest", $$$"""{"schemaVersion": 2, "mediaType": "application/vnd.oci.image.index.v1+json", "digest": "{{{digest}}}", "size": 1609}""");
        var image = new JsonObject
        {
            ["linux/amd64"] = new JsonObject
            {
                ["architecture"] = "amd64",
                ["os"] = "linux",
                ["config"] = new JsonObject { ["Labels"] = new JsonObject { ["org.opencontainers.image.revision"] = revision } },
            },
        };
        step.Write($"registry/{key}.image", image.ToJsonString());
    }
}

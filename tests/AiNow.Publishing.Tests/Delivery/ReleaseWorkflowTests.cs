using System.Text.Json.Nodes;
using AiNow.Publishing.Tests.Infrastructure;

namespace AiNow.Publishing.Tests.Delivery;

/// <summary>
/// ci runs the suite the way it needs, and release builds only what ci passed, signs without taking a
/// tag the attestation needs, and can be re-run on the same commit under immutable tags.
/// </summary>
[Collection(PublishedGroup.Name)]
public sealed class ReleaseWorkflowTests(PublishedManifests published)
{
    private WorkflowFile Release => PublishedWorkflows.Load(published.Output, "release");

    [Fact]
    public void CisTestStep_RunsTestShAsRoot_WithSetupDotnetsSdk_AndTheJobAllowsTheImageSuite()
    {
        var ci = PublishedWorkflows.Load(published.Output, "ci");
        var (jobId, step) = Assert.Single(ci.EachStep(), s => ((string?)s.Step["run"])?.Contains("./test.sh", StringComparison.Ordinal) == true);
        var lines = ((string)step["run"]!).Split('\n');
        var test = Assert.Single(lines, l => l.Contains("./test.sh", StringComparison.Ordinal));
        Assert.StartsWith("sudo --preserve-env env \"PATH=$PATH\" \"DOTNET_ROOT=$DOTNET_ROOT\" ", test, StringComparison.Ordinal);
        // The later steps build and publish as the runner's user in what root wrote.
        Assert.Contains(lines, l => l.StartsWith("sudo find \"$GITHUB_WORKSPACE\" \"$HOME\" -user root -exec chown", StringComparison.Ordinal));
        Assert.Equal("exit \"$status\"", lines[^1]);
        // The image suite alone may take 90 minutes; restore, build and the other suites come on top.
        Assert.InRange(int.Parse((string)ci.Jobs[jobId]!["timeout-minutes"]!, System.Globalization.CultureInfo.InvariantCulture), 120, 180);
    }

    [Fact]
    public void MainIsReleased_OnlyFromACiRunThatPassedOnAPushToMain_AtTheCommitCiTested_AndTagsAsBefore()
    {
        var on = Release.Json["on"]!;
        Assert.Null(on["push"]!["branches"]);
        Assert.Equal(["v*"], on["push"]!["tags"]!.AsArray().Select(t => (string)t!));
        Assert.Equal(["ci"], on["workflow_run"]!["workflows"]!.AsArray().Select(t => (string)t!));
        Assert.Equal(["completed"], on["workflow_run"]!["types"]!.AsArray().Select(t => (string)t!));
        Assert.Equal(["main"], on["workflow_run"]!["branches"]!.AsArray().Select(t => (string)t!));
        Assert.Equal(
            "${{ github.event_name == 'push' || (github.event.workflow_run.conclusion == 'success' && github.event.workflow_run.event == 'push') }}",
            (string)Release.Jobs["plan"]!["if"]!);

        // Every job checks out the commit ci tested (the run's own head is main's newest), and builds, tags and records that one.
        var planCheckout = Release.Jobs["plan"]!["steps"]![0]!;
        Assert.Equal("${{ github.event.workflow_run.head_sha || github.sha }}", (string)planCheckout["with"]!["ref"]!);
        Assert.Equal("${{ steps.plan.outputs.commit }}", (string)Release.Jobs["plan"]!["outputs"]!["commit"]!);
        foreach (var (id, job) in Release.EachJob().Where(j => j.Id != "plan"))
        {
            foreach (var checkout in job["steps"]!.AsArray().Where(s => ((string?)s!["uses"])?.StartsWith("actions/checkout@", StringComparison.Ordinal) == true))
            {
                Assert.Equal("${{ needs.plan.outputs.commit }}", (string)checkout!["with"]!["ref"]!);
            }
        }

        var text = File.ReadAllText(Release.Path);
        Assert.DoesNotContain("GITHUB_SHA", text, StringComparison.Ordinal);
        Assert.DoesNotContain("github.sha", text.Replace("github.event.workflow_run.head_sha || github.sha", "", StringComparison.Ordinal), StringComparison.Ordinal);
        var build = Steps("build").Single(s => (string?)s["id"] == "build");
        Assert.Contains("REVISION=${{ needs.plan.outputs.commit }}", (string)build["with"]!["build-args"]!, StringComparison.Ordinal);
        var record = Steps("record").Single(s => ((string?)s["run"])?.Contains("release.json", StringComparison.Ordinal) == true);
        Assert.Equal("${{ needs.plan.outputs.commit }}", (string)record["env"]!["COMMIT"]!);
        Assert.Contains("--arg commit \"$COMMIT\"", (string)record["run"]!, StringComparison.Ordinal);
    }

    [Fact]
    public void TheSignature_IsOfTheLegacyFormat_FromAPinnedCosign_AndWrittenOnlyWhereNoneIs()
    {
        foreach (var install in Release.EachStep().Where(s => ((string?)s.Step["uses"])?.StartsWith("sigstore/cosign-installer@", StringComparison.Ordinal) == true))
        {
            Assert.Equal("v3.0.6", (string?)install.Step["with"]?["cosign-release"]);
        }

        var sign = Assert.Single(Steps("build"), s => ((string?)s["run"])?.Contains("cosign sign", StringComparison.Ordinal) == true);
        var command = Assert.Single(((string)sign["run"]!).Split('\n'), l => l.Contains("cosign sign", StringComparison.Ordinal)).Trim();
        Assert.Equal("cosign sign --yes --new-bundle-format=false --use-signing-config=false \"$name@$DIGEST\"", command);
        Assert.Contains("inspect --raw \"$name:${DIGEST/:/-}.sig\"", (string)sign["run"]!, StringComparison.Ordinal);
    }

    [Fact]
    public void ARerunOfTheSameCommit_ReusesThePushedDigest_InsteadOfBuilding_AndAttestsOnlyWhereNotYetAttested()
    {
        var steps = Steps("build");
        var prior = steps.FindIndex(s => (string?)s["id"] == "prior");
        var build = steps.FindIndex(s => (string?)s["id"] == "build");
        Assert.InRange(prior, 0, build - 1);
        Assert.Equal("${{ steps.prior.outputs.digest == '' }}", (string)steps[build]["if"]!);
        const string digest = "${{ steps.prior.outputs.digest || steps.build.outputs.digest }}";
        foreach (var step in steps.Skip(build + 1))
        {
            var text = step.ToJsonString();
            Assert.DoesNotContain("steps.build.outputs.digest }}", text.Replace(digest, "", StringComparison.Ordinal), StringComparison.Ordinal);
        }

        var attests = steps.Where(s => ((string?)s["uses"])?.StartsWith("actions/attest-build-provenance@", StringComparison.Ordinal) == true).ToList();
        Assert.NotEmpty(attests);
        Assert.All(attests, a => Assert.Equal(digest, (string)a["with"]!["subject-digest"]!));
        Assert.All(attests, a => Assert.Matches(@"^\$\{\{ steps\.attested\.outputs\.registry-\d+ != 'true' \}\}$", (string)a["if"]!));
        Assert.Equal(digest, (string)steps.Single(s => (string?)s["name"] == "Record the digest")["env"]!["DIGEST"]!);
    }

    private List<JsonObject> Steps(string job) => Release.Jobs[job]!["steps"]!.AsArray().Select(s => s!.AsObject()).ToList();
}

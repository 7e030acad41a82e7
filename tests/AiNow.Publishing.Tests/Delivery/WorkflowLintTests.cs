using AiNow.Publishing.Tests.Infrastructure;

namespace AiNow.Publishing.Tests.Delivery;

/// <summary>actionlint (1.7.7, through <c>validation/actionlint.mjs</c>) finds nothing in any published workflow, and does find a broken one.</summary>
[Collection(PublishedGroup.Name)]
public sealed class WorkflowLintTests(PublishedManifests published)
{
    [Fact]
    public async Task EveryWorkflow_PassesActionlint_WithNoFinding()
    {
        var files = Directory.EnumerateFiles(PublishedWorkflows.Folder(published.Output), "*.yml").Order(StringComparer.Ordinal).ToArray();
        Assert.Equal(["ci.yml", "compliance.yml", "deploy.yml", "release.yml", "rollback.yml"], files.Select(Path.GetFileName));
        var (exitCode, output, error) = await NodeScripts.RunAsync("actionlint.mjs", files);
        Assert.True(exitCode == 0, output + error);
        Assert.Contains("linted 5 workflows: 0 findings", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Actionlint_RejectsABrokenWorkflow()
    {
        var broken = Path.Combine(published.Scratch, "broken.yml");
        await File.WriteAllTextAsync(broken, """
            name: broken
            on: push
            permissions: {}
            jobs:
              deploy:
                needs: [build]
                runs-on: ubuntu-24.04
                timeout-minutes: 5
                steps:
                - run: echo "${{ github.event.head_commit.message }}"
            """);
        var (exitCode, output, _) = await NodeScripts.RunAsync("actionlint.mjs", broken);
        Assert.NotEqual(0, exitCode);
        Assert.Contains("needs job \"build\" which does not exist", output, StringComparison.Ordinal);
        Assert.Contains("potentially untrusted", output, StringComparison.Ordinal);
    }
}

using AiNow.Publishing.Deployment;

namespace AiNow.Publishing.Tests.Deployment;

/// <summary>The one deploy command, as people and the deploy workflow type it.</summary>
public sealed class DeployCommandLineTests
{
    [Fact]
    public void TheDryRunCommand_RunsTheDeployStep_OverAFreshPublish()
    {
        Assert.Equal(
            ["dotnet", "run", "--project", "AiNow.AppHost", "--", "--operation", "publish", "--step", "deploy", "--output-path", "manifests",
             "--Deploy:Environment", "staging", "--Deploy:Target", "aws", "--Deploy:Release", "release.json", "--Deploy:DryRun", "true"],
            DeployCommandLine.For("staging", "aws", "release.json", dryRun: true));
    }

    [Fact]
    public void TheRealCommand_HasNoDryRunSetting()
    {
        Assert.DoesNotContain("--Deploy:DryRun", DeployCommandLine.For("production", "all", "release.json", dryRun: false));
        Assert.Equal(
            "dotnet run --project AiNow.AppHost -- --operation publish --step deploy --output-path manifests --Deploy:Environment production --Deploy:Target all --Deploy:Release release.json",
            DeployCommandLine.Text("production", "all", "release.json", dryRun: false));
    }

    [Theory]
    [InlineData("release.json", "release.json")]
    [InlineData("my release.json", "'my release.json'")]
    [InlineData("${{ inputs.release }}", "'${{ inputs.release }}'")]
    [InlineData("it's.json", "'it'\\''s.json'")]
    public void Arguments_AreQuotedOnlyWhereAShellNeedsIt(string argument, string quoted)
    {
        Assert.Equal(quoted, ShellWords.Quote(argument));
    }
}

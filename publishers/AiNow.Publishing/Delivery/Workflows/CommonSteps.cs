using AiNow.Publishing.Delivery.Workflows.Model;

namespace AiNow.Publishing.Delivery.Workflows;

/// <summary>Steps several workflows share.</summary>
public static class CommonSteps
{
    /// <summary>The Terraform CLI version the deploy jobs install (the one the roots are checked with: <c>~&gt; 1.11</c>).</summary>
    public const string TerraformVersion = "1.11.4";

    /// <summary>Checks out the repository (at <paramref name="reference"/>, or the run's commit) without leaving the token in <c>.git/config</c>.</summary>
    public static Step Checkout(string? reference = null) => new()
    {
        Name = PinnedActions.Checkout.Describe(reference is null ? "Check out the repository" : "Check out the released commit"),
        Uses = PinnedActions.Checkout.Uses,
        With = reference is null
            ? SortedMap.Of(("persist-credentials", "false"))
            : SortedMap.Of(("persist-credentials", "false"), ("ref", reference)),
    };

    /// <summary>Installs the SDK <c>global.json</c> names.</summary>
    public static Step SetupDotnet { get; } = new()
    {
        Name = PinnedActions.SetupDotnet.Describe("Install the .NET SDK of global.json"),
        Uses = PinnedActions.SetupDotnet.Uses,
        With = SortedMap.Of(("global-json-file", "global.json")),
    };

    /// <summary>Installs Terraform without its output-capturing wrapper (the deploy step reads Terraform's own exit codes).</summary>
    public static Step SetupTerraform { get; } = new()
    {
        Name = PinnedActions.SetupTerraform.Describe($"Install Terraform {TerraformVersion}"),
        Uses = PinnedActions.SetupTerraform.Uses,
        With = SortedMap.Of(("terraform_version", TerraformVersion), ("terraform_wrapper", "false")),
    };

    /// <summary>
    /// Installs the Argo Rollouts kubectl plugin of the release the clusters run (the deploy step waits
    /// for rollouts and aborts them with it), from the project's GitHub release over an authenticated
    /// download, and checks it reports that version.
    /// </summary>
    public static Step InstallRolloutsPlugin { get; } = new()
    {
        Name = $"Install the Argo Rollouts kubectl plugin v{AiNow.Publishing.Model.Clouds.KnownAddOns.ArgoRollouts.Version}",
        Env = SortedMap.Of(("GH_TOKEN", "${{ github.token }}"), ("VERSION", $"v{AiNow.Publishing.Model.Clouds.KnownAddOns.ArgoRollouts.Version}")),
        Run = """
            gh release download "$VERSION" --repo argoproj/argo-rollouts --pattern kubectl-argo-rollouts-linux-amd64 --dir "$RUNNER_TEMP/rollouts"
            install -m 0755 "$RUNNER_TEMP/rollouts/kubectl-argo-rollouts-linux-amd64" "$RUNNER_TEMP/rollouts/kubectl-argo-rollouts"
            "$RUNNER_TEMP/rollouts/kubectl-argo-rollouts" version --short | grep -F "$VERSION"
            echo "$RUNNER_TEMP/rollouts" >> "$GITHUB_PATH"
            """,
    };

    /// <summary>
    /// Uploads <paramref name="path"/> as artifact <paramref name="name"/>; <paramref name="always"/> uploads
    /// after a failure too (test results). A re-run of the job replaces what its earlier attempt uploaded
    /// under the same name, where it would otherwise fail with a conflict.
    /// </summary>
    public static Step Upload(string what, string name, string path, int retentionDays, bool always = false) => new()
    {
        Name = PinnedActions.UploadArtifact.Describe($"Upload {what}"),
        If = always ? "${{ !cancelled() }}" : null,
        Uses = PinnedActions.UploadArtifact.Uses,
        With = SortedMap.Of(("if-no-files-found", "error"), ("name", name), ("overwrite", "true"), ("path", path), ("retention-days", retentionDays.ToString(System.Globalization.CultureInfo.InvariantCulture))),
    };

    /// <summary>Downloads artifacts of this run matching <paramref name="pattern"/> into one folder.</summary>
    public static Step DownloadMatching(string what, string pattern, string path) => new()
    {
        Name = PinnedActions.DownloadArtifact.Describe($"Download {what}"),
        Uses = PinnedActions.DownloadArtifact.Uses,
        With = SortedMap.Of(("merge-multiple", "true"), ("path", path), ("pattern", pattern)),
    };

    /// <summary>Downloads artifact <paramref name="name"/> of run <paramref name="runId"/> (another workflow's) into the repository root.</summary>
    public static Step DownloadFromRun(string what, string name, string runId) => new()
    {
        Name = PinnedActions.DownloadArtifact.Describe($"Download {what}"),
        Uses = PinnedActions.DownloadArtifact.Uses,
        With = SortedMap.Of(("github-token", "${{ github.token }}"), ("name", name), ("path", "."), ("run-id", runId)),
    };
}

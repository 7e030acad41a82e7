using AiNow.Publishing.Delivery.Clouds;
using AiNow.Publishing.Delivery.Workflows.Model;

namespace AiNow.Publishing.Delivery.Workflows;

/// <summary>
/// The scans ci (gating every change) and compliance (main, on a schedule) share: vulnerable NuGet
/// packages, secrets in the tree, and policy checks of the infrastructure and Kubernetes output with
/// Trivy. Known exceptions live in <see cref="IgnoreFile"/>, each with an expiry (SECURITY.md).
/// </summary>
internal static class ScanJobs
{
    /// <summary>The Trivy release the action installs.</summary>
    public const string TrivyVersion = "v0.70.0";

    /// <summary>Recorded exceptions: each finding's id, paths, statement (who approved, why) and expiry.</summary>
    public const string IgnoreFile = ".github/trivyignore.yaml";

    /// <summary>Where each scan writes its report.</summary>
    public const string Reports = "reports";

    /// <summary>Folders no scan reads: build output and installed validators.</summary>
    private const string SkippedDirectories = "**/bin,**/obj,**/node_modules,TestResults";

    /// <summary>Vulnerable packages, direct and transitive, of every project; <paramref name="gate"/> fails on any.</summary>
    public static Job Packages(bool gate, string? reference) => new()
    {
        Name = "Vulnerable NuGet packages",
        RunsOn = CloudPipeline.HostedRunner,
        Permissions = Permissions.ReadContents,
        TimeoutMinutes = 20,
        Steps =
        [
            CommonSteps.Checkout(reference),
            CommonSteps.SetupDotnet,
            new()
            {
                Name = "List vulnerable packages (NuGet's advisory database)",
                Env = SortedMap.Of(("GATE", gate ? "true" : "false")),
                Run = $$"""
                    mkdir -p {{Reports}}
                    dotnet restore AiNow.sln
                    dotnet list AiNow.sln package --vulnerable --include-transitive --format json > {{Reports}}/packages.json
                    # Advisories with an unexpired exception (their GHSA id under vulnerabilities: in the exceptions file) are not findings.
                    excepted=$(yq -o=json '.vulnerabilities // []' {{IgnoreFile}} | jq -c --arg today "$(date -u +%F)" '[.[] | select(((.expired_at // "9999-12-31") | tostring | .[0:10]) >= $today) | .id]')
                    jq -r --argjson excepted "$excepted" '.projects[] | (.path | split("/") | last) as $project | .frameworks[]? | ((.topLevelPackages // []) + (.transitivePackages // []))[]
                      | . as $package | .vulnerabilities[] | select((.advisoryurl | split("/") | last) as $id | $excepted | index($id) | not)
                      | "| \($project) | \($package.id) \($package.resolvedVersion) | \(.severity) | \(.advisoryurl) |"' \
                      {{Reports}}/packages.json > {{Reports}}/packages.md
                    problems=$(jq '[.. | objects | .problems? // empty | .[] | select(.level == "error")] | length' {{Reports}}/packages.json)
                    findings=$(wc -l < {{Reports}}/packages.md)
                    {
                      echo "### Vulnerable packages: $findings"
                      if [ "$findings" -gt 0 ]; then
                        echo '| project | package | severity | advisory |'
                        echo '|---|---|---|---|'
                        cat {{Reports}}/packages.md
                      fi
                    } >> "$GITHUB_STEP_SUMMARY"
                    if [ "$problems" -gt 0 ]; then
                      echo "::error::The advisory database could not be read: $(jq -c '[.. | objects | .problems? // empty | .[]]' {{Reports}}/packages.json)"
                      exit 1
                    fi
                    if [ "$GATE" = true ] && [ "$findings" -gt 0 ]; then
                      echo "::error::$findings vulnerable packages (listed in the job summary). Update them, or record an exception as SECURITY.md says."
                      exit 1
                    fi
                    """,
            },
            CommonSteps.Upload("the package report", "packages-report", $"{Reports}/", 30, always: true),
        ],
    };

    /// <summary>Secrets committed anywhere in the tree (and, on <paramref name="vulnerabilities"/>, known-vulnerable dependencies of every ecosystem).</summary>
    public static Job Tree(bool gate, bool vulnerabilities, string? reference) => new()
    {
        Name = vulnerabilities ? "Secrets and vulnerable dependencies (Trivy)" : "Secrets (Trivy)",
        RunsOn = CloudPipeline.HostedRunner,
        Permissions = Permissions.ReadContents,
        TimeoutMinutes = 20,
        Steps =
        [
            CommonSteps.Checkout(reference),
            .. gate ? Array.Empty<Step>() : [MakeReports],
            Trivy(
                vulnerabilities ? "Scan the tree for secrets and vulnerable dependencies" : "Scan the tree for secrets",
                ("scan-type", "fs"),
                ("scan-ref", "."),
                ("scanners", vulnerabilities ? "vuln,secret" : "secret"),
                ("exit-code", gate ? "1" : "0"),
                ("format", gate ? "table" : "json"),
                ("output", gate ? "" : $"{Reports}/tree.json")),
            .. gate ? Array.Empty<Step>() : [CommonSteps.Upload("the tree report", "tree-report", $"{Reports}/", 30)],
        ],
    };

    /// <summary>
    /// Policy checks of what would be deployed: every overlay as kustomize renders it (what the cluster
    /// receives, not the patches), the Terraform output and the Dockerfiles.
    /// </summary>
    public static Job Policies(bool gate, string? reference) => new()
    {
        Name = "Terraform, Kubernetes and Dockerfile policies (Trivy)",
        RunsOn = CloudPipeline.HostedRunner,
        Permissions = Permissions.ReadContents,
        TimeoutMinutes = 20,
        Steps =
        [
            CommonSteps.Checkout(reference),
            new()
            {
                Name = "Gather the rendered overlays, the Terraform and the Dockerfiles",
                Run = """
                    mkdir -p policy-input/kubernetes policy-input/dockerfiles
                    for overlay in manifests/kubernetes/overlays/*/; do
                      kubectl kustomize "$overlay" > "policy-input/kubernetes/$(basename "$overlay").yaml"
                    done
                    cp -r manifests/terraform policy-input/terraform
                    for dockerfile in services/*/Dockerfile; do
                      mkdir -p "policy-input/dockerfiles/$(basename "$(dirname "$dockerfile")")"
                      cp "$dockerfile" "policy-input/dockerfiles/$(basename "$(dirname "$dockerfile")")/Dockerfile"
                    done
                    """,
            },
            .. gate ? Array.Empty<Step>() : [MakeReports],
            Trivy(
                "Check them against Trivy's misconfiguration policies",
                ("scan-type", "config"),
                ("scan-ref", "policy-input"),
                ("severity", "HIGH,CRITICAL"),
                ("exit-code", gate ? "1" : "0"),
                ("format", gate ? "table" : "json"),
                ("output", gate ? "" : $"{Reports}/policies.json")),
            .. gate ? Array.Empty<Step>() : [CommonSteps.Upload("the policy report", "policies-report", $"{Reports}/", 30)],
        ],
    };

    private static Step MakeReports { get; } = new() { Name = "Make the reports folder", Run = $"mkdir -p {Reports}" };

    private static Step Trivy(string name, params (string Key, string Value)[] inputs) => new()
    {
        Name = PinnedActions.Trivy.Describe(name),
        Uses = PinnedActions.Trivy.Uses,
        With = SortedMap.Of(
            [
                .. inputs.Where(i => i.Value.Length > 0),
                ("skip-dirs", SkippedDirectories),
                ("trivyignores", IgnoreFile),
                ("version", TrivyVersion),
            ]),
    };
}

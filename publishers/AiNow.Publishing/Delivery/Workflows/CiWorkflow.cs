using AiNow.Publishing.Delivery.Clouds;
using AiNow.Publishing.Delivery.Workflows.Model;
using AiNow.Publishing.Kubernetes;

namespace AiNow.Publishing.Delivery.Workflows;

/// <summary>
/// <c>ci</c>: every pull request into main and every push to main. Restore, build with warnings as
/// errors, formatting and analyzers, the whole test suite (<c>./test.sh</c>, the README's test
/// command: unit, publisher, artifact validation and policy tests, integration), vulnerable packages,
/// drift of <c>manifests/</c> and the committed workflows, secret scanning and Trivy's policies.
/// Test results and the published output are uploaded.
/// </summary>
internal static class CiWorkflow
{
    /// <summary>The workflow's name.</summary>
    public const string Name = "ci";

    public static Workflow Build() => new()
    {
        Name = Name,
        On = new WorkflowTriggers { PullRequest = new BranchFilter(["main"]), Push = new PushTrigger(Branches: ["main"]) },
        Permissions = Permissions.ReadContents,
        // A newer push to the same pull request or branch makes the older run moot.
        Concurrency = new Concurrency("ci-${{ github.ref }}", CancelInProgress: true),
        Jobs = new OrderedDictionary<string, Job>(StringComparer.Ordinal)
        {
            ["build-and-test"] = BuildAndTest(),
            ["packages"] = ScanJobs.Packages(gate: true, reference: null),
            ["secrets"] = ScanJobs.Tree(gate: true, vulnerabilities: false, reference: null),
            ["policies"] = ScanJobs.Policies(gate: true, reference: null),
        },
    };

    private static Job BuildAndTest() => new()
    {
        Name = "Build, test and check for drift",
        RunsOn = CloudPipeline.HostedRunner,
        Permissions = Permissions.ReadContents,
        TimeoutMinutes = 90,
        Env = SortedMap.Of(("DOTNET_CLI_TELEMETRY_OPTOUT", "1"), ("DOTNET_NOLOGO", "1")),
        Steps =
        [
            CommonSteps.Checkout(),
            CommonSteps.SetupDotnet,
            new() { Name = "Restore", Run = "dotnet restore AiNow.sln" },
            new() { Name = "Build with warnings as errors", Run = "dotnet build AiNow.sln --no-restore -c Release -warnaserror" },
            new() { Name = "Check formatting and analyzers", Run = "dotnet format AiNow.sln --no-restore --verify-no-changes" },
            new() { Name = "Run every test suite (./test.sh)", Run = "./test.sh" },
            new()
            {
                Name = "Check that manifests/ and .github/workflows/ are what the app model publishes",
                Run = $$"""
                    rm -rf manifests
                    {{ManifestYaml.PublishCommand}}
                    {{DeliveryEmitter.CopyWorkflowsCommand}}
                    if [ -n "$(git status --porcelain -- manifests .github/workflows)" ]; then
                      git status --short -- manifests .github/workflows
                      git diff --stat -- manifests .github/workflows
                      echo "::error::manifests/ or .github/workflows/ differ from a fresh publish. Run: {{ManifestYaml.PublishCommand}} && {{DeliveryEmitter.CopyWorkflowsCommand}}, then commit."
                      exit 1
                    fi
                    """,
            },
            CommonSteps.Upload("the test results", "test-results", "TestResults/", 30, always: true),
            CommonSteps.Upload("the published manifests", "manifests", "manifests/", 30, always: true),
        ],
    };
}

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

    /// <summary>The test suite as the hosted runner must run it: as root, with setup-dotnet's SDK and the runner's home.</summary>
    public const string TestCommand = "sudo --preserve-env env \"PATH=$PATH\" \"DOTNET_ROOT=$DOTNET_ROOT\" \"HOME=$HOME\" ./test.sh";

    /// <summary>How long the build-and-test job may take.</summary>
    public const int TestJobTimeoutMinutes = 150;

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
        // The image suite alone builds five images and runs them (up to 90 minutes); restore, build, the
        // other suites and the drift check take most of an hour more on a hosted runner.
        TimeoutMinutes = TestJobTimeoutMinutes,
        Env = SortedMap.Of(("DOTNET_CLI_TELEMETRY_OPTOUT", "1"), ("DOTNET_NOLOGO", "1")),
        Steps =
        [
            CommonSteps.Checkout(),
            CommonSteps.SetupDotnet,
            new() { Name = "Restore", Run = "dotnet restore AiNow.sln" },
            new() { Name = "Build with warnings as errors", Run = "dotnet build AiNow.sln --no-restore -c Release -warnaserror" },
            new() { Name = "Check formatting and analyzers", Run = "dotnet format AiNow.sln --no-restore --verify-no-changes" },
            new()
            {
                // The suite installs packages (PostgreSQL, podman, runc, debootstrap, slirp4netns), writes
                // /etc/containers/containers.conf and builds its images with rootful podman: it runs as root.
                // sudo resets PATH and DOTNET_ROOT, which point at setup-dotnet's SDK, so they are passed on;
                // HOME too, so the restore reuses the runner's package cache. What root wrote in the workspace
                // and the home is handed back to the runner's user, whose later steps build in them.
                Name = "Run every test suite (./test.sh) as root",
                Run = $$"""
                    status=0
                    {{TestCommand}} || status=$?
                    sudo find "$GITHUB_WORKSPACE" "$HOME" -user root -exec chown "$(id -u):$(id -g)" {} +
                    exit "$status"
                    """,
            },
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

using AiNow.Publishing.Deployment;

namespace AiNow.Publishing.Tests.Deployment;

/// <summary>
/// Stand-ins for the deploy's tools (terraform, kubectl and its Argo Rollouts plugin, aws, gcloud,
/// doctl, curl), first on the PATH of a deploy run: each appends its name and arguments to a log and
/// succeeds, answering what the deploy reads (a settled Rollout, the revisions running, the Ingress's
/// address, a 401). The one whose command line contains <see cref="FailWhen"/> fails: curl answers 200
/// (the API open without a key, an answer no retry changes), any other exits 1. <c>kubectl kustomize</c> is passed to the real kubectl,
/// which renders offline. They live in a temp folder that <see cref="Dispose"/> removes.
/// </summary>
internal sealed class FakeTools : IDisposable
{
    private static readonly string[] Names = ["terraform", "kubectl", "kubectl-argo-rollouts", "aws", "gcloud", "gke-gcloud-auth-plugin", "doctl", "curl"];

    public FakeTools(string realKubectl)
    {
        Folder = Directory.CreateTempSubdirectory("ainow-fake-tools-").FullName;
        Log = Path.Combine(Folder, "calls.log");
        foreach (var name in Names)
        {
            var path = Path.Combine(Folder, name);
            File.WriteAllText(path, Script(name, realKubectl));
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            }
        }
    }

    public string Folder { get; }

    /// <summary>One line per call: the tool's name and its arguments, space-separated.</summary>
    public string Log { get; }

    /// <summary>The step output file a run is given, as GitHub Actions gives one (never the file of a job running these tests).</summary>
    public string StepOutputs => Path.Combine(Folder, "github-output");

    /// <summary>The variables of a run with the fakes first on the PATH; <paramref name="failWhen"/> picks the call that fails.</summary>
    public Dictionary<string, string> Environment(string? failWhen) => new()
    {
        ["PATH"] = Folder + Path.PathSeparator + System.Environment.GetEnvironmentVariable("PATH"),
        [FailWhen] = failWhen ?? "",
        ["FAKE_TOOLS_LOG"] = Log,
        [AiNow.Publishing.Deployment.StepOutputs.Variable] = StepOutputs,
    };

    /// <summary>What the fake kubectl answers for the gateway Ingress's address (an ALB's name, as on AWS).</summary>
    public const string IngressAddress = "k8s-ainowstaging-gateway-0123456789.us-east-1.elb.amazonaws.com";

    /// <summary>What the fake kubectl answers for a Rollout's revision before the apply.</summary>
    public const string RolloutRevision = "7";

    /// <summary>What the fake kubectl answers for a Deployment's revision before the apply.</summary>
    public const string DeploymentRevision = "4";

    /// <summary>The value a run keeps for <paramref name="command"/>'s capture, from the answers above.</summary>
    public static string Answer(DeployCommand command) => command.Arguments[1] switch
    {
        "ingress" => IngressAddress,
        "rollout" => RolloutRevision,
        _ => DeploymentRevision,
    };

    /// <summary>The variable holding the text whose call fails.</summary>
    public const string FailWhen = "FAKE_TOOLS_FAIL_WHEN";

    public IReadOnlyList<string> Calls() => File.Exists(Log) ? File.ReadAllLines(Log) : [];

    public void Dispose() => Directory.Delete(Folder, recursive: true);

    private static string Script(string name, string realKubectl) => $$"""
        #!/bin/sh
        call="{{name}} $*"
        printf '%s\n' "$call" >> "$FAKE_TOOLS_LOG"
        if [ -n "${{FailWhen}}" ]; then
          case "$call" in *"${{FailWhen}}"*)
            if [ "{{name}}" = curl ]; then printf '200'; exit 0; fi
            echo "{{name}}: failing as asked" >&2; exit 1 ;;
          esac
        fi
        case "$call" in
          "kubectl kustomize "*) shift; exec "{{realKubectl}}" kustomize "$@" ;;
          "kubectl get rollout "*"--ignore-not-found"*) printf '{{RolloutRevision}}' ;;
          "kubectl get deployment "*"--ignore-not-found"*) printf '{{DeploymentRevision}}' ;;
          "kubectl get ingress "*) printf '{{IngressAddress}}' ;;
          "kubectl get rollout "*) printf '2/2/Healthy' ;;
          "curl "*) printf '401' ;;
          "gcloud auth list"*) echo "deployer@example.com" ;;
        esac
        exit 0
        """;
}

using AiNow.Publishing.Delivery.Clouds;
using AiNow.Publishing.Delivery.Workflows.Model;

namespace AiNow.Publishing.Delivery.Workflows;

/// <summary>
/// <c>compliance</c>: every Monday and on demand, main is scanned for vulnerable packages and
/// dependencies, secrets and policy findings (what ci gates on, plus newly published advisories).
/// The findings go to the run's summary and to one open issue, created or updated; only that job may
/// write issues.
/// </summary>
internal static class ComplianceWorkflow
{
    /// <summary>The workflow's name.</summary>
    public const string Name = "compliance";

    /// <summary>The title of the issue that carries the latest findings.</summary>
    public const string IssueTitle = "Compliance scan findings";

    private const string Main = "main";

    public static Workflow Build() => new()
    {
        Name = Name,
        On = new WorkflowTriggers { Schedule = [new Schedule("17 5 * * 1")], WorkflowDispatch = new WorkflowDispatch() },
        Permissions = Permissions.None,
        Concurrency = new Concurrency("compliance", CancelInProgress: false),
        Jobs = new OrderedDictionary<string, Job>(StringComparer.Ordinal)
        {
            ["packages"] = ScanJobs.Packages(gate: false, reference: Main),
            ["tree"] = ScanJobs.Tree(gate: false, vulnerabilities: true, reference: Main),
            ["policies"] = ScanJobs.Policies(gate: false, reference: Main),
            ["report"] = Report(),
        },
    };

    private static Job Report() => new()
    {
        Name = "Report the findings",
        Needs = ["packages", "tree", "policies"],
        RunsOn = CloudPipeline.HostedRunner,
        Permissions = new Permissions { Issues = Permissions.Write },
        TimeoutMinutes = 10,
        Steps =
        [
            CommonSteps.DownloadMatching("the reports", "*-report", ScanJobs.Reports),
            new()
            {
                Name = "Summarise the findings and file them in one issue",
                Env = SortedMap.Of(("GH_REPO", "${{ github.repository }}"), ("GH_TOKEN", "${{ github.token }}"), ("RUN_URL", "${{ github.server_url }}/${{ github.repository }}/actions/runs/${{ github.run_id }}")),
                Run = $$"""
                    cd {{ScanJobs.Reports}}
                    # shellcheck disable=SC2016 # a jq program: its $names are jq's
                    trivy='.Results[]? | .Target as $target | ((.Vulnerabilities // []) | map("| vulnerability | \(.Severity) | \($target) | \(.VulnerabilityID) \(.PkgName) \(.InstalledVersion) (fixed in \(.FixedVersion // "no release")) |")),
                      ((.Secrets // []) | map("| secret | \(.Severity) | \($target):\(.StartLine) | \(.RuleID) |")),
                      ((.Misconfigurations // []) | map("| policy | \(.Severity) | \($target) | \(.ID) \(.Title) |")) | .[]'
                    {
                      jq -r "$trivy" tree.json policies.json
                      sed 's/^| \([^|]*\)| \([^|]*\)| \([^|]*\)| \([^|]*\)|$/| package | \3| \1| \2 \4|/' packages.md
                    } | sort -u > findings.md
                    count=$(wc -l < findings.md)
                    {
                      echo "Compliance scan of main: **$count findings** ($RUN_URL)."
                      echo
                      echo "Triage each one as SECURITY.md says: fix within its severity's time, or record an exception in {{ScanJobs.IgnoreFile}} with an expiry and an approver."
                      echo
                      if [ "$count" -gt 0 ]; then
                        echo '| kind | severity | where | what |'
                        echo '|---|---|---|---|'
                        # An issue body holds 65,536 characters: the rest is in the run's reports.
                        head -n 300 findings.md
                        [ "$count" -le 300 ] || echo "| ... | | | $((count - 300)) more in the run's reports |"
                      fi
                    } > body.md
                    cat body.md >> "$GITHUB_STEP_SUMMARY"
                    issue=$(gh issue list --state open --search "in:title \"{{IssueTitle}}\"" --json number,title --jq '.[] | select(.title == "{{IssueTitle}}") | .number' | head -1)
                    if [ -n "$issue" ]; then
                      gh issue edit "$issue" --body-file body.md
                    elif [ "$count" -gt 0 ]; then
                      gh issue create --title "{{IssueTitle}}" --body-file body.md
                    fi
                    """,
            },
        ],
    };
}

using AiNow.Publishing.Model;

namespace AiNow.Publishing.Deployment;

/// <summary>What the checks found: problems stop a deploy; notes stop only a real run (a dry run may be made where the tools and credentials are not).</summary>
/// <param name="Problems">Wrong whatever runs the plan: a root or release that does not hold.</param>
/// <param name="Missing">Missing here: tools not on the PATH, variables not set.</param>
/// <param name="Passed">What was checked and held, for the log.</param>
internal sealed record CheckResult(IReadOnlyList<string> Problems, IReadOnlyList<string> Missing, IReadOnlyList<string> Passed);

/// <summary>
/// Everything about a plan that can be checked without a cloud or a cluster: each Terraform root is
/// there with its backend file; each release kustomization renders and every built image in the render
/// is the target's registry name pinned to the released digest (and nothing else of ours); every tool
/// the steps run is on the PATH; every variable they read is set (by name; values are never read).
/// </summary>
internal static class DeployChecks
{
    /// <summary>Runs every check of <paramref name="plan"/>; <paramref name="workingDirectory"/> is where kubectl runs.</summary>
    public static async Task<CheckResult> RunAsync(DeployPlan plan, DeploymentModel model, string workingDirectory, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(model);
        var problems = new List<string>();
        var missing = new List<string>();
        var passed = new List<string>();

        foreach (var root in plan.Roots)
        {
            if (!Directory.Exists(root.Folder))
            {
                problems.Add($"The Terraform root {root.Folder} does not exist; publish again.");
            }
            else if (!File.Exists(root.BackendFile))
            {
                problems.Add($"The Terraform root {root.Folder} has no backend.hcl; publish again.");
            }
        }

        if (problems.Count == 0)
        {
            passed.Add($"{plan.Roots.Length} Terraform roots present, each with its backend.hcl.");
        }

        var tools = plan.Tools.Where(t => !ToolSearch.IsOnPath(t)).ToList();
        missing.AddRange(tools.Select(t => $"{t} is not on the PATH (needed by: {string.Join(", ", plan.Steps.Where(s => s.Commands.Any(c => c.Tools.Contains(t))).Select(s => s.Name).Take(3))}{(plan.Steps.Count(s => s.Commands.Any(c => c.Tools.Contains(t))) > 3 ? ", ..." : "")})."));
        passed.Add($"Tools needed: {string.Join(", ", plan.Tools)}.");
        missing.AddRange(plan.Variables
            .Where(v => v.AnyOf.All(name => string.IsNullOrEmpty(Environment.GetEnvironmentVariable(name))))
            .Select(v => $"{v.Names} is not set ({v.Why})."));

        foreach (var release in plan.Releases)
        {
            if (!ToolSearch.IsOnPath("kubectl"))
            {
                missing.Add($"{release.File} was not rendered: kubectl is not on the PATH.");
                continue;
            }

            var rendered = await DeployProcess.RunAsync(DeployCommand.Of("kubectl", "kustomize", release.Folder), workingDirectory, TimeSpan.FromMinutes(2), _ => { }, cancellationToken);
            if (!rendered.Succeeded)
            {
                problems.Add($"{release.File} does not render with kubectl kustomize (exit {rendered.ExitCode?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "timeout"}).");
                continue;
            }

            var ours = RenderedImages.Of(rendered.Output)
                .Where(image => model.BuiltImageRepositories.Any(repository => RepositoryOf(image).EndsWith("/" + repository, StringComparison.Ordinal) || RepositoryOf(image) == repository))
                .Order(StringComparer.Ordinal)
                .ToList();
            var expected = release.PinnedImages.Order(StringComparer.Ordinal).ToList();
            var unexpected = ours.Except(expected).ToList();
            var absent = expected.Except(ours).ToList();
            if (unexpected.Count + absent.Count > 0)
            {
                problems.Add($"{release.File} renders built images that are not the release's: {string.Join(", ", unexpected.DefaultIfEmpty("none"))}; missing: {string.Join(", ", absent.DefaultIfEmpty("none"))}.");
            }
            else
            {
                passed.Add($"{release.File} renders; its {ours.Count} built images are pinned to the release's digests in {release.Target.Key}'s registry.");
            }
        }

        return new CheckResult(problems, missing, passed);
    }

    /// <summary>The image without its digest or tag (<c>registry/ainow/api</c>).</summary>
    private static string RepositoryOf(string image)
    {
        var withoutDigest = image.Split('@')[0];
        var lastSlash = withoutDigest.LastIndexOf('/');
        var colon = withoutDigest.LastIndexOf(':');
        return colon > lastSlash ? withoutDigest[..colon] : withoutDigest;
    }
}

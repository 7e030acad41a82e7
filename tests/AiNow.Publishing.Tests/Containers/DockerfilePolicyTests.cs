using System.Text.RegularExpressions;
using AiNow.Publishing.Tests.Infrastructure;

namespace AiNow.Publishing.Tests.Containers;

/// <summary>
/// Every workload built from source has a production and a development Dockerfile, and the production
/// one keeps the promises its pod relies on: it lints clean, builds in stages from pinned bases,
/// restores before it copies sources, runs as the user the pod's securityContext names, exposes the
/// port the pod's probes use, and takes no secret as a build argument or into a layer.
/// </summary>
[Collection(PublishedGroup.Name)]
public sealed partial class DockerfilePolicyTests(PublishedManifests published)
{
    private static readonly string[] BuiltFromSource = ["inference", "migrations", "api", "worker", "gateway"];

    public static TheoryData<string> Workloads() => new(BuiltFromSource);

    [Fact]
    public void EveryWorkloadBuiltFromSource_HasAProductionAndADevelopmentDockerfile()
    {
        var built = published.Model.Services.Where(s => s.SourceProject is not null).ToList();
        Assert.Equal(BuiltFromSource.Order(StringComparer.Ordinal), built.Select(s => s.Name).Order(StringComparer.Ordinal));
        foreach (var service in built)
        {
            var folder = Path.GetDirectoryName(Path.Combine(RepositoryPaths.Root, service.SourceProject!))!;
            Assert.True(File.Exists(Path.Combine(folder, "Dockerfile")), $"{service.Name} has no production Dockerfile in {folder}");
            Assert.Contains("dotnet watch", File.ReadAllText(Path.Combine(folder, "Dockerfile.dev")), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task EveryDockerfile_LintsClean()
    {
        var files = Directory.EnumerateFiles(Path.Combine(RepositoryPaths.Root, "services"), "Dockerfile*", SearchOption.AllDirectories).Order(StringComparer.Ordinal).ToArray();
        Assert.Equal(10, files.Length);
        var (exitCode, output, error) = await NodeScripts.RunAsync("dockerfile-lint.mjs", files);
        Assert.True(exitCode == 0, output + error);
    }

    [Fact]
    public async Task TheLinter_RejectsABrokenDockerfile()
    {
        var broken = Path.Combine(published.Scratch, "Broken.Dockerfile");
        await File.WriteAllTextAsync(broken, "FROM debian:12\nRUNN apt-get update\n");
        var (exitCode, output, _) = await NodeScripts.RunAsync("dockerfile-lint.mjs", broken);
        Assert.NotEqual(0, exitCode);
        Assert.Contains("RUNN", output, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Workloads))]
    public void TheProductionImage_BuildsInStages_FromPinnedBases_RestoringBeforeSources(string workload)
    {
        var instructions = Instructions(workload);
        var stages = instructions.Where(i => i.Keyword == "FROM").ToList();
        Assert.True(stages.Count >= 2, $"{workload}: a single stage would ship the SDK");
        foreach (var (name, value) in instructions.Where(i => i.Keyword == "ARG" && i.Arguments.Contains('=', StringComparison.Ordinal)).Select(i => (i.Arguments.Split('=')[0], i.Arguments.Split('=')[1])))
        {
            if (name is "BASE" or "SDK_IMAGE")
            {
                Assert.Matches(PinnedImage(), value);
            }
        }

        var restore = instructions.FindIndex(i => i.Keyword == "RUN" && i.Arguments.Contains("dotnet restore", StringComparison.Ordinal));
        var sources = instructions.FindIndex(i => i.Keyword == "COPY" && i.Arguments.Contains("/ ", StringComparison.Ordinal) && !i.Arguments.Contains(".csproj", StringComparison.Ordinal));
        Assert.True(restore >= 0 && restore < sources, $"{workload}: restore must come from the project files alone, before the sources are copied");

        var final = instructions.Skip(instructions.LastIndexOf(stages[^1])).ToList();
        Assert.All(final.Where(i => i.Keyword is "COPY" or "ADD"), i => Assert.StartsWith("--from=", i.Arguments, StringComparison.Ordinal));
        Assert.DoesNotContain(final, i => i.Keyword == "RUN" && i.Arguments.Contains("dotnet", StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Workloads))]
    public void TheProductionImage_RunsAsThePodsUser_OnThePodsPort_WithNoSecretInItsLayers(string workload)
    {
        var instructions = Instructions(workload);
        var final = instructions.Skip(instructions.FindLastIndex(i => i.Keyword == "FROM")).ToList();
        var user = Assert.Single(final, i => i.Keyword == "USER").Arguments;
        Assert.Matches(NumericUser(), user);

        foreach (var overlay in published.Overlays)
        {
            var pod = overlay.PodSpecs().Single(p => p.Owner.EndsWith("/" + workload, StringComparison.Ordinal)).Pod;
            var podUser = pod.SecurityContext?.RunAsUser ?? pod.Containers[0].SecurityContext?.RunAsUser;
            Assert.Equal(long.Parse(user.Split(':')[0], System.Globalization.CultureInfo.InvariantCulture), podUser);
            var ports = pod.Containers[0].Ports?.Select(p => p.ContainerPort.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToList() ?? [];
            var exposed = final.Where(i => i.Keyword == "EXPOSE").Select(i => i.Arguments).ToList();
            Assert.Equal(ports.Order(StringComparer.Ordinal), exposed.Order(StringComparer.Ordinal));
        }

        Assert.DoesNotContain(instructions, i => i.Keyword is "ARG" or "ENV" && SecretName().IsMatch(i.Arguments.Split('=', ' ')[0]));
        Assert.DoesNotContain(instructions, i => i.Keyword is "COPY" or "ADD" && SecretFile().IsMatch(i.Arguments));
    }

    private List<Instruction> Instructions(string workload)
    {
        var service = published.Model.Services.Single(s => s.Name == workload);
        var path = Path.Combine(Path.GetDirectoryName(Path.Combine(RepositoryPaths.Root, service.SourceProject!))!, "Dockerfile");
        var joined = Continuation().Replace(File.ReadAllText(path), " ");
        return joined.Split('\n')
            .Select(l => l.Trim())
            .Where(l => l.Length > 0 && !l.StartsWith('#'))
            .Select(l => l.Split(' ', 2))
            .Select(parts => new Instruction(parts[0].ToUpperInvariant(), parts.Length > 1 ? parts[1].Trim() : ""))
            .ToList();
    }

    private sealed record Instruction(string Keyword, string Arguments);

    [GeneratedRegex(@"\\\r?\n")]
    private static partial Regex Continuation();

    [GeneratedRegex(@"^[a-z0-9.\-/]+:(?!latest$)[A-Za-z0-9._\-]+(@sha256:[0-9a-f]{64})?$")]
    private static partial Regex PinnedImage();

    [GeneratedRegex(@"^\d+(:\d+)?$")]
    private static partial Regex NumericUser();

    [GeneratedRegex("(?i)(password|secret|token|apikey|api_key|private)")]
    private static partial Regex SecretName();

    [GeneratedRegex(@"(?i)(\.env\b|\.pem\b|id_rsa|secrets?\.json|appsettings\.[a-z]+\.local)")]
    private static partial Regex SecretFile();
}

using System.Globalization;
using System.Text.Json.Nodes;
using AiNow.Publishing.Kubernetes;
using AiNow.Publishing.Model;
using AiNow.Publishing.Settings;
using AiNow.Publishing.Tests.Infrastructure;
using AiNow.Publishing.Tests.Synthetic;

namespace AiNow.Publishing.Tests;

/// <summary>
/// Canary releases, on a synthetic model: the AppHost's environments release blue/green, so the
/// published manifests hold no canary and the policy tests never see one.
/// </summary>
public sealed class CanaryRolloutTests
{
    private static readonly DeploymentSettings CanarySettings = new()
    {
        Environments =
        [
            DeploymentDefaults.Dev,
            DeploymentDefaults.Staging with { Rollout = RolloutStrategy.Canary, RequireApproval = false },
            DeploymentDefaults.Production with { Rollout = RolloutStrategy.Canary },
        ],
    };

    [Theory]
    [InlineData("staging")]
    [InlineData("production")]
    public async Task CanaryOverlay_ValidatesAgainstTheOfficialSchemas_WithNoUnknownField(string environment)
    {
        var (text, objects) = await RenderAsync(environment);
        var file = Path.Combine(Path.GetTempPath(), $"ainow-canary-{Guid.NewGuid():N}.yaml");
        try
        {
            await File.WriteAllTextAsync(file, text);

            var (exitCode, output) = await SchemaValidator.ValidateAsync(file);

            Assert.True(exitCode == 0, output);
            Assert.Contains($"validated {objects.Count} objects, 0 problem(s)", output, StringComparison.Ordinal);
            Assert.Contains(objects, o => o.Kind == "Rollout" && o.Json["spec"]!["strategy"]!["canary"] is not null);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Theory]
    [InlineData("staging", false)]
    [InlineData("production", true)]
    public async Task CanarySteps_RaiseTheWeight_HoldingAndJudgingEachWeightBeforeTheNext(string environment, bool manualPromotion)
    {
        var (_, objects) = await RenderAsync(environment);
        var template = Assert.Single(objects, o => o.Kind == "AnalysisTemplate").Name;
        var rollouts = objects.Where(o => o.Kind == "Rollout").ToList();
        Assert.NotEmpty(rollouts);
        foreach (var rollout in rollouts)
        {
            var steps = rollout.Json["spec"]!["strategy"]!["canary"]!["steps"]!.AsArray().Select(s => s!.AsObject()).ToList();
            Assert.True(steps.Count > 0 && steps[0]["setWeight"] is not null, $"{rollout.Name}: the first step sends no share of traffic to the new pods");

            var weights = new List<int>();
            var held = false;
            var judged = false;
            foreach (var step in steps)
            {
                if (step["setWeight"] is { } weight)
                {
                    Assert.True(weights.Count == 0 || (held && judged), $"{rollout.Name}: weight {weight} comes before weight {weights.LastOrDefault()} was held and judged");
                    weights.Add(int.Parse((string)weight!, CultureInfo.InvariantCulture));
                    (held, judged) = (false, false);
                }
                else if (step["pause"] is { } pause)
                {
                    held |= pause["duration"] is not null;
                }
                else if (step["analysis"] is { } analysis)
                {
                    Assert.Equal(template, (string?)analysis["templates"]![0]!["templateName"]);
                    Assert.Equal(rollout.Name, Argument(analysis, "service-name"));
                    judged |= held;
                }
            }

            Assert.True(held && judged, $"{rollout.Name}: weight {weights[^1]} goes to full traffic before it was held and judged");
            Assert.All(weights, w => Assert.InRange(w, 1, 99));
            Assert.True(weights.Zip(weights.Skip(1)).All(pair => pair.First < pair.Second), $"{rollout.Name}: weights {string.Join(", ", weights)} do not rise");
            var untimedPauses = steps.Select((step, index) => (step, index)).Where(s => s.step["pause"] is { } pause && pause["duration"] is null).Select(s => s.index).ToList();
            Assert.Equal(manualPromotion ? [steps.Count - 1] : [], untimedPauses);
        }
    }

    private static string? Argument(JsonNode analysis, string name) =>
        (string?)analysis["args"]!.AsArray().Single(a => (string?)a!["name"] == name)!["value"];

    /// <summary>The synthetic model with canary releases, emitted and rendered for <paramref name="environment"/> on AWS.</summary>
    private static async Task<(string Text, IReadOnlyList<RenderedObject> Objects)> RenderAsync(string environment)
    {
        var output = Directory.CreateTempSubdirectory("ainow-canary-").FullName;
        try
        {
            var kubernetes = Path.Combine(output, KubernetesEmitter.Folder);
            await Writing.AtomicDirectoryWriter.WriteAsync(kubernetes, new KubernetesEmitter().Emit(SyntheticModels.Create(4, CanarySettings)));
            var text = await ProcessRunner.KustomizeAsync(Path.Combine(kubernetes, KubernetesLayout.Overlay(environment, Cloud.Aws)));
            return (text, RenderedObject.Parse(text));
        }
        finally
        {
            Directory.Delete(output, recursive: true);
        }
    }
}

using Xunit.Abstractions;

namespace AiNow.Images.Tests;

/// <summary>
/// The images run as their pods run (eng/run-images.sh: the dev overlay's environment, user 1654,
/// read-only root, /tmp as tmpfs, all capabilities dropped, no new privileges, the pod's limits) against
/// local PostgreSQL and Garnet, become healthy, and serve requests end to end through the gateway container.
/// </summary>
[Collection(ImageSuite.Name)]
public sealed class ImageRunTests(BuiltImages images, ITestOutputHelper output)
{
    [Fact]
    public async Task Images_RunAsTheirPodsRun_BecomeHealthy_AndServeEmbeddingsAndABatchJob()
    {
        Assert.NotEmpty(images.Report);
        var run = await ImageScripts.RunScriptAsync("run-images.sh", TimeSpan.FromMinutes(10));
        output.WriteLine(run.Output);
        output.WriteLine(run.Error);

        Assert.True(run.ExitCode == 0, $"eng/run-images.sh failed: {run}");
        var lines = run.Output.Split('\n');
        foreach (var service in new[] { "inference", "api", "worker", "gateway" })
        {
            Assert.Contains(lines, line => line.StartsWith($"healthy  {service} ", StringComparison.Ordinal) && line.Contains("/health Healthy", StringComparison.Ordinal));
        }

        Assert.Contains(lines, line => line.StartsWith("complete migrations ", StringComparison.Ordinal) && line.Contains("exit 0", StringComparison.Ordinal));
        Assert.Contains(lines, line => line.Contains("POST /v1/embeddings through the gateway container: 384 dimensions", StringComparison.Ordinal));
        Assert.Contains(lines, line => line.Contains("batch job of 3 inputs", StringComparison.Ordinal) && line.Contains("succeeded", StringComparison.Ordinal));
        // Nothing tried to write to the read-only root.
        Assert.All(lines.Where(line => line.StartsWith("healthy", StringComparison.Ordinal)),
            line => Assert.EndsWith("(writes refused by the read-only root: 0)", line, StringComparison.Ordinal));

        var left = await ImageScripts.RunAsync("podman", ["ps", "-a", "--filter", "name=ainow-run-", "--format", "{{.Names}}"], TimeSpan.FromMinutes(1));
        Assert.Equal("", left.Output.Trim());
    }
}

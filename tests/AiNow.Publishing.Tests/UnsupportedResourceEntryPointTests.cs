using AiNow.Publishing.Tests.Infrastructure;
using Aspire.Hosting;
using Aspire.Hosting.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace AiNow.Publishing.Tests;

/// <summary>
/// The publish pipeline the documented command runs (in process, with the AppHost's own settings) on an
/// app model holding a resource Kubernetes cannot run: the publish fails naming it, and writes nothing.
/// </summary>
public sealed class UnsupportedResourceEntryPointTests
{
    [Fact]
    public async Task Publish_OfAResourceKubernetesCannotRun_FailsNamingIt_AndLeavesTheOutputAsItWas()
    {
        var output = FolderSnapshot.CreateOutputWithPreviousPublish();
        var before = FolderSnapshot.Capture(output);
        // The step reports a failure through the process exit code; this test runs in the test host's process.
        var exitCodeBefore = Environment.ExitCode;
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
            var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.AiNow_AppHost>(["--operation", "publish", "--step", "publish", "--output-path", output], timeout.Token);
            builder.AddExecutable("nightly-script", "bash", ".");
            builder.Services.AddFakeLogging();
            await using var app = await builder.BuildAsync(timeout.Token);
            var logs = app.Services.GetFakeLogCollector();

            Environment.ExitCode = 0;

            await app.RunAsync(timeout.Token);

            Assert.Equal(1, Environment.ExitCode);
            var errors = logs.GetSnapshot().Where(r => r.Level >= LogLevel.Error).Select(r => r.Message).ToList();
            Assert.Contains($"Publish failed; {output} was left as it was. These resources cannot be deployed to Kubernetes: nightly-script. Publish projects or containers instead.", errors);
            FolderSnapshot.AssertUnchanged(before, output);
        }
        finally
        {
            Environment.ExitCode = exitCodeBefore;
            Directory.Delete(output, recursive: true);
        }
    }
}

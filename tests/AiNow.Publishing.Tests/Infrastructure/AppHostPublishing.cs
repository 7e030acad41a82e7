using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace AiNow.Publishing.Tests.Infrastructure;

/// <summary>
/// Publishes the real AppHost in process. <see cref="PublishAsync"/> runs Aspire's own publish
/// pipeline (the same path as the CLI, with the AppHost's settings); <see cref="BuildModelAsync"/>
/// builds the app model in publish mode so a test can publish it with other settings.
/// </summary>
internal static class AppHostPublishing
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(2);

    /// <summary>Runs <c>--operation publish --step publish --output-path {output}</c> in process, with optional configuration over everything else.</summary>
    public static async Task PublishAsync(string output, IReadOnlyDictionary<string, string?>? configuration = null)
    {
        using var timeout = new CancellationTokenSource(Timeout);
        var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.AiNow_AppHost>(["--operation", "publish", "--step", "publish", "--output-path", output], timeout.Token);
        builder.Configuration.AddInMemoryCollection(configuration ?? new Dictionary<string, string?>());
        await using var app = await builder.BuildAsync(timeout.Token);
        await app.RunAsync(timeout.Token);
    }

    /// <summary>The app model as the publish pipeline sees it.</summary>
    public static async Task<AppHostModel> BuildModelAsync(IReadOnlyDictionary<string, string?>? configuration = null)
    {
        using var timeout = new CancellationTokenSource(Timeout);
        var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.AiNow_AppHost>(["--operation", "publish"], timeout.Token);
        builder.Configuration.AddInMemoryCollection(configuration ?? new Dictionary<string, string?>());
        var app = await builder.BuildAsync(timeout.Token);
        return new AppHostModel(app);
    }
}

/// <summary>A built (not started) AppHost in publish mode.</summary>
internal sealed class AppHostModel(DistributedApplication app) : IAsyncDisposable
{
    public DistributedApplicationModel Model => app.Services.GetRequiredService<DistributedApplicationModel>();

    public DistributedApplicationExecutionContext ExecutionContext => app.Services.GetRequiredService<DistributedApplicationExecutionContext>();

    public async ValueTask DisposeAsync()
    {
        try
        {
            await app.DisposeAsync();
        }
        catch (ArgumentNullException exception) when (exception.TargetSite?.DeclaringType?.Namespace == "System.Linq")
        {
            // Aspire's testing host stops the inner host on disposal even when it never started; the generic host
            // then enumerates hosted services it never created. Nothing ran, so there is nothing to stop.
        }
    }
}

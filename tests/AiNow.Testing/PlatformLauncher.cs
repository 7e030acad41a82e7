using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace AiNow.Testing;

/// <summary>
/// Starts the real AppHost in processes mode (PostgreSQL from the machine's binaries, Garnet for
/// Redis) with its data in the given folder, and returns once every resource is healthy and the
/// migrations have finished. Shared by the end-to-end tests and the start-up measurement.
/// </summary>
public static class PlatformLauncher
{
    /// <summary>Every long-running resource of the model.</summary>
    public static readonly string[] ResourceNames = ["postgres", "ainowdb", "redis", "inference", "api", "worker", "gateway"];

    /// <summary>Builds, starts and waits for the platform.</summary>
    /// <param name="dataDirectory">Where PostgreSQL and Garnet keep their data.</param>
    /// <param name="adminKey">The admin key the gateway will expect.</param>
    /// <param name="environment">Extra environment variables per resource name.</param>
    /// <param name="cancellationToken">Bounds the whole start.</param>
    /// <param name="signingKey">The key gateway and api sign the forwarded principal with, or null for a generated one.</param>
    /// <param name="telemetryEndpoint">An OTLP/HTTP receiver every service exports to (quickly), or null to export nothing.</param>
    /// <param name="configure">Changes to the model before it is built (e.g. a measurement taking the orchestrator's proxies out of the path).</param>
    public static async Task<DistributedApplication> StartAsync(
        string dataDirectory,
        string adminKey,
        IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> environment,
        CancellationToken cancellationToken,
        string? signingKey = null,
        Uri? telemetryEndpoint = null,
        Action<IDistributedApplicationTestingBuilder>? configure = null)
    {
        var appHost = await DistributedApplicationTestingBuilder.CreateAsync<Projects.AiNow_AppHost>(
            [
                "--LocalInfrastructure:Mode=processes",
                $"--LocalInfrastructure:DataDirectory={dataDirectory}",
                $"--Parameters:admin-key={adminKey}",
                .. signingKey is null ? Array.Empty<string>() : [$"--Parameters:tenant-signing-key={signingKey}"],
            ],
            cancellationToken);

        appHost.Services.AddLogging(logging => logging
            .SetMinimumLevel(LogLevel.Warning)
            // Every request and every failed probe while a store starts would fill the test output.
            .AddFilter("System.Net.Http", LogLevel.Warning)
            .AddFilter("Microsoft.Extensions.Diagnostics.HealthChecks", LogLevel.Critical));
        foreach (var project in appHost.Resources.OfType<ProjectResource>())
        {
            project.Annotations.Add(new EnvironmentCallbackAnnotation(context => ExportTelemetryTo(context, telemetryEndpoint)));
            if (environment.TryGetValue(project.Name, out var variables))
            {
                project.Annotations.Add(new EnvironmentCallbackAnnotation(context =>
                {
                    foreach (var (name, value) in variables)
                    {
                        context.EnvironmentVariables[name] = value;
                    }
                }));
            }
        }

        configure?.Invoke(appHost);
        var app = await appHost.BuildAsync(cancellationToken);
        var notifications = app.Services.GetRequiredService<ResourceNotificationService>();
        try
        {
            using var stopWatching = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            var failure = WaitForAnyFailureAsync(notifications, stopWatching.Token);
            var ready = WaitUntilReadyAsync(app, notifications, cancellationToken);
            if (await Task.WhenAny(ready, failure) == failure && !failure.IsCanceled)
            {
                var failed = await failure;
                var states = DescribeStates(appHost.Resources, notifications);
                await app.DisposeAsync();
                throw new InvalidOperationException($"'{failed}' stopped before the platform was healthy. Resource states: {states}");
            }

            await ready;
            await stopWatching.CancelAsync();
            return app;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            var states = DescribeStates(appHost.Resources, notifications);
            await app.DisposeAsync();
            throw new TimeoutException($"The platform did not become healthy in time. Resource states: {states}");
        }
    }

    private static async Task WaitUntilReadyAsync(DistributedApplication app, ResourceNotificationService notifications, CancellationToken cancellationToken)
    {
        await app.StartAsync(cancellationToken);
        await notifications.WaitForResourceAsync("migrations", KnownResourceStates.Finished, cancellationToken);
        await Task.WhenAll(ResourceNames.Select(name => notifications.WaitForResourceHealthyAsync(name, cancellationToken)));
    }

    /// <summary>A long-running resource that stops during start-up will never be healthy: say so at once.</summary>
    private static async Task<string> WaitForAnyFailureAsync(ResourceNotificationService notifications, CancellationToken cancellationToken)
    {
        await foreach (var change in notifications.WatchAsync(cancellationToken))
        {
            if (ResourceNames.Contains(change.Resource.Name) && KnownResourceStates.TerminalStates.Contains(change.Snapshot.State?.Text))
            {
                return change.Resource.Name;
            }
        }

        throw new OperationCanceledException(cancellationToken);
    }

    private static string DescribeStates(IEnumerable<IResource> resources, ResourceNotificationService notifications) =>
        string.Join("; ", resources
            .Where(resource => resource is not ParameterResource)
            .Select(resource => DescribeState(resource.Name, notifications))
            .OfType<string>());

    private static string? DescribeState(string name, ResourceNotificationService notifications)
    {
        if (!notifications.TryGetCurrentState(name, out var state))
        {
            return $"{name}=unknown";
        }

        // Aspire's hidden helpers (the "-rebuilder" resources) say nothing about the platform.
        var snapshot = state.Snapshot;
        return snapshot.IsHidden
            ? null
            : $"{name}={snapshot.State?.Text ?? "?"}/{snapshot.HealthStatus?.ToString() ?? "-"}" +
              (snapshot.ExitCode is { } code ? $"(exit {code})" : "");
    }

    /// <summary>
    /// Aspire points every service at the dashboard's OTLP endpoint, which is not running here; each
    /// service would then retry its telemetry flush for ~13 s at shutdown. Without a receiver nothing is
    /// exported; with one, every signal goes there over OTLP/HTTP, exported within a second or two.
    /// </summary>
    private static void ExportTelemetryTo(EnvironmentCallbackContext context, Uri? endpoint)
    {
        context.EnvironmentVariables.Remove("OTEL_DOTNET_EXPERIMENTAL_OTLP_RETRY");
        if (endpoint is null)
        {
            context.EnvironmentVariables.Remove("OTEL_EXPORTER_OTLP_ENDPOINT");
            context.EnvironmentVariables.Remove("OTEL_EXPORTER_OTLP_PROTOCOL");
            return;
        }

        context.EnvironmentVariables["OTEL_EXPORTER_OTLP_ENDPOINT"] = endpoint.GetLeftPart(UriPartial.Authority);
        context.EnvironmentVariables["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf";
        context.EnvironmentVariables["OTEL_METRIC_EXPORT_INTERVAL"] = "1000";
        context.EnvironmentVariables["OTEL_BSP_SCHEDULE_DELAY"] = "500";
    }
}

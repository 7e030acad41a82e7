using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using AiNow.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;

namespace AiNow.GatewayBenchmark;

/// <summary>
/// The real platform, started by the AppHost in processes mode (as the integration tests start it) and set up as
/// deployed wherever that changes the request path's cost: services in the Production environment (JSON log lines
/// on stdout), telemetry over OTLP/gRPC with the published export interval and retry, and no orchestrator proxy
/// between the services (a cluster's Service adds no user-space hop).
/// </summary>
internal sealed class GatewayPlatform : IAsyncDisposable
{
    private static readonly string[] s_services = ["gateway", "api", "inference", "worker", "migrations"];

    // What manifests/kubernetes publishes for every service, apart from the collector's address.
    private static readonly Dictionary<string, string> s_deployedEnvironment = new()
    {
        ["ASPNETCORE_ENVIRONMENT"] = "Production",
        ["DOTNET_ENVIRONMENT"] = "Production",
        ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "grpc",
        ["OTEL_METRIC_EXPORT_INTERVAL"] = "15000",
        ["OTEL_BSP_SCHEDULE_DELAY"] = "5000",
        ["OTEL_DOTNET_EXPERIMENTAL_OTLP_RETRY"] = "in_memory",
        ["OTEL_TRACES_SAMPLER"] = "parentbased_traceidratio",
        ["OTEL_TRACES_SAMPLER_ARG"] = "0.1",
    };

    private readonly DistributedApplication _app;
    private readonly string _adminKey;

    private GatewayPlatform(DistributedApplication app, string adminKey, Uri gateway, string connectionString)
    {
        _app = app;
        _adminKey = adminKey;
        Gateway = gateway;
        ConnectionString = connectionString;
    }

    public Uri Gateway { get; }

    public string ConnectionString { get; }

    public static async Task<GatewayPlatform> StartAsync(string dataDirectory, Uri telemetrySink, CancellationToken cancellationToken)
    {
        var adminKey = Convert.ToHexString(RandomNumberGenerator.GetBytes(24));
        using var startLimit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        startLimit.CancelAfter(TimeSpan.FromMinutes(3));
        var stopwatch = Stopwatch.StartNew();
        var app = await PlatformLauncher.StartAsync(
            dataDirectory,
            adminKey,
            s_services.ToDictionary(service => service, IReadOnlyDictionary<string, string> (_) => s_deployedEnvironment),
            startLimit.Token,
            telemetryEndpoint: telemetrySink,
            configure: AsDeployed);
        var gateway = app.GetEndpoint("gateway", "http");
        await WaitUntilServingAsync(app, startLimit.Token);
        Console.WriteLine($"platform serving in {stopwatch.Elapsed.TotalSeconds:F1} s");

        var connectionString = await app.GetConnectionStringAsync("ainowdb", cancellationToken)
            ?? throw new InvalidOperationException("The platform gave no connection string for ainowdb.");
        return new GatewayPlatform(app, adminKey, gateway, connectionString);
    }

    /// <summary>A new tenant allowed the most requests a minute the api accepts, and its API key.</summary>
    public async Task<string> CreateTenantKeyAsync(CancellationToken cancellationToken)
    {
        using var admin = CreateClient(_adminKey);
        using var created = await admin.PostAsJsonAsync("/admin/tenants",
            new { name = $"bench-{Guid.NewGuid():N}"[..24], rateLimitPerMinute = 100_000 }, cancellationToken);
        created.EnsureSuccessStatusCode();
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>(cancellationToken)).GetProperty("id").GetString();

        using var issued = await admin.PostAsync($"/admin/tenants/{id}/keys", content: null, cancellationToken);
        issued.EnsureSuccessStatusCode();
        return (await issued.Content.ReadFromJsonAsync<JsonElement>(cancellationToken)).GetProperty("key").GetString()!;
    }

    /// <summary>Sends the body twice and returns the second answer, which must have come from the cache.</summary>
    public async Task<byte[]> CachedAnswerAsync(string apiKey, string body, CancellationToken cancellationToken)
    {
        using var client = CreateClient(apiKey);
        for (var attempt = 1; ; attempt++)
        {
            using var response = await client.PostAsync("/v1/embeddings", new StringContent(body, MediaTypeHeaderValue.Parse("application/json")), cancellationToken);
            response.EnsureSuccessStatusCode();
            if (response.Headers.TryGetValues("X-AiNow-Cache", out var cache) && cache.Contains("hit"))
            {
                return await response.Content.ReadAsByteArrayAsync(cancellationToken);
            }

            if (attempt == 3)
            {
                throw new InvalidOperationException("The gateway never answered the same embeddings request from the cache.");
            }
        }
    }

    private HttpClient CreateClient(string bearer)
    {
        var client = new HttpClient { BaseAddress = Gateway, Timeout = TimeSpan.FromSeconds(30) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        return client;
    }

    /// <summary>
    /// The model gives the services no health check, so the launcher's "healthy" means started; a request sent then
    /// may find the api not yet listening. Each service's own readiness endpoint says when it serves.
    /// </summary>
    private static async Task WaitUntilServingAsync(DistributedApplication app, CancellationToken cancellationToken)
    {
        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        foreach (var service in new[] { "inference", "api", "gateway" })
        {
            var health = new Uri(app.GetEndpoint(service, "http"), "/health");
            while (true)
            {
                try
                {
                    using var response = await client.GetAsync(health, cancellationToken);
                    if (response.IsSuccessStatusCode)
                    {
                        break;
                    }
                }
                catch (HttpRequestException)
                {
                }

                await Task.Delay(200, cancellationToken);
            }
        }
    }

    private static void AsDeployed(IDistributedApplicationTestingBuilder appHost)
    {
        // Results go to stdout; the platform's own log lines (warnings and worse only) to stderr.
        appHost.Services.AddLogging(logging => logging
            .AddFilter<ConsoleLoggerProvider>(null, LogLevel.Warning)
            // The stores' probes fail while the platform stops; that says nothing about the measurement.
            .AddFilter<ConsoleLoggerProvider>("Microsoft.Extensions.Diagnostics.HealthChecks", LogLevel.Critical));
        appHost.Services.Configure<ConsoleLoggerOptions>(console => console.LogToStandardErrorThreshold = LogLevel.Trace);

        // A cluster's Service adds no user-space hop between callers and pods; the orchestrator's proxies would.
        foreach (var endpoint in appHost.Resources.OfType<ProjectResource>().SelectMany(project => project.Annotations.OfType<EndpointAnnotation>()))
        {
            endpoint.IsProxied = false;
            endpoint.Port = null;
        }
    }

    public async ValueTask DisposeAsync()
    {
        using var stopLimit = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await _app.StopAsync(stopLimit.Token);
        await _app.DisposeAsync();
    }
}

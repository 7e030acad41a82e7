using System.Globalization;
using System.Security.Cryptography;
using AiNow.Testing.Otlp;

namespace AiNow.IntegrationTests;

/// <summary>
/// One running platform for all end-to-end tests, with its data in a throwaway folder.
/// </summary>
public sealed class PlatformFixture : IAsyncLifetime
{
    /// <summary>Seconds after which a dead worker's job lease expires; short so the fault test is quick.</summary>
    public const int WorkerLeaseSeconds = 5;

    public const int EmbeddingCacheEntriesPerTenant = 6;

    private readonly string _dataDirectory = Path.Combine(Path.GetTempPath(), $"ainow-it-{Guid.NewGuid():N}");

    /// <summary>The admin key the gateway expects, chosen here so tests can use it.</summary>
    public string AdminKey { get; } = Convert.ToHexString(RandomNumberGenerator.GetBytes(24));

    /// <summary>The key gateway and api sign the forwarded principal with, chosen here so tests can forge and replay.</summary>
    public string SigningKey { get; } = Convert.ToHexString(RandomNumberGenerator.GetBytes(24));

    /// <summary>The running platform.</summary>
    public DistributedApplication App { get; private set; } = null!;

    /// <summary>Where every service exports its traces, logs and metrics, as it would to a collector.</summary>
    public OtlpReceiver Telemetry { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        using var timeout = new CancellationTokenSource(TestTimeouts.Startup);
        var worker = new Dictionary<string, string>
        {
            ["Worker__LeaseSeconds"] = WorkerLeaseSeconds.ToString(CultureInfo.InvariantCulture),
            ["Worker__PollMilliseconds"] = "250",
        };
        // Every test client shares 127.0.0.1, and the fuzz and authentication tests send many wrong keys on purpose:
        // the per-address throttle (proved by the gateway's own tests) would refuse the clients that come after them.
        var gateway = new Dictionary<string, string> { ["Gateway__FailedAuthenticationsPerMinute"] = "100000" };
        // The fuzz test queues many valid batches for one tenant faster than the worker finishes them; the per-tenant
        // batch quota (proved by the api's and the data layer's own tests) would refuse the later ones with 429.
        // The cache budget is small enough that one test can overflow a tenant's budget with a few requests.
        var api = new Dictionary<string, string>
        {
            ["Api__MaxPendingBatchesPerTenant"] = "10000",
            ["Api__MaxPendingBatchInputsPerTenant"] = "10000000",
            ["Api__EmbeddingCacheEntriesPerTenant"] = EmbeddingCacheEntriesPerTenant.ToString(CultureInfo.InvariantCulture),
        };
        Telemetry = await OtlpReceiver.StartAsync(timeout.Token);
        App = await PlatformLauncher.StartAsync(_dataDirectory, AdminKey,
            new Dictionary<string, IReadOnlyDictionary<string, string>> { ["worker"] = worker, ["gateway"] = gateway, ["api"] = api },
            timeout.Token, SigningKey, Telemetry.Endpoint);
    }

    public async Task DisposeAsync()
    {
        if (App is not null)
        {
            using var timeout = new CancellationTokenSource(TestTimeouts.ResourceTransition);
            await App.StopAsync(timeout.Token);
            await App.DisposeAsync();
        }

        if (Telemetry is not null)
        {
            await Telemetry.DisposeAsync();
        }

        try
        {
            Directory.Delete(_dataDirectory, recursive: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // A server may still be flushing as it exits; the folder is in the temp area anyway.
        }
    }

    /// <summary>A client for the gateway, the only public entry.</summary>
    public HttpClient CreateGatewayClient()
    {
        var client = App.CreateHttpClient("gateway", "http");
        client.Timeout = TestTimeouts.Request;
        return client;
    }
}

/// <summary>The collection of all integration tests: they share one running platform.</summary>
[CollectionDefinition(Name)]
public sealed class PlatformTests : ICollectionFixture<PlatformFixture>
{
    public const string Name = "platform";
}

using System.Net.Http.Headers;
using System.Text;
using AiNow.Api.Caching;
using AiNow.Api.Chat;
using AiNow.Api.Extensions;
using AiNow.Api.Keys;
using AiNow.Api.Tenants;
using AiNow.Api.Usage;
using AiNow.Contracts;
using AiNow.Contracts.Inference;
using AiNow.Data;
using AiNow.ServiceDefaults.Audit;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace AiNow.Api.Tests.Support;

/// <summary>
/// The api's real pipeline and endpoints on Kestrel (loopback, free port), with its stores, cache, usage
/// meter and inference replaced by in-memory fakes. No database or Redis is needed: the NpgsqlDataSource
/// points at a closed port and is only there so the Data classes can be constructed. A test that proves a
/// behaviour of a real store or of the real cache client puts it back in place of its fake.
/// </summary>
internal sealed class ApiTestHost : IAsyncDisposable
{
    public const string SigningKey = "test-signing-key-0123456789abcdef";
    public const long MaxBodyBytes = 64 * 1024;

    private WebApplication? _app;

    private ApiTestHost()
    {
        Keys = new FakeApiKeyStore(Tenants);
        Revocations = new FakeKeyRevocationBroadcast(Cache);
    }

    public FakeTenantStore Tenants { get; } = new();

    public FakeApiKeyStore Keys { get; }

    public InMemorySharedCache Cache { get; } = new();

    public FakeUsageMeter Usage { get; } = new();

    public FakeKeyRevocationBroadcast Revocations { get; }

    public StubHttpHandler Inference { get; } = new();

    public PrincipalSigner Signer { get; } = new(SigningKey, TimeProvider.System);

    public HttpClient Client { get; private set; } = null!;

    /// <summary>The audit events written so far, as (action, outcome, tenant id) triples.</summary>
    public IReadOnlyList<(string? Action, string? Outcome, string? TenantId)> AuditEvents =>
        [.. _app!.Services.GetFakeLogCollector().GetSnapshot()
            .Where(record => record.Category == AiNow.Contracts.Telemetry.AuditContract.Category)
            .Select(record => record.StructuredState!.ToDictionary(pair => pair.Key, pair => pair.Value))
            .Select(fields => (fields.GetValueOrDefault("AuditAction"), fields.GetValueOrDefault("AuditOutcome"), fields.GetValueOrDefault("TenantId")))];

    /// <summary>
    /// Starts the host; with <paramref name="databaseConnectionString"/> the Data classes use that database, and
    /// <paramref name="useRealServices"/> registers real services after the fakes, so they are the ones resolved.
    /// </summary>
    public static async Task<ApiTestHost> StartAsync(string? databaseConnectionString = null, Action<IServiceCollection>? useRealServices = null)
    {
        var host = new ApiTestHost();
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { EnvironmentName = "Testing" });
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        builder.Logging.AddFakeLogging();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Api:SigningKey"] = SigningKey,
            ["Api:MaxRequestBodyBytes"] = MaxBodyBytes.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Api:InferenceUrl"] = "http://inference.test",
        });

        var services = builder.Services;
        services.AddApiServices(builder.Configuration);
        services.AddSingleton(_ => NpgsqlDataSource.Create(
            databaseConnectionString ?? "Host=127.0.0.1;Port=1;Username=test;Database=test;Timeout=1"));
        services.AddSingleton<UsageLedger>();
        services.AddSingleton<BatchJobStore>();
        services.AddSingleton<ITenantStore>(host.Tenants);
        services.AddSingleton<IApiKeyStore>(host.Keys);
        services.AddSingleton<ISharedCache>(host.Cache);
        services.AddSingleton<IKeyRevocationBroadcast>(host.Revocations);
        services.AddSingleton<IUsageMeter>(host.Usage);
        services.AddSingleton<AuditLog>();
        services.AddHttpClient<InferenceEmbeddingsClient>().ConfigurePrimaryHttpMessageHandler(() => host.Inference);
        services.AddHttpClient<ChatCompletionsClient>().ConfigurePrimaryHttpMessageHandler(() => host.Inference);
        useRealServices?.Invoke(services);

        var app = builder.Build();
        app.UseApiPipeline();
        app.MapApis();
        await app.StartAsync();

        host._app = app;
        host.Client = new HttpClient { BaseAddress = new Uri(app.Urls.First()), Timeout = TimeSpan.FromSeconds(30) };
        return host;
    }

    /// <summary>A request signed as <paramref name="principal"/> (unsigned when null).</summary>
    public HttpRequestMessage Request(HttpMethod method, string path, Principal? principal, string? json = null, string contentType = "application/json")
    {
        var request = new HttpRequestMessage(method, path);
        if (json is not null)
        {
            request.Content = new StringContent(json, Encoding.UTF8);
            request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        }

        if (principal is not null)
        {
            Sign(request, principal, Signer);
        }

        return request;
    }

    /// <summary>Signs <paramref name="request"/> (relative address, buffered content) as the gateway would forward it.</summary>
    public static void Sign(HttpRequestMessage request, Principal principal, PrincipalSigner signer)
    {
        var address = new Uri(new Uri("http://api"), request.RequestUri!);
        var body = request.Content?.ReadAsByteArrayAsync().GetAwaiter().GetResult() ?? [];
        var signed = new SignedRequest(request.Method.Method, Uri.UnescapeDataString(address.AbsolutePath) + address.Query, SignedRequest.Hash(body));
        foreach (var (name, value) in signer.CreateHeaders(principal, signed))
        {
            request.Headers.Add(name, value);
        }
    }

    public async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, Principal? principal, string? json = null) =>
        await Client.SendAsync(Request(method, path, principal, json));

    public async ValueTask DisposeAsync()
    {
        Client?.Dispose();
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
    }
}

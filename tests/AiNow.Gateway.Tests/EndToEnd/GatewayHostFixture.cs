using System.Text.Json;
using AiNow.Contracts;
using AiNow.Gateway.Extensions;
using AiNow.Gateway.RateLimiting;
using AiNow.Gateway.Tests.Fakes;
using AiNow.ServiceDefaults;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace AiNow.Gateway.Tests.EndToEnd;

/// <summary>
/// The real gateway pipeline on Kestrel (127.0.0.1, free port) in front of a stand-in api, with
/// service discovery pointing <c>http://api</c> at it and an in-memory rate-limit store.
/// </summary>
public class GatewayHostFixture : IAsyncLifetime
{
    public const long MaxRequestBodyBytes = 1024;
    public const string TenantKey = "ainow_tenant-key-for-end-to-end-tests";
    public const string LimitedTenantKey = "ainow_limited-tenant-key";
    public const string FailingLookupKey = "ainow_lookup-fails";

    public static readonly Guid TenantId = Guid.Parse("0b6a3c1e-58d4-4f7e-9c2b-7a1d5e3f9b20");
    public static readonly Guid LimitedTenantId = Guid.Parse("d2f4a6c8-1b3d-4e5f-8a7b-9c0d1e2f3a4b");

    /// <summary>Headers the stand-in api answers with that name its software, allow caching or claim HTTPS.</summary>
    public static readonly IReadOnlyDictionary<string, string> CarelessUpstreamHeaders = new Dictionary<string, string>
    {
        ["Server"] = "Kestrel",
        ["X-Powered-By"] = "ASP.NET",
        ["Cache-Control"] = "public, max-age=3600",
        ["Strict-Transport-Security"] = "max-age=60",
        ["X-Frame-Options"] = "SAMEORIGIN",
    };

    private WebApplication? _api;
    private WebApplication? _gateway;

    public HttpClient Client { get; private set; } = null!;

    private readonly SignedPrincipalReader _principals;

    public GatewayHostFixture() => _principals = new SignedPrincipalReader(Signer, new ReplayGuard(TimeProvider.System));

    public PrincipalSigner Signer { get; } = new(TestServices.SigningKey, TimeProvider.System);

    /// <summary>Settings a variant of the gateway adds to (or overrides in) the common ones.</summary>
    protected virtual IReadOnlyDictionary<string, string?> AdditionalSettings { get; } = new Dictionary<string, string?>();

    public async Task InitializeAsync()
    {
        _api = BuildApi();
        await _api.StartAsync();

        _gateway = BuildGateway(_api.Urls.Single());
        await _gateway.StartAsync();

        Client = new HttpClient { BaseAddress = new Uri(_gateway.Urls.Single()), Timeout = TimeSpan.FromSeconds(30) };
    }

    public async Task DisposeAsync()
    {
        Client.Dispose();
        foreach (var app in new[] { _gateway, _api })
        {
            if (app is not null)
            {
                await app.StopAsync();
                await app.DisposeAsync();
            }
        }
    }

    private WebApplication BuildGateway(string apiAddress)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            EnvironmentName = Environments.Development,
            ContentRootPath = AppContext.BaseDirectory,
        });
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Gateway:AdminKey"] = TestServices.AdminKey,
            ["Gateway:SigningKey"] = TestServices.SigningKey,
            ["Gateway:MaxRequestBodyBytes"] = MaxRequestBodyBytes.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Gateway:KeyCacheSeconds"] = "30",
            ["services:api:http:0"] = apiAddress,
            // The store is replaced below; nothing connects to this address.
            ["ConnectionStrings:redis"] = "127.0.0.1:1",
            ["Aspire:StackExchange:Redis:DisableAutoActivation"] = "true",
            ["Serilog:MinimumLevel:Default"] = "Warning",
        });
        builder.Configuration.AddInMemoryCollection(AdditionalSettings);

        builder.AddServiceDefaults();
        builder.AddApplicationServices();
        builder.Services.AddSingleton<IRateLimitCounterStore, InMemoryCounterStore>();

        var app = builder.Build();
        app.UseGatewaySecurityHeaders();
        app.UseGatewayErrorHandling();
        app.MapDefaultEndpoints();
        app.MapGateway();
        return app;
    }

    /// <summary>
    /// Stands in for the api: resolves two known keys (one with a small limit), fails lookups for
    /// one key, and echoes what it received on every /v1 and /admin path, with the headers a careless
    /// upstream sends (<see cref="CarelessUpstreamHeaders"/>), which the gateway must not pass on.
    /// </summary>
    private WebApplication BuildApi()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();

        app.MapPost("/internal/keys/resolve", async (HttpContext context) =>
        {
            if (await VerifiedPrincipalAsync(context.Request) != Principal.Gateway)
            {
                return Results.Problem(statusCode: StatusCodes.Status401Unauthorized);
            }

            using var body = await JsonDocument.ParseAsync(context.Request.Body);
            return body.RootElement.GetProperty("key").GetString() switch
            {
                TenantKey => Results.Json(new { tenantId = TenantId, tenantName = "acme", rateLimitPerMinute = 1000 }),
                LimitedTenantKey => Results.Json(new { tenantId = LimitedTenantId, tenantName = "tiny", rateLimitPerMinute = 2 }),
                FailingLookupKey => Results.Problem(statusCode: StatusCodes.Status500InternalServerError),
                _ => Results.Problem(statusCode: StatusCodes.Status404NotFound),
            };
        });

        app.Map("/{**path}", async (HttpContext context) =>
        {
            var principal = await VerifiedPrincipalAsync(context.Request);
            var bytes = 0L;
            var buffer = new byte[4096];
            int read;
            while ((read = await context.Request.Body.ReadAsync(buffer)) > 0)
            {
                bytes += read;
            }

            foreach (var (name, value) in CarelessUpstreamHeaders)
            {
                context.Response.Headers[name] = value;
            }

            return Results.Json(new EchoedRequest(
                context.Request.Path,
                principal?.ToString(),
                context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase),
                bytes));
        });

        return app;
    }

    // As the api verifies: signature over this very request (method, path, body), each nonce once.
    private Task<Principal?> VerifiedPrincipalAsync(HttpRequest request) =>
        _principals.ReadAsync(request, request.HttpContext.RequestAborted);
}

/// <summary>What the stand-in api saw of a forwarded request.</summary>
public sealed record EchoedRequest(string Path, string? Principal, Dictionary<string, string> Headers, long BodyBytes);

using AiNow.Gateway.RateLimiting;
using AiNow.Gateway.Tests.Fakes;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace AiNow.Gateway.Tests.EndToEnd;

/// <summary>
/// The real gateway pipeline on Kestrel (127.0.0.1, free port) in front of a <see cref="StandInApi"/>, with an
/// in-memory rate-limit store and a rate-limit clock the tests move (<see cref="RateLimitClock"/>).
/// </summary>
public class GatewayHostFixture : IAsyncLifetime
{
    public const long MaxRequestBodyBytes = 1024;
    public const string TenantKey = "ainow_tenant-key-for-end-to-end-tests";
    public const string LimitedTenantKey = "ainow_limited-tenant-key";
    public const string FailingLookupKey = "ainow_lookup-fails";
    public const int LimitedTenantRequestsPerMinute = 2;

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

    private readonly StandInApi _api = new();
    private WebApplication? _gateway;

    public HttpClient Client { get; private set; } = null!;

    /// <summary>
    /// The clock the rate limiter reads: half a minute into a minute, and moved only by the tests, so a window
    /// never ends in the middle of one.
    /// </summary>
    public FakeTimeProvider RateLimitClock { get; } = new(new DateTimeOffset(2026, 11, 27, 12, 0, 30, TimeSpan.Zero));

    /// <summary>Settings a variant of the gateway adds to (or overrides in) the common ones.</summary>
    protected virtual IReadOnlyDictionary<string, string?> AdditionalSettings { get; } = new Dictionary<string, string?>();

    /// <summary>Moves the rate-limit clock to half a minute into the next minute: every tenant starts a fresh window.</summary>
    public void StartTheNextMinute()
    {
        var now = RateLimitClock.GetUtcNow();
        var minuteStart = now.AddTicks(-(now.UtcTicks % FixedWindowRateLimiter.Window.Ticks));
        RateLimitClock.SetUtcNow(minuteStart + FixedWindowRateLimiter.Window + (FixedWindowRateLimiter.Window / 2));
    }

    public async Task InitializeAsync()
    {
        await _api.StartAsync();

        var settings = new Dictionary<string, string?>
        {
            ["Gateway:MaxRequestBodyBytes"] = MaxRequestBodyBytes.ToString(System.Globalization.CultureInfo.InvariantCulture),
            // The store is replaced below; nothing connects to this address.
            ["ConnectionStrings:redis"] = "127.0.0.1:1",
        };
        foreach (var (name, value) in AdditionalSettings)
        {
            settings[name] = value;
        }

        _gateway = GatewayApp.Build(_api.Address, RateLimitClock, settings,
            services => services.AddSingleton<IRateLimitCounterStore, InMemoryCounterStore>());
        await _gateway.StartAsync();

        Client = new HttpClient { BaseAddress = new Uri(_gateway.Urls.Single()), Timeout = TimeSpan.FromSeconds(30) };
    }

    public async Task DisposeAsync()
    {
        Client.Dispose();
        if (_gateway is not null)
        {
            await _gateway.StopAsync();
            await _gateway.DisposeAsync();
        }

        await _api.DisposeAsync();
    }
}

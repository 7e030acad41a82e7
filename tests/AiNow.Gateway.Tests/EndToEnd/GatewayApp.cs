using AiNow.Gateway.Extensions;
using AiNow.Gateway.RateLimiting;
using AiNow.Gateway.Telemetry;
using AiNow.Gateway.Tests.Fakes;
using AiNow.ServiceDefaults;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace AiNow.Gateway.Tests.EndToEnd;

/// <summary>
/// A gateway built as its Program.cs builds it, on Kestrel (127.0.0.1, free port), with service discovery
/// pointing <c>http://api</c> at a stand-in. Its rate limiter reads the minute from a clock the test holds, so a
/// test decides when a window ends instead of racing the wall clock.
/// </summary>
internal static class GatewayApp
{
    public static WebApplication Build(
        string apiAddress, TimeProvider rateLimitClock, IReadOnlyDictionary<string, string?> settings, Action<IServiceCollection> configureServices)
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
            ["Gateway:KeyCacheSeconds"] = "30",
            ["services:api:http:0"] = apiAddress,
            ["Aspire:StackExchange:Redis:DisableAutoActivation"] = "true",
            ["Serilog:MinimumLevel:Default"] = "Warning",
        });
        builder.Configuration.AddInMemoryCollection(settings);

        builder.AddServiceDefaults();
        builder.AddApplicationServices();
        builder.Services.AddSingleton(services => new FixedWindowRateLimiter(
            services.GetRequiredService<IRateLimitCounterStore>(),
            rateLimitClock,
            services.GetRequiredService<GatewayMetrics>(),
            services.GetRequiredService<ILogger<FixedWindowRateLimiter>>()));
        configureServices(builder.Services);

        var app = builder.Build();
        app.UseGatewaySecurityHeaders();
        app.UseGatewayErrorHandling();
        app.MapDefaultEndpoints();
        app.MapGateway();
        return app;
    }
}

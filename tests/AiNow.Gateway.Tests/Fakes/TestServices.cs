using AiNow.Gateway.Audit;
using AiNow.Gateway.Authentication;
using AiNow.Gateway.Configuration;
using AiNow.Gateway.Telemetry;
using AiNow.ServiceDefaults.Audit;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AiNow.Gateway.Tests.Fakes;

/// <summary>The few services middleware needs when run on a <see cref="DefaultHttpContext"/>.</summary>
internal static class TestServices
{
    public const string AdminKey = "admin-key-for-tests-0123456789";
    public const string SigningKey = "signing-key-for-tests-0123456789";

    public static GatewayOptions Options(Action<GatewayOptions>? configure = null)
    {
        var options = new GatewayOptions { AdminKey = AdminKey, SigningKey = SigningKey };
        configure?.Invoke(options);
        return options;
    }

    public static IOptions<GatewayOptions> Wrap(GatewayOptions options) => Microsoft.Extensions.Options.Options.Create(options);

    /// <summary>Services with fake logging: <c>GetFakeLogCollector()</c> reads what was logged, audit events included.</summary>
    public static ServiceProvider Provider() => new ServiceCollection()
        .AddFakeLogging()
        .AddMetrics()
        .AddProblemDetails()
        .AddSingleton<GatewayMetrics>()
        .AddSingleton<AuditLog>()
        .AddSingleton<GatewayAuditTrail>()
        .BuildServiceProvider();

    /// <summary>The authentication middleware over <paramref name="resolver"/>, with the test options and these services' metrics, audit and logging.</summary>
    public static GatewayAuthenticationMiddleware AuthenticationMiddleware(
        IServiceProvider services, IApiKeyResolver resolver, RequestDelegate next, FailedAuthenticationThrottle? throttle = null)
    {
        var options = Wrap(Options());
        var metrics = services.GetRequiredService<GatewayMetrics>();
        var keyCache = new ApiKeyCache(resolver, options, TimeProvider.System, metrics);
        var authenticator = new GatewayAuthenticator(new AdminKeyVerifier(options), keyCache);
        return new GatewayAuthenticationMiddleware(next, authenticator, throttle ?? new FailedAuthenticationThrottle(options, TimeProvider.System), keyCache, metrics,
            services.GetRequiredService<GatewayAuditTrail>(), services.GetRequiredService<ILogger<GatewayAuthenticationMiddleware>>());
    }

    public static DefaultHttpContext Context(IServiceProvider services, string path, string method = "GET")
    {
        var context = new DefaultHttpContext { RequestServices = services };
        context.Request.Method = method;
        context.Request.Path = path;
        context.Response.Body = new MemoryStream();
        return context;
    }

    public static string ReadBody(HttpResponse response)
    {
        response.Body.Position = 0;
        return new StreamReader(response.Body).ReadToEnd();
    }
}

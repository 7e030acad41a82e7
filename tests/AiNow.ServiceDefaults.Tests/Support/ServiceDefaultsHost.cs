using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;

namespace AiNow.ServiceDefaults.Tests.Support;

/// <summary>
/// A web service built like the real ones (<c>AddServiceDefaults</c>, <c>MapDefaultEndpoints</c>) on Kestrel
/// at 127.0.0.1, so requests arrive from a real loopback peer. <c>/peer</c> answers what the pipeline sees, <c>/recorded</c> whether the request's span is recorded.
/// </summary>
internal sealed class ServiceDefaultsHost : IAsyncDisposable
{
    private readonly WebApplication _app;

    private ServiceDefaultsHost(WebApplication app)
    {
        _app = app;
        Client = new HttpClient { BaseAddress = new Uri(app.Urls.First()), Timeout = TimeSpan.FromSeconds(30) };
    }

    public HttpClient Client { get; }

    public IServiceProvider Services => _app.Services;

    public static async Task<ServiceDefaultsHost> StartAsync(
        IDictionary<string, string?> settings, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { EnvironmentName = "Testing" });
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Configuration.AddInMemoryCollection(settings);
        builder.AddServiceDefaults();
        configure?.Invoke(builder);

        var app = builder.Build();
        app.MapDefaultEndpoints();
        app.MapGet("/peer", (HttpContext context) => $"{context.Connection.RemoteIpAddress} {context.Request.Scheme}");
        app.MapGet("/recorded", () => System.Diagnostics.Activity.Current?.Recorded == true ? "recorded" : "not recorded");
        try
        {
            await app.StartAsync();
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }

        return new ServiceDefaultsHost(app);
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}

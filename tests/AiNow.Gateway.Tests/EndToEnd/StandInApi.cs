using System.Text.Json;
using AiNow.Contracts;
using AiNow.Gateway.Tests.Fakes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;

namespace AiNow.Gateway.Tests.EndToEnd;

/// <summary>
/// Stands in for the api on Kestrel (127.0.0.1, free port): resolves two known keys (one with a small limit),
/// fails lookups for one key, and echoes what it received on every /v1 and /admin path, with the headers a
/// careless upstream sends (<see cref="GatewayHostFixture.CarelessUpstreamHeaders"/>), which the gateway must
/// not pass on. It verifies the principal as the api does: signature over this very request, each nonce once.
/// </summary>
internal sealed class StandInApi : IAsyncDisposable
{
    private readonly SignedPrincipalReader _principals =
        new(new PrincipalSigner(TestServices.SigningKey, TimeProvider.System), new ReplayGuard(TimeProvider.System));

    private WebApplication? _app;

    /// <summary>Where it listens, once started.</summary>
    public string Address => _app?.Urls.Single() ?? throw new InvalidOperationException("Start the stand-in api first.");

    public async Task StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        app.MapPost("/internal/keys/resolve", (Func<HttpContext, Task<IResult>>)ResolveKeyAsync);
        app.Map("/{**path}", (Func<HttpContext, Task<IResult>>)EchoAsync);
        await app.StartAsync();
        _app = app;
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
    }

    private async Task<IResult> ResolveKeyAsync(HttpContext context)
    {
        if (await VerifiedPrincipalAsync(context.Request) != Principal.Gateway)
        {
            return Results.Problem(statusCode: StatusCodes.Status401Unauthorized);
        }

        using var body = await JsonDocument.ParseAsync(context.Request.Body);
        return body.RootElement.GetProperty("key").GetString() switch
        {
            GatewayHostFixture.TenantKey => Results.Json(new { tenantId = GatewayHostFixture.TenantId, tenantName = "acme", rateLimitPerMinute = 1000 }),
            GatewayHostFixture.LimitedTenantKey => Results.Json(new
            {
                tenantId = GatewayHostFixture.LimitedTenantId,
                tenantName = "tiny",
                rateLimitPerMinute = GatewayHostFixture.LimitedTenantRequestsPerMinute,
            }),
            GatewayHostFixture.FailingLookupKey => Results.Problem(statusCode: StatusCodes.Status500InternalServerError),
            _ => Results.Problem(statusCode: StatusCodes.Status404NotFound),
        };
    }

    private async Task<IResult> EchoAsync(HttpContext context)
    {
        var principal = await VerifiedPrincipalAsync(context.Request);
        var bytes = 0L;
        var buffer = new byte[4096];
        int read;
        while ((read = await context.Request.Body.ReadAsync(buffer)) > 0)
        {
            bytes += read;
        }

        foreach (var (name, value) in GatewayHostFixture.CarelessUpstreamHeaders)
        {
            context.Response.Headers[name] = value;
        }

        return Results.Json(new EchoedRequest(
            context.Request.Path,
            principal?.ToString(),
            context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase),
            bytes));
    }

    private Task<Principal?> VerifiedPrincipalAsync(HttpRequest request) =>
        _principals.ReadAsync(request, request.HttpContext.RequestAborted);
}

/// <summary>What the stand-in api saw of a forwarded request.</summary>
public sealed record EchoedRequest(string Path, string? Principal, Dictionary<string, string> Headers, long BodyBytes);

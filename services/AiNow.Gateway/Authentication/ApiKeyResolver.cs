using System.Net;
using System.Net.Mime;
using System.Text;
using System.Text.Json;
using AiNow.Contracts;
using AiNow.Gateway.Proxy;

namespace AiNow.Gateway.Authentication;

/// <summary>
/// Resolves API keys through the api's <c>POST /internal/keys/resolve</c>; the named client signs each call as
/// principal <c>gateway</c> (<see cref="PrincipalSigningHandler"/>).
/// </summary>
public sealed partial class ApiKeyResolver(IHttpClientFactory httpClientFactory, ILogger<ApiKeyResolver> logger) : IApiKeyResolver
{
    /// <summary>The named HttpClient (base address <c>http://api</c>, found by service discovery).</summary>
    public const string HttpClientName = "api-keys";

    public static readonly Uri ApiBaseAddress = new(ApiProxyConfiguration.ApiAddress);

    /// <summary>
    /// A lookup holds up a client request, so it gets a budget of its own (retries included)
    /// instead of the 30 s default: when the api is down the client hears 503 within seconds.
    /// </summary>
    public static readonly TimeSpan LookupTimeout = TimeSpan.FromSeconds(5);

    private const string ResolvePath = "/internal/keys/resolve";

    public async Task<TenantIdentity?> ResolveAsync(string apiKey, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, ResolvePath)
        {
            // Buffered rather than streamed, so the lookup carries a Content-Length.
            Content = new StringContent(
                JsonSerializer.Serialize(new ResolveKeyRequest(apiKey), GatewayJsonContext.Default.ResolveKeyRequest), Encoding.UTF8, MediaTypeNames.Application.Json),
        };

        var client = httpClientFactory.CreateClient(HttpClientName);
        using var budget = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        budget.CancelAfter(LookupTimeout);
        HttpResponseMessage response;
        try
        {
            response = await client.SendAsync(request, budget.Token);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            LogLookupFailed(logger, ex.Message);
            throw new ApiUnavailableException("The api did not answer the key lookup.", ex);
        }

        using (response)
        {
            if (response.StatusCode == HttpStatusCode.NotFound)
            {
                return null;
            }

            if (!response.IsSuccessStatusCode)
            {
                if (response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden)
                {
                    // Gateway and api hold different signing keys: no retry fixes that, an operator must.
                    LogLookupRejected(logger, (int)response.StatusCode);
                }
                else
                {
                    LogLookupFailed(logger, $"status {(int)response.StatusCode}");
                }

                throw new ApiUnavailableException($"The api answered the key lookup with status {(int)response.StatusCode}.");
            }

            try
            {
                var tenant = await response.Content.ReadFromJsonAsync(GatewayJsonContext.Default.TenantIdentity, budget.Token);
                return tenant is { TenantId: var id, TenantName: not null } && id != Guid.Empty
                    ? tenant
                    : throw new ApiUnavailableException("The api answered the key lookup without a tenant.");
            }
            catch (Exception ex) when (ex is JsonException or HttpRequestException
                                       || (ex is OperationCanceledException && !cancellationToken.IsCancellationRequested))
            {
                throw new ApiUnavailableException("The api's answer to the key lookup could not be read.", ex);
            }
        }
    }

    internal sealed record ResolveKeyRequest(string Key);

    [LoggerMessage(Level = LogLevel.Warning, Message = "API key lookup failed: {Reason}")]
    private static partial void LogLookupFailed(ILogger logger, string reason);

    [LoggerMessage(Level = LogLevel.Error,
        Message = "The api refused the key lookup with status {StatusCode}; check that gateway and api share the same tenant-signing-key")]
    private static partial void LogLookupRejected(ILogger logger, int statusCode);
}

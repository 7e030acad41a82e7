using Microsoft.Extensions.DependencyInjection;

namespace AiNow.Contracts.Inference;

/// <summary>How api and worker connect to inference.</summary>
public static class InferenceConnection
{
    /// <summary>
    /// Inference runs beside its callers (same cluster, same host locally): a connection that takes longer than this
    /// is not coming, and failing it lets the caller answer 503 (or defer its job) at once. Without it a pod IP that
    /// drops packets (a node gone, a policy change) holds the call for the whole attempt timeout.
    /// </summary>
    public static readonly TimeSpan ConnectTimeout = TimeSpan.FromSeconds(2);

    /// <summary>Connects with <see cref="ConnectTimeout"/>; connections are renewed every few minutes so scaled-out replicas get traffic.</summary>
    public static IHttpClientBuilder UseInferenceConnection(this IHttpClientBuilder client) =>
        client.ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler
        {
            ConnectTimeout = ConnectTimeout,
            PooledConnectionLifetime = TimeSpan.FromMinutes(2),
        });
}

namespace AiNow.Contracts;

/// <summary>
/// How long each hop waits for the one behind it, for the longest request the platform serves (a chat completion).
/// Each hop gives up a little before the hop in front of it, so a slow answer ends with the innermost hop's own
/// problem (inference's 504 naming the model provider's silence) rather than a bare timeout at the edge:
/// model provider ≤ inference (<see cref="InferenceUpstream"/>) &lt; api (<see cref="Chat"/>) &lt;
/// gateway (<see cref="GatewayIdle"/>) &lt; load balancer or ingress (<see cref="Edge"/>).
/// </summary>
/// <remarks>
/// Each service's setting defaults to its value here (<c>Inference:Upstream:Timeout</c>, <c>Api:ChatTimeoutSeconds</c>,
/// <c>Gateway:ProxyIdleTimeoutSeconds</c>) and the deployment output derives the edge's from the same chat time,
/// so the chain holds unless one hop is overridden alone. Inference and the api wait for the response headers (a
/// stream's first bytes); the gateway and most edges wait for the next bytes, which a stream keeps sending.
/// </remarks>
public static class RequestTimeouts
{
    /// <summary>The api's wait for a chat completion: the longest request.</summary>
    public static readonly TimeSpan Chat = TimeSpan.FromSeconds(300);

    /// <summary>Inference's wait for the model provider: answers before the api gives up.</summary>
    public static TimeSpan InferenceUpstream => InferenceUpstreamFor(Chat);

    /// <summary>The gateway's wait between bytes from the api: outlasts the api's own wait.</summary>
    public static TimeSpan GatewayIdle => GatewayIdleFor(Chat);

    /// <summary>The load balancer's or ingress's wait: outlasts the gateway's.</summary>
    public static TimeSpan Edge => EdgeFor(Chat);

    /// <summary>Inference's wait when the api waits <paramref name="chat"/>.</summary>
    public static TimeSpan InferenceUpstreamFor(TimeSpan chat) => chat - TimeSpan.FromSeconds(10);

    /// <summary>The gateway's wait when the api waits <paramref name="chat"/>.</summary>
    public static TimeSpan GatewayIdleFor(TimeSpan chat) => chat + TimeSpan.FromSeconds(15);

    /// <summary>The edge's wait when the api waits <paramref name="chat"/>.</summary>
    public static TimeSpan EdgeFor(TimeSpan chat) => chat + TimeSpan.FromSeconds(30);
}

using Yarp.ReverseProxy.Configuration;
using Yarp.ReverseProxy.Forwarder;
using AiNow.Contracts;

namespace AiNow.Gateway.Proxy;

/// <summary>
/// The only routes the gateway serves: <c>/v1/*</c> and <c>/admin/*</c>, both to the <c>api</c>
/// cluster, whose address service discovery resolves. In code rather than appsettings because
/// they are part of the gateway's contract, not a deployment choice.
/// </summary>
public static class ApiProxyConfiguration
{
    public const string ClusterId = ResourceNames.Api;
    public const string TenantRouteId = "v1";
    public const string AdminRouteId = "admin";

    /// <summary>The api as service discovery names it.</summary>
    public const string ApiAddress = "http://" + ResourceNames.Api;

    public static IReadOnlyList<RouteConfig> Routes { get; } =
    [
        new RouteConfig { RouteId = TenantRouteId, ClusterId = ClusterId, Match = new RouteMatch { Path = "/v1/{**catch-all}" } },
        new RouteConfig { RouteId = AdminRouteId, ClusterId = ClusterId, Match = new RouteMatch { Path = "/admin/{**catch-all}" } },
    ];

    /// <summary>The api cluster; a forwarded request fails with 504 after <paramref name="idleTimeout"/> without a byte from the api.</summary>
    public static IReadOnlyList<ClusterConfig> Clusters(TimeSpan idleTimeout) =>
    [
        new ClusterConfig
        {
            ClusterId = ClusterId,
            Destinations = new Dictionary<string, DestinationConfig>
            {
                [ResourceNames.Api] = new() { Address = ApiAddress },
            },
            // Kestrel reads header values as UTF-8; forwarded in the client's ASCII-only default, any other
            // character failed the request as if the api were unreachable. Sent as read, they reach the api unchanged.
            HttpClient = new HttpClientConfig { RequestHeaderEncoding = "utf-8" },
            // YARP's default (100 s) would cut a chat completion the api is still waiting for (RequestTimeouts).
            HttpRequest = new ForwarderRequestConfig { ActivityTimeout = idleTimeout },
        },
    ];
}

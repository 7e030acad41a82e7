using System.Text.RegularExpressions;
using AiNow.Publishing.Kubernetes.Ingress;

namespace AiNow.Publishing.Deployment;

/// <summary>
/// The first request a client would make, without a key: the gateway must answer 401 over the public
/// host's valid certificate. That proves DNS, TLS, the load balancer, the ingress and the gateway's
/// authentication, and needs no secret. Transient answers (5xx, timeouts, a name not resolving yet)
/// are retried for about a minute.
/// </summary>
internal static partial class SmokeTest
{
    /// <summary>The path called: under the only public prefix, so the gateway authenticates it.</summary>
    public const string Path = IngressController.PublicPathPrefix + "/models";

    /// <summary>The status an unauthenticated call must get.</summary>
    public const string ExpectedStatus = "401";

    /// <summary>The call to <paramref name="host"/>.</summary>
    public static DeployCommand Against(string host) =>
        DeployCommand.Of(
            "curl", "--silent", "--show-error", "--output", "/dev/null", "--write-out", "%{http_code}",
            "--max-time", "10", "--retry", "10", "--retry-delay", "6", "--retry-all-errors",
            $"https://{host}{Path}") with { ExpectedOutput = Unauthorized() };

    [GeneratedRegex("^" + ExpectedStatus + "$")]
    private static partial Regex Unauthorized();
}

using System.Text.RegularExpressions;
using AiNow.Publishing.Kubernetes.Ingress;

namespace AiNow.Publishing.Deployment;

/// <summary>
/// The first request a client would make, without a key: the gateway must answer 401 over the public
/// host's valid certificate. That proves TLS, the load balancer, the ingress and the gateway's
/// authentication, and needs no secret. A target's own deploy calls its ingress's address directly
/// (<see cref="ThroughIngress"/>): its public name may be written only by the global DNS, applied
/// after every target. Once that is applied, <see cref="Against"/> calls the names through DNS.
/// A call is repeated while it fails or gets an answer of a load balancer not serving yet, within
/// <see cref="Timeout"/>: load balancers and their certificates take minutes to be programmed on a
/// first deploy. Another answer fails at once.
/// </summary>
internal static partial class SmokeTest
{
    /// <summary>The path called: under the only public prefix, so the gateway authenticates it.</summary>
    public const string Path = IngressController.PublicPathPrefix + "/models";

    /// <summary>The status an unauthenticated call must get.</summary>
    public const string ExpectedStatus = "401";

    /// <summary>How long a smoke test may take: a first ALB or Google load balancer takes several minutes to serve.</summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromMinutes(15);

    /// <summary>The pause between two calls.</summary>
    public static readonly TimeSpan RetryEvery = TimeSpan.FromSeconds(10);

    /// <summary>
    /// The address the ingress controller gave <paramref name="ingress"/> (an IP on Google Cloud and
    /// behind ingress-nginx, a host name for an AWS ALB), waited for and kept as <paramref name="capture"/>.
    /// </summary>
    public static DeployCommand IngressAddress(string ingress, string @namespace, Capture capture) =>
        DeployCommand.Of("kubectl", "get", "ingress", ingress, "-n", @namespace, "-o", "jsonpath={.status.loadBalancer.ingress[0].ip}{.status.loadBalancer.ingress[0].hostname}")
            with { ExpectedOutput = Address(), RepeatEvery = RetryEvery, Captures = capture };

    /// <summary>
    /// The call to <paramref name="host"/> sent to <paramref name="address"/> (a <see cref="Capture.Reference"/>):
    /// curl still sends the host name in TLS and in the request, so the certificate of the public name
    /// is verified and the ingress routes by that name, but no DNS record is needed.
    /// </summary>
    public static DeployCommand ThroughIngress(string host, string address) =>
        Call(host, "--connect-to", $"{host}:443:{address}:443");

    /// <summary>The call to <paramref name="host"/> through DNS.</summary>
    public static DeployCommand Against(string host) => Call(host);

    private static DeployCommand Call(string host, params string[] route) =>
        new DeployCommand("curl", ["--silent", "--show-error", "--output", "/dev/null", "--write-out", "%{http_code}", "--max-time", "10", .. route, $"https://{host}{Path}"])
        {
            ExpectedOutput = Unauthorized(),
            RepeatEvery = RetryEvery,
            RepeatWhile = NotServingYet(),
        };

    [GeneratedRegex("^" + ExpectedStatus + "$")]
    private static partial Regex Unauthorized();

    // No answer, the controller's default backend before the Ingress is synced, the load balancer
    // without healthy backends yet: worth asking again. Anything else (200: the API open without a key)
    // is the release's answer and fails at once.
    [GeneratedRegex(@"^(000|404|429|5\d\d)$")]
    private static partial Regex NotServingYet();

    // One IP (v4 or v6) or DNS name: an empty status means the load balancer is not there yet.
    [GeneratedRegex(@"^[A-Za-z0-9][A-Za-z0-9.:-]*$")]
    private static partial Regex Address();
}

using System.Text.RegularExpressions;

namespace AiNow.IntegrationTests.Fuzz;

/// <summary>
/// Text that must never reach a client: traces and type names of the runtime, source paths, internal service
/// names, the loopback addresses and ports of the services behind the gateway, and the platform's secrets.
/// </summary>
internal sealed partial class LeakMarkers
{
    /// <summary>Markers of an exception or the runtime, matched exactly; the hostile strings never hold one.</summary>
    public static readonly IReadOnlyList<string> Runtime =
    [
        "   at ", "Exception", "Npgsql", "System.", "Microsoft.", "StackExchange", "Yarp", "AiNow.", ".cs:line", ".dll",
        "/home/", "/root/", "/tmp/", "/usr/", "/src/", "/app/", "C:\\",
    ];

    /// <summary>Names of the services and stores behind the gateway, matched in any case.</summary>
    public static readonly IReadOnlyList<string> InternalNames =
    [
        "http://api", "https://api", "api service", "database", "inference", "postgres", "garnet", "redis", "localhost", "127.0.0.1", "[::1]",
    ];

    private readonly IReadOnlyList<string> _secrets;
    private readonly Regex? _internalPorts;

    private LeakMarkers(IReadOnlyList<string> secrets, IReadOnlyCollection<string> ports)
    {
        _secrets = secrets;
        // A port after a colon or "port" names an address; after '":' it is only a JSON number (a token count).
        _internalPorts = ports.Count == 0
            ? null
            : new Regex($@"(?<!""):(?:{string.Join('|', ports)})\b|port[= ](?:{string.Join('|', ports)})\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);
    }

    /// <summary>
    /// The markers of this running platform: besides the fixed ones, every internal port and password found in
    /// the environment the AppHost gave the gateway and the api, and the admin and signing keys.
    /// </summary>
    public static async Task<LeakMarkers> ForAsync(PlatformFixture platform)
    {
        var secrets = new HashSet<string>(StringComparer.Ordinal) { platform.AdminKey, platform.SigningKey };
        var ports = new HashSet<string>(StringComparer.Ordinal);
        foreach (var resource in new[] { "gateway", "api" })
        {
            var (_, _, environment, _) = await SecondInstance.FirstAsync(platform, resource);
            foreach (var (name, value) in environment)
            {
                if (!name.StartsWith("services__", StringComparison.Ordinal) && !name.StartsWith("ConnectionStrings__", StringComparison.Ordinal))
                {
                    continue;
                }

                ports.UnionWith(Port().Matches(value).Select(match => match.Groups["port"].Value));
                secrets.UnionWith(Password().Matches(value).Select(match => match.Groups["password"].Value).Where(p => p.Length >= 8));
            }
        }

        return new LeakMarkers([.. secrets], ports);
    }

    /// <summary>The first marker in <paramref name="answer"/> that the request did not itself carry, or null.</summary>
    /// <param name="answer">A response's headers and body as text.</param>
    /// <param name="request">The request's target and body as text: a marker it carried may come back as an echo.</param>
    public string? FindIn(string answer, string request)
    {
        foreach (var marker in Runtime)
        {
            if (answer.Contains(marker, StringComparison.Ordinal))
            {
                return marker;
            }
        }

        foreach (var marker in InternalNames)
        {
            if (answer.Contains(marker, StringComparison.OrdinalIgnoreCase) && !request.Contains(marker, StringComparison.OrdinalIgnoreCase))
            {
                return marker;
            }
        }

        if (_internalPorts?.Match(answer) is { Success: true } port && !_internalPorts.IsMatch(request))
        {
            return $"internal port '{port.Value}'";
        }

        return _secrets.Any(secret => answer.Contains(secret, StringComparison.Ordinal)) ? "a platform secret" : null;
    }

    /// <summary>Whether <paramref name="text"/> (a generated request) holds a runtime marker, which would make its echo look like a leak.</summary>
    public static bool HasRuntimeMarker(string text) => Runtime.Any(marker => text.Contains(marker, StringComparison.OrdinalIgnoreCase));

    [GeneratedRegex(@"(?:localhost|127\.0\.0\.1|\[::1\]):(?<port>\d{2,5})|\bPort=(?<port>\d{2,5})", RegexOptions.IgnoreCase)]
    private static partial Regex Port();

    [GeneratedRegex(@"[Pp]assword=(?<password>[^;,]+)")]
    private static partial Regex Password();
}

using System.Globalization;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;

namespace AiNow.ServiceDefaults.ForwardedHeaders;

/// <summary>
/// The proxies (the ingress, a cloud load balancer) whose <c>X-Forwarded-For</c> and <c>X-Forwarded-Proto</c>
/// a service believes, read from <c>ForwardedHeaders:TrustedNetworks</c> and <c>ForwardedHeaders:ForwardLimit</c>.
/// </summary>
/// <param name="Networks">The networks a peer must be in for its forwarded headers to be applied.</param>
/// <param name="ForwardLimit">How many proxy hops, right to left, are read from the headers.</param>
public sealed record TrustedProxySettings(IReadOnlyList<IPNetwork> Networks, int ForwardLimit)
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "ForwardedHeaders";

    /// <summary>Comma-separated CIDR networks, e.g. <c>10.20.0.0/16,35.191.0.0/16</c> (env <c>ForwardedHeaders__TrustedNetworks</c>).</summary>
    public const string TrustedNetworksKey = SectionName + ":TrustedNetworks";

    /// <summary>Proxy hops to read, default 1 (env <c>ForwardedHeaders__ForwardLimit</c>).</summary>
    public const string ForwardLimitKey = SectionName + ":ForwardLimit";

    /// <summary>The host's own switch that trusts forwarded headers from any peer (<c>ASPNETCORE_FORWARDEDHEADERS_ENABLED</c>).</summary>
    internal const string FrameworkSwitchKey = "FORWARDEDHEADERS_ENABLED";

    private const string Example = "10.20.0.0/16,35.191.0.0/16";

    /// <summary>
    /// Reads the settings; null when <c>ForwardedHeaders:TrustedNetworks</c> is not set, in which case no
    /// forwarded header is processed at all (the local dev loop has no proxy in front of the services).
    /// </summary>
    /// <exception cref="InvalidOperationException">A setting is malformed; the message names it, the bad value and the fix.</exception>
    public static TrustedProxySettings? Read(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var list = configuration[TrustedNetworksKey];
        if (string.IsNullOrWhiteSpace(list))
        {
            return null;
        }

        if (bool.TryParse(configuration[FrameworkSwitchKey], out var frameworkSwitch) && frameworkSwitch)
        {
            throw new InvalidOperationException(
                $"{TrustedNetworksKey} is set, but so is ASPNETCORE_FORWARDEDHEADERS_ENABLED=true, which makes ASP.NET Core " +
                "trust forwarded headers from any peer before the trusted-network check runs. " +
                "Remove ASPNETCORE_FORWARDEDHEADERS_ENABLED from the service's environment.");
        }

        var networks = list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(ParseNetwork)
            .ToList();

        return new TrustedProxySettings(networks, ReadForwardLimit(configuration[ForwardLimitKey]));
    }

    /// <summary>
    /// Options for <c>ForwardedHeadersMiddleware</c>: X-Forwarded-For and X-Forwarded-Proto, accepted only from
    /// <see cref="Networks"/>. The framework's defaults (loopback as known network and proxy) are cleared, so the
    /// configured list is exactly what is trusted.
    /// </summary>
    public ForwardedHeadersOptions ToOptions()
    {
        var options = new ForwardedHeadersOptions
        {
            ForwardedHeaders = Microsoft.AspNetCore.HttpOverrides.ForwardedHeaders.XForwardedFor |
                Microsoft.AspNetCore.HttpOverrides.ForwardedHeaders.XForwardedProto,
            ForwardLimit = ForwardLimit,
        };
        options.KnownIPNetworks.Clear();
        options.KnownProxies.Clear();
        foreach (var network in Networks)
        {
            options.KnownIPNetworks.Add(network);
        }

        return options;
    }

    private static IPNetwork ParseNetwork(string entry)
    {
        var slash = entry.IndexOf('/', StringComparison.Ordinal);
        if (slash <= 0 || !IPAddress.TryParse(entry.AsSpan(0, slash), out var address) || !IPNetwork.TryParse(entry, out var network))
        {
            throw new InvalidOperationException(
                $"{TrustedNetworksKey} holds '{entry}', which is not a network in CIDR notation. " +
                $"Set it to comma-separated networks such as '{Example}' (a single proxy is 10.20.1.5/32), " +
                "for example with the environment variable ForwardedHeaders__TrustedNetworks.");
        }

        // IPNetwork silently drops bits set after the prefix; refuse instead, because '10.20.1.0/16' is as likely
        // a mistyped /24 as a /16, and guessing wider trusts more peers than meant.
        if (!network.BaseAddress.Equals(address))
        {
            throw new InvalidOperationException(
                $"{TrustedNetworksKey} holds '{entry}', whose address has bits set after the /{network.PrefixLength.ToString(CultureInfo.InvariantCulture)} prefix. " +
                $"Write the network address ('{network}') if that is the network meant, or the prefix that matches the address " +
                "(a single proxy is /32 for IPv4, /128 for IPv6).");
        }

        return network;
    }

    private static int ReadForwardLimit(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return 1;
        }

        if (int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var limit) && limit >= 1)
        {
            return limit;
        }

        throw new InvalidOperationException(
            $"{ForwardLimitKey} is '{value}', which is not a whole number of at least 1. " +
            "Set it to the number of trusted proxies a request passes (1 for an ingress alone, 2 for a load balancer " +
            "in front of the ingress), or remove it for the default 1.");
    }
}

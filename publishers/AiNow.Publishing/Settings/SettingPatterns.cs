using System.Net;
using System.Text.RegularExpressions;

namespace AiNow.Publishing.Settings;

/// <summary>The shapes settings values must have (DNS names, ranges, registries, tags), shared by the rules.</summary>
internal static partial class SettingPatterns
{
    public static bool IsDnsName(string? name, bool requireDot = true)
    {
        if (string.IsNullOrEmpty(name) || name.Length > 253 || (requireDot && !name.Contains('.', StringComparison.Ordinal)))
        {
            return false;
        }

        return name.Split('.').All(label => label.Length is > 0 and <= 63 && DnsLabelStartingWithDigit().IsMatch(label));
    }

    public static bool IsPrivateCidr(string? cidr)
    {
        if (string.IsNullOrEmpty(cidr) || !IPNetwork.TryParse(cidr, out var network) || network.BaseAddress.AddressFamily != System.Net.Sockets.AddressFamily.InterNetwork)
        {
            return false;
        }

        if (network.PrefixLength is < 8 or > 24 || !string.Equals(network.ToString(), cidr, StringComparison.Ordinal))
        {
            return false;
        }

        return IPNetwork.Parse("10.0.0.0/8").Contains(network.BaseAddress)
            || IPNetwork.Parse("172.16.0.0/12").Contains(network.BaseAddress)
            || IPNetwork.Parse("192.168.0.0/16").Contains(network.BaseAddress);
    }

    public static string Join(IEnumerable<string> names) => string.Join(", ", names.Order(StringComparer.Ordinal));

    [GeneratedRegex("^[a-z]([a-z0-9-]{0,61}[a-z0-9])?$", RegexOptions.CultureInvariant)]
    public static partial Regex DnsLabel();

    [GeneratedRegex("^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$", RegexOptions.CultureInvariant)]
    private static partial Regex DnsLabelStartingWithDigit();

    [GeneratedRegex("^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$", RegexOptions.CultureInvariant)]
    public static partial Regex ImageTag();

    [GeneratedRegex(@"^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})/[A-Za-z0-9._-]{1,100}$", RegexOptions.CultureInvariant)]
    public static partial Regex GitHubRepository();

    [GeneratedRegex(@"^\d{12}$", RegexOptions.CultureInvariant)]
    public static partial Regex AwsAccount();

    [GeneratedRegex("^[a-z][a-z0-9-]{4,28}[a-z0-9]$", RegexOptions.CultureInvariant)]
    public static partial Regex GcpProject();

    [GeneratedRegex(@"^[a-z0-9]([a-z0-9.-]*[a-z0-9])?(:\d{1,5})?(/[a-z0-9._-]+)*$", RegexOptions.CultureInvariant)]
    public static partial Regex Registry();
}

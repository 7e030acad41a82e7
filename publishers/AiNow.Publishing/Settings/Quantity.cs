using System.Globalization;
using System.Text.RegularExpressions;

namespace AiNow.Publishing.Settings;

/// <summary>Parses Kubernetes quantities (<c>250m</c>, <c>1</c>, <c>512Mi</c>) so limits can be compared with requests.</summary>
public static partial class Quantity
{
    /// <summary>The value in base units, or null when <paramref name="text"/> is not a quantity.</summary>
    public static decimal? TryParse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var match = QuantityPattern().Match(text);
        if (!match.Success)
        {
            return null;
        }

        var number = decimal.Parse(match.Groups["number"].Value, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture);
        var factor = match.Groups["suffix"].Value switch
        {
            "" => 1m,
            "m" => 0.001m,
            "k" => 1_000m,
            "M" => 1_000_000m,
            "G" => 1_000_000_000m,
            "T" => 1_000_000_000_000m,
            "Ki" => 1024m,
            "Mi" => 1024m * 1024,
            "Gi" => 1024m * 1024 * 1024,
            "Ti" => 1024m * 1024 * 1024 * 1024,
            _ => 0m,
        };
        return number * factor;
    }

    [GeneratedRegex(@"^(?<number>\d+(\.\d+)?)(?<suffix>m|k|M|G|T|Ki|Mi|Gi|Ti)?$", RegexOptions.CultureInvariant)]
    private static partial Regex QuantityPattern();
}

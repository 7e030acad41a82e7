namespace AiNow.ServiceDefaults.Telemetry;

/// <summary>The OpenTelemetry environment variables' list format, shared by the exporters' settings.</summary>
public static class OtlpSettings
{
    /// <summary>
    /// Parses <c>key1=value1,key2=value2</c> (<c>OTEL_EXPORTER_OTLP_HEADERS</c>, <c>OTEL_RESOURCE_ATTRIBUTES</c>);
    /// values are percent-decoded, as the specification says, and entries without a key are skipped.
    /// </summary>
    public static Dictionary<string, string> ParseList(string? list)
    {
        var result = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var pair in (list ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var separator = pair.IndexOf('=', StringComparison.Ordinal);
            if (separator > 0)
            {
                result[pair[..separator].Trim()] = Uri.UnescapeDataString(pair[(separator + 1)..].Trim());
            }
        }

        return result;
    }
}

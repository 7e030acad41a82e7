namespace AiNow.Testing.Otlp;

/// <summary>A span as an OTLP exporter sent it.</summary>
public sealed record ReceivedSpan(string Service, string TraceId, string SpanId, string ParentSpanId, string Name, IReadOnlyDictionary<string, string> Attributes);

/// <summary>A log record as an OTLP exporter sent it.</summary>
public sealed record ReceivedLog(string Service, string TraceId, string SpanId, string Body, IReadOnlyDictionary<string, string> Attributes);

/// <summary>One data point of a metric: a sum or gauge's value, a histogram's count.</summary>
public sealed record ReceivedPoint(string Service, string Metric, IReadOnlyDictionary<string, string> Attributes, double Value);

/// <summary>Reads OTLP export requests (opentelemetry-proto v1: collector/{trace,logs,metrics}/v1) into plain records.</summary>
public static class OtlpDecoder
{
    /// <summary>Spans of an ExportTraceServiceRequest.</summary>
    public static IEnumerable<ReceivedSpan> Spans(ProtobufMessage request) =>
        from resource in request.Messages(1)
        let service = ServiceOf(resource)
        from scope in resource.Messages(2)
        from span in scope.Messages(2)
        select new ReceivedSpan(service, span.Hex(1), span.Hex(2), span.Hex(4), span.Text(5) ?? "", Attributes(span, 9));

    /// <summary>Log records of an ExportLogsServiceRequest.</summary>
    public static IEnumerable<ReceivedLog> Logs(ProtobufMessage request) =>
        from resource in request.Messages(1)
        let service = ServiceOf(resource)
        from scope in resource.Messages(2)
        from log in scope.Messages(2)
        select new ReceivedLog(service, log.Hex(9), log.Hex(10), ValueText(log.Message(5)), Attributes(log, 6));

    /// <summary>Data points of an ExportMetricsServiceRequest (gauge 5, sum 7, histogram 9).</summary>
    public static IEnumerable<ReceivedPoint> Points(ProtobufMessage request) =>
        from resource in request.Messages(1)
        let service = ServiceOf(resource)
        from scope in resource.Messages(2)
        from metric in scope.Messages(2)
        from point in PointsOf(service, metric)
        select point;

    private static IEnumerable<ReceivedPoint> PointsOf(string service, ProtobufMessage metric)
    {
        var name = metric.Text(1) ?? "";
        foreach (var number in (metric.Message(5) ?? metric.Message(7))?.Messages(1) ?? [])
        {
            // NumberDataPoint: as_double (4, fixed64) or as_int (6, sfixed64); attributes 7.
            var value = number.Has(4) ? BitConverter.UInt64BitsToDouble(number.Number(4)!.Value) : (long)(number.Number(6) ?? 0);
            yield return new ReceivedPoint(service, name, Attributes(number, 7), value);
        }

        foreach (var histogram in metric.Message(9)?.Messages(1) ?? [])
        {
            // HistogramDataPoint: count 4; attributes 9.
            yield return new ReceivedPoint(service, name, Attributes(histogram, 9), histogram.Number(4) ?? 0);
        }
    }

    private static string ServiceOf(ProtobufMessage resourceEntry) =>
        resourceEntry.Message(1) is { } resource && Attributes(resource, 1).TryGetValue("service.name", out var name) ? name : "";

    private static Dictionary<string, string> Attributes(ProtobufMessage owner, int field)
    {
        var attributes = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var pair in owner.Messages(field))
        {
            attributes[pair.Text(1) ?? ""] = ValueText(pair.Message(2));
        }

        return attributes;
    }

    // AnyValue: string 1, bool 2, int 3, double 4; anything else as its presence only.
    private static string ValueText(ProtobufMessage? value) => value switch
    {
        null => "",
        _ when value.Has(1) => value.Text(1) ?? "",
        _ when value.Has(2) => value.Number(2) == 1 ? "true" : "false",
        _ when value.Has(3) => ((long)value.Number(3)!.Value).ToString(System.Globalization.CultureInfo.InvariantCulture),
        _ when value.Has(4) => BitConverter.UInt64BitsToDouble(value.Number(4)!.Value).ToString(System.Globalization.CultureInfo.InvariantCulture),
        _ => "(complex)",
    };
}

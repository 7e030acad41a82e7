using AiNow.Publishing.Kubernetes;
using AiNow.Publishing.Monitoring.Rules;
using static AiNow.Publishing.Monitoring.Rules.Promql;

namespace AiNow.Publishing.Monitoring.Dashboards;

/// <summary>One service's golden signals: request rate, errors, duration (p50, p99) and saturation (CPU and memory against limits).</summary>
public static class ServiceDashboard
{
    /// <summary>The dashboard of <paramref name="service"/> in <paramref name="context"/>'s environment.</summary>
    public static Dashboard Build(RuleContext context, string service)
    {
        ArgumentNullException.ThrowIfNull(context);
        var job = Eq(TelemetryContract.ServiceLabel, service);
        var requests = StandardMetrics.HttpServerDuration;
        var ns = Eq("namespace", context.Namespace);
        var container = Eq("container", service);
        PanelSpec[] panels =
        [
            new("Request rate by route", "reqps", [(SumRate(Select(requests, "_count", job), "5m", "http_route"), "{{http_route}}")]),
            new("Error ratio (5xx)", "percentunit", [(Select(RecordingRules.ErrorRatio("5m"), job), "5m"), (Select(RecordingRules.ErrorRatio("1h"), job), "1h")]),
            new("Duration p50 and p99", "s",
            [
                (Quantile(0.5, Select(requests, "_bucket", job), "5m"), "p50"),
                (Quantile(0.99, Select(requests, "_bucket", job), "5m"), "p99"),
            ]),
            new("Responses by status", "reqps", [(SumRate(Select(requests, "_count", job), "5m", TelemetryContract.StatusLabel), $"{{{{{TelemetryContract.StatusLabel}}}}}")]),
            new("CPU used / limit", "percentunit",
            [
                ($"{SumRate(Select(StandardMetrics.ContainerCpu, "", ns, container), "5m", "pod")} / {Sum("pod")} ({Select(StandardMetrics.ContainerLimits, "", ns, container, Eq("resource", "cpu"))})", "{{pod}}"),
            ]),
            new("Memory used / limit", "percentunit",
            [
                ($"{Sum("pod")} ({Select(StandardMetrics.ContainerMemory, "", ns, container)}) / {Sum("pod")} ({Select(StandardMetrics.ContainerLimits, "", ns, container, Eq("resource", "memory"))})", "{{pod}}"),
            ]),
        ];
        return new Dashboard($"ainow-{context.Environment.Name}-{service}", $"AI-Now {context.Environment.Name} / {service}", ["ainow", context.Environment.Name], DashboardLayout.Panels(panels));
    }
}

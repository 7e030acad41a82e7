using k8s.Models;

namespace AiNow.Publishing.Monitoring.Crds;

/// <summary>A PrometheusRule (monitoring.coreos.com/v1): groups of recording and alerting rules the Prometheus operator loads.</summary>
public sealed record PrometheusRule(string ApiVersion, string Kind, V1ObjectMeta Metadata, PrometheusRuleSpec Spec)
{
    /// <summary>A PrometheusRule; apiVersion and kind come first in the YAML.</summary>
    public PrometheusRule(V1ObjectMeta metadata, PrometheusRuleSpec spec)
        : this(PrometheusOperator.ApiVersion, "PrometheusRule", metadata, spec)
    {
    }
}

/// <summary>The rule groups.</summary>
public sealed record PrometheusRuleSpec(IReadOnlyList<RuleGroup> Groups);

/// <summary>Rules evaluated together, in order, at one interval.</summary>
/// <param name="Name">The group's name, unique in the Prometheus.</param>
/// <param name="Interval">How often it is evaluated, or null for the global interval.</param>
/// <param name="Rules">Recording rules first, then the alerts that may read them.</param>
public sealed record RuleGroup(string Name, string? Interval, IReadOnlyList<Rule> Rules);

/// <summary>A recording rule (<see cref="Record"/>) or an alerting rule (<see cref="Alert"/>).</summary>
public sealed record Rule
{
    /// <summary>The series a recording rule writes.</summary>
    public string? Record { get; init; }

    /// <summary>The alert's name.</summary>
    public string? Alert { get; init; }

    /// <summary>The PromQL expression.</summary>
    public required string Expr { get; init; }

    /// <summary>How long the condition must hold before the alert fires.</summary>
    public string? For { get; init; }

    /// <summary>Labels added to the result.</summary>
    public IReadOnlyDictionary<string, string>? Labels { get; init; }

    /// <summary>An alert's annotations (summary, description, runbook_url).</summary>
    public IReadOnlyDictionary<string, string>? Annotations { get; init; }
}

/// <summary>A ServiceMonitor (monitoring.coreos.com/v1): which Services Prometheus scrapes, on which port.</summary>
public sealed record ServiceMonitor(string ApiVersion, string Kind, V1ObjectMeta Metadata, ServiceMonitorSpec Spec)
{
    /// <summary>A ServiceMonitor; apiVersion and kind come first in the YAML.</summary>
    public ServiceMonitor(V1ObjectMeta metadata, ServiceMonitorSpec spec)
        : this(PrometheusOperator.ApiVersion, "ServiceMonitor", metadata, spec)
    {
    }
}

/// <summary>The Services selected and their endpoints.</summary>
/// <param name="Selector">Labels of the Services.</param>
/// <param name="NamespaceSelector">The namespaces searched.</param>
/// <param name="Endpoints">The ports scraped.</param>
public sealed record ServiceMonitorSpec(V1LabelSelector Selector, NamespaceSelector NamespaceSelector, IReadOnlyList<ScrapeEndpoint> Endpoints);

/// <summary>Namespaces a monitor looks in.</summary>
/// <param name="MatchNames">The names.</param>
public sealed record NamespaceSelector(IReadOnlyList<string> MatchNames);

/// <summary>One scraped port.</summary>
/// <param name="Port">The Service port's name.</param>
/// <param name="Interval">The scrape interval.</param>
/// <param name="HonorLabels">True to keep the scraped series' own <c>job</c> and <c>instance</c>.</param>
public sealed record ScrapeEndpoint(string Port, string Interval, bool HonorLabels);

/// <summary>The Prometheus operator's API.</summary>
public static class PrometheusOperator
{
    /// <summary>Its API version.</summary>
    public const string ApiVersion = "monitoring.coreos.com/v1";
}

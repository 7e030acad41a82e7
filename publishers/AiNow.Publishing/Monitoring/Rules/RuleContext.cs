using System.Globalization;
using AiNow.Publishing.Model;
using AiNow.Publishing.Model.Clouds;

namespace AiNow.Publishing.Monitoring.Rules;

/// <summary>What rules of one environment are written against: its namespace, public service, collector, thresholds and, on a target, its add-ons.</summary>
/// <param name="Model">The deployment model.</param>
/// <param name="Environment">The environment.</param>
/// <param name="Target">The target the rules run on, or null for what every target shares (dashboards).</param>
public sealed record RuleContext(DeploymentModel Model, EnvironmentPlan Environment, CloudTarget? Target = null)
{
    /// <summary>
    /// True when cert-manager issues the target's certificates, so its expiry metric exists. Elsewhere
    /// (ACM on AWS renews by itself) a certificate alert could never fire and its absent() companion always would.
    /// </summary>
    public bool WatchesCertificates => Target is { } target
        && KnownAddOns.For(target.Profile, Environment.Rollout.Strategy).Any(a => a.Name == KnownAddOns.CertManager.Name);

    /// <summary>The environment's namespace (<c>ainow-production</c>).</summary>
    public string Namespace => Model.Naming.Namespace(Environment.Name);

    /// <summary>The thresholds in force.</summary>
    public AlertThresholds Thresholds => AlertThresholds.For(Environment);

    /// <summary>The one public service, whose requests the SLOs measure.</summary>
    public string PublicService => Model.Services.Where(s => s.IsPublic).Select(s => s.Name).SingleOrDefault()
        ?? throw new InvalidOperationException("The SLOs measure the one public service, but the app model has none or several. Mark exactly one workload public (the gateway).");

    /// <summary>The collector's Service name, from the address pods export to (<c>otel-collector</c>).</summary>
    public string CollectorService => new Uri(Environment.Telemetry.OtlpEndpoint).Host.Split('.')[0];

    /// <summary>A number as PromQL writes it.</summary>
    public static string Number(double value) => value.ToString(CultureInfo.InvariantCulture);
}

using System.Globalization;
using AiNow.Publishing.Model;

namespace AiNow.Publishing.Monitoring.Rules;

/// <summary>What rules of one environment are written against: its namespace, public service, collector and thresholds.</summary>
/// <param name="Model">The deployment model.</param>
/// <param name="Environment">The environment.</param>
public sealed record RuleContext(DeploymentModel Model, EnvironmentPlan Environment)
{
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

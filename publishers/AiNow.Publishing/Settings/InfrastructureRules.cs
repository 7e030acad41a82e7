using System.Text.RegularExpressions;

namespace AiNow.Publishing.Settings;

/// <summary>Rules for what the infrastructure side builds: the Kubernetes version, the public DNS zone, zones, log and trace retention, the telemetry volumes and the edge's rate limit.</summary>
internal static partial class InfrastructureRules
{
    /// <summary>
    /// The retention periods both CloudWatch Logs and Cloud Logging accept: CloudWatch's values up to Cloud Logging's
    /// 3650 days, so not CloudWatch's 3653. Loki takes any number of days.
    /// </summary>
    private static readonly int[] RetentionDays = [1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288];

    /// <summary>The most requests per 5 minutes an AWS WAF rate-based rule counts to.</summary>
    private const int MaxEdgeRateLimit = 2_000_000_000;

    /// <summary>Traces serve the investigation of recent requests; a year of them outgrows one Tempo volume.</summary>
    private const int MaxTraceRetentionDays = 365;

    /// <summary>Anything smaller is a slip of the unit (<c>50Mi</c> for <c>50Gi</c>) rather than a volume Loki or Tempo can work on.</summary>
    private const decimal MinTelemetryVolumeBytes = 1024m * 1024 * 1024;

    public static void Validate(DeploymentSettings settings, List<SettingError> errors)
    {
        if (KubernetesMinor().Match(settings.KubernetesVersion ?? "") is not { Success: true } version || int.Parse(version.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) < 30)
        {
            errors.Add(new("KubernetesVersion", $"'{settings.KubernetesVersion}' is not a Kubernetes minor version of 1.30 or later.", "Use a minor version every cloud offers, e.g. '1.33' (the pods' preStop sleep needs 1.30)."));
        }

        if (!SettingPatterns.IsDnsName(settings.PublicDnsZone))
        {
            errors.Add(new("PublicDnsZone", $"'{settings.PublicDnsZone}' is not a DNS zone.", "Use the public zone the host names lie in, e.g. 'example.com'."));
        }

        if (!SettingPatterns.GitHubRepository().IsMatch(settings.SourceRepository ?? ""))
        {
            errors.Add(new("SourceRepository", $"'{settings.SourceRepository}' is not a GitHub repository.", "Use the repository whose workflows release and deploy, as owner/name (e.g. 'contoso/ainow'): the clouds trust only its OIDC tokens."));
        }

        if (!Email().IsMatch(settings.AcmeEmail ?? ""))
        {
            errors.Add(new("AcmeEmail", $"'{settings.AcmeEmail}' is not an e-mail address.", "Use the address that should receive certificate expiry notices, e.g. 'platform@example.com'."));
        }

        foreach (var environment in settings.Environments ?? [])
        {
            ValidateEnvironment(settings, environment, $"Environments[{environment.Name}]", errors);
        }
    }

    private static void ValidateEnvironment(DeploymentSettings settings, EnvironmentSettings environment, string path, List<SettingError> errors)
    {
        var infrastructure = environment.Infrastructure;
        if (infrastructure.Zones is < 2 or > 6)
        {
            errors.Add(new($"{path}.Infrastructure.Zones", $"{infrastructure.Zones} zones: a highly available network needs 2 at least, and the foundation's subnet plan holds 6 at most.", "Use 2 to 6 (2 for dev, 3 otherwise); regions have at least 3."));
        }

        if (!RetentionDays.Contains(infrastructure.LogRetentionDays))
        {
            errors.Add(new($"{path}.Infrastructure.LogRetentionDays", $"{infrastructure.LogRetentionDays} days is not a retention both CloudWatch Logs and Cloud Logging accept.", $"Use one of: {string.Join(", ", RetentionDays)}."));
        }

        if (!RetentionDays.Contains(infrastructure.AuditLogRetentionDays))
        {
            errors.Add(new($"{path}.Infrastructure.AuditLogRetentionDays", $"{infrastructure.AuditLogRetentionDays} days is not a retention both CloudWatch Logs and Cloud Logging accept.", $"Use one of: {string.Join(", ", RetentionDays)}."));
        }
        else if (infrastructure.AuditLogRetentionDays < infrastructure.LogRetentionDays)
        {
            errors.Add(new($"{path}.Infrastructure.AuditLogRetentionDays", $"Audit events would be kept {infrastructure.AuditLogRetentionDays} days, less than the {infrastructure.LogRetentionDays} days of the application logs.", $"Use at least {infrastructure.LogRetentionDays} (LogRetentionDays), or lower LogRetentionDays."));
        }

        if (infrastructure.TraceRetentionDays is < 1 or > MaxTraceRetentionDays)
        {
            errors.Add(new($"{path}.Infrastructure.TraceRetentionDays", $"{infrastructure.TraceRetentionDays} days is not a trace retention Tempo can keep on its volume.", $"Use 1 to {MaxTraceRetentionDays} days (7 for dev, 14 for staging, 30 for production); keep longer records as logs."));
        }

        if (Quantity.TryParse(infrastructure.TelemetryVolumeSize) is null or < MinTelemetryVolumeBytes)
        {
            errors.Add(new($"{path}.Infrastructure.TelemetryVolumeSize", $"'{infrastructure.TelemetryVolumeSize}' is not a volume size of at least 1Gi.", "Use a Kubernetes quantity such as 50Gi: Loki and Tempo each get a volume of this size."));
        }

        if (infrastructure.EdgeRateLimit is < 100 or > MaxEdgeRateLimit)
        {
            errors.Add(new($"{path}.Infrastructure.EdgeRateLimit", $"{infrastructure.EdgeRateLimit} requests per 5 minutes is not a limit the edges should enforce on one client address.", $"Use 100 (fewer throttles ordinary use) to {MaxEdgeRateLimit} (the most AWS WAF counts) requests per 5 minutes per client address."));
        }

        if (SettingPatterns.IsDnsName(settings.PublicDnsZone) && SettingPatterns.IsDnsName(environment.Hostname)
            && !environment.Hostname.EndsWith("." + settings.PublicDnsZone, StringComparison.Ordinal))
        {
            errors.Add(new($"{path}.Hostname", $"'{environment.Hostname}' is not in the public zone '{settings.PublicDnsZone}', where its certificate is validated and its records are written.", $"Use a name ending in '.{settings.PublicDnsZone}', or set PublicDnsZone to the zone that holds it."));
        }
    }

    [GeneratedRegex(@"^1\.(\d{2})$", RegexOptions.CultureInvariant)]
    private static partial Regex KubernetesMinor();

    [GeneratedRegex(@"^[^@\s]+@[^@\s]+\.[a-z]{2,}$", RegexOptions.CultureInvariant)]
    private static partial Regex Email();
}

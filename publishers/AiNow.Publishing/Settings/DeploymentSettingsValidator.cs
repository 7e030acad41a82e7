using System.Globalization;

namespace AiNow.Publishing.Settings;

/// <summary>
/// Checks deployment settings before anything is emitted. Every error names the setting, says what
/// is wrong and how to fix it, so a failed publish is one edit away from a good one.
/// </summary>
public static class DeploymentSettingsValidator
{
    /// <summary>Every problem found, in settings order; empty when the settings are valid.</summary>
    public static IReadOnlyList<SettingError> Validate(DeploymentSettings settings, SettingsScope scope)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(scope);

        var errors = new List<SettingError>();
        ValidateApplication(settings, errors);
        SizingRules.ValidateResources("InClusterStores.Resources", settings.InClusterStores.Resources, errors);
        if (Quantity.TryParse(settings.InClusterStores.StorageSize) is null or <= 0)
        {
            errors.Add(new("InClusterStores.StorageSize", $"'{settings.InClusterStores.StorageSize}' is not a storage size.", "Use a Kubernetes quantity such as 10Gi."));
        }

        ValidateAnalysis(settings.Analysis, errors);
        ValidateExternalEgress(settings, scope, errors);
        ValidateTelemetry(settings.Telemetry, errors);
        // Inference gives up 10 s before the api, so the chain needs room below the longest request.
        if (settings.LongestRequestSeconds is < 30 or > 3600)
        {
            errors.Add(new("LongestRequestSeconds", $"{settings.LongestRequestSeconds} s is not a request timeout the services can keep.", "Use the api's wait for a chat completion in seconds (300 by default; the gateway, inference and the edge follow it), from 30 to 3600."));
        }

        EnvironmentRules.Validate(settings, scope, errors);
        InfrastructureRules.Validate(settings, errors);
        SizingRules.ValidateResourceOverrides(settings, scope, errors);
        return errors;
    }

    /// <summary>Throws <see cref="InvalidDeploymentSettingsException"/> listing every problem, if any.</summary>
    public static void ThrowIfInvalid(DeploymentSettings settings, SettingsScope scope)
    {
        var errors = Validate(settings, scope);
        if (errors.Count > 0)
        {
            throw new InvalidDeploymentSettingsException(errors);
        }
    }

    private static void ValidateApplication(DeploymentSettings settings, List<SettingError> errors)
    {
        if (!SettingPatterns.DnsLabel().IsMatch(settings.ApplicationName ?? "") || settings.ApplicationName!.Length > 12)
        {
            errors.Add(new("ApplicationName", $"'{settings.ApplicationName}' is not a DNS label of at most 12 characters.", "Use lower-case letters, digits and '-', starting with a letter, e.g. 'ainow'."));
        }

        if (string.IsNullOrWhiteSpace(settings.ImageTag) || !SettingPatterns.ImageTag().IsMatch(settings.ImageTag))
        {
            errors.Add(new("ImageTag", $"'{settings.ImageTag}' is not an image tag.", "Use a release tag such as '1.4.2' (letters, digits, '.', '_', '-')."));
        }
        else if (string.Equals(settings.ImageTag, "latest", StringComparison.OrdinalIgnoreCase))
        {
            errors.Add(new("ImageTag", "'latest' is not a pinned image tag: every node could run a different build.", "Use a release tag such as '1.4.2' or a commit SHA."));
        }

        var accounts = settings.Accounts;
        if (!SettingPatterns.AwsAccount().IsMatch(accounts.Aws.AccountId ?? ""))
        {
            errors.Add(new("Accounts.Aws.AccountId", $"'{accounts.Aws.AccountId}' is not an AWS account id.", "Use the 12-digit account id, e.g. '111122223333'."));
        }

        if (!SettingPatterns.GcpProject().IsMatch(accounts.Gcp.ProjectId ?? ""))
        {
            errors.Add(new("Accounts.Gcp.ProjectId", $"'{accounts.Gcp.ProjectId}' is not a GCP project id.", "Use 6 to 30 lower-case letters, digits or '-', starting with a letter."));
        }

        if (!SettingPatterns.DnsLabel().IsMatch(accounts.DigitalOcean.RegistryName ?? ""))
        {
            errors.Add(new("Accounts.DigitalOcean.RegistryName", $"'{accounts.DigitalOcean.RegistryName}' is not a registry name.", "Use the DigitalOcean container registry name, a DNS label such as 'ainow'."));
        }

        if (!SettingPatterns.Registry().IsMatch(accounts.OnPrem.Registry ?? ""))
        {
            errors.Add(new("Accounts.OnPrem.Registry", $"'{accounts.OnPrem.Registry}' is not a registry host.", "Use a host name with an optional port and path, e.g. 'registry.example.com:5000/team'."));
        }

        ValidateVault("Accounts.DigitalOcean", accounts.DigitalOcean.VaultAddress, accounts.DigitalOcean.VaultCaBundle, errors);
        ValidateVault("Accounts.OnPrem", accounts.OnPrem.VaultAddress, accounts.OnPrem.VaultCaBundle, errors);
        ValidateStorageClass("Accounts.Aws.StorageClass", accounts.Aws.StorageClass, errors);
        ValidateStorageClass("Accounts.Gcp.StorageClass", accounts.Gcp.StorageClass, errors);
        ValidateStorageClass("Accounts.DigitalOcean.StorageClass", accounts.DigitalOcean.StorageClass, errors);
        if (accounts.OnPrem.StorageClass is not null)
        {
            ValidateStorageClass("Accounts.OnPrem.StorageClass", accounts.OnPrem.StorageClass, errors);
        }

        foreach (var (name, port) in new[] { ("PostgresPort", accounts.OnPrem.PostgresPort), ("RedisPort", accounts.OnPrem.RedisPort) })
        {
            if (port is < 1 or > 65535)
            {
                errors.Add(new($"Accounts.OnPrem.{name}", $"{port} is not a TCP port.", "Use the port the site's store listens on, from 1 to 65535."));
            }
        }
    }

    private static void ValidateAnalysis(RolloutAnalysisSettings analysis, List<SettingError> errors)
    {
        if (analysis.SuccessRateThreshold is <= 0 or > 1)
        {
            errors.Add(new("Analysis.SuccessRateThreshold", $"{analysis.SuccessRateThreshold.ToString(CultureInfo.InvariantCulture)} is not a share between 0 and 1.", "Use a value such as 0.99 (99% of requests succeed)."));
        }

        if (!Uri.TryCreate(analysis.PrometheusAddress, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            errors.Add(new("Analysis.PrometheusAddress", $"'{analysis.PrometheusAddress}' is not an http(s) address.", "Use the Prometheus URL as seen from the cluster, e.g. 'http://prometheus-operated.monitoring.svc.cluster.local:9090'."));
        }
    }

    private static void ValidateExternalEgress(DeploymentSettings settings, SettingsScope scope, List<SettingError> errors)
    {
        foreach (var (service, ports) in settings.ExternalEgress.OrderBy(e => e.Key, StringComparer.Ordinal))
        {
            var path = $"ExternalEgress[{service}]";
            if (!scope.Workloads.Contains(service))
            {
                errors.Add(new(path, $"there is no workload '{service}' in the app model.", $"Use one of: {SettingPatterns.Join(scope.Workloads)}; or remove the entry."));
            }

            if (ports is null || ports.Count == 0 || ports.Any(p => p is < 1 or > 65535))
            {
                errors.Add(new(path, "the ports must be a non-empty list of TCP ports from 1 to 65535.", "List the upstream's ports, e.g. [443]."));
            }
        }
    }

    private static void ValidateTelemetry(TelemetrySettings telemetry, List<SettingError> errors)
    {
        if (!Uri.TryCreate(telemetry.OtlpEndpoint, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            errors.Add(new("Telemetry.OtlpEndpoint", $"'{telemetry.OtlpEndpoint}' is not an http(s) address.", "Use the collector's address as seen from the cluster, e.g. 'http://otel-collector.monitoring.svc.cluster.local:4317'."));
        }

        if (telemetry.OtlpProtocol is not ("grpc" or "http/protobuf"))
        {
            errors.Add(new("Telemetry.OtlpProtocol", $"'{telemetry.OtlpProtocol}' is not an OTLP protocol.", "Use 'grpc' or 'http/protobuf'."));
        }
    }

    private static readonly string[] PrivateSuffixes = [".internal", ".local", ".lan", ".corp", ".home", ".intranet", ".localdomain"];

    private static void ValidateVault(string path, string address, string? caBundle, List<SettingError> errors)
    {
        ValidateHttpsAddress($"{path}.VaultAddress", address, errors);
        if (Uri.TryCreate(address, UriKind.Absolute, out var uri) && caBundle is null && PrivateSuffixes.Any(s => uri.Host.EndsWith(s, StringComparison.OrdinalIgnoreCase)))
        {
            errors.Add(new($"{path}.VaultCaBundle", $"Vault at '{uri.Host}' has a private name, which no public CA certifies, and no CA is given: External Secrets would fail every TLS handshake.", "Set VaultCaBundle to the PEM certificate of the CA that issued Vault's certificate (it is public, not a secret)."));
        }

        if (caBundle is not null && !caBundle.Contains("-----BEGIN CERTIFICATE-----", StringComparison.Ordinal))
        {
            errors.Add(new($"{path}.VaultCaBundle", "the value is not a PEM certificate.", "Paste the CA certificate including its -----BEGIN CERTIFICATE----- line."));
        }
    }

    private static void ValidateHttpsAddress(string path, string address, List<SettingError> errors)
    {
        if (!Uri.TryCreate(address, UriKind.Absolute, out var uri) || uri.Scheme != Uri.UriSchemeHttps)
        {
            errors.Add(new(path, $"'{address}' is not an https address.", "Use the server's https URL, e.g. 'https://vault.example.com:8200'."));
        }
    }

    private static void ValidateStorageClass(string path, string storageClass, List<SettingError> errors)
    {
        if (!SettingPatterns.IsDnsName(storageClass, requireDot: false))
        {
            errors.Add(new(path, $"'{storageClass}' is not a storage class name.", "Use the cluster's storage class name, e.g. 'standard'."));
        }
    }
}

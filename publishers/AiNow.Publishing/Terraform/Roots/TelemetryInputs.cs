using AiNow.Publishing.Model;
using AiNow.Publishing.Model.Clouds;
using AiNow.Publishing.Terraform.Hcl;

namespace AiNow.Publishing.Terraform.Roots;

/// <summary>
/// What a foundation makes for the OpenTelemetry Collector where the cloud keeps its logs and traces:
/// the collector's cloud identity, bound to the service account its chart runs as, and a destination per
/// log type with that type's retention, named by <see cref="TelemetryDestinations"/> as the collector's
/// configuration names them. Where Loki and Tempo keep them, the add-ons stage does it all.
/// </summary>
internal static class TelemetryInputs
{
    public static IEnumerable<KeyValuePair<string, HclExpression>> For(DeploymentModel model, EnvironmentPlan environment, CloudTarget target)
    {
        var backend = target.Profile.TelemetryBackend;
        if (backend == TelemetryBackend.LokiAndTempo)
        {
            yield break;
        }

        yield return new("collector", HclValues.Object(
            ("namespace", TelemetryDestinations.MonitoringNamespace),
            ("service_account", TelemetryDestinations.CollectorServiceAccount),
            ("identity", model.Naming.WorkloadIdentityName(environment.Name, KnownAddOns.CollectorIdentitySubject))));

        yield return backend switch
        {
            TelemetryBackend.CloudWatchAndXRay => new("log_groups", PerLogType(type => HclValues.Object(
                ("name", TelemetryDestinations.CloudWatchLogGroup(environment.Name, type)),
                ("retention_days", RetentionDays(environment, type))))),
            TelemetryBackend.CloudLoggingAndCloudTrace => new("log_buckets", PerLogType(type => HclValues.Object(
                ("log_name", TelemetryDestinations.CloudLoggingLogName(environment.Name, type)),
                ("bucket", TelemetryDestinations.CloudLoggingBucket(environment.Name, type)),
                ("retention_days", RetentionDays(environment, type))))),
            _ => throw new InvalidOperationException($"Telemetry backend '{backend}' of {target.Key} has no foundation inputs; add them to {nameof(TelemetryInputs)}."),
        };

        if (backend == TelemetryBackend.CloudLoggingAndCloudTrace)
        {
            // GKE would keep its own copy of the services' container logs beside the collector's: the
            // foundation excludes the namespace the overlay puts them in.
            yield return new("application_namespace", model.Naming.Namespace(environment.Name));
        }
    }

    /// <summary>The days an environment keeps logs of <paramref name="logType"/>: audit events apart from the application logs.</summary>
    public static int RetentionDays(EnvironmentPlan environment, string logType) => logType == TelemetryDestinations.AuditLogType
        ? environment.Infrastructure.AuditLogRetentionDays
        : environment.Infrastructure.LogRetentionDays;

    private static HclObject PerLogType(Func<string, HclObject> destination) =>
        HclValues.Map(TelemetryDestinations.LogTypes, type => type, destination);
}

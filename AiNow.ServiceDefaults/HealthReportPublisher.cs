using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using AiNow.Contracts.Telemetry;
using AiNow.ServiceDefaults.Telemetry;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging;

namespace AiNow.ServiceDefaults;

/// <summary>
/// Runs with the health check publisher (every check, every 30 s by default) so that the checks
/// readiness leaves out, those tagged <see cref="HealthEndpoints.OptionalTag"/>, are still seen:
/// a log event on each change of a check's status and the <c>ainow.health.status</c> gauge.
/// </summary>
public sealed partial class HealthReportPublisher : IHealthCheckPublisher
{
    private readonly ConcurrentDictionary<string, HealthStatus> _statuses = new(StringComparer.Ordinal);
    private readonly ILogger<HealthReportPublisher> _logger;

    /// <summary>Creates the publisher and its gauge on the <see cref="OpenTelemetrySetup.MeterName"/> meter.</summary>
    public HealthReportPublisher(ILogger<HealthReportPublisher> logger, IMeterFactory meterFactory)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        _logger = logger;
        meterFactory.CreateAiNowMeter().CreateGauge(AiNowMetrics.HealthStatus, () => _statuses.Select(entry => new Measurement<double>(
                ToValue(entry.Value), new KeyValuePair<string, object?>("check", entry.Key))));
    }

    /// <summary>The last status seen of each check, by check name.</summary>
    public IReadOnlyDictionary<string, HealthStatus> Statuses => _statuses;

    /// <inheritdoc />
    public Task PublishAsync(HealthReport report, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(report);
        foreach (var (name, entry) in report.Entries)
        {
            var previous = _statuses.TryGetValue(name, out var seen) ? seen : HealthStatus.Healthy;
            _statuses[name] = entry.Status;
            if (entry.Status == previous)
            {
                continue;
            }

            var affectsReadiness = !entry.Tags.Contains(HealthEndpoints.OptionalTag);
            if (entry.Status == HealthStatus.Healthy)
            {
                LogRecovered(_logger, name, previous);
            }
            else
            {
                // The description says what failed; the exception text may carry a connection string, so it stays out.
                LogNotHealthy(_logger, name, entry.Status, affectsReadiness, entry.Description ?? entry.Exception?.GetType().Name ?? "");
            }
        }

        return Task.CompletedTask;
    }

    private static double ToValue(HealthStatus status) => status switch
    {
        HealthStatus.Healthy => 1,
        HealthStatus.Degraded => 0.5,
        _ => 0,
    };

    [LoggerMessage(Level = LogLevel.Warning, Message = "Health check {Check} is {Status} (affects readiness: {AffectsReadiness}): {Description}")]
    private static partial void LogNotHealthy(ILogger logger, string check, HealthStatus status, bool affectsReadiness, string description);

    [LoggerMessage(Level = LogLevel.Information, Message = "Health check {Check} is Healthy again (was {Previous}).")]
    private static partial void LogRecovered(ILogger logger, string check, HealthStatus previous);
}

using System.Diagnostics.Metrics;
using AiNow.Contracts.Telemetry;
using AiNow.Data;
using AiNow.ServiceDefaults.Telemetry;

namespace AiNow.Worker.Processing;

/// <summary>Batch job metrics, from the catalog in <see cref="AiNowMetrics"/>.</summary>
internal sealed class WorkerMetrics
{
    private readonly Counter<long> _completed;
    private readonly Counter<long> _failed;
    private readonly Histogram<double> _duration;
    private readonly UsageCounters _usage;
    private QueueSnapshot? _queue;

    public WorkerMetrics(IMeterFactory meterFactory)
    {
        var meter = meterFactory.CreateAiNowMeter();
        _completed = meter.CreateCounter(AiNowMetrics.BatchJobsCompleted);
        _failed = meter.CreateCounter(AiNowMetrics.BatchJobsFailed);
        _duration = meter.CreateHistogram(AiNowMetrics.BatchJobDuration);
        _usage = new UsageCounters(meter);
        meter.CreateGauge(AiNowMetrics.BatchJobs, ObserveJobs);
        meter.CreateGauge(AiNowMetrics.BatchOldestQueuedAge, ObserveOldestAge);
    }

    public void Record(JobOutcome outcome, TimeSpan duration)
    {
        var tag = new KeyValuePair<string, object?>(AiNowMetrics.OutcomeTag, OutcomeName(outcome));
        if (outcome == JobOutcome.Completed)
        {
            _completed.Add(1);
        }
        else
        {
            _failed.Add(1, tag);
        }

        _duration.Record(duration.TotalSeconds, tag);
    }

    /// <summary>Counts what a completed job charged its tenant (the ledger row is written in the same transaction as the results).</summary>
    public void Charged(Guid tenantId, int tokens) => _usage.Charged(tenantId, BatchJobStore.UsageOperation, 1, tokens);

    /// <summary>Keeps the queue as last read, for the gauges to report until the next read.</summary>
    public void QueueRead(QueueSnapshot snapshot) => _queue = snapshot;

    private IEnumerable<Measurement<double>> ObserveJobs()
    {
        // No reading yet (the database was never reached): report nothing rather than an empty queue.
        if (_queue is not { } queue)
        {
            yield break;
        }

        yield return new Measurement<double>(queue.Queued, new KeyValuePair<string, object?>("state", "queued"));
        yield return new Measurement<double>(queue.Running, new KeyValuePair<string, object?>("state", "running"));
    }

    private IEnumerable<Measurement<double>> ObserveOldestAge()
    {
        if (_queue is { } queue)
        {
            yield return new Measurement<double>(queue.OldestQueuedAge.TotalSeconds);
        }
    }

    /// <summary>The outcome as tags and span attributes name it.</summary>
    public static string OutcomeName(JobOutcome outcome) => outcome switch
    {
        JobOutcome.Completed => "completed",
        JobOutcome.Retrying => "retrying",
        JobOutcome.Deferred => "deferred",
        JobOutcome.Failed => "failed",
        JobOutcome.LeaseLost => "lease_lost",
        _ => "unknown",
    };
}

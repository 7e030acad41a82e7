using System.Diagnostics.Metrics;
using AiNow.ServiceDefaults;

namespace AiNow.Worker.Processing;

/// <summary>Batch job metrics on the <c>AiNow</c> meter.</summary>
internal sealed class WorkerMetrics
{
    private readonly Counter<long> _completed;
    private readonly Counter<long> _failed;
    private readonly Histogram<double> _duration;

    public WorkerMetrics(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create(OpenTelemetrySetup.MeterName);
        _completed = meter.CreateCounter<long>("ainow.batch.jobs.completed", "{job}", "Batch jobs whose results were stored.");
        _failed = meter.CreateCounter<long>(
            "ainow.batch.jobs.failed", "{attempt}", "Failed batch job attempts; outcome=retrying|failed|lease_lost.");
        _duration = meter.CreateHistogram<double>("ainow.batch.job.duration", "s", "Time to process one claimed batch job, by outcome.");
    }

    public void Record(JobOutcome outcome, TimeSpan duration)
    {
        var tag = new KeyValuePair<string, object?>("outcome", OutcomeName(outcome));
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

    private static string OutcomeName(JobOutcome outcome) => outcome switch
    {
        JobOutcome.Completed => "completed",
        JobOutcome.Retrying => "retrying",
        JobOutcome.Failed => "failed",
        JobOutcome.LeaseLost => "lease_lost",
        _ => "unknown",
    };
}

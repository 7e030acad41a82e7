namespace AiNow.Worker.Options;

/// <summary>The <c>Worker</c> configuration section.</summary>
internal sealed class WorkerOptions
{
    public const string SectionName = "Worker";

    /// <summary>How long a claimed job stays reserved for this worker without a renewal.</summary>
    public int LeaseSeconds { get; set; } = 30;

    /// <summary>How long to wait before looking again when no job is claimable.</summary>
    public int PollMilliseconds { get; set; } = 1000;

    /// <summary>How many inputs go to inference in one request.</summary>
    public int ChunkSize { get; set; } = 16;

    /// <summary>The key the worker signs its calls to inference with (the <c>tenant-signing-key</c> parameter).</summary>
    public string SigningKey { get; set; } = "";

    /// <summary>Seconds between reads of the queue for the queue gauges.</summary>
    public int QueueSampleSeconds { get; set; } = 15;

    /// <summary>
    /// Hours a finished batch job keeps its inputs and results; after that they are deleted and the job answers as
    /// expired. Results are large (one vector per text), so they are not kept for long.
    /// </summary>
    public int BatchRetentionHours { get; set; } = 168;

    /// <summary>Minutes between sweeps that delete expired batch inputs and results.</summary>
    public int RetentionSweepMinutes { get; set; } = 60;

    public TimeSpan Lease => TimeSpan.FromSeconds(LeaseSeconds);

    public TimeSpan BatchRetention => TimeSpan.FromHours(BatchRetentionHours);

    public TimeSpan RetentionSweepInterval => TimeSpan.FromMinutes(RetentionSweepMinutes);

    public TimeSpan PollInterval => TimeSpan.FromMilliseconds(PollMilliseconds);

    public TimeSpan QueueSampleInterval => TimeSpan.FromSeconds(QueueSampleSeconds);
}

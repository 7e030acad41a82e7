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

    public TimeSpan Lease => TimeSpan.FromSeconds(LeaseSeconds);

    public TimeSpan PollInterval => TimeSpan.FromMilliseconds(PollMilliseconds);

    public TimeSpan QueueSampleInterval => TimeSpan.FromSeconds(QueueSampleSeconds);
}

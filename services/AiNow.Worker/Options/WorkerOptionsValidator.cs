using AiNow.Contracts;
using Microsoft.Extensions.Options;

namespace AiNow.Worker.Options;

/// <summary>Rejects <c>Worker</c> settings the worker cannot run with, saying which setting and what range works.</summary>
internal sealed class WorkerOptionsValidator : IValidateOptions<WorkerOptions>
{
    public const int MinLeaseSeconds = 5;
    public const int MaxLeaseSeconds = 3600;
    public const int MinPollMilliseconds = 50;
    public const int MaxPollMilliseconds = 60_000;

    public ValidateOptionsResult Validate(string? name, WorkerOptions options)
    {
        var failures = new List<string>();

        if (options.SigningKey.Length < 16)
        {
            failures.Add(
                $"Worker:SigningKey must hold at least 16 characters (it has {options.SigningKey.Length}). " +
                "Set the secret parameter 'tenant-signing-key' (Parameters__tenant-signing-key); inference accepts only calls signed with it.");
        }

        if (options.LeaseSeconds is < MinLeaseSeconds or > MaxLeaseSeconds)
        {
            failures.Add(
                $"Worker:LeaseSeconds is {options.LeaseSeconds}; set it between {MinLeaseSeconds} and {MaxLeaseSeconds} " +
                "(seconds a claimed job stays reserved; it must outlast one inference call).");
        }

        if (options.PollMilliseconds is < MinPollMilliseconds or > MaxPollMilliseconds)
        {
            failures.Add(
                $"Worker:PollMilliseconds is {options.PollMilliseconds}; set it between {MinPollMilliseconds} and {MaxPollMilliseconds} " +
                "(milliseconds between looks for work when the queue is empty).");
        }

        if (options.ChunkSize is < 1 or > EmbeddingModel.MaxInputsPerBatch)
        {
            failures.Add(
                $"Worker:ChunkSize is {options.ChunkSize}; set it between 1 and {EmbeddingModel.MaxInputsPerBatch} " +
                "(inputs sent to inference per request).");
        }

        if (options.QueueSampleSeconds is < 1 or > 300)
        {
            failures.Add(
                $"Worker:QueueSampleSeconds is {options.QueueSampleSeconds}; set it between 1 and 300 " +
                "(seconds between reads of the queue for the queue depth and age gauges).");
        }

        if (options.BatchRetentionHours is < 1 or > 8760)
        {
            failures.Add(
                $"Worker:BatchRetentionHours is {options.BatchRetentionHours}; set it between 1 and 8760 " +
                "(hours a finished batch job keeps its inputs and results before they are deleted).");
        }

        if (options.RetentionSweepMinutes is < 1 or > 1440)
        {
            failures.Add(
                $"Worker:RetentionSweepMinutes is {options.RetentionSweepMinutes}; set it between 1 and 1440 " +
                "(minutes between sweeps that delete expired batch inputs and results).");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}

using AiNow.Contracts.Telemetry;
using AiNow.Worker.Processing;

namespace AiNow.Worker.Tests;

public sealed class WorkerMetricsTests
{
    [Fact]
    public void OutcomeName_EveryOutcomeButCompleted_IsListedInTheFailedCountersCatalogEntry()
    {
        // The catalog's description is what dashboards and alert authors read the outcome values from.
        var description = AiNowMetrics.BatchJobsFailed.Description;
        var listed = description[(description.IndexOf("outcome=", StringComparison.Ordinal) + "outcome=".Length)..].TrimEnd('.').Split('|');

        var emitted = Enum.GetValues<JobOutcome>().Where(outcome => outcome != JobOutcome.Completed).Select(WorkerMetrics.OutcomeName);

        Assert.Equal(listed.Order(StringComparer.Ordinal), emitted.Order(StringComparer.Ordinal));
    }
}

using AiNow.Api.Usage;
using AiNow.Data;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;

namespace AiNow.Api.Tests.Usage;

/// <summary>
/// When the write-behind tries the ledger, the outbox, or waits, on a controlled clock: the ledger rests for
/// exactly <see cref="UsageWriter.LedgerRestAfterFailure"/> after a failure, a batch kept nowhere is retried
/// after 250 ms, 500 ms, 1 s and then every 2 s, an outage and a recovery are each logged once, and a stop writes
/// the batch in hand and then takes nothing more.
/// </summary>
public sealed class UsageWriterSchedulingTests : IDisposable
{
    private static readonly Guid s_tenant = Guid.NewGuid();

    private readonly TimerRecordingTimeProvider _time = new();
    private readonly ScriptedLedger _ledger = new();
    private readonly ScriptedOutbox _outbox = new();
    private readonly PendingUsage _pending = new(capacity: 100);
    private readonly FakeLogger<UsageWriter> _log = new();
    private readonly UsageWriter _writer;

    public UsageWriterSchedulingTests() => _writer = new UsageWriter(_pending, _ledger, _outbox, _time, _log);

    public void Dispose() => _writer.Dispose();

    [Fact]
    public async Task AfterALedgerFailure_BatchesGoToTheOutboxUntilExactlyTheRestHasPassed_AndOutageAndReturnAreLoggedOnce()
    {
        _ledger.Available = false;
        await _writer.StartAsync(CancellationToken.None);

        await KeepAsync("a");                              // the ledger fails: the outbox takes it
        await KeepAsync("b");                              // resting: straight to the outbox
        Assert.Equal(1, _ledger.Calls);

        _time.Advance(UsageWriter.LedgerRestAfterFailure);
        await KeepAsync("c");                              // exactly at the rest's end: the ledger is tried again, and fails
        Assert.Equal(2, _ledger.Calls);

        _ledger.Available = true;
        _time.Advance(UsageWriter.LedgerRestAfterFailure);
        await KeepAsync("d");
        await KeepAsync("e");

        Assert.Equal(["d", "e"], _ledger.Recorded.Select(c => c.IdempotencyKey));
        Assert.Equal(["a", "b", "c"], _outbox.Entries.Select(c => c.IdempotencyKey).Order());
        Assert.Equal(4, _ledger.Calls);
        Assert.Single(Logged(LogLevel.Warning), message => message.Contains("not taking charges", StringComparison.Ordinal));
        // Batches kept at the first attempt say nothing of retries.
        Assert.Equal(["The usage ledger takes charges again"], Logged(LogLevel.Information));
        await _writer.StopAsync(CancellationToken.None);
    }

    [Fact]
    public async Task ABatchKeptNowhere_IsRetriedWithAGrowingPauseUpToTwoSeconds_AndLoggedOnceAndOnRecovery()
    {
        _ledger.Available = false;
        _outbox.Available = false;
        await _writer.StartAsync(CancellationToken.None);
        _pending.TryAdd(Charge("a"));

        for (var pause = 1; pause <= 5; pause++)
        {
            await _time.WaitForTimersAsync(pause);
            Assert.Equal(pause, _outbox.StashCalls);
            _outbox.Available = pause == 5;                 // the sixth try succeeds
            _time.Advance(_time.DueTimes.Last());
        }

        Assert.True(await _pending.WaitStoredAsync(TimeSpan.FromSeconds(30), CancellationToken.None));

        Assert.Equal([250, 500, 1000, 2000, 2000], _time.DueTimes.Select(due => due.TotalMilliseconds));
        Assert.Equal(6, _outbox.StashCalls);
        Assert.Single(Logged(LogLevel.Error), message => message.Contains("Neither the usage ledger nor the outbox takes 1 usage charges", StringComparison.Ordinal));
        Assert.Single(Logged(LogLevel.Information), message => message.Contains("kept again after 5 failed attempts", StringComparison.Ordinal));
        await _writer.StopAsync(CancellationToken.None);
    }

    [Fact]
    public async Task StopAsync_DuringARetryPause_KeepsTheBatchInHandFirst()
    {
        _ledger.Available = false;
        _outbox.Available = false;
        await _writer.StartAsync(CancellationToken.None);
        _pending.TryAdd(Charge("a"));
        _pending.TryAdd(Charge("b"));
        await _time.WaitForTimersAsync(1);                  // both taken, and pausing before the next try

        _outbox.Available = true;
        await _writer.StopAsync(CancellationToken.None);

        Assert.Equal(["a", "b"], _outbox.Entries.Select(c => c.IdempotencyKey).Order());
        Assert.Equal(0, _pending.Count);
    }

    [Fact]
    public async Task StopAsync_OutOfTimeWithNowhereToKeep_LogsWhatItCouldNotKeep()
    {
        _ledger.Available = false;
        _outbox.Available = false;
        await _writer.StartAsync(CancellationToken.None);
        _pending.TryAdd(Charge("a"));
        await _time.WaitForTimersAsync(1);

        using var outOfTime = new CancellationTokenSource();
        await outOfTime.CancelAsync();
        await _writer.StopAsync(outOfTime.Token);

        Assert.Single(Logged(LogLevel.Error), message => message.Contains("Stopping with 1 usage charges kept nowhere", StringComparison.Ordinal));
    }

    [Fact]
    public async Task StopAsync_ThenACharge_IsNotTakenAnyMore()
    {
        await _writer.StartAsync(CancellationToken.None);
        await KeepAsync("before");
        await _writer.StopAsync(CancellationToken.None);

        _pending.TryAdd(Charge("after"));
        await Task.Delay(300);

        Assert.Equal(1, _pending.Count);
        Assert.Equal(["before"], _ledger.Recorded.Select(c => c.IdempotencyKey));
    }

    private async Task KeepAsync(string key)
    {
        Assert.True(_pending.TryAdd(Charge(key)));
        Assert.True(await _pending.WaitStoredAsync(TimeSpan.FromSeconds(30), CancellationToken.None), $"charge {key} was not kept");
    }

    private IEnumerable<string> Logged(LogLevel level) =>
        _log.Collector.GetSnapshot().Where(entry => entry.Level == level).Select(entry => entry.Message);

    private static UsageEvent Charge(string key) => new(s_tenant, "embeddings", 1, 1, key);
}

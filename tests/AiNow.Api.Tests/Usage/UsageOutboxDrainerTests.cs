using AiNow.Api.Usage;
using AiNow.Data;
using AiNow.Testing;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;

namespace AiNow.Api.Tests.Usage;

/// <summary>
/// The drainer's loop on a controlled clock: every second it moves the outbox to the ledger, logs what it moved
/// (nothing when there was nothing), rides out a failing ledger (logged once per outage, whatever it throws, a
/// cancellation of its own included) and carries on once the ledger is back.
/// </summary>
public sealed class UsageOutboxDrainerTests : IDisposable
{
    private readonly TimerRecordingTimeProvider _time = new();
    private readonly ScriptedLedger _ledger = new();
    private readonly ScriptedOutbox _outbox = new();
    private readonly FakeLogger<UsageOutboxDrainer> _log = new();
    private readonly UsageOutboxDrainer _drainer;

    public UsageOutboxDrainerTests() => _drainer = new UsageOutboxDrainer(_outbox, _ledger, _time, _log);

    public void Dispose() => _drainer.Dispose();

    [Fact]
    public async Task EverySecond_MovesTheOutboxToTheLedgerAndSaysHowMany()
    {
        await Stash("a", "b");
        await _drainer.StartAsync(CancellationToken.None);
        await _time.WaitForTimersAsync(1);
        Assert.Equal(UsageOutboxDrainer.Interval, _time.DueTimes.Single());

        _time.Advance(UsageOutboxDrainer.Interval);
        await Eventually.HoldsAsync(() => _outbox.Entries.Count == 0, "the outbox drained");
        await Eventually.HoldsAsync(() => _outbox.PeekCalls == 2 && _log.Collector.Count == 1, "the first tick done and logged");
        _time.Advance(UsageOutboxDrainer.Interval);         // an empty outbox: nothing to say
        await Eventually.HoldsAsync(() => _outbox.PeekCalls == 3, "the second tick");
        await Task.Delay(50);

        Assert.Equal(["a", "b"], _ledger.Recorded.Select(c => c.IdempotencyKey).Order());
        Assert.Equal(["Moved 2 usage charges from the outbox to the ledger"], Logged(LogLevel.Information));
        await _drainer.StopAsync(CancellationToken.None);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task ALedgerFailure_IsLoggedOncePerOutage_AndTheLoopCarriesOn(bool failsByCancelling)
    {
        _ledger.Failure = failsByCancelling ? new OperationCanceledException("the ledger's own timeout") : new InvalidOperationException("the ledger is away");
        _ledger.Available = false;
        await Stash("a");
        await _drainer.StartAsync(CancellationToken.None);

        await TickAsync(expectedLedgerCalls: 1);
        await TickAsync(expectedLedgerCalls: 2);
        Assert.Single(Logged(LogLevel.Warning));

        _ledger.Available = true;
        await TickAsync(expectedLedgerCalls: 3);
        await Eventually.HoldsAsync(() => _outbox.Entries.Count == 0, "drained once the ledger is back");

        _ledger.Available = false;
        await Stash("b");
        await TickAsync(expectedLedgerCalls: 4);
        await Eventually.HoldsAsync(() => Logged(LogLevel.Warning).Count() == 2, "a second outage is logged again");
        await _drainer.StopAsync(CancellationToken.None);
    }

    /// <summary>
    /// The ledger recovers, takes the outbox, and fails again before the same pass has emptied it (a charge stashed
    /// meanwhile): that is a second outage, and it is logged, not taken for the first one still going on.
    /// </summary>
    [Fact]
    public async Task ALedgerFailingAgainWithinThePassThatRecovered_IsANewOutage_LoggedAgain()
    {
        _ledger.Available = false;
        await Stash("a");
        await _drainer.StartAsync(CancellationToken.None);
        await TickAsync(expectedLedgerCalls: 1);
        Assert.Single(Logged(LogLevel.Warning));

        _ledger.Available = true;
        _ledger.AfterRecording = () =>
        {
            _ledger.AfterRecording = null;
            _ledger.Available = false;
            Stash("b").GetAwaiter().GetResult();
        };
        await TickAsync(expectedLedgerCalls: 3);

        await Eventually.HoldsAsync(() => Logged(LogLevel.Warning).Count() == 2, "the second outage logged");
        Assert.Equal(["a"], _ledger.Recorded.Select(c => c.IdempotencyKey));
        Assert.Equal(["b"], _outbox.Entries.Select(c => c.IdempotencyKey));
        await _drainer.StopAsync(CancellationToken.None);
    }

    /// <summary>A ledger failure that is not a cancellation, arriving as the service stops, is logged; the drainer stops cleanly.</summary>
    [Fact]
    public async Task ALedgerFailure_DuringShutdown_IsLogged_AndTheDrainerStopsWithoutFaulting()
    {
        Task? stopping = null;
        _ledger.Available = false;
        _ledger.BeforeFailing = () => stopping = _drainer.StopAsync(CancellationToken.None);
        await Stash("a");
        await _drainer.StartAsync(CancellationToken.None);

        await TickAsync(expectedLedgerCalls: 1);
        await Eventually.HoldsAsync(() => stopping is not null, "the stop requested");
        await stopping!;

        Assert.False(_drainer.ExecuteTask!.IsFaulted, _drainer.ExecuteTask.Exception?.ToString());
        Assert.Single(Logged(LogLevel.Warning));
        Assert.Single(_outbox.Entries);
    }

    private async Task TickAsync(int expectedLedgerCalls)
    {
        await _time.WaitForTimersAsync(1);
        _time.Advance(UsageOutboxDrainer.Interval);
        await Eventually.HoldsAsync(() => _ledger.Calls >= expectedLedgerCalls, $"ledger call {expectedLedgerCalls}");
        await Task.Delay(20);
    }

    private async Task Stash(params string[] keys) =>
        Assert.True(await _outbox.TryStashAsync([.. keys.Select(key => new UsageEvent(Guid.NewGuid(), "embeddings", 1, 1, key))]));

    private IEnumerable<string> Logged(LogLevel level) =>
        _log.Collector.GetSnapshot().Where(entry => entry.Level == level).Select(entry => entry.Message);
}

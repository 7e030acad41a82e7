using AiNow.Testing;
using AiNow.Worker.Processing;
using Microsoft.Extensions.Time.Testing;

namespace AiNow.Worker.Tests;

/// <summary>
/// The heartbeat on a controlled clock: it renews every third of the lease, cancels the attempt when a renewal
/// finds the lease gone, rides out a failed renewal, and once disposed has no renewal left running and has let
/// go of the worker's stopping token.
/// </summary>
public sealed class LeaseHeartbeatTests
{
    private static readonly TimeSpan Lease = TimeSpan.FromSeconds(30);
    private readonly FakeTimeProvider _time = new();

    [Fact]
    public async Task ARenewalThatFindsTheLeaseGone_CancelsTheAttempt()
    {
        var renewals = new ScriptedRenewals(true, false);
        await using var heartbeat = new LeaseHeartbeat(renewals.RenewAsync, Lease, _time, CancellationToken.None);

        await renewals.TickAsync(_time, Lease / 3);
        Assert.False(heartbeat.Token.IsCancellationRequested);
        Assert.False(heartbeat.LeaseLost);

        await renewals.TickAsync(_time, Lease / 3);
        await Eventually.HoldsAsync(() => heartbeat.Token.IsCancellationRequested, "the heartbeat cancels the attempt");
        Assert.True(heartbeat.LeaseLost);
        Assert.Equal(2, renewals.Calls);
    }

    [Fact]
    public async Task AFailedRenewal_IsTriedAgainAtTheNextTick()
    {
        var renewals = new ScriptedRenewals(new InvalidOperationException("database blip"), true);
        await using var heartbeat = new LeaseHeartbeat(renewals.RenewAsync, Lease, _time, CancellationToken.None);

        await renewals.TickAsync(_time, Lease / 3);
        await renewals.TickAsync(_time, Lease / 3);

        Assert.Equal(2, renewals.Calls);
        Assert.False(heartbeat.Token.IsCancellationRequested);
    }

    [Fact]
    public async Task DisposeAsync_WithARenewalInFlight_ReturnsOnlyOnceItHasEnded()
    {
        var inFlight = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Task<bool> Renew(CancellationToken _)
        {
            started.TrySetResult();
            return inFlight.Task; // a database call that finishes in its own time, cancelled or not
        }

        var heartbeat = new LeaseHeartbeat(Renew, Lease, _time, CancellationToken.None);
        _time.Advance(Lease / 3);
        await started.Task.WaitAsync(TimeSpan.FromSeconds(30));

        var disposing = heartbeat.DisposeAsync().AsTask();
        await Task.Delay(200);
        Assert.False(disposing.IsCompleted, "disposed while a renewal was still running");

        inFlight.SetResult(true);
        await disposing.WaitAsync(TimeSpan.FromSeconds(30));
    }

    [Fact]
    public async Task DisposeAsync_LetsGoOfTheAttemptsTokenSource()
    {
        using var stopping = new CancellationTokenSource();
        var heartbeat = new LeaseHeartbeat(_ => Task.FromResult(true), Lease, _time, stopping.Token);
        Assert.False(heartbeat.Token.IsCancellationRequested);

        await heartbeat.DisposeAsync();

        // Disposed, so its registration on the worker's stopping token (one per job otherwise) is released.
        Assert.Throws<ObjectDisposedException>(() => heartbeat.Token);
    }

    [Fact]
    public async Task TheWorkerStopping_CancelsTheAttemptWithoutALostLease()
    {
        using var stopping = new CancellationTokenSource();
        await using var heartbeat = new LeaseHeartbeat(_ => Task.FromResult(true), Lease, _time, stopping.Token);

        await stopping.CancelAsync();

        Assert.True(heartbeat.Token.IsCancellationRequested);
        Assert.False(heartbeat.LeaseLost);
    }

    /// <summary>Answers renewals in order from a script (a result or an exception) and counts them.</summary>
    private sealed class ScriptedRenewals(params object[] answers)
    {
        private int _calls;

        public int Calls => Volatile.Read(ref _calls);

        public Task<bool> RenewAsync(CancellationToken _)
        {
            var answer = answers[Interlocked.Increment(ref _calls) - 1];
            return answer is Exception exception ? Task.FromException<bool>(exception) : Task.FromResult((bool)answer);
        }

        /// <summary>Moves the clock one renewal period and waits until that renewal has been made.</summary>
        public async Task TickAsync(FakeTimeProvider time, TimeSpan period)
        {
            var before = Calls;
            time.Advance(period);
            await Eventually.HoldsAsync(() => Calls > before, "the heartbeat renews at the tick");
        }
    }
}

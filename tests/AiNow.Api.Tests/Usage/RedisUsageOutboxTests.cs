using AiNow.Api.Usage;
using AiNow.Contracts;
using AiNow.Data;
using AiNow.Testing;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Logging.Testing;

namespace AiNow.Api.Tests.Usage;

/// <summary>The usage outbox against Garnet, as the local run starts it, and against Redis, as deployed.</summary>
public abstract class RedisUsageOutboxTests(RedisServerKind server) : IAsyncLifetime
{
    private readonly FakeLogger<RedisUsageOutbox> _log = new();
    private IRedisServer _server = null!;
    private RedisUsageOutbox _outbox = null!;

    public async Task InitializeAsync()
    {
        _server = await RedisServers.StartAsync(server);
        _outbox = new RedisUsageOutbox(_server.Redis, _log);
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    private static UsageEvent Charge(string key, int tokens = 3) => new(Guid.NewGuid(), "embeddings", 1, tokens, key);

    [Fact]
    public async Task Stash_ThenPeekAndRemove_GivesBackEachChargeAsTakenUntilRemoved()
    {
        UsageEvent[] charges = [Charge("request:a", 3), Charge("request:b", 7) with { Operation = "chat.completions", Requests = 2 }];

        Assert.True(await _outbox.TryStashAsync(charges));

        var peeked = await _outbox.PeekAsync(10, CancellationToken.None);
        Assert.Equal(charges.OrderBy(c => c.IdempotencyKey), peeked.OrderBy(c => c.IdempotencyKey));

        await _outbox.RemoveAsync([charges[0]], CancellationToken.None);
        Assert.Equal([charges[1]], await _outbox.PeekAsync(10, CancellationToken.None));
    }

    [Fact]
    public async Task Stash_SameChargeTwice_KeepsItOnce()
    {
        var charge = Charge("request:twice");

        Assert.True(await _outbox.TryStashAsync([charge]));
        Assert.True(await _outbox.TryStashAsync([charge]));

        Assert.Equal([charge], await _outbox.PeekAsync(10, CancellationToken.None));
    }

    [Fact]
    public async Task Peek_MoreThanAPage_GivesAtMostThePage()
    {
        Assert.True(await _outbox.TryStashAsync([.. Enumerable.Range(0, 25).Select(i => Charge($"request:{i}"))]));

        Assert.Equal(10, (await _outbox.PeekAsync(10, CancellationToken.None)).Count);
        Assert.Equal(25, (await _outbox.PeekAsync(100, CancellationToken.None)).Count);
    }

    [Fact]
    public async Task Peek_EntryThatIsNotACharge_LeavesItInPlaceAndGivesTheRest()
    {
        var charge = Charge("request:good");
        Assert.True(await _outbox.TryStashAsync([charge]));
        await _server.Redis.GetDatabase().HashSetAsync(UsageOutbox.Key, "request:bad", "not a charge");

        Assert.Equal([charge], await _outbox.PeekAsync(10, CancellationToken.None));
        Assert.Equal("not a charge", (string?)await _server.Redis.GetDatabase().HashGetAsync(UsageOutbox.Key, "request:bad"));
        var logged = Assert.Single(_log.Collector.GetSnapshot(), entry => entry.Level == LogLevel.Error);
        Assert.Contains("request:bad", logged.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Stash_TheServerRefusesTheCommand_ReportsFailureAndWarns()
    {
        // The key holds another type (an operator's mistake, or another program's key): HSET answers WRONGTYPE.
        await _server.Redis.GetDatabase().StringSetAsync(UsageOutbox.Key, "not a hash");

        Assert.False(await _outbox.TryStashAsync([Charge("request:refused")]));

        var logged = Assert.Single(_log.Collector.GetSnapshot(), entry => entry.Level == LogLevel.Warning);
        Assert.Contains("1 usage charges", logged.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StashAndRemove_NoCharges_SucceedWithoutAskingTheServer()
    {
        await using var unreachable = await UnreachableRedis.ConnectAsync();
        var outbox = new RedisUsageOutbox(unreachable, NullLogger<RedisUsageOutbox>.Instance);

        Assert.True(await outbox.TryStashAsync([]));
        await outbox.RemoveAsync([], CancellationToken.None);
    }

    [Fact]
    public async Task Stash_ServerUnreachable_ReportsItQuickly()
    {
        await using var unreachable = await UnreachableRedis.ConnectAsync();
        var outbox = new RedisUsageOutbox(unreachable, NullLogger<RedisUsageOutbox>.Instance);

        var started = TimeProvider.System.GetTimestamp();
        Assert.False(await outbox.TryStashAsync([Charge("request:lost")]));
        Assert.True(TimeProvider.System.GetElapsedTime(started) < RedisUsageOutbox.CommandTimeout * 2);
        await Assert.ThrowsAnyAsync<Exception>(() => outbox.PeekAsync(10, CancellationToken.None));
    }

    [Theory]
    [InlineData("embeddings")]
    [InlineData("chat.completions")]
    [InlineData("batch|embeddings")]
    public void Format_ParsesBackToTheSameCharge(string operation)
    {
        var charge = new UsageEvent(Guid.NewGuid(), operation, 3, 1234, "request:x");

        Assert.Equal(charge, RedisUsageOutbox.TryParse(charge.IdempotencyKey, RedisUsageOutbox.Format(charge)));
    }

    [Theory]
    [InlineData("")]
    [InlineData("not a charge")]
    [InlineData("00000000-0000-0000-0000-000000000001|embeddings|1")]
    [InlineData("not-a-guid|embeddings|1|2")]
    [InlineData("00000000-0000-0000-0000-000000000001||1|2")]
    [InlineData("00000000-0000-0000-0000-000000000001|embeddings|-1|2")]
    [InlineData("00000000-0000-0000-0000-000000000001|embeddings|1|two")]
    [InlineData("|")]
    [InlineData("00000000-0000-0000-0000-000000000001|1|2")]
    public void TryParse_NotACharge_GivesNull(string value) => Assert.Null(RedisUsageOutbox.TryParse("request:x", value));
}

public sealed class RedisUsageOutboxOnGarnetTests() : RedisUsageOutboxTests(RedisServerKind.Garnet);

public sealed class RedisUsageOutboxOnRedisTests() : RedisUsageOutboxTests(RedisServerKind.Redis)
{
    [Fact]
    public async Task Peek_TheServerHangs_GivesUpWithinTheCommandTimeout()
    {
        // A process-level stall (SIGSTOP) needs the Redis server process; Garnet runs inside the test.
        await using var redis = await TemporaryRedis.StartAsync();
        var outbox = new RedisUsageOutbox(redis.Redis, NullLogger<RedisUsageOutbox>.Instance);
        Assert.True(await outbox.TryStashAsync([new UsageEvent(Guid.NewGuid(), "embeddings", 1, 1, "request:a")]));

        using (redis.Freeze())
        {
            var started = TimeProvider.System.GetTimestamp();
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => outbox.PeekAsync(10, CancellationToken.None));
            Assert.InRange(TimeProvider.System.GetElapsedTime(started), RedisUsageOutbox.CommandTimeout * 0.9, RedisUsageOutbox.CommandTimeout * 2);
        }
    }
}

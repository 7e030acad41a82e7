using AiNow.Api.Usage;
using AiNow.Contracts;
using AiNow.Data;
using AiNow.Testing;
using Microsoft.Extensions.Logging.Abstractions;

namespace AiNow.Api.Tests.Usage;

/// <summary>The usage outbox against Garnet, as the local run starts it, and against Redis, as deployed.</summary>
public abstract class RedisUsageOutboxTests(RedisServerKind server) : IAsyncLifetime
{
    private IRedisServer _server = null!;
    private RedisUsageOutbox _outbox = null!;

    public async Task InitializeAsync()
    {
        _server = await RedisServers.StartAsync(server);
        _outbox = new RedisUsageOutbox(_server.Redis, NullLogger<RedisUsageOutbox>.Instance);
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
    public void TryParse_NotACharge_GivesNull(string value) => Assert.Null(RedisUsageOutbox.TryParse("request:x", value));
}

public sealed class RedisUsageOutboxOnGarnetTests() : RedisUsageOutboxTests(RedisServerKind.Garnet);

public sealed class RedisUsageOutboxOnRedisTests() : RedisUsageOutboxTests(RedisServerKind.Redis);

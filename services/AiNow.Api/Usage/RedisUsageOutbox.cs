using System.Globalization;
using AiNow.Contracts;
using AiNow.Data;
using StackExchange.Redis;

namespace AiNow.Api.Usage;

/// <summary>
/// <see cref="IUsageOutbox"/> in the Redis hash <see cref="UsageOutbox.Key"/>. A stash is one HSET, so a batch is
/// kept whole or not at all. Each command gets <see cref="CommandTimeout"/>: the outbox is written from the
/// background writer, never from a request, but a stalled Redis must not hold the charges from the ledger forever.
/// </summary>
public sealed partial class RedisUsageOutbox(IConnectionMultiplexer redis, ILogger<RedisUsageOutbox> logger) : IUsageOutbox
{
    public static readonly TimeSpan CommandTimeout = TimeSpan.FromSeconds(2);

    private const char Separator = '|';

    public async Task<bool> TryStashAsync(IReadOnlyList<UsageEvent> charges)
    {
        if (charges.Count == 0)
        {
            return true;
        }

        if (!redis.IsConnected)
        {
            return false;
        }

        var entries = charges.Select(charge => new HashEntry(charge.IdempotencyKey, Format(charge))).ToArray();
        try
        {
            await redis.GetDatabase().HashSetAsync(UsageOutbox.Key, entries).WaitAsync(CommandTimeout);
            return true;
        }
        catch (Exception exception) when (exception is RedisException or TimeoutException)
        {
            // A timed-out HSET may still land; the charges then exist twice, under one idempotency key each.
            LogStashFailed(logger, exception, charges.Count);
            return false;
        }
    }

    public async Task<IReadOnlyList<UsageEvent>> PeekAsync(int maxCount, CancellationToken cancellationToken)
    {
        var database = redis.GetDatabase();
        var charges = new List<UsageEvent>();
        var seen = 0;
        using var budget = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        budget.CancelAfter(CommandTimeout);
        await foreach (var entry in database.HashScanAsync(UsageOutbox.Key, pageSize: maxCount).WithCancellation(budget.Token))
        {
            if (TryParse(entry.Name.ToString(), entry.Value.ToString()) is { } charge)
            {
                charges.Add(charge);
            }
            else
            {
                // Left in place for an operator to look at: dropping it would lose a charge, guessing would invent one.
                LogUnreadableEntry(logger, entry.Name.ToString(), entry.Value.ToString());
            }

            if (++seen == maxCount)
            {
                break;
            }
        }

        return charges;
    }

    public async Task RemoveAsync(IReadOnlyList<UsageEvent> charges, CancellationToken cancellationToken)
    {
        if (charges.Count == 0)
        {
            return;
        }

        RedisValue[] fields = [.. charges.Select(charge => (RedisValue)charge.IdempotencyKey)];
        await redis.GetDatabase().HashDeleteAsync(UsageOutbox.Key, fields).WaitAsync(CommandTimeout, cancellationToken);
    }

    /// <summary>The stored form of a charge (its idempotency key is the field): <c>{tenant}|{operation}|{requests}|{tokens}</c>.</summary>
    public static string Format(UsageEvent charge) => string.Create(
        CultureInfo.InvariantCulture, $"{charge.TenantId:D}{Separator}{charge.Operation}{Separator}{charge.Requests}{Separator}{charge.Tokens}");

    /// <summary>The charge stored under <paramref name="idempotencyKey"/>, or null when <paramref name="value"/> is not one.</summary>
    public static UsageEvent? TryParse(string idempotencyKey, string value)
    {
        // The operation sits between the tenant and the two counts, so it may itself contain the separator.
        var first = value.IndexOf(Separator, StringComparison.Ordinal);
        var last = value.LastIndexOf(Separator);
        var beforeLast = last > 0 ? value.LastIndexOf(Separator, last - 1) : -1;
        if (first < 0 || beforeLast <= first
            || !Guid.TryParseExact(value[..first], "D", out var tenant)
            || !int.TryParse(value[(beforeLast + 1)..last], NumberStyles.None, CultureInfo.InvariantCulture, out var requests)
            || !int.TryParse(value[(last + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var tokens)
            || string.IsNullOrEmpty(idempotencyKey))
        {
            return null;
        }

        var operation = value[(first + 1)..beforeLast];
        return operation.Length == 0 ? null : new UsageEvent(tenant, operation, requests, tokens, idempotencyKey);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not keep {Count} usage charges in the Redis outbox; they stay in memory and are retried")]
    private static partial void LogStashFailed(ILogger logger, Exception exception, int count);

    [LoggerMessage(Level = LogLevel.Error,
        Message = "The usage outbox holds an entry that is not a charge (field {Field}, value {Value}); it is left in place, not charged")]
    private static partial void LogUnreadableEntry(ILogger logger, string field, string value);
}

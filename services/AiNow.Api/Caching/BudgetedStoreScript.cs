namespace AiNow.Api.Caching;

/// <summary>
/// Stores one entry of a <see cref="CacheBudget"/> and trims the group back under budget, atomically, so
/// concurrent replicas storing for the same tenant can never leave it over budget or double-count a value.
/// <para>
/// Every key it writes (the entry, the index and the byte total) carries an expiry. Redis runs with
/// <c>maxmemory-policy volatile-lru</c>, which evicts only keys with an expiry: the cache may be evicted, the
/// rate-limit counters (which have none) may not. When Redis evicts the byte total or it expires on its own,
/// it is counted again from the index; when it evicts the index, the group's entries are no longer tracked
/// and live out their own expiry (at most one lifetime), which only happens while Redis is already short of memory.
/// </para>
/// <para>
/// The keys of one group share a hash tag (<c>{tenant}</c>), so on a Redis cluster the entries the script
/// deletes, which it finds in the index rather than in KEYS, are on the same node.
/// </para>
/// </summary>
internal static class BudgetedStoreScript
{
    // KEYS: 1 entry, 2 index, 3 byte total.
    // ARGV: 1 value, 2 lifetime in ms, 3 now in ms, 4 members last touched before this (ms) belong to expired
    // entries, 5 max entries, 6 max bytes, 7 entry prefix, 8 this entry's member.
    // Returns the number of entries dropped to stay under budget.
    public const string Script = """
        local function size(member) return tonumber(string.match(member, '|(%d+)$')) or 0 end

        local total = tonumber(redis.call('GET', KEYS[3]))
        if total == nil then
          total = 0
          for _, member in ipairs(redis.call('ZRANGE', KEYS[2], 0, -1)) do total = total + size(member) end
        end

        -- A member stored or used longer than one lifetime ago names an entry that has expired.
        local expiredBefore = '(' .. ARGV[4]
        for _, member in ipairs(redis.call('ZRANGEBYSCORE', KEYS[2], '-inf', expiredBefore)) do total = total - size(member) end
        redis.call('ZREMRANGEBYSCORE', KEYS[2], '-inf', expiredBefore)

        redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
        if redis.call('ZADD', KEYS[2], ARGV[3], ARGV[8]) == 1 then total = total + string.len(ARGV[1]) end

        local maxEntries = tonumber(ARGV[5])
        local maxBytes = tonumber(ARGV[6])
        local dropped = 0
        while total > maxBytes or redis.call('ZCARD', KEYS[2]) > maxEntries do
          local oldest = redis.call('ZRANGE', KEYS[2], 0, 1)
          local member = oldest[1]
          if member == ARGV[8] then member = oldest[2] end
          if member == nil then break end
          redis.call('DEL', ARGV[7] .. string.match(member, '^(.-)|'))
          redis.call('ZREM', KEYS[2], member)
          total = total - size(member)
          dropped = dropped + 1
        end

        if total < 0 then total = 0 end
        redis.call('SET', KEYS[3], tostring(total), 'PX', ARGV[2])
        redis.call('PEXPIRE', KEYS[2], ARGV[2])
        return dropped
        """;
}

namespace AiNow.Contracts;

/// <summary>
/// Where an api replica keeps usage charges the ledger could not take (PostgreSQL away): one Redis hash, each field
/// a charge's idempotency key and each value <c>{tenant id}|{operation}|{requests}|{tokens}</c>. It has no expiry, so
/// Redis's <c>volatile-lru</c> policy never evicts it, and any replica moves it into the ledger once the database is
/// back. An operator can see what is waiting with <c>HLEN ainow:usage:outbox</c>.
/// </summary>
public static class UsageOutbox
{
    /// <summary>The Redis hash holding the charges waiting for the ledger.</summary>
    public const string Key = "ainow:usage:outbox";
}

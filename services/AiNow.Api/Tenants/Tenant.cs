namespace AiNow.Api.Tenants;

/// <summary>A tenant as stored and as the admin endpoints report it.</summary>
public sealed record Tenant(Guid Id, string Name, int RateLimitPerMinute, DateTimeOffset CreatedAt);

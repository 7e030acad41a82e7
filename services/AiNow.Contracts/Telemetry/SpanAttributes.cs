namespace AiNow.Contracts.Telemetry;

/// <summary>The span attributes the services add to the standard instrumentation's.</summary>
public static class SpanAttributes
{
    /// <summary>The tenant a request acts for: its id, never a key or a name.</summary>
    public const string Tenant = "ainow.tenant";
}

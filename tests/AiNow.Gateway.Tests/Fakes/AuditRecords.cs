using AiNow.Contracts.Telemetry;
using Microsoft.Extensions.Logging.Testing;

namespace AiNow.Gateway.Tests.Fakes;

/// <summary>The audit events a test's services wrote, read back as their structured fields.</summary>
internal static class AuditRecords
{
    public static IReadOnlyList<IReadOnlyDictionary<string, string?>> Of(IServiceProvider services) =>
        [.. services.GetFakeLogCollector().GetSnapshot()
            .Where(record => record.Category == AuditContract.Category)
            .Select(Fields)];

    /// <summary>The record's message fields plus its scopes' properties (the audit marker is a scope).</summary>
    private static Dictionary<string, string?> Fields(FakeLogRecord record)
    {
        var fields = new Dictionary<string, string?>(StringComparer.Ordinal) { ["@message"] = record.Message };
        foreach (var (key, value) in record.StructuredState ?? [])
        {
            fields[key] = value;
        }

        foreach (var scope in record.Scopes.OfType<IEnumerable<KeyValuePair<string, object?>>>())
        {
            foreach (var (key, value) in scope)
            {
                fields[key] = value?.ToString();
            }
        }

        return fields;
    }
}

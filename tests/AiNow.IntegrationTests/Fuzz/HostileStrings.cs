namespace AiNow.IntegrationTests.Fuzz;

/// <summary>
/// Strings that have broken services elsewhere, put into every field the fuzz test fills. None holds one of the
/// <see cref="LeakMarkers.Runtime"/> markers (the test checks every generated request for them), so such a marker
/// in an answer is the service's own text, never an echo.
/// </summary>
internal static class HostileStrings
{
    public static readonly IReadOnlyList<string> Sql =
    [
        "' OR '1'='1",
        "'; DROP TABLE tenants; --",
        "1) UNION SELECT key_hash FROM api_keys --",
        "\" OR \"\"=\"",
        "admin'--",
        "%' AND 1=0 UNION ALL SELECT NULL, NULL --",
        "1; SELECT pg_sleep(10); --",
        "$$; COPY (SELECT 1) TO PROGRAM 'id'; $$",
        "\\'; TRUNCATE batch_jobs; --",
    ];

    public static readonly IReadOnlyList<string> Json =
    [
        "\",\"admin\":true,\"x\":\"",
        "{\"$ne\": null}",
        "}]}",
        "\\\"",
        "\"\"\"",
        "{\"__proto__\": {\"admin\": true}}",
        "[1,2,3",
    ];

    public static readonly IReadOnlyList<string> PathTraversal =
    [
        "../../../../etc/passwd",
        "..\\..\\..\\windows\\win.ini",
        "%2e%2e%2f%2e%2e%2fetc%2fpasswd",
        "....//....//etc/hosts",
        "..;/admin/tenants",
        "%252e%252e%252f",
        "/admin/tenants",
    ];

    public static readonly IReadOnlyList<string> FormatStrings =
    [
        "%s%s%s%s%n",
        "%x%x%x%x",
        "{0}{1}{99}",
        "${jndi:ldap://example.invalid/a}",
        "{{7*7}}",
        "#{7*7}",
        "<%= 7*7 %>",
        "%n%n%n",
    ];

    public static readonly IReadOnlyList<string> NullBytes =
    [
        "a\0b",
        "\0",
        "key\0.txt",
        "\0\0\0\0",
        "trailing\0",
    ];

    public static readonly IReadOnlyList<string> UnicodeOddities =
    [
        "\u202Eevil\u202C",
        "\uFEFFbom",
        "a\u200Bb",
        "e\u0301\u0301\u0301",
        "\uD83D\uDE00",
        "\uD835\uDD4F",
        "\uFFFF\uFFFE",
        "\uFFFD",
        "\u0130stanbul",
        "Z" + string.Concat(Enumerable.Repeat("\u0336\u0337", 40)),
        "line\u2028separator\u2029",
        "nel\u0085",
        "\u001B[31mred\u001B[0m",
        "<script>alert(1)</script>",
        "javascript:alert(1)",
        "tab\there\r\nnewline",
        "\u00A0nbsp",
        "\uFDD0",
        "\uDBFF\uDFFF",
    ];

    public static readonly IReadOnlyList<string> Numbers =
    [
        "-1",
        "1e309",
        "NaN",
        "Infinity",
        "0x7fffffff",
        "99999999999999999999",
        "-0",
    ];

    /// <summary>Every string above, plus a few lengths at and past the embedding limit.</summary>
    public static readonly IReadOnlyList<string> All =
    [
        .. Sql, .. Json, .. PathTraversal, .. FormatStrings, .. NullBytes, .. UnicodeOddities, .. Numbers,
        new string('A', AiNow.Contracts.EmbeddingModel.MaxInputLength),
        new string('B', AiNow.Contracts.EmbeddingModel.MaxInputLength + 1),
        string.Concat(Enumerable.Repeat("\uD83D\uDE00", 3000)),
    ];

    /// <summary>Those that can be sent in a header as they are: printable ASCII only.</summary>
    public static readonly IReadOnlyList<string> HeaderSafe = [.. All.Where(s => s.Length <= 1024 && s.All(c => c is >= ' ' and <= '~'))];

    /// <summary>Those that are not a valid tenant name.</summary>
    public static readonly IReadOnlyList<string> NotTenantNames = [.. All.Where(s => !FuzzBodies.IsTenantName(s))];

    /// <summary>Picks one at random.</summary>
    public static string Pick(Random random, IReadOnlyList<string>? from = null)
    {
        from ??= All;
        return from[random.Next(from.Count)];
    }
}

using System.Text;
using AiNow.Gateway.Tests.Security;

namespace AiNow.IntegrationTests.Fuzz;

/// <summary>One answer, from HttpClient or the socket, as the rules see it.</summary>
internal sealed record FuzzAnswer(int Status, Func<string, IReadOnlyList<string>> ValuesOf, string HeaderText, byte[] Body, bool IsFramingRefusal);

/// <summary>What every answer of the public API must be, whatever was asked.</summary>
internal static class ResponseRules
{
    // Kestrel's answers to framing it cannot parse: a malformed request (400), a target only OPTIONS may use
    // (405), parts over its limits (413, 414, 431), a version it does not speak (505).
    private static readonly HashSet<int> s_framingRefusals = [400, 405, 413, 414, 431, 505];

    /// <summary>
    /// Whether an answer is the server's own refusal of a request it could not parse, given before any application
    /// code ran: one of its refusal statuses, no body, and the connection closed.
    /// </summary>
    public static bool IsFramingRefusal(int status, int bodyLength, bool closesConnection) =>
        s_framingRefusals.Contains(status) && bodyLength == 0 && closesConnection;

    /// <summary>Every rule <paramref name="answer"/> breaks; empty when it keeps them all.</summary>
    /// <param name="expected">The statuses this case may be answered with.</param>
    /// <param name="answer">The answer.</param>
    /// <param name="framingRefusalAllowed">Whether the server may refuse the request's framing itself, before any application code.</param>
    /// <param name="markers">What must not leak.</param>
    /// <param name="request">The request's target, header values and body as text, for telling an echo from a leak.</param>
    public static List<string> Check(Expected expected, FuzzAnswer answer, bool framingRefusalAllowed, LeakMarkers markers, string request)
    {
        var violations = new List<string>();
        if (answer.IsFramingRefusal && framingRefusalAllowed)
        {
            // Kestrel's own refusal has no content to protect, so only the headers that name the software apply.
            violations.AddRange(SecurityHeaderSpec.Absent(answer.ValuesOf, SecurityHeaderSpec.Forbidden));
        }
        else
        {
            if (answer.Status >= 500 && answer.Status != 503)
            {
                violations.Add($"answered {answer.Status}: no request may cause a 5xx other than 503");
            }

            if (!expected.Allows(answer.Status))
            {
                violations.Add($"answered {answer.Status}, expected {expected.Description}");
            }

            violations.AddRange(SecurityHeaderSpec.Violations(answer.ValuesOf, overHttps: false));
            if (answer.Status >= 400 && answer.Body.Length > 0 && !IsProblem(answer))
            {
                violations.Add($"an error answer with a body must be application/problem+json, got [{string.Join(" | ", answer.ValuesOf("Content-Type"))}]");
            }
        }

        var text = answer.HeaderText + "\n" + Encoding.UTF8.GetString(answer.Body);
        if (markers.FindIn(text, request) is { } leak)
        {
            violations.Add($"leaks {leak}");
        }

        if (violations.Count > 0)
        {
            violations.Add($"the answer: {Excerpt(text).ReplaceLineEndings(" | ")}");
        }

        return violations;
    }

    private static bool IsProblem(FuzzAnswer answer) =>
        answer.ValuesOf("Content-Type") is [var type] && type.StartsWith("application/problem+json", StringComparison.OrdinalIgnoreCase);

    private static string Excerpt(string text) => text.Length > 600 ? text[..600] + "..." : text;
}

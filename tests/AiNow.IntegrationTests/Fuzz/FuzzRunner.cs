using System.Net.Http.Headers;
using System.Text;

namespace AiNow.IntegrationTests.Fuzz;

/// <summary>Sends one case to the gateway and holds what comes back to <see cref="ResponseRules"/>.</summary>
/// <param name="client">Sends the well-formed cases to the gateway's public endpoint.</param>
/// <param name="gatewayListener">Where the gateway's own Kestrel listens, for the raw cases (see <see cref="RunAsync(RawFuzzCase, CancellationToken)"/>).</param>
/// <param name="secrets">The live keys and tenant the cases name by placeholder.</param>
/// <param name="markers">What must not leak.</param>
internal sealed class FuzzRunner(HttpClient client, Uri gatewayListener, FuzzSecrets secrets, LeakMarkers markers)
{
    /// <summary>How long a raw connection that must be answered may stay open; the server closes within milliseconds.</summary>
    public static readonly TimeSpan AnswerDeadline = TimeSpan.FromSeconds(10);

    /// <summary>
    /// How long to wait on a request that may go unanswered: the server rightly waits for the rest of a truncated
    /// request until its own timeouts, far longer than the test is worth waiting.
    /// </summary>
    public static readonly TimeSpan SilenceDeadline = TimeSpan.FromSeconds(2);

    /// <summary>Every rule the answers to <paramref name="fuzzCase"/> break; empty when none.</summary>
    public Task<List<string>> RunAsync(FuzzCase fuzzCase, CancellationToken cancellationToken) => fuzzCase switch
    {
        HttpFuzzCase http => RunAsync(http, cancellationToken),
        RawFuzzCase raw => RunAsync(raw, cancellationToken),
        _ => throw new ArgumentOutOfRangeException(nameof(fuzzCase), fuzzCase, "Unknown kind of case."),
    };

    private async Task<List<string>> RunAsync(HttpFuzzCase fuzzCase, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(new HttpMethod(fuzzCase.Method), new Uri(secrets.Fill(fuzzCase.Path), UriKind.Relative));
        if (fuzzCase.Credential.Values.Count > 0)
        {
            request.Headers.TryAddWithoutValidation("Authorization", fuzzCase.Credential.Values.Select(secrets.Fill));
        }

        if (fuzzCase.Body is { } body)
        {
            request.Content = new ReadOnlyMemoryContent(body);
            if (fuzzCase.ContentType is { } contentType)
            {
                request.Content.Headers.TryAddWithoutValidation("Content-Type", contentType);
            }
        }

        foreach (var (name, value) in fuzzCase.Headers)
        {
            if (!request.Headers.TryAddWithoutValidation(name, value))
            {
                request.Content?.Headers.TryAddWithoutValidation(name, value);
            }
        }

        request.Headers.TransferEncodingChunked = fuzzCase.Chunked ? true : null;

        try
        {
            using var response = await client.SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken);
            var bytes = await response.Content.ReadAsByteArrayAsync(cancellationToken);
            var answer = new FuzzAnswer(
                (int)response.StatusCode,
                name => Values(response, name),
                $"{(int)response.StatusCode}\n{response.Headers}{response.Content.Headers}",
                bytes,
                ResponseRules.IsFramingRefusal((int)response.StatusCode, bytes.Length, response.Headers.ConnectionClose == true));
            return ResponseRules.Check(fuzzCase.Expected, answer, fuzzCase.FramingRefusalAllowed, markers, fuzzCase.EchoableText());
        }
        catch (Exception e) when (e is HttpRequestException or IOException || (e is TaskCanceledException && !cancellationToken.IsCancellationRequested))
        {
            return [$"no answer to well-formed HTTP: {e.GetType().Name}: {e.Message}"];
        }
    }

    /// <summary>
    /// Writes the case to the gateway's Kestrel directly, not through the AppHost's local proxy in front of it: that
    /// proxy drops a connection as soon as the client stops sending, answer unread, and framing must reach the
    /// server that parses it as it was written.
    /// </summary>
    private async Task<List<string>> RunAsync(RawFuzzCase fuzzCase, CancellationToken cancellationToken)
    {
        var request = secrets.Fill(fuzzCase.Request);
        var noAnswerAllowed = fuzzCase.Leniency.HasFlag(RawLeniency.NoAnswer);
        var deadline = noAnswerAllowed ? SilenceDeadline : AnswerDeadline;
        var result = await RawHttpExchange.SendAsync(gatewayListener.Host, gatewayListener.Port, Encoding.Latin1.GetBytes(request), deadline, cancellationToken);
        var violations = new List<string>();
        foreach (var response in result.Responses)
        {
            var answer = new FuzzAnswer(response.Status, response.Values, response.HeaderText, response.Body, response.IsFramingRefusal);
            violations.AddRange(ResponseRules.Check(
                fuzzCase.Expected, answer, fuzzCase.Leniency.HasFlag(RawLeniency.FramingRefusal), markers, fuzzCase.EchoableText()));
        }

        if (result.Responses.Count == 0 && !noAnswerAllowed)
        {
            violations.Add(result.TimedOut ? $"no answer within {deadline.TotalSeconds} s" : "the connection closed without an answer");
        }

        if (result.Unparsed is { } unparsed)
        {
            violations.Add($"bytes that are not a whole HTTP/1.1 response: '{unparsed}'");
        }

        if (result.TimedOut && !noAnswerAllowed)
        {
            violations.Add($"the connection was still open after {deadline.TotalSeconds} s");
        }

        // A framing refusal stands in for all the answers a request the server could not parse would have had.
        if (fuzzCase.Responses is { } count && result.Responses.Count != count && !result.Responses.Any(r => r.IsFramingRefusal))
        {
            violations.Add($"{result.Responses.Count} answer(s), expected {count}");
        }

        return violations;
    }

    private static List<string> Values(HttpResponseMessage response, string name)
    {
        var values = new List<string>();
        foreach (HttpHeaders headers in new HttpHeaders[] { response.Headers, response.Content.Headers })
        {
            if (headers.NonValidated.TryGetValues(name, out var found))
            {
                values.AddRange(found);
            }
        }

        return values;
    }
}

using System.Net.Sockets;
using System.Text;

namespace AiNow.IntegrationTests.Fuzz;

/// <summary>One HTTP/1.x response as read off the socket.</summary>
internal sealed record RawHttpResponse(int Status, IReadOnlyList<KeyValuePair<string, string>> Headers, byte[] Body)
{
    public IReadOnlyList<string> Values(string name) =>
        [.. Headers.Where(h => h.Key.Equals(name, StringComparison.OrdinalIgnoreCase)).Select(h => h.Value)];

    /// <summary>The server's own refusal of a request it could not parse: bodiless, closing the connection.</summary>
    public bool IsFramingRefusal => ResponseRules.IsFramingRefusal(
        Status, Body.Length, Values("Connection").Any(v => v.Contains("close", StringComparison.OrdinalIgnoreCase)));

    /// <summary>Status line and headers as text, for leak checks.</summary>
    public string HeaderText => $"{Status}\n" + string.Join('\n', Headers.Select(h => $"{h.Key}: {h.Value}"));
}

/// <summary>What came back on one raw connection.</summary>
/// <param name="Responses">Every final response parsed, in order (interim 1xx answers skipped).</param>
/// <param name="Unparsed">Bytes left that are not a whole response, or null when everything parsed.</param>
/// <param name="TimedOut">Whether the deadline passed before the server closed the connection.</param>
internal sealed record RawExchangeResult(IReadOnlyList<RawHttpResponse> Responses, string? Unparsed, bool TimedOut);

/// <summary>
/// Writes bytes to the gateway's socket as they are and reads until the server closes the connection or the
/// deadline passes; the connection is always disposed before returning. The sending side stays open while
/// reading: Kestrel takes a client that stops sending for one that left, and abandons its request.
/// </summary>
internal static class RawHttpExchange
{
    public static async Task<RawExchangeResult> SendAsync(string host, int port, byte[] request, TimeSpan deadline, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(deadline);
        // Reset on dispose rather than linger in TIME_WAIT: a thousand runs leave no sockets behind.
        using var client = new TcpClient { NoDelay = true, LingerState = new LingerOption(true, 0) };
        await client.ConnectAsync(host, port, timeout.Token);
        var stream = client.GetStream();
        try
        {
            await stream.WriteAsync(request, timeout.Token);
        }
        catch (Exception e) when (e is IOException or SocketException)
        {
            // The server may refuse and close before it has read everything; what it answered is still read below.
        }

        using var received = new MemoryStream();
        var buffer = new byte[16 * 1024];
        var timedOut = false;
        try
        {
            int read;
            while ((read = await stream.ReadAsync(buffer, timeout.Token)) > 0)
            {
                received.Write(buffer, 0, read);
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            timedOut = true;
        }
        catch (Exception e) when (e is IOException or SocketException)
        {
            // A reset after the answer: the connection is closed either way.
        }

        var (responses, unparsed) = Parse(received.ToArray());
        return new RawExchangeResult(responses, unparsed, timedOut);
    }

    /// <summary>Splits what was received into responses, framed by Content-Length, chunked encoding or the connection's end.</summary>
    public static (IReadOnlyList<RawHttpResponse> Responses, string? Unparsed) Parse(byte[] data)
    {
        var responses = new List<RawHttpResponse>();
        var position = 0;
        while (position < data.Length)
        {
            var headEnd = data.AsSpan(position).IndexOf("\r\n\r\n"u8);
            if (headEnd < 0)
            {
                return (responses, Excerpt(data, position));
            }

            var lines = Encoding.Latin1.GetString(data, position, headEnd).Split("\r\n");
            var statusLine = lines[0].Split(' ', 3);
            if (statusLine.Length < 2 || !statusLine[0].StartsWith("HTTP/1.", StringComparison.Ordinal)
                || !int.TryParse(statusLine[1], System.Globalization.CultureInfo.InvariantCulture, out var status))
            {
                return (responses, Excerpt(data, position));
            }

            var headers = lines.Skip(1)
                .Select(line => line.Split(':', 2))
                .Select(parts => new KeyValuePair<string, string>(parts[0].Trim(), parts.Length > 1 ? parts[1].Trim() : ""))
                .ToList();
            position += headEnd + 4;
            var response = new RawHttpResponse(status, headers, []);
            if (status is >= 100 and < 200)
            {
                continue;
            }

            byte[] body;
            if (status is 204 or 304)
            {
                body = [];
            }
            else if (response.Values("Transfer-Encoding").Any(v => v.Contains("chunked", StringComparison.OrdinalIgnoreCase)))
            {
                if (!TryReadChunked(data, ref position, out body))
                {
                    return (responses, Excerpt(data, position));
                }
            }
            else if (response.Values("Content-Length") is [var declared] && int.TryParse(declared, System.Globalization.CultureInfo.InvariantCulture, out var length))
            {
                if (position + length > data.Length)
                {
                    return (responses, Excerpt(data, position));
                }

                body = data[position..(position + length)];
                position += length;
            }
            else
            {
                body = data[position..];
                position = data.Length;
            }

            responses.Add(response with { Body = body });
        }

        return (responses, null);
    }

    private static bool TryReadChunked(byte[] data, ref int position, out byte[] body)
    {
        using var content = new MemoryStream();
        body = [];
        while (true)
        {
            var lineEnd = data.AsSpan(position).IndexOf("\r\n"u8);
            if (lineEnd < 0)
            {
                return false;
            }

            var sizeText = Encoding.Latin1.GetString(data, position, lineEnd).Split(';')[0].Trim();
            if (!int.TryParse(sizeText, System.Globalization.NumberStyles.HexNumber, System.Globalization.CultureInfo.InvariantCulture, out var size))
            {
                return false;
            }

            position += lineEnd + 2;
            if (size == 0)
            {
                // Trailers, if any, end with an empty line like the headers do.
                var trailersEnd = data.AsSpan(position).IndexOf("\r\n"u8);
                while (trailersEnd > 0)
                {
                    position += trailersEnd + 2;
                    trailersEnd = data.AsSpan(position).IndexOf("\r\n"u8);
                }

                if (trailersEnd < 0)
                {
                    return false;
                }

                position += 2;
                body = content.ToArray();
                return true;
            }

            if (position + size + 2 > data.Length)
            {
                return false;
            }

            content.Write(data, position, size);
            position += size + 2;
        }
    }

    private static string Excerpt(byte[] data, int position) =>
        Encoding.Latin1.GetString(data, position, Math.Min(200, data.Length - position));
}

using System.Buffers;

namespace AiNow.Api.Chat;

/// <summary>
/// Copies a streamed completion to the client piece by piece, flushing each so tokens reach the client as they are
/// generated, while a <see cref="ServerSentEventScanner"/> reads the same bytes for usage.
/// </summary>
public static class ChatStreamRelay
{
    private const int BufferBytes = 16 * 1024;

    /// <summary>
    /// Relays <paramref name="upstream"/> to <paramref name="client"/> until the upstream ends. Each piece is scanned
    /// before it is written, so what the model produced counts even when the write then fails (client gone).
    /// </summary>
    public static async Task RelayAsync(Stream upstream, Stream client, ServerSentEventScanner scanner, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(upstream);
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(scanner);
        var buffer = ArrayPool<byte>.Shared.Rent(BufferBytes);
        try
        {
            int read;
            while ((read = await upstream.ReadAsync(buffer.AsMemory(0, BufferBytes), cancellationToken)) > 0)
            {
                scanner.Scan(buffer.AsSpan(0, read));
                await client.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
                await client.FlushAsync(cancellationToken);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}

using System.Buffers;

namespace AiNow.Api.Chat;

/// <summary>
/// Finds the <c>data: {...}</c> lines of a server-sent event stream as its bytes go by, in whatever pieces they
/// arrive, and hands each JSON payload to a <see cref="ChatUsageTally"/>. It only reads: the bytes themselves are
/// relayed by the caller unchanged.
/// </summary>
public sealed class ServerSentEventScanner(ChatUsageTally tally)
{
    /// <summary>
    /// Longest line kept while waiting for its end. Chunks are small; a longer line is skipped (its text is not
    /// counted) rather than letting an upstream grow this buffer without bound.
    /// </summary>
    public const int MaxLineBytes = 1024 * 1024;

    private static readonly byte[] DataField = "data:"u8.ToArray();
    private static readonly byte[] DoneMarker = "[DONE]"u8.ToArray();

    private readonly ArrayBufferWriter<byte> _line = new();
    private bool _skippingLongLine;

    /// <summary>Scans the next piece of the stream.</summary>
    public void Scan(ReadOnlySpan<byte> bytes)
    {
        while (!bytes.IsEmpty)
        {
            var end = bytes.IndexOf((byte)'\n');
            var piece = end < 0 ? bytes : bytes[..end];
            if (!_skippingLongLine)
            {
                if (_line.WrittenCount + piece.Length > MaxLineBytes)
                {
                    _skippingLongLine = true;
                    _line.ResetWrittenCount();
                }
                else
                {
                    _line.Write(piece);
                }
            }

            if (end < 0)
            {
                return;
            }

            if (!_skippingLongLine)
            {
                ScanLine(_line.WrittenSpan);
            }

            _skippingLongLine = false;
            _line.ResetWrittenCount();
            bytes = bytes[(end + 1)..];
        }
    }

    private void ScanLine(ReadOnlySpan<byte> line)
    {
        line = line.TrimEnd((byte)'\r');
        if (!line.StartsWith(DataField))
        {
            return;
        }

        var payload = line[DataField.Length..].Trim((byte)' ');
        if (!payload.IsEmpty && !payload.SequenceEqual(DoneMarker))
        {
            tally.Observe(payload);
        }
    }
}

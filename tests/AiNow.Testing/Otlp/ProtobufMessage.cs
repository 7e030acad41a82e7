namespace AiNow.Testing.Otlp;

/// <summary>
/// One decoded protobuf message as its raw fields (the wire format only: varints, fixed-width numbers and
/// length-delimited bytes), enough to read the few OTLP fields the tests look at without generated code.
/// </summary>
public sealed class ProtobufMessage
{
    private readonly List<(int Field, ulong Number, ReadOnlyMemory<byte> Bytes)> _fields = [];

    private ProtobufMessage()
    {
    }

    /// <summary>Decodes <paramref name="data"/>; throws <see cref="FormatException"/> on a malformed message.</summary>
    public static ProtobufMessage Parse(ReadOnlyMemory<byte> data)
    {
        var message = new ProtobufMessage();
        var span = data.Span;
        var position = 0;
        while (position < span.Length)
        {
            var tag = ReadVarint(span, ref position);
            var field = (int)(tag >> 3);
            switch ((int)(tag & 7))
            {
                case 0:
                    message._fields.Add((field, ReadVarint(span, ref position), default));
                    break;
                case 1:
                    message._fields.Add((field, BitConverter.ToUInt64(Take(span, ref position, 8)), default));
                    break;
                case 2:
                    var length = checked((int)ReadVarint(span, ref position));
                    Take(span, ref position, length);
                    message._fields.Add((field, 0, data.Slice(position - length, length)));
                    break;
                case 5:
                    message._fields.Add((field, BitConverter.ToUInt32(Take(span, ref position, 4)), default));
                    break;
                default:
                    throw new FormatException($"Unsupported protobuf wire type {tag & 7} for field {field}.");
            }
        }

        return message;
    }

    /// <summary>Every embedded message in <paramref name="field"/>.</summary>
    public IEnumerable<ProtobufMessage> Messages(int field) => _fields.Where(f => f.Field == field).Select(f => Parse(f.Bytes));

    /// <summary>The embedded message in <paramref name="field"/>, or null.</summary>
    public ProtobufMessage? Message(int field) => Messages(field).FirstOrDefault();

    /// <summary>The string in <paramref name="field"/>, or null.</summary>
    public string? Text(int field) =>
        _fields.Where(f => f.Field == field).Select(f => System.Text.Encoding.UTF8.GetString(f.Bytes.Span)).FirstOrDefault();

    /// <summary>The bytes in <paramref name="field"/> as lower-case hex (trace and span ids), or "" when absent.</summary>
    public string Hex(int field) =>
        _fields.Where(f => f.Field == field).Select(f => Convert.ToHexStringLower(f.Bytes.Span)).FirstOrDefault() ?? "";

    /// <summary>The number in <paramref name="field"/> (varint or fixed), or null.</summary>
    public ulong? Number(int field) => _fields.Where(f => f.Field == field).Select(f => (ulong?)f.Number).FirstOrDefault();

    /// <summary>True when <paramref name="field"/> is present.</summary>
    public bool Has(int field) => _fields.Any(f => f.Field == field);

    private static ulong ReadVarint(ReadOnlySpan<byte> span, ref int position)
    {
        ulong value = 0;
        for (var shift = 0; shift < 64; shift += 7)
        {
            var b = Take(span, ref position, 1)[0];
            value |= (ulong)(b & 0x7F) << shift;
            if ((b & 0x80) == 0)
            {
                return value;
            }
        }

        throw new FormatException("A protobuf varint is longer than 10 bytes.");
    }

    private static ReadOnlySpan<byte> Take(ReadOnlySpan<byte> span, ref int position, int count)
    {
        if (count < 0 || position + count > span.Length)
        {
            throw new FormatException("A protobuf field runs past the end of its message.");
        }

        var taken = span.Slice(position, count);
        position += count;
        return taken;
    }
}

using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;

namespace AiNow.Publishing.Kubernetes;

/// <summary>
/// Writes a JSON value as block YAML straight into the file's text: mappings one key per line indented by
/// two, sequences under a key at the key's own indentation (<c>- item</c>), empty collections as <c>{}</c> and
/// <c>[]</c>. It writes what a YAML emitter would (the layout of every file we have published), without the
/// emitter's event objects and scalar analysis buffers, and without a string per key or value: names and
/// values are read from the document's UTF-8 in place (only an escaped one is unescaped into a string).
/// </summary>
internal static class BlockYamlWriter
{
    private const int Indent = 2;

    /// <summary>Where a raw name or value is decoded; reused by every document written on this thread.</summary>
    [ThreadStatic]
    private static char[]? t_chars;

    /// <summary>
    /// Appends <paramref name="root"/> as one document; a mapping's <paramref name="leadingKeys"/> come first, in
    /// that order, and its other keys after them in the document's order.
    /// </summary>
    public static void WriteDocument(StringBuilder text, JsonElement root, params ReadOnlySpan<string> leadingKeys)
    {
        switch (root.ValueKind)
        {
            case JsonValueKind.Object when HasItems(root):
                foreach (var key in leadingKeys)
                {
                    if (root.TryGetProperty(key, out var value))
                    {
                        WriteEntry(text, key, value, 0);
                    }
                }

                foreach (var property in root.EnumerateObject())
                {
                    if (!IsAnyOf(property, leadingKeys))
                    {
                        WriteEntry(text, property, 0);
                    }
                }

                break;
            case JsonValueKind.Array when HasItems(root):
                WriteSequence(text, root, 0, indentFirstDash: true);
                break;
            default:
                WriteInline(text, root, Indent);
                EndLine(text);
                break;
        }
    }

    private static void WriteMapping(StringBuilder text, JsonElement mapping, int indent, bool indentFirstKey)
    {
        // The first key of a mapping in a sequence follows the dash on the same line.
        var indentKey = indentFirstKey;
        foreach (var property in mapping.EnumerateObject())
        {
            WriteEntry(text, property, indent, indentKey);
            indentKey = true;
        }
    }

    private static void WriteEntry(StringBuilder text, JsonProperty property, int indent, bool indentKey = true)
    {
        if (indentKey)
        {
            text.Append(' ', indent);
        }

        YamlScalar.WriteKey(text, NameOf(property));
        WriteValueAfterKey(text, property.Value, indent);
    }

    private static void WriteEntry(StringBuilder text, string key, JsonElement value, int indent)
    {
        text.Append(' ', indent);
        YamlScalar.WriteKey(text, key);
        WriteValueAfterKey(text, value, indent);
    }

    private static void WriteValueAfterKey(StringBuilder text, JsonElement value, int indent)
    {
        text.Append(':');
        switch (value.ValueKind)
        {
            case JsonValueKind.Object when HasItems(value):
                text.Append('\n');
                WriteMapping(text, value, indent + Indent, indentFirstKey: true);
                break;
            case JsonValueKind.Array when HasItems(value):
                // A sequence under a key sits at the key's indentation, as kubectl and our published files have it.
                text.Append('\n');
                WriteSequence(text, value, indent, indentFirstDash: true);
                break;
            default:
                text.Append(' ');
                WriteInline(text, value, indent + Indent);
                EndLine(text);
                break;
        }
    }

    private static void WriteSequence(StringBuilder text, JsonElement sequence, int indent, bool indentFirstDash)
    {
        var first = true;
        foreach (var item in sequence.EnumerateArray())
        {
            if (!first || indentFirstDash)
            {
                text.Append(' ', indent);
            }

            first = false;
            text.Append("- ");
            switch (item.ValueKind)
            {
                case JsonValueKind.Object when HasItems(item):
                    WriteMapping(text, item, indent + Indent, indentFirstKey: false);
                    break;
                case JsonValueKind.Array when HasItems(item):
                    WriteSequence(text, item, indent + Indent, indentFirstDash: false);
                    break;
                default:
                    WriteInline(text, item, indent + Indent);
                    EndLine(text);
                    break;
            }
        }
    }

    /// <summary>A scalar or an empty collection, on the current line; a literal block's lines at <paramref name="blockIndent"/>.</summary>
    private static void WriteInline(StringBuilder text, JsonElement value, int blockIndent)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.Object:
                text.Append("{}");
                break;
            case JsonValueKind.Array:
                text.Append("[]");
                break;
            case JsonValueKind.String:
                YamlScalar.WriteValue(text, StringOf(value), blockIndent);
                break;
            case JsonValueKind.Number:
                // A JSON number is ASCII and reads the same in YAML.
                text.Append(Decode(JsonMarshal.GetRawUtf8Value(value)));
                break;
            case JsonValueKind.True:
                text.Append("true");
                break;
            case JsonValueKind.False:
                text.Append("false");
                break;
            default:
                text.Append("null");
                break;
        }
    }

    /// <summary>A literal block ends its own last line when its value ends with a line break.</summary>
    private static void EndLine(StringBuilder text)
    {
        if (text[^1] != '\n')
        {
            text.Append('\n');
        }
    }

    private static bool HasItems(JsonElement collection)
    {
        if (collection.ValueKind != JsonValueKind.Object)
        {
            return collection.GetArrayLength() > 0;
        }

        var properties = collection.EnumerateObject();
        return properties.MoveNext();
    }

    private static bool IsAnyOf(JsonProperty property, ReadOnlySpan<string> keys)
    {
        foreach (var key in keys)
        {
            if (property.NameEquals(key))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The property's name; valid until the next name or value is read on this thread.</summary>
    private static ReadOnlySpan<char> NameOf(JsonProperty property)
    {
        var raw = JsonMarshal.GetRawUtf8PropertyName(property);
        return raw.Contains((byte)'\\') ? property.Name : Decode(raw);
    }

    /// <summary>The string's value; valid until the next name or value is read on this thread.</summary>
    private static ReadOnlySpan<char> StringOf(JsonElement value)
    {
        var raw = JsonMarshal.GetRawUtf8Value(value)[1..^1];
        return raw.Contains((byte)'\\') ? value.GetString() : Decode(raw);
    }

    private static ReadOnlySpan<char> Decode(ReadOnlySpan<byte> utf8)
    {
        var buffer = t_chars;
        if (buffer is null || buffer.Length < utf8.Length)
        {
            // UTF-8 never takes fewer bytes than UTF-16 takes chars.
            t_chars = buffer = new char[Math.Max(utf8.Length, 256)];
        }

        return buffer.AsSpan(0, Encoding.UTF8.GetChars(utf8, buffer));
    }
}

using System.Text;
using System.Text.Json;

namespace AiNow.Publishing.Kubernetes;

/// <summary>
/// Writes a JSON value as block YAML straight into the file's text: mappings one key per line indented by
/// two, sequences under a key at the key's own indentation (<c>- item</c>), empty collections as <c>{}</c> and
/// <c>[]</c>. It writes what a YAML emitter would (the layout of every file we have published), without the
/// emitter's event objects and scalar analysis buffers, which cost most of a publish's allocations.
/// </summary>
internal static class BlockYamlWriter
{
    private const int Indent = 2;

    /// <summary>Appends <paramref name="root"/> as one document, its top-level keys in <paramref name="rootOrder"/> order (stable).</summary>
    public static void WriteDocument(StringBuilder text, JsonElement root, Func<string, int> rootOrder)
    {
        switch (root.ValueKind)
        {
            case JsonValueKind.Object when HasItems(root):
                WriteMapping(text, root.EnumerateObject().OrderBy(p => rootOrder(p.Name)), 0, indentFirstKey: true);
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

    private static void WriteMapping(StringBuilder text, IEnumerable<JsonProperty> properties, int indent, bool indentFirstKey)
    {
        var first = true;
        foreach (var property in properties)
        {
            if (!first || indentFirstKey)
            {
                text.Append(' ', indent);
            }

            first = false;
            YamlScalar.WriteKey(text, property.Name);
            text.Append(':');
            WriteValueAfterKey(text, property.Value, indent);
        }
    }

    private static void WriteValueAfterKey(StringBuilder text, JsonElement value, int indent)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.Object when HasItems(value):
                text.Append('\n');
                WriteMapping(text, value.EnumerateObject(), indent + Indent, indentFirstKey: true);
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
                    WriteMapping(text, item.EnumerateObject(), indent + Indent, indentFirstKey: false);
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
                YamlScalar.WriteValue(text, value.GetString()!, blockIndent);
                break;
            case JsonValueKind.Number:
                text.Append(value.GetRawText());
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

    private static bool HasItems(JsonElement collection) =>
        collection.ValueKind == JsonValueKind.Object ? collection.EnumerateObject().Any() : collection.GetArrayLength() > 0;
}

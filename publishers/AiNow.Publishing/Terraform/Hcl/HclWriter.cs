using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace AiNow.Publishing.Terraform.Hcl;

/// <summary>
/// The one HCL serializer: typed syntax in, text out in the form <c>terraform fmt</c> produces
/// (two-space indents; the <c>=</c> of consecutive one-line attributes aligned; objects one entry per
/// line; long or nested tuples one item per line with trailing commas), so the output passes
/// <c>terraform fmt -check</c> as written. Strings are escaped, template sequences included, so no value
/// can become code.
/// </summary>
public static partial class HclWriter
{
    private const int MaxInlineListWidth = 80;

    /// <summary>The file as text, after a one-line <paramref name="header"/> comment.</summary>
    public static string Write(HclFile file, string header)
    {
        ArgumentNullException.ThrowIfNull(file);
        ArgumentException.ThrowIfNullOrEmpty(header);

        var text = new StringBuilder("# ").Append(header).Append('\n');
        var previousWasBlock = false;
        var pending = new List<HclBodyItem>();
        foreach (var item in file.Items)
        {
            if (item is HclBlock)
            {
                if (pending.Count > 0)
                {
                    WriteBody(text, pending, 0);
                    pending.Clear();
                }

                text.Append('\n');
                WriteBlock(text, (HclBlock)item, 0);
                previousWasBlock = true;
                continue;
            }

            if (previousWasBlock && pending.Count == 0)
            {
                text.Append('\n');
            }

            previousWasBlock = false;
            pending.Add(item);
        }

        if (pending.Count > 0)
        {
            WriteBody(text, pending, 0);
        }

        return text.ToString();
    }

    private static void WriteBlock(StringBuilder text, HclBlock block, int depth)
    {
        RequireIdentifier(block.Type, "block type");
        Indent(text, depth).Append(block.Type);
        foreach (var label in block.Labels)
        {
            text.Append(' ').Append(Quote(label));
        }

        if (block.Body.Count == 0)
        {
            text.Append(" {}\n");
            return;
        }

        text.Append(" {\n");
        WriteBody(text, block.Body, depth + 1);
        Indent(text, depth).Append("}\n");
    }

    private static void WriteBody(StringBuilder text, IReadOnlyList<HclBodyItem> body, int depth)
    {
        var run = new List<(string Name, HclExpression Value)>();
        foreach (var item in body)
        {
            if (item is HclArgument argument)
            {
                RequireIdentifier(argument.Name, "argument name");
                run.Add((argument.Name, argument.Value));
                continue;
            }

            WriteArguments(text, run, depth);
            run.Clear();
            switch (item)
            {
                case HclBlankLine:
                    text.Append('\n');
                    break;
                case HclBlock block:
                    WriteBlock(text, block, depth);
                    break;
                default:
                    throw new NotSupportedException($"Unknown body item {item}.");
            }
        }

        WriteArguments(text, run, depth);
    }

    /// <summary>
    /// Consecutive arguments, as terraform fmt lays them out: the '=' of one-line arguments aligned
    /// within a group; a multi-line value stands alone and ends the group.
    /// </summary>
    private static void WriteArguments(StringBuilder text, List<(string Name, HclExpression Value)> arguments, int depth)
    {
        var group = new List<(string Name, string Value)>();
        foreach (var (name, expression) in arguments)
        {
            var value = Expression(expression, depth);
            if (!value.Contains('\n', StringComparison.Ordinal))
            {
                group.Add((name, value));
                continue;
            }

            WriteAligned(text, group, depth);
            group.Clear();
            Indent(text, depth).Append(name).Append(" = ").Append(value).Append('\n');
        }

        WriteAligned(text, group, depth);
    }

    private static void WriteAligned(StringBuilder text, List<(string Name, string Value)> group, int depth)
    {
        var width = group.Count == 0 ? 0 : group.Max(g => g.Name.Length);
        foreach (var (name, value) in group)
        {
            Indent(text, depth).Append(name.PadRight(width)).Append(" = ").Append(value).Append('\n');
        }
    }

    private static string Expression(HclExpression expression, int depth) => expression switch
    {
        HclString s => Quote(s.Value),
        HclNumber n => n.Value.ToString(CultureInfo.InvariantCulture),
        HclBool b => b.Value ? "true" : "false",
        HclNull => "null",
        HclReference r => r.Path,
        HclCall c => Call(c, depth),
        HclTemplate t => Template(t),
        HclList l => List(l, depth),
        HclObject o => ObjectExpression(o, depth),
        _ => throw new NotSupportedException($"Unknown expression {expression}."),
    };

    /// <summary>
    /// A call on one line, but for a last argument that is an object or tuple: it opens on the call's line
    /// and closes before the parenthesis, as <c>terraform fmt</c> lays out <c>yamlencode({ ... })</c>.
    /// </summary>
    private static string Call(HclCall call, int depth)
    {
        var last = call.Arguments.Count - 1;
        var arguments = call.Arguments.Select((argument, i) => i == last && argument is HclObject or HclList ? Expression(argument, depth) : Inline(argument, depth));
        return $"{call.Function}({string.Join(", ", arguments)})";
    }

    /// <summary>An expression that must fit on one line (a call's argument).</summary>
    private static string Inline(HclExpression expression, int depth)
    {
        var text = Expression(expression, depth);
        return text.Contains('\n', StringComparison.Ordinal)
            ? throw new NotSupportedException("A function argument must fit on one line; bind the value to a local first.")
            : text;
    }

    private static string List(HclList list, int depth)
    {
        if (list.Items.Count == 0)
        {
            return "[]";
        }

        var items = list.Items.Select(i => Expression(i, depth + 1)).ToList();
        var inline = $"[{string.Join(", ", items)}]";
        if (!items.Any(i => i.Contains('\n', StringComparison.Ordinal)) && list.Items.All(i => i is not (HclObject or HclList)) && inline.Length <= MaxInlineListWidth)
        {
            return inline;
        }

        var text = new StringBuilder("[\n");
        foreach (var item in items)
        {
            Indent(text, depth + 1).Append(item).Append(",\n");
        }

        return Indent(text, depth).Append(']').ToString();
    }

    private static string ObjectExpression(HclObject value, int depth)
    {
        if (value.Entries.Count == 0)
        {
            return "{}";
        }

        var text = new StringBuilder("{\n");
        WriteArguments(text, value.Entries.Select(e => (Key(e.Key), e.Value)).ToList(), depth + 1);
        return Indent(text, depth).Append('}').ToString();
    }

    private static string Key(string key) => IdentifierPattern().IsMatch(key) ? key : Quote(key);

    private static string Template(HclTemplate template)
    {
        var text = new StringBuilder("\"");
        foreach (var part in template.Parts)
        {
            if (part is HclString literal)
            {
                text.Append(EscapeString(literal.Value));
            }
            else
            {
                text.Append("${").Append(Inline(part, 0)).Append('}');
            }
        }

        return text.Append('"').ToString();
    }

    /// <summary>A quoted, escaped string literal.</summary>
    public static string Quote(string value) => $"\"{EscapeString(value)}\"";

    /// <summary>An expression as it is written at the top level of a file.</summary>
    public static string Render(HclExpression expression) => Expression(expression, 0);

    /// <summary>Escapes what HCL reads specially in a quoted string: quotes, backslashes, control characters and the template sequences <c>${</c> and <c>%{</c>.</summary>
    private static string EscapeString(string value)
    {
        var text = new StringBuilder(value.Length + 8);
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            switch (c)
            {
                case '"':
                    text.Append("\\\"");
                    break;
                case '\\':
                    text.Append("\\\\");
                    break;
                case '\n':
                    text.Append("\\n");
                    break;
                case '\r':
                    text.Append("\\r");
                    break;
                case '\t':
                    text.Append("\\t");
                    break;
                case '$' or '%' when i + 1 < value.Length && value[i + 1] == '{':
                    text.Append(c).Append(c);
                    break;
                default:
                    if (char.IsControl(c))
                    {
                        text.Append(CultureInfo.InvariantCulture, $"\\u{(int)c:X4}");
                    }
                    else
                    {
                        text.Append(c);
                    }

                    break;
            }
        }

        return text.ToString();
    }

    private static void RequireIdentifier(string name, string what)
    {
        if (!IdentifierPattern().IsMatch(name ?? ""))
        {
            throw new ArgumentException($"'{name}' is not a valid {what}: use letters, digits, '_' and '-', starting with a letter or '_'.");
        }
    }

    private static StringBuilder Indent(StringBuilder text, int depth) => text.Append(' ', depth * 2);

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_-]*$", RegexOptions.CultureInvariant)]
    private static partial Regex IdentifierPattern();
}

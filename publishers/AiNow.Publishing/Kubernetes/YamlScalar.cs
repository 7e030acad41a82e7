using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace AiNow.Publishing.Kubernetes;

/// <summary>
/// How one string is written in YAML so that every reader gets the string back: plain where YAML allows it,
/// in single quotes where indicators or spacing rule plain out, in double quotes where a reader would take it
/// for another type (<c>"8080"</c>, <c>"true"</c>, <c>"Y"</c>) or it holds what only escapes can carry, and as a
/// literal block (<c>|</c>) when it has several lines (a workflow's script reads as written). The choice follows
/// the YAML 1.1 emitters' analysis (libyaml, YamlDotNet), so the files read the same as an emitter would write them.
/// </summary>
internal static partial class YamlScalar
{
    private const int BlockIndent = 2;

    private static readonly SearchValues<char> OtherBreaks = SearchValues.Create("\r\x85\u2028\u2029");

    private enum Style
    {
        Plain,
        SingleQuoted,
        DoubleQuoted,
        Literal,
    }

    /// <summary>A mapping key: never a block.</summary>
    public static void WriteKey(StringBuilder text, ReadOnlySpan<char> key) => Write(text, key, Choose(key, isKey: true), 0);

    /// <summary>A value; a literal block's lines go at <paramref name="blockIndent"/> spaces.</summary>
    public static void WriteValue(StringBuilder text, ReadOnlySpan<char> value, int blockIndent) => Write(text, value, Choose(value, isKey: false), blockIndent);

    /// <summary>True when a YAML 1.1 or 1.2 reader would take the plain string for a number, boolean, null or date.</summary>
    internal static bool IsImplicitlyTyped(ReadOnlySpan<char> value) =>
        !IsPlainWord(value) && ImplicitlyTyped().IsMatch(value);

    /// <summary>
    /// Most keys and values (<c>name</c>, <c>metadata</c>, <c>ainow-api</c>) are ruled out without the pattern: of
    /// its forms, only the words (<c>null</c>, <c>yes</c>, <c>Off</c>...) start with a letter, all within five
    /// letters (six with the line break the pattern's <c>$</c> lets through) and starting with one of <c>nNyYtTfFoO</c>.
    /// </summary>
    private static bool IsPlainWord(ReadOnlySpan<char> value) =>
        value.Length > 0 && char.IsAsciiLetter(value[0]) && (value.Length > 6 || !WordInitials.Contains(value[0]));

    private static readonly SearchValues<char> WordInitials = SearchValues.Create("nNyYtTfFoO");

    private static Style Choose(ReadOnlySpan<char> value, bool isKey)
    {
        if (value.Length == 0 || IsImplicitlyTyped(value))
        {
            return Style.DoubleQuoted;
        }

        var analysis = Analyze(value);
        if (analysis.LineBreaks)
        {
            // A reader turns every break in a block into '\n': a value with other breaks keeps them only in escapes.
            var onlyNewLines = !value.ContainsAny(OtherBreaks);
            return !isKey && onlyNewLines && analysis.BlockAllowed ? Style.Literal : Style.DoubleQuoted;
        }

        if (analysis.BlockPlainAllowed)
        {
            return Style.Plain;
        }

        // A quote inside reads better escaped than doubled.
        return analysis.SingleQuotedAllowed && !value.Contains('\'') ? Style.SingleQuoted : Style.DoubleQuoted;
    }

    private static void Write(StringBuilder text, ReadOnlySpan<char> value, Style style, int blockIndent)
    {
        switch (style)
        {
            case Style.Plain:
                text.Append(value);
                break;
            case Style.SingleQuoted:
                // Chosen only for a value without a quote of its own, so nothing inside needs doubling.
                text.Append('\'').Append(value).Append('\'');
                break;
            case Style.DoubleQuoted:
                WriteDoubleQuoted(text, value);
                break;
            default:
                WriteLiteral(text, value, blockIndent);
                break;
        }
    }

    private static void WriteDoubleQuoted(StringBuilder text, ReadOnlySpan<char> value)
    {
        text.Append('"');
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (IsPrintable(c) && !IsBreak(c) && c != '"' && c != '\\')
            {
                text.Append(c);
                continue;
            }

            if (char.IsHighSurrogate(c) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
            {
                text.Append(CultureInfo.InvariantCulture, $"\\U{char.ConvertToUtf32(c, value[i + 1]):X8}");
                i++;
                continue;
            }

            text.Append(c switch
            {
                '\0' => "\\0",
                '\a' => "\\a",
                '\b' => "\\b",
                '\t' => "\\t",
                '\n' => "\\n",
                '\v' => "\\v",
                '\f' => "\\f",
                '\r' => "\\r",
                '\x1B' => "\\e",
                '"' => "\\\"",
                '\\' => "\\\\",
                '\x85' => "\\N",
                '\u00A0' => "\\_",
                '\u2028' => "\\L",
                '\u2029' => "\\P",
                <= '\xFF' => string.Create(CultureInfo.InvariantCulture, $"\\x{(int)c:X2}"),
                _ => string.Create(CultureInfo.InvariantCulture, $"\\u{(int)c:X4}"),
            });
        }

        text.Append('"');
    }

    /// <summary>
    /// <c>|</c>, an indentation digit when the first line starts with a space or is empty, and the chomping the
    /// ending needs (<c>-</c> none, nothing for one, <c>+</c> several); then each line at the block's indentation,
    /// empty lines left empty.
    /// </summary>
    private static void WriteLiteral(StringBuilder text, ReadOnlySpan<char> value, int blockIndent)
    {
        text.Append('|');
        if (value[0] == ' ' || IsBreak(value[0]))
        {
            text.Append((char)('0' + BlockIndent));
        }

        if (!IsBreak(value[^1]))
        {
            text.Append('-');
        }
        else if (value.Length == 1 || IsBreak(value[^2]))
        {
            text.Append('+');
        }

        text.Append('\n');
        var atLineStart = true;
        foreach (var c in value)
        {
            if (IsBreak(c))
            {
                text.Append(c);
                atLineStart = true;
                continue;
            }

            if (atLineStart)
            {
                text.Append(' ', blockIndent);
                atLineStart = false;
            }

            text.Append(c);
        }
    }

    private readonly record struct Analysis(bool LineBreaks, bool BlockPlainAllowed, bool SingleQuotedAllowed, bool BlockAllowed);

    /// <summary>What the string's characters rule out: indicators, leading or trailing space, breaks, characters only escapes carry.</summary>
    private static Analysis Analyze(ReadOnlySpan<char> value)
    {
        var blockIndicators = value.StartsWith("---", StringComparison.Ordinal) || value.StartsWith("...", StringComparison.Ordinal);
        bool leadingSpace = false, leadingBreak = false, trailingSpace = false, trailingBreak = false;
        bool breakSpace = false, spaceBreak = false, previousSpace = false, previousBreak = false;
        bool lineOfSpaces = false, linesOfSpaces = false;
        bool lineBreaks = false, specialCharacters = false;
        var precededByWhitespace = true;
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            var first = i == 0;
            var last = i == value.Length - 1;
            var followedByWhitespace = last || IsBlankOrBreak(value[i + 1]);
            if (first)
            {
                blockIndicators |= c is '#' or ',' or '[' or ']' or '{' or '}' or '&' or '*' or '!' or '|' or '>' or '\'' or '"' or '%' or '@' or '`'
                    || (c is '?' or ':' or '-' && followedByWhitespace);
            }
            else
            {
                blockIndicators |= (c == ':' && followedByWhitespace) || (c == '#' && precededByWhitespace);
            }

            specialCharacters |= !IsPrintable(c);

            // A reader trims a tab at either end of a plain value as it trims a space.
            leadingSpace |= first && c == '\t';
            trailingSpace |= last && c == '\t';
            if (c == ' ')
            {
                leadingSpace |= first;
                trailingSpace |= last;
                breakSpace |= previousBreak;
                lineOfSpaces |= previousBreak;
                previousSpace = true;
                previousBreak = false;
            }
            else if (IsBreak(c))
            {
                lineBreaks = true;
                leadingBreak |= first;
                trailingBreak |= last;
                spaceBreak |= previousSpace;
                linesOfSpaces |= lineOfSpaces;
                previousSpace = false;
                previousBreak = true;
            }
            else
            {
                previousSpace = false;
                previousBreak = false;
                lineOfSpaces = false;
            }

            precededByWhitespace = IsBlankOrBreak(c);
        }

        var blockPlain = !(leadingSpace || leadingBreak || trailingSpace || trailingBreak || breakSpace || spaceBreak || specialCharacters || lineBreaks || blockIndicators);
        var singleQuoted = !(breakSpace || spaceBreak || specialCharacters);
        // Unlike an emitter, no block for characters only escapes carry: a block writes them raw.
        var block = !(trailingSpace || linesOfSpaces || specialCharacters);
        return new Analysis(lineBreaks, blockPlain, singleQuoted, block);
    }

    private static bool IsBreak(char c) => c is '\r' or '\n' or '\x85' or '\u2028' or '\u2029';

    private static bool IsBlankOrBreak(char c) => c is ' ' or '\t' || IsBreak(c);

    /// <summary>What YAML allows unescaped; a surrogate pair is written as one escape.</summary>
    private static bool IsPrintable(char c) =>
        c is '\t' or '\n' or '\r' or (>= ' ' and <= '~') or '\x85' or (>= '\xA0' and <= '\uD7FF') or (>= '\uE000' and <= '\uFFFD');

    [GeneratedRegex(
        @"^(~|null|Null|NULL|y|Y|yes|Yes|YES|n|N|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF" +
        @"|[-+]?(0|[1-9][0-9_]*)(\.[0-9_]*)?([eE][-+]?[0-9]+)?|[-+]?\.[0-9_]+([eE][-+]?[0-9]+)?|[-+]?0[0-7_]+|[-+]?0o[0-7]+|[-+]?0x[0-9a-fA-F_]+|[-+]?0b[01_]+" +
        @"|[-+]?[1-9][0-9_]*(:[0-5]?[0-9])+(\.[0-9_]*)?|[-+]?\.(inf|Inf|INF)|\.(nan|NaN|NAN)|[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}([Tt ].*)?)$",
        RegexOptions.CultureInvariant)]
    private static partial Regex ImplicitlyTyped();
}

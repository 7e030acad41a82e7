using System.Globalization;
using System.Text;

namespace AiNow.Inference.Embeddings;

/// <summary>
/// Cleans text the way the model's original BERT tokenizer does before WordPiece: runs of any
/// whitespace become one space, control characters go, accents are stripped. The packaged
/// tokenizer splits words on spaces only, so without this a newline or tab would glue two words
/// into one unknown token, and an accented word would miss the (accent-free) uncased vocabulary.
/// </summary>
public static class ModelText
{
    /// <summary>The form of <paramref name="text"/> that is tokenized and embedded.</summary>
    public static string Prepare(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var decomposed = WithoutUnnormalizable(text).Normalize(NormalizationForm.FormD);
        var prepared = new StringBuilder(decomposed.Length);
        var spacePending = false;
        foreach (var c in decomposed)
        {
            if (char.IsWhiteSpace(c))
            {
                spacePending = prepared.Length > 0;
                continue;
            }

            if (char.IsControl(c) || CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark)
            {
                continue;
            }

            if (spacePending)
            {
                prepared.Append(' ');
                spacePending = false;
            }

            prepared.Append(c);
        }

        return prepared.ToString();
    }

    /// <summary>
    /// <paramref name="text"/> without what <see cref="string.Normalize(NormalizationForm)"/> refuses: U+FFFE (a
    /// noncharacter, the byte-swapped byte order mark) and unpaired surrogates. Neither means anything to the
    /// model, and a client may send either inside valid JSON; dropped here, they cannot fail the request.
    /// </summary>
    private static string WithoutUnnormalizable(string text)
    {
        StringBuilder? kept = null;
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            var length = char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]) ? 2 : 1;
            if (c == '\uFFFE' || (char.IsSurrogate(c) && length == 1))
            {
                kept ??= new StringBuilder(text, 0, i, text.Length);
            }
            else
            {
                kept?.Append(text, i, length);
            }

            i += length;
        }

        return kept?.ToString() ?? text;
    }
}

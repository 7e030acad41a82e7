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
        var decomposed = text.Normalize(NormalizationForm.FormD);
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
}

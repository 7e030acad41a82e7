namespace AiNow.Publishing.Tests.Monitoring;

/// <summary>A metric name in an expression and the labels its selector matches on.</summary>
internal sealed record MetricReference(string Metric, IReadOnlyList<string> Labels);

/// <summary>
/// Finds the metric selectors of a PromQL expression: identifiers that are not functions, aggregation
/// operators, keywords or label lists, with the label names of their <c>{...}</c> matchers. Enough of
/// PromQL's lexical rules for the expressions the output writes; it rejects what it does not understand.
/// </summary>
internal static class PromqlTokenizer
{
    private static readonly HashSet<string> Keywords = ["and", "or", "unless", "offset", "bool", "by", "without", "on", "ignoring", "group_left", "group_right", "inf", "nan"];
    private static readonly HashSet<string> Aggregations = ["sum", "min", "max", "avg", "count", "stddev", "stdvar", "topk", "bottomk", "quantile", "count_values", "group"];
    private static readonly HashSet<string> Groupings = ["by", "without", "on", "ignoring", "group_left", "group_right"];

    public static IReadOnlyList<MetricReference> Metrics(string expression)
    {
        var tokens = Tokenize(expression);
        var references = new List<MetricReference>();
        for (var i = 0; i < tokens.Count; i++)
        {
            var token = tokens[i];
            if (Groupings.Contains(token) && i + 1 < tokens.Count && tokens[i + 1] == "(")
            {
                i = tokens.IndexOf(")", i + 1);
                continue;
            }

            if (!IsIdentifier(token) || Keywords.Contains(token) || Aggregations.Contains(token) || (i + 1 < tokens.Count && tokens[i + 1] == "("))
            {
                continue;
            }

            var labels = new List<string>();
            if (i + 1 < tokens.Count && tokens[i + 1] == "{")
            {
                var close = tokens.IndexOf("}", i + 1);
                for (var j = i + 2; j < close; j += 4)
                {
                    // label, operator, "value", then a comma or the end
                    if (!IsIdentifier(tokens[j]) || tokens[j + 1] is not ("=" or "!=" or "=~" or "!~") || !tokens[j + 2].StartsWith('"'))
                    {
                        throw new FormatException($"Unexpected matcher near '{tokens[j]}' in: {expression}");
                    }

                    labels.Add(tokens[j]);
                }

                i = close;
            }

            references.Add(new MetricReference(token, labels));
        }

        return references;
    }

    public static List<string> Tokenize(string expression)
    {
        var tokens = new List<string>();
        var i = 0;
        while (i < expression.Length)
        {
            var c = expression[i];
            if (char.IsWhiteSpace(c))
            {
                i++;
            }
            else if (c == '"')
            {
                var end = i + 1;
                while (expression[end] != '"')
                {
                    end += expression[end] == '\\' ? 2 : 1;
                }

                tokens.Add(expression[i..(end + 1)]);
                i = end + 1;
            }
            else if (char.IsLetter(c) || c == '_' || c == ':')
            {
                var end = i;
                while (end < expression.Length && (char.IsLetterOrDigit(expression[end]) || expression[end] is '_' or ':'))
                {
                    end++;
                }

                tokens.Add(expression[i..end]);
                i = end;
            }
            else if (char.IsDigit(c) || c == '.')
            {
                // numbers and durations (5m, 1w, 0.99, 1e3) are one token
                var end = i;
                while (end < expression.Length && (char.IsLetterOrDigit(expression[end]) || expression[end] == '.'))
                {
                    end++;
                }

                tokens.Add(expression[i..end]);
                i = end;
            }
            else if (i + 1 < expression.Length && expression.Substring(i, 2) is "!=" or "=~" or "!~" or "==" or ">=" or "<=")
            {
                tokens.Add(expression.Substring(i, 2));
                i += 2;
            }
            else if ("(){}[],=<>+-*/%^".Contains(c, StringComparison.Ordinal))
            {
                tokens.Add(c.ToString());
                i++;
            }
            else
            {
                throw new FormatException($"Unexpected '{c}' at {i} in: {expression}");
            }
        }

        return tokens;
    }

    private static bool IsIdentifier(string token) => token.Length > 0 && (char.IsLetter(token[0]) || token[0] is '_' or ':');
}

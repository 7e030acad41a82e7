using System.Collections.Immutable;
using System.Globalization;
using System.Text;
using AiNow.Publishing.Model;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using ModelEndpointProperty = AiNow.Publishing.Model.EndpointProperty;

namespace AiNow.Publishing.Reading;

/// <summary>
/// Turns Aspire values (strings, parameters, endpoint and connection-string references, reference
/// expressions) into neutral <see cref="ValueExpression"/>s. Parameters become references by name:
/// their values are never read, so no secret can reach the output.
/// </summary>
/// <param name="executionContext">The publish execution context, for conditions evaluated at publish time.</param>
/// <param name="publishedEndpoints">The endpoints that exist in the deployment, by resource and endpoint name.</param>
/// <param name="connections">Names of the store connections emitters resolve themselves (<c>ainowdb</c>, <c>redis</c>).</param>
internal sealed class ValueExpressionReader(
    DistributedApplicationExecutionContext executionContext,
    IReadOnlyDictionary<(string Resource, string Endpoint), EndpointSpec> publishedEndpoints,
    IReadOnlySet<string> connections)
{
    /// <summary>The expression, or null when the value refers to an endpoint that is not published (the default https endpoint of a project).</summary>
    public async Task<ValueExpression?> ReadAsync(object? value, CancellationToken cancellationToken)
    {
        var parts = new List<ValuePart>();
        return await AppendAsync(value, ValueEncoding.None, expandConnections: false, parts, cancellationToken)
            ? new ValueExpression(Merge(parts))
            : null;
    }

    /// <summary>A store's own connection string, with nested connection strings expanded.</summary>
    public async Task<ValueExpression> ReadConnectionAsync(ReferenceExpression expression, string connection, CancellationToken cancellationToken)
    {
        var parts = new List<ValuePart>();
        return await AppendAsync(expression, ValueEncoding.None, expandConnections: true, parts, cancellationToken)
            ? new ValueExpression(Merge(parts))
            : throw new InvalidOperationException($"The connection string of '{connection}' refers to an endpoint that is not published.");
    }

    private async Task<bool> AppendAsync(object? value, ValueEncoding encoding, bool expandConnections, List<ValuePart> parts, CancellationToken cancellationToken)
    {
        switch (value)
        {
            case null:
                return true;
            case string text:
                parts.Add(new LiteralPart(Encode(text, encoding)));
                return true;
            case ParameterResource parameter:
                parts.Add(parameter.Secret ? new SecretPart(parameter.Name, encoding) : new ParameterPart(parameter.Name, encoding));
                return true;
            case ConnectionStringReference reference:
                return await AppendConnectionAsync(reference.Resource, encoding, expandConnections, parts, cancellationToken);
            case IResourceWithConnectionString resource:
                return await AppendConnectionAsync(resource, encoding, expandConnections, parts, cancellationToken);
            case EndpointReference endpoint:
                return AppendEndpoint(endpoint, ModelEndpointProperty.Url, encoding, parts);
            case EndpointReferenceExpression expression:
                return AppendEndpointExpression(expression, encoding, parts);
            case ReferenceExpression expression:
                return await AppendExpressionAsync(expression, encoding, expandConnections, parts, cancellationToken);
            default:
                throw new NotSupportedException(
                    $"A value of type '{value.GetType().Name}' cannot be published. Use a string, a parameter, an endpoint, a connection string or a ReferenceExpression over them.");
        }
    }

    private async Task<bool> AppendConnectionAsync(IResourceWithConnectionString resource, ValueEncoding encoding, bool expandConnections, List<ValuePart> parts, CancellationToken cancellationToken)
    {
        if (!expandConnections && connections.Contains(resource.Name))
        {
            if (encoding != ValueEncoding.None)
            {
                throw new NotSupportedException($"The connection string of '{resource.Name}' cannot be encoded as '{encoding}'.");
            }

            parts.Add(new ConnectionStringPart(resource.Name));
            return true;
        }

        return await AppendAsync(resource.ConnectionStringExpression, encoding, expandConnections, parts, cancellationToken);
    }

    private bool AppendEndpoint(EndpointReference endpoint, ModelEndpointProperty property, ValueEncoding encoding, List<ValuePart> parts)
    {
        if (!publishedEndpoints.ContainsKey((endpoint.Resource.Name, endpoint.EndpointName)))
        {
            return false;
        }

        RequireNoEncoding(encoding, $"endpoint '{endpoint.Resource.Name}/{endpoint.EndpointName}'");
        parts.Add(new EndpointPart(endpoint.Resource.Name, endpoint.EndpointName, property));
        return true;
    }

    private bool AppendEndpointExpression(EndpointReferenceExpression expression, ValueEncoding encoding, List<ValuePart> parts)
    {
        var endpoint = expression.Endpoint;
        if (!publishedEndpoints.TryGetValue((endpoint.Resource.Name, endpoint.EndpointName), out var published))
        {
            return false;
        }

        switch (expression.Property)
        {
            case Aspire.Hosting.ApplicationModel.EndpointProperty.TlsEnabled:
                // In-cluster traffic is plain: TLS terminates at the ingress.
                parts.Add(new LiteralPart(bool.FalseString));
                return true;
            case Aspire.Hosting.ApplicationModel.EndpointProperty.Scheme:
                parts.Add(new LiteralPart(published.Scheme));
                return true;
            default:
                return AppendEndpoint(endpoint, MapProperty(expression.Property), encoding, parts);
        }
    }

    private async Task<bool> AppendExpressionAsync(ReferenceExpression expression, ValueEncoding encoding, bool expandConnections, List<ValuePart> parts, CancellationToken cancellationToken)
    {
        if (expression.IsConditional)
        {
            if (expression.Condition is ParameterResource parameter)
            {
                throw new NotSupportedException($"A value that depends on parameter '{parameter.Name}' at deploy time cannot be published; make the choice in the app model.");
            }

            var context = new ValueProviderContext { ExecutionContext = executionContext };
            var condition = await expression.Condition!.GetValueAsync(context, cancellationToken);
            var branch = string.Equals(condition, expression.MatchValue, StringComparison.OrdinalIgnoreCase) ? expression.WhenTrue! : expression.WhenFalse!;
            return await AppendExpressionAsync(branch, encoding, expandConnections, parts, cancellationToken);
        }

        foreach (var segment in FormatSegments.Parse(expression.Format))
        {
            if (segment.Index is not { } index)
            {
                parts.Add(new LiteralPart(Encode(segment.Text, encoding)));
                continue;
            }

            var format = index < expression.StringFormats.Count ? expression.StringFormats[index] : null;
            var inner = format switch
            {
                null or "" => encoding,
                "uri" => ValueEncoding.Uri,
                _ => throw new NotSupportedException($"The value format '{format}' cannot be published."),
            };
            if (!await AppendAsync(expression.ValueProviders[index], inner, expandConnections, parts, cancellationToken))
            {
                return false;
            }
        }

        return true;
    }

    private static ModelEndpointProperty MapProperty(Aspire.Hosting.ApplicationModel.EndpointProperty property) => property switch
    {
        Aspire.Hosting.ApplicationModel.EndpointProperty.Url => ModelEndpointProperty.Url,
        Aspire.Hosting.ApplicationModel.EndpointProperty.Host or Aspire.Hosting.ApplicationModel.EndpointProperty.IPV4Host => ModelEndpointProperty.Host,
        Aspire.Hosting.ApplicationModel.EndpointProperty.Port => ModelEndpointProperty.Port,
        Aspire.Hosting.ApplicationModel.EndpointProperty.HostAndPort => ModelEndpointProperty.HostAndPort,
        Aspire.Hosting.ApplicationModel.EndpointProperty.TargetPort => ModelEndpointProperty.TargetPort,
        _ => throw new NotSupportedException($"The endpoint property '{property}' cannot be published."),
    };

    private static void RequireNoEncoding(ValueEncoding encoding, string what)
    {
        if (encoding != ValueEncoding.None)
        {
            throw new NotSupportedException($"The {what} cannot be encoded as '{encoding}'.");
        }
    }

    private static string Encode(string text, ValueEncoding encoding) =>
        encoding == ValueEncoding.Uri ? Uri.EscapeDataString(text) : text;

    private static ImmutableArray<ValuePart> Merge(List<ValuePart> parts)
    {
        // Adjacent literals become one, so equal values compare equal however they were built.
        var merged = ImmutableArray.CreateBuilder<ValuePart>(parts.Count);
        var text = new StringBuilder();
        foreach (var part in parts)
        {
            if (part is LiteralPart literal)
            {
                text.Append(literal.Text);
                continue;
            }

            if (text.Length > 0)
            {
                merged.Add(new LiteralPart(text.ToString()));
                text.Clear();
            }

            merged.Add(part);
        }

        if (text.Length > 0 || merged.Count == 0)
        {
            merged.Add(new LiteralPart(text.ToString()));
        }

        return merged.ToImmutable();
    }

    /// <summary>Splits an Aspire format string (<c>Host={0};Port={1}</c>, braces doubled to escape) into text and placeholders.</summary>
    internal static class FormatSegments
    {
        public static IReadOnlyList<(string Text, int? Index)> Parse(string format)
        {
            var segments = new List<(string, int?)>();
            var text = new StringBuilder();
            for (var i = 0; i < format.Length; i++)
            {
                var c = format[i];
                if ((c == '{' || c == '}') && i + 1 < format.Length && format[i + 1] == c)
                {
                    text.Append(c);
                    i++;
                    continue;
                }

                if (c != '{')
                {
                    text.Append(c);
                    continue;
                }

                var end = format.IndexOf('}', i);
                if (end < 0)
                {
                    throw new FormatException($"Unclosed placeholder in '{format}'.");
                }

                if (text.Length > 0)
                {
                    segments.Add((text.ToString(), null));
                    text.Clear();
                }

                var placeholder = format[(i + 1)..end];
                var colon = placeholder.IndexOf(':', StringComparison.Ordinal);
                var index = int.Parse(colon < 0 ? placeholder : placeholder[..colon], NumberStyles.None, CultureInfo.InvariantCulture);
                segments.Add((string.Empty, index));
                i = end;
            }

            if (text.Length > 0)
            {
                segments.Add((text.ToString(), null));
            }

            return segments;
        }
    }
}

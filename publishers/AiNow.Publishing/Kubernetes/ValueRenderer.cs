using System.Globalization;
using System.Text;
using AiNow.Publishing.Kubernetes.Crds;
using AiNow.Publishing.Model;

namespace AiNow.Publishing.Kubernetes;

/// <summary>
/// Renders <see cref="ValueExpression"/>s for Kubernetes: plain values for ConfigMaps, and External
/// Secrets templates for values that contain secrets. Endpoints resolve to in-namespace Services.
/// </summary>
/// <param name="model">The deployment model.</param>
/// <param name="environment">The environment, or null for environment-independent (base) values.</param>
/// <param name="target">The cloud target, needed for connection strings of managed stores.</param>
internal sealed class ValueRenderer(DeploymentModel model, EnvironmentPlan? environment, CloudTarget? target)
{
    /// <summary>A value without secrets, as plain text.</summary>
    public string RenderPlain(ValueExpression value)
    {
        var text = new StringBuilder();
        foreach (var part in value.Parts)
        {
            text.Append(part switch
            {
                LiteralPart literal => literal.Text,
                EndpointPart endpoint => RenderEndpoint(endpoint),
                ParameterPart parameter => RenderParameter(parameter),
                _ => throw new InvalidOperationException($"A secret value cannot be rendered as plain text ({part})."),
            });
        }

        return text.ToString();
    }

    /// <summary>A value with secrets, as an External Secrets (v2 engine) template; fetched entries are added to <paramref name="references"/>.</summary>
    public string RenderTemplate(ValueExpression value, SecretReferences references)
    {
        var environmentName = environment?.Name ?? throw new InvalidOperationException("Secrets are rendered per environment.");
        var text = new StringBuilder();
        foreach (var part in value.Parts)
        {
            switch (part)
            {
                case LiteralPart literal:
                    text.Append(EscapeTemplateText(literal.Text));
                    break;
                case EndpointPart endpoint:
                    text.Append(EscapeTemplateText(RenderEndpoint(endpoint)));
                    break;
                case ParameterPart parameter:
                    text.Append(EscapeTemplateText(RenderParameter(parameter)));
                    break;
                case SecretPart secret:
                    var key = references.Add(TemplateKey(secret.Parameter), model.Naming.SecretName(environmentName, secret.Parameter));
                    text.Append(secret.Encoding == ValueEncoding.Uri ? $"{{{{ .{key} | urlquery }}}}" : $"{{{{ .{key} }}}}");
                    break;
                case ConnectionStringPart connection:
                    text.Append(RenderConnection(connection, references, environmentName));
                    break;
                default:
                    throw new NotSupportedException($"Unknown value part {part}.");
            }
        }

        return text.ToString();
    }

    private string RenderConnection(ConnectionStringPart part, SecretReferences references, string environmentName)
    {
        var (_, connection) = model.FindConnection(part.Connection)
            ?? throw new InvalidOperationException($"No store offers the connection '{part.Connection}'.");
        if (target?.Stores == StoreMode.Managed)
        {
            // Managed stores: the infrastructure side writes the whole connection string (host, TLS, user).
            var key = references.Add(TemplateKey($"{connection.Name}-connection-string"), model.Naming.ConnectionSecretName(environmentName, connection.Name));
            return $"{{{{ .{key} }}}}";
        }

        return RenderTemplate(connection.Value, references);
    }

    private string RenderEndpoint(EndpointPart part)
    {
        var endpoint = FindEndpoint(part.Resource, part.Endpoint);
        var port = endpoint.Port.ToString(CultureInfo.InvariantCulture);
        return part.Property switch
        {
            EndpointProperty.Url => $"{endpoint.Scheme}://{part.Resource}:{port}",
            EndpointProperty.Host => part.Resource,
            EndpointProperty.Port => port,
            EndpointProperty.HostAndPort => $"{part.Resource}:{port}",
            EndpointProperty.TargetPort => endpoint.TargetPort.ToString(CultureInfo.InvariantCulture),
            EndpointProperty.Scheme => endpoint.Scheme,
            _ => throw new NotSupportedException($"Unknown endpoint property {part.Property}."),
        };
    }

    private EndpointSpec FindEndpoint(string resource, string name)
    {
        if (model.FindService(resource) is { } service && service.Endpoints.FirstOrDefault(e => e.Name == name) is { } endpoint)
        {
            return endpoint;
        }

        if (model.FindDataStore(resource) is { } store && store.Endpoint.Name == name)
        {
            return store.Endpoint;
        }

        throw new InvalidOperationException($"No endpoint '{resource}/{name}' in the deployment model.");
    }

    private string RenderParameter(ParameterPart part)
    {
        if (environment is null)
        {
            throw new InvalidOperationException($"Parameter '{part.Parameter}' is rendered per environment.");
        }

        var value = environment.ParameterValues.GetValueOrDefault(part.Parameter, string.Empty);
        return part.Encoding == ValueEncoding.Uri ? Uri.EscapeDataString(value) : value;
    }

    /// <summary>Template field names must be identifiers: <c>admin-key</c> becomes <c>admin_key</c>.</summary>
    private static string TemplateKey(string name) => name.Replace('-', '_').Replace('.', '_');

    private static string EscapeTemplateText(string text) =>
        text.Replace("{{", "{{ \"{{\" }}", StringComparison.Ordinal);
}

/// <summary>The secret-store entries an ExternalSecret fetches, by template key, in key order.</summary>
internal sealed class SecretReferences
{
    private readonly SortedDictionary<string, RemoteReference> _entries = new(StringComparer.Ordinal);

    /// <summary>The property read from each entry (Vault stores key/value maps), or null for plain entries.</summary>
    public string? Property { get; init; }

    /// <summary>True when nothing is fetched.</summary>
    public bool IsEmpty => _entries.Count == 0;

    /// <summary>Adds an entry (idempotent) and returns its template key.</summary>
    public string Add(string key, string remoteKey)
    {
        if (_entries.TryGetValue(key, out var existing) && existing.Key != remoteKey)
        {
            throw new InvalidOperationException($"Template key '{key}' names two secret entries: '{existing.Key}' and '{remoteKey}'.");
        }

        _entries[key] = new RemoteReference(remoteKey, Property);
        return key;
    }

    /// <summary>The entries as ExternalSecret data.</summary>
    public IReadOnlyList<ExternalSecretData> ToData() => _entries.Select(e => new ExternalSecretData(e.Key, e.Value)).ToList();
}

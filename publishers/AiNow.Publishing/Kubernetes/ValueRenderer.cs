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

    /// <summary>
    /// A value with secrets, as an External Secrets (v2 engine) template; fetched entries are added to
    /// <paramref name="references"/>. <paramref name="workload"/> decides which database role a
    /// connection string uses (the schema owner for the migrator, the runtime role otherwise).
    /// </summary>
    public string RenderTemplate(ValueExpression value, SecretReferences references, ServiceSpec? workload = null)
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
                    text.Append(RenderConnection(connection, references, environmentName, workload));
                    break;
                default:
                    throw new NotSupportedException($"Unknown value part {part}.");
            }
        }

        return text.ToString();
    }

    private string RenderConnection(ConnectionStringPart part, SecretReferences references, string environmentName, ServiceSpec? workload)
    {
        var (store, connection) = model.FindConnection(part.Connection)
            ?? throw new InvalidOperationException($"No store offers the connection '{part.Connection}'.");
        var owner = workload is not null && DeploymentModel.OwnsSchema(workload, connection);
        if (target?.Stores == StoreMode.Managed)
        {
            // Managed stores: the infrastructure side writes the whole connection string (host, port,
            // TLS, role): the owner's for the migrator, the runtime role's for everything else.
            var remote = owner
                ? model.Naming.OwnerConnectionSecretName(environmentName, connection.Name)
                : model.Naming.ConnectionSecretName(environmentName, connection.Name);
            var key = references.Add(TemplateKey(owner ? $"{connection.Name}-owner-connection-string" : $"{connection.Name}-connection-string"), remote);
            return $"{{{{ .{key} }}}}";
        }

        if (store.Kind == DataStoreKind.Postgres && connection.DatabaseName is { } database)
        {
            return PostgresConnection(store, database, owner, references, environmentName);
        }

        return RenderTemplate(connection.Value, references, workload);
    }

    /// <summary>
    /// An Npgsql connection string to an in-cluster database as the owner or the runtime role. The
    /// password is quoted (doubling any quote), so a generated password with ';' or '=' cannot change
    /// the meaning of the string.
    /// </summary>
    private string PostgresConnection(DataStoreSpec store, string database, bool owner, SecretReferences references, string environmentName)
    {
        var user = owner ? OwnerUser(store) : model.Naming.RuntimeRole;
        var password = owner ? store.PasswordParameter : InfrastructureNaming.RuntimeRolePasswordParameter(store.Connections.First(c => c.DatabaseName == database).Name);
        var key = references.Add(TemplateKey(password), model.Naming.SecretName(environmentName, password));
        var port = store.Endpoint.Port.ToString(CultureInfo.InvariantCulture);
        return EscapeTemplateText($"Host={store.Name};Port={port};Database={database};Username={user};Password=\"")
            + $"{{{{ .{key} | replace \"\\\"\" \"\\\"\\\"\" }}}}\"";
    }

    /// <summary>The superuser the in-cluster PostgreSQL image creates (<c>POSTGRES_USER</c>, by default <c>postgres</c>).</summary>
    private static string OwnerUser(DataStoreSpec store) =>
        store.Environment.FirstOrDefault(v => v.Name == "POSTGRES_USER")?.Value.Parts is [LiteralPart user] ? user.Text : "postgres";

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
    private readonly SortedKeyDictionary<RemoteReference> _entries = new();

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

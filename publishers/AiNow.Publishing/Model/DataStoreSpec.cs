using System.Collections.Immutable;

namespace AiNow.Publishing.Model;

/// <summary>The kinds of stateful stores the platform knows how to run or to reach.</summary>
public enum DataStoreKind
{
    /// <summary>PostgreSQL.</summary>
    Postgres,

    /// <summary>Redis (or a Redis-compatible managed cache such as Valkey).</summary>
    Redis,
}

/// <summary>A stateful store: a StatefulSet when in-cluster, a managed service otherwise.</summary>
/// <param name="Name">The app-model name (<c>postgres</c>, <c>redis</c>); also its in-cluster host name.</param>
/// <param name="Kind">What it is.</param>
/// <param name="Image">The pinned image used when the store runs in-cluster.</param>
/// <param name="Endpoint">Where it listens.</param>
/// <param name="Entrypoint">The container entrypoint the app model sets, or null.</param>
/// <param name="Arguments">Container arguments from the app model.</param>
/// <param name="Environment">Container environment from the app model (passwords as secret parts).</param>
/// <param name="PasswordParameter">The secret parameter holding its password.</param>
/// <param name="Connections">The connection strings it offers: itself and each database.</param>
public sealed record DataStoreSpec(
    string Name,
    DataStoreKind Kind,
    ImageReference Image,
    EndpointSpec Endpoint,
    string? Entrypoint,
    ImmutableArray<ValueExpression> Arguments,
    ImmutableArray<EnvironmentVariable> Environment,
    string PasswordParameter,
    ImmutableArray<ConnectionSpec> Connections);

/// <summary>A connection string a store offers.</summary>
/// <param name="Name">The app-model name services reference (<c>ainowdb</c>, <c>redis</c>).</param>
/// <param name="DatabaseName">The database, for a database connection.</param>
/// <param name="Value">The connection string for the in-cluster store.</param>
public sealed record ConnectionSpec(string Name, string? DatabaseName, ValueExpression Value);

/// <summary>A parameter of the app model.</summary>
/// <param name="Name">Its name (<c>admin-key</c>).</param>
/// <param name="Secret">True when its value must only ever come from a secret store.</param>
/// <param name="Optional">True when the platform runs without it (a feature then says how to set it).</param>
public sealed record ParameterSpec(string Name, bool Secret, bool Optional = false);

/// <summary>
/// A <c>WithReference</c> of the app model: <paramref name="From"/> talks to <paramref name="To"/>.
/// Network policies allow exactly these edges.
/// </summary>
/// <param name="From">The calling workload.</param>
/// <param name="To">The referenced resource as named in the app model (<c>ainowdb</c>).</param>
/// <param name="TargetWorkload">The workload or store that serves it (<c>postgres</c>).</param>
/// <param name="Port">The port the target listens on.</param>
public sealed record ReferenceEdge(string From, string To, string TargetWorkload, int Port)
{
    /// <summary>A stable identifier (<c>api-to-ainowdb</c>).</summary>
    public string Id => $"{From}-to-{To}";
}

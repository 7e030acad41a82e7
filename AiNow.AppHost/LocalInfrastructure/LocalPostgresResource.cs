namespace AiNow.AppHost.LocalInfrastructure;

/// <summary>
/// PostgreSQL run from the machine's own binaries as a process, for machines with no container
/// engine. Its connection string has the same shape as Aspire's container resource.
/// </summary>
public sealed class LocalPostgresResource(string name, string command, string workingDirectory, ParameterResource password)
    : ExecutableResource(name, command, workingDirectory), IResourceWithConnectionString
{
    /// <summary>The endpoint name, as on Aspire's PostgreSQL resource.</summary>
    public const string PrimaryEndpointName = "tcp";

    private readonly Dictionary<string, string> _databases = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The superuser password.</summary>
    public ParameterResource PasswordParameter { get; } = password;

    /// <summary>The TCP endpoint the server listens on (127.0.0.1).</summary>
    public EndpointReference PrimaryEndpoint => new(this, PrimaryEndpointName);

    /// <summary>Databases created at start: resource name to database name.</summary>
    public IReadOnlyDictionary<string, string> Databases => _databases;

    /// <summary>The server-level connection string.</summary>
    public ReferenceExpression ConnectionStringExpression => ReferenceExpression.Create(
        $"Host={PrimaryEndpoint.Property(EndpointProperty.Host)};Port={PrimaryEndpoint.Property(EndpointProperty.Port)};Username=postgres;Password={PasswordParameter}");

    internal void AddDatabase(string resourceName, string databaseName) => _databases.TryAdd(resourceName, databaseName);
}

/// <summary>A database on a <see cref="LocalPostgresResource"/>; what services reference.</summary>
public sealed class LocalPostgresDatabaseResource(string name, string databaseName, LocalPostgresResource parent)
    : Resource(name), IResourceWithParent<LocalPostgresResource>, IResourceWithConnectionString
{
    /// <summary>The database's name inside the server.</summary>
    public string DatabaseName { get; } = databaseName;

    /// <summary>The server.</summary>
    public LocalPostgresResource Parent { get; } = parent;

    /// <summary>The server's connection string with the database selected.</summary>
    public ReferenceExpression ConnectionStringExpression =>
        ReferenceExpression.Create($"{Parent};Database={DatabaseName}");
}

namespace AiNow.Contracts;

/// <summary>
/// The names the app model gives its resources. Each is also how the others reach it: the host name service
/// discovery resolves (<c>http://api</c>), the connection string a service asks for (<c>ainowdb</c>, <c>redis</c>),
/// and the workload's name in the deployment output. Renaming one here renames it everywhere.
/// </summary>
public static class ResourceNames
{
    /// <summary>The public entry: authenticates, limits and forwards to the api.</summary>
    public const string Gateway = "gateway";

    /// <summary>Tenants, keys, usage, embeddings and chat behind the gateway.</summary>
    public const string Api = "api";

    /// <summary>The embedding model, and the way to the model provider for chat.</summary>
    public const string Inference = "inference";

    /// <summary>Runs batch embedding jobs from the database.</summary>
    public const string Worker = "worker";

    /// <summary>Applies the schema before api and worker start.</summary>
    public const string Migrations = "migrations";

    /// <summary>The PostgreSQL server.</summary>
    public const string Postgres = "postgres";

    /// <summary>The application's database on <see cref="Postgres"/>.</summary>
    public const string Database = "ainowdb";

    /// <summary>The Redis (or, locally, Garnet) cache.</summary>
    public const string Redis = "redis";
}

using AiNow.AppHost.LocalInfrastructure;
using AiNow.Contracts;

namespace AiNow.AppHost;

/// <summary>The stores services reference: the <c>ainowdb</c> database and the <c>redis</c> cache.</summary>
public sealed record DataStores(
    IResourceBuilder<IResourceWithConnectionString> Database,
    IResourceBuilder<IResourceWithConnectionString> Cache);

/// <summary>
/// Adds PostgreSQL and Redis once, in the form the run needs: standard Aspire resources when
/// publishing (so publishers see real <c>PostgresServerResource</c>/<c>RedisResource</c>) or running with
/// containers, machine processes otherwise. Services see the same connection strings either way.
/// </summary>
public static class DataStoreExtensions
{
    /// <summary>Adds <c>postgres</c>/<c>ainowdb</c> and <c>redis</c> in the configured local mode.</summary>
    public static DataStores AddDataStores(this IDistributedApplicationBuilder builder)
    {
        var postgresPassword = builder.AddSecretParameter("postgres-password");
        var redisPassword = builder.AddSecretParameter("redis-password");

        if (builder.ExecutionContext.IsPublishMode)
        {
            return AddContainers(builder, postgresPassword, redisPassword, persistent: false);
        }

        var options = LocalInfrastructureOptions.Read(builder.Configuration, Path.Combine(builder.AppHostDirectory, "..", ".local-data"));
        var mode = ResolveMode(options.Mode);
        if (options.ResetData && Directory.Exists(options.DataDirectory))
        {
            Directory.Delete(options.DataDirectory, recursive: true);
        }

        if (mode == LocalInfrastructureMode.Containers)
        {
            return AddContainers(builder, postgresPassword, redisPassword, persistent: !options.ResetData);
        }

        var postgres = builder.AddLocalPostgres(ResourceNames.Postgres, postgresPassword, options.DataDirectory);
        var redis = builder.AddLocalGarnet(ResourceNames.Redis, redisPassword, options.DataDirectory);
        return new DataStores(postgres.AddDatabase(ResourceNames.Database), redis);
    }

    private static DataStores AddContainers(
        IDistributedApplicationBuilder builder,
        IResourceBuilder<ParameterResource> postgresPassword,
        IResourceBuilder<ParameterResource> redisPassword,
        bool persistent)
    {
        var postgres = builder.AddPostgres(ResourceNames.Postgres, password: postgresPassword);
        var redis = builder.AddRedis(ResourceNames.Redis, password: redisPassword).WithCacheMemoryPolicy();
        if (persistent)
        {
            postgres.WithDataVolume();
            redis.WithDataVolume();
        }

        return new DataStores(postgres.AddDatabase(ResourceNames.Database), redis);
    }

    private static LocalInfrastructureMode ResolveMode(LocalInfrastructureMode requested)
    {
        if (requested != LocalInfrastructureMode.Auto)
        {
            return requested;
        }

        if (ContainerEngineProbe.FindRunningEngine() is not null)
        {
            return LocalInfrastructureMode.Containers;
        }

        return PostgresBinaries.Find() is not null
            ? LocalInfrastructureMode.Processes
            : throw new InvalidOperationException(
                "No container engine answers and no PostgreSQL server binaries were found, so the data stores cannot run. " +
                "Install one of: a running Docker or Podman engine, or PostgreSQL (Debian/Ubuntu: sudo apt-get install postgresql).");
    }
}

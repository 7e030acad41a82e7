using System.Reflection;
using Microsoft.Extensions.DependencyInjection;

namespace AiNow.AppHost.LocalInfrastructure;

/// <summary>Adds PostgreSQL and Garnet as machine processes (the "processes" mode).</summary>
public static class LocalProcessExtensions
{
    /// <summary>
    /// Adds PostgreSQL from the machine's binaries, keeping its cluster in <paramref name="dataDirectory"/>.
    /// Fails at once, saying what to install, when the machine has no PostgreSQL server.
    /// </summary>
    public static IResourceBuilder<LocalPostgresResource> AddLocalPostgres(
        this IDistributedApplicationBuilder builder, string name, IResourceBuilder<ParameterResource> password, string dataDirectory)
    {
        var binaries = PostgresBinaries.Find() ?? throw new InvalidOperationException(
            "LocalInfrastructure:Mode=processes needs PostgreSQL server binaries (initdb, postgres, pg_isready, psql), " +
            "and none were found on PATH, through pg_config, or under /usr/lib/postgresql/*/bin. Install them " +
            "(Debian/Ubuntu: sudo apt-get install postgresql) or use a container engine with LocalInfrastructure:Mode=containers.");

        var script = Path.Combine(builder.AppHostDirectory, "LocalInfrastructure", "run-postgres.sh");
        var resource = new LocalPostgresResource(name, "bash", builder.AppHostDirectory, password.Resource);
        var healthCheckKey = $"{name}_check";
        var connectionString = builder.CaptureConnectionString(resource);
        builder.Services.AddHealthChecks().AddNpgSql(_ => connectionString() + ";Database=postgres", name: healthCheckKey);

        return builder.AddResource(resource)
            .WithArgs(script)
            .WithEndpoint(name: LocalPostgresResource.PrimaryEndpointName, scheme: "tcp", env: "PGPORT", isProxied: false)
            .WithEnvironment("AINOW_PG_BIN", binaries)
            .WithEnvironment("AINOW_PG_DATA", Path.Combine(dataDirectory, name))
            .WithEnvironment("AINOW_PG_PASSWORD", password)
            .WithEnvironment(context => context.EnvironmentVariables["AINOW_PG_DATABASES"] =
                string.Join(' ', resource.Databases.Values))
            .WithIconName("DatabaseMultiple")
            .WithHealthCheck(healthCheckKey)
            .PreparingDataDirectory(dataDirectory);
    }

    /// <summary>Adds a database to a process-mode PostgreSQL; it is created when the server starts.</summary>
    public static IResourceBuilder<LocalPostgresDatabaseResource> AddDatabase(
        this IResourceBuilder<LocalPostgresResource> server, string name, string? databaseName = null)
    {
        databaseName ??= name;
        var database = new LocalPostgresDatabaseResource(name, databaseName, server.Resource);
        server.Resource.AddDatabase(name, databaseName);

        var healthCheckKey = $"{name}_check";
        var connectionString = server.ApplicationBuilder.CaptureConnectionString(database);
        server.ApplicationBuilder.Services.AddHealthChecks().AddNpgSql(_ => connectionString(), name: healthCheckKey);

        // Aspire gives a child resource no state of its own here, and WaitFor needs it Running: the
        // database runs once its server is ready (the start script has created it by then).
        server.ApplicationBuilder.Eventing.Subscribe<ResourceReadyEvent>(server.Resource, (@event, _) =>
            @event.Services.GetRequiredService<ResourceNotificationService>().PublishUpdateAsync(database, snapshot => snapshot with
            {
                State = KnownResourceStates.Running,
                StartTimeStamp = DateTime.UtcNow,
            }));

        return server.ApplicationBuilder.AddResource(database).WithHealthCheck(healthCheckKey);
    }

    /// <summary>
    /// Adds Garnet (Redis-compatible, in .NET) as a process, persisting to <paramref name="dataDirectory"/>.
    /// </summary>
    public static IResourceBuilder<LocalGarnetResource> AddLocalGarnet(
        this IDistributedApplicationBuilder builder, string name, IResourceBuilder<ParameterResource> password, string dataDirectory)
    {
        var server = LocalGarnetAssembly();
        var resource = new LocalGarnetResource(name, "dotnet", Path.GetDirectoryName(server)!, password.Resource);
        var healthCheckKey = $"{name}_check";
        var connectionString = builder.CaptureConnectionString(resource);
        builder.Services.AddHealthChecks().AddRedis(_ => connectionString(), name: healthCheckKey);

        return builder.AddResource(resource)
            .WithArgs(server)
            .WithEndpoint(name: LocalGarnetResource.PrimaryEndpointName, scheme: "tcp", env: "GARNET_PORT", isProxied: false)
            .WithEnvironment("GARNET_PASSWORD", password)
            .WithEnvironment("GARNET_DATA_DIR", Path.Combine(dataDirectory, name))
            .WithIconName("Memory")
            .WithHealthCheck(healthCheckKey)
            .PreparingDataDirectory(dataDirectory);
    }

    /// <summary>
    /// Makes the folder holding every store's data private (<see cref="LocalDataDirectory"/>) as the store
    /// starts: not while the model is built, so building it alone (tests, tooling) creates nothing.
    /// </summary>
    private static IResourceBuilder<T> PreparingDataDirectory<T>(this IResourceBuilder<T> store, string dataDirectory)
        where T : IResource
    {
        store.ApplicationBuilder.Eventing.Subscribe<BeforeResourceStartedEvent>(store.Resource, (_, _) =>
        {
            LocalDataDirectory.Prepare(dataDirectory);
            return Task.CompletedTask;
        });
        return store;
    }

    /// <summary>
    /// Health checks need the resolved connection string, which exists only once ports are allocated:
    /// keep it when Aspire announces it, as Aspire's own PostgreSQL and Redis resources do.
    /// </summary>
    private static Func<string> CaptureConnectionString(this IDistributedApplicationBuilder builder, IResourceWithConnectionString resource)
    {
        string? value = null;
        builder.Eventing.Subscribe<ConnectionStringAvailableEvent>(resource, async (_, cancellationToken) =>
            value = await resource.GetConnectionStringAsync(cancellationToken));
        return () => value ?? throw new InvalidOperationException($"The connection string of '{resource.Name}' is not available yet.");
    }

    /// <summary>
    /// The built Garnet host. The AppHost's project reference builds it beside its own configuration,
    /// so its path follows from the project's folder and this assembly's configuration.
    /// </summary>
    public static string LocalGarnetAssembly()
    {
        var project = new Projects.AiNow_LocalGarnet().ProjectPath;
        var configuration = typeof(LocalProcessExtensions).Assembly
            .GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Debug";
        var assembly = Path.Combine(Path.GetDirectoryName(project)!, "bin", configuration, "net10.0", "AiNow.LocalGarnet.dll");
        return File.Exists(assembly) ? assembly : throw new InvalidOperationException(
            $"The local Garnet server is not built ({assembly} is missing). Build the solution first: dotnet build AiNow.sln -c {configuration}.");
    }
}

using System.Collections.Immutable;
using System.Globalization;
using AiNow.Contracts;

namespace AiNow.Publishing.Model;

/// <summary>
/// Everything a deployment emitter needs, read once from the app model. Neutral (no Aspire and no
/// Kubernetes types) and immutable, so the Kubernetes, Terraform, CI/CD and monitoring emitters all
/// read the same facts.
/// </summary>
/// <param name="ApplicationName">Short name prefixed to every cloud and cluster name (<c>ainow</c>).</param>
/// <param name="Services">The application's own workloads, in app-model order.</param>
/// <param name="DataStores">PostgreSQL and Redis: in-cluster or managed depending on the environment.</param>
/// <param name="Parameters">Every parameter of the app model; secret ones are only ever referenced by name.</param>
/// <param name="Edges">One edge per <c>WithReference</c> between workloads or stores.</param>
/// <param name="Environments">The per-environment plan: targets, sizes, rollout.</param>
/// <param name="ExternalEgress">Workloads allowed to reach the internet, and on which ports.</param>
/// <param name="InClusterStores">Size of stores that run in-cluster.</param>
/// <param name="Naming">The one place where names shared with the infrastructure side are made.</param>
/// <param name="RequestTimeouts">How long the longest request may take (edge timeouts and draining follow it), or null for the default.</param>
/// <param name="SourceRepository">The GitHub repository (<c>owner/name</c>) whose workflows release and deploy, or null when unknown (its pipeline identities then ask the operator).</param>
public sealed record DeploymentModel(
    string ApplicationName,
    ImmutableArray<ServiceSpec> Services,
    ImmutableArray<DataStoreSpec> DataStores,
    ImmutableArray<ParameterSpec> Parameters,
    ImmutableArray<ReferenceEdge> Edges,
    ImmutableArray<EnvironmentPlan> Environments,
    ImmutableArray<ExternalEgress> ExternalEgress,
    InClusterStorePlan InClusterStores,
    InfrastructureNaming Naming,
    RequestTimeoutPlan? RequestTimeouts = null,
    string? SourceRepository = null)
{
    /// <summary>
    /// True for a long-running workload nobody calls (not public, no reference edge to it): it pulls
    /// its work (a queue consumer), so releases that shift traffic cannot judge or gate it.
    /// </summary>
    public bool IsQueueConsumer(ServiceSpec service)
    {
        ArgumentNullException.ThrowIfNull(service);
        return service.Kind == WorkloadKind.LongRunning && !service.IsPublic && !EdgeTargets.Of(Edges).Contains(service.Name);
    }

    private static readonly ArrayIndex<ReferenceEdge, HashSet<string>> EdgeTargets = new(edges =>
        edges.Select(e => e.TargetWorkload).ToHashSet(StringComparer.Ordinal));

    /// <summary>The repositories of the images built from this repository, which every cloud's registry holds (<c>ainow/api</c>).</summary>
    public IEnumerable<string> BuiltImageRepositories => Services.Where(s => s.Image.BuiltFromSource).Select(s => s.Image.Repository);

    /// <summary>Who gets a cloud identity on clouds that have one: every workload, and the secret controller's service account.</summary>
    public IEnumerable<string> IdentitySubjects => Services.Select(s => s.Name).Append(InfrastructureNaming.SecretStoreIdentity);

    /// <summary>The one store of <paramref name="kind"/>; the infrastructure side provisions one PostgreSQL server and one cache.</summary>
    public DataStoreSpec SingleStore(DataStoreKind kind) => DataStores.Where(s => s.Kind == kind).ToList() switch
    {
        [var store] => store,
        var stores => throw new InvalidOperationException($"The app model has {stores.Count} {kind} stores; the Terraform modules provision exactly one. Model one {kind} resource (several databases on it are fine)."),
    };

    /// <summary>The request timeouts in force.</summary>
    public RequestTimeoutPlan Requests => RequestTimeouts ?? RequestTimeoutPlan.Default;

    /// <summary>
    /// The optional secret parameter <paramref name="variable"/> consists of, or null when it is not
    /// exactly one optional secret (a composite value cannot be partly missing).
    /// </summary>
    public string? OptionalSecretOf(EnvironmentVariable variable)
    {
        ArgumentNullException.ThrowIfNull(variable);
        return variable.Value.Parts is [SecretPart secret] && Parameters.Any(p => p.Name == secret.Parameter && p.Optional) ? secret.Parameter : null;
    }

    /// <summary>True when <paramref name="service"/> owns the schema of <paramref name="connection"/>: a run-to-completion workload (the migrator) connecting to a PostgreSQL database.</summary>
    public static bool OwnsSchema(ServiceSpec service, ConnectionSpec connection)
    {
        ArgumentNullException.ThrowIfNull(service);
        ArgumentNullException.ThrowIfNull(connection);
        return service.Kind == WorkloadKind.RunToCompletion && connection.DatabaseName is not null;
    }

    /// <summary>The service or store called <paramref name="name"/>, or null.</summary>
    public ServiceSpec? FindService(string name) => Services.FirstOrDefault(s => s.Name == name);

    /// <summary>The data store called <paramref name="name"/>, or null.</summary>
    public DataStoreSpec? FindDataStore(string name) => DataStores.FirstOrDefault(s => s.Name == name);

    /// <summary>The connection (a store or one of its databases) called <paramref name="name"/> and its store.</summary>
    public (DataStoreSpec Store, ConnectionSpec Connection)? FindConnection(string name)
    {
        foreach (var store in DataStores)
        {
            foreach (var connection in store.Connections)
            {
                if (connection.Name == name)
                {
                    return (store, connection);
                }
            }
        }

        return null;
    }

    /// <summary>
    /// Where workloads of <paramref name="target"/> reach <paramref name="store"/>: the in-cluster
    /// Service, or the managed store on the port and TLS its cloud really uses. The system of record
    /// (PostgreSQL) is the primary target's, reached across the private interconnect; caches stay
    /// local to each target.
    /// </summary>
    public StoreAddress StoreAddress(EnvironmentPlan environment, CloudTarget target, DataStoreSpec store)
    {
        ArgumentNullException.ThrowIfNull(environment);
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(store);
        if (target.Stores == StoreMode.InCluster)
        {
            return new StoreAddress(store.Name, store.Endpoint.Port, Tls: false, Network: null, target.Cloud);
        }

        var servedBy = store.Kind == DataStoreKind.Postgres ? environment.Primary : target;
        var endpoint = store.Kind == DataStoreKind.Postgres ? servedBy.Profile.ManagedPostgres : servedBy.Profile.ManagedRedis;
        return new StoreAddress(Naming.ManagedStoreHost(environment.Name, servedBy.Key, store.Name), endpoint.Port, endpoint.Tls, servedBy.Network, servedBy.Cloud);
    }

    /// <summary>The plan of environment <paramref name="name"/>.</summary>
    public EnvironmentPlan GetEnvironment(string name) =>
        Environments.FirstOrDefault(e => e.Name == name) ?? throw new KeyNotFoundException($"No environment '{name}' in the deployment model.");
}

/// <summary>How long requests may take.</summary>
/// <param name="LongestRequestSeconds">The longest request any service serves (the api's wait for a chat completion).</param>
public sealed record RequestTimeoutPlan(int LongestRequestSeconds)
{
    /// <summary>The services' own chain (<see cref="RequestTimeouts"/>).</summary>
    public static RequestTimeoutPlan Default { get; } = new((int)RequestTimeouts.Chat.TotalSeconds);

    /// <summary>The idle/read timeout every edge (load balancer, ingress) must allow: longer than the gateway's.</summary>
    public int EdgeTimeoutSeconds => (int)RequestTimeouts.EdgeFor(Chat).TotalSeconds;

    private TimeSpan Chat => TimeSpan.FromSeconds(LongestRequestSeconds);

    /// <summary>
    /// The settings that put <paramref name="service"/> on this plan's chain (<see cref="RequestTimeouts"/>), as
    /// environment variables: the api's wait for inference, the gateway's for the api, inference's for the model
    /// provider. Written out for every deployment, so the hops move together when the longest request changes and
    /// an operator reads each wait in the manifests instead of in a service's defaults.
    /// </summary>
    public IEnumerable<(string Name, string Value)> VariablesFor(string service) => service switch
    {
        ResourceNames.Api => [("Api__ChatTimeoutSeconds", Seconds(Chat))],
        ResourceNames.Gateway => [("Gateway__ProxyIdleTimeoutSeconds", Seconds(RequestTimeouts.GatewayIdleFor(Chat)))],
        ResourceNames.Inference => [("Inference__Upstream__Timeout", RequestTimeouts.InferenceUpstreamFor(Chat).ToString("c", CultureInfo.InvariantCulture))],
        _ => [],
    };

    private static string Seconds(TimeSpan wait) => ((int)wait.TotalSeconds).ToString(CultureInfo.InvariantCulture);
}

using System.Collections.Immutable;

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
public sealed record DeploymentModel(
    string ApplicationName,
    ImmutableArray<ServiceSpec> Services,
    ImmutableArray<DataStoreSpec> DataStores,
    ImmutableArray<ParameterSpec> Parameters,
    ImmutableArray<ReferenceEdge> Edges,
    ImmutableArray<EnvironmentPlan> Environments,
    ImmutableArray<ExternalEgress> ExternalEgress,
    InClusterStorePlan InClusterStores,
    InfrastructureNaming Naming)
{
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

    /// <summary>The plan of environment <paramref name="name"/>.</summary>
    public EnvironmentPlan GetEnvironment(string name) =>
        Environments.FirstOrDefault(e => e.Name == name) ?? throw new KeyNotFoundException($"No environment '{name}' in the deployment model.");
}

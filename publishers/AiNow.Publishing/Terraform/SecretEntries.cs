using AiNow.Publishing.Kubernetes;
using AiNow.Publishing.Model;

namespace AiNow.Publishing.Terraform;

/// <summary>Who puts a secret-store entry's value there.</summary>
internal enum SecretSource
{
    /// <summary>The foundation generates a random password.</summary>
    Generated,

    /// <summary>The foundation creates the entry empty; a person sets the value (an upstream API key, a site's store).</summary>
    Operator,

    /// <summary>The foundation writes what it built: a connection string to the store it created, a registry credential.</summary>
    Composed,
}

/// <summary>What an entry holds.</summary>
internal enum SecretContent
{
    /// <summary>A secret parameter of the app model.</summary>
    Parameter,

    /// <summary>The schema owner's connection string to a database (migrations only).</summary>
    OwnerConnectionString,

    /// <summary>The runtime role's connection string to a database.</summary>
    RuntimeConnectionString,

    /// <summary>The runtime role's password (the migrator creates the role with it).</summary>
    RuntimePassword,

    /// <summary>A Redis connection string.</summary>
    RedisConnectionString,

    /// <summary>A docker credential for the cloud's registry.</summary>
    RegistryCredentials,
}

/// <summary>One secret-store entry an overlay reads.</summary>
/// <param name="Name">The entry's name.</param>
/// <param name="Content">What it holds.</param>
/// <param name="Source">Who writes its value.</param>
/// <param name="Connection">The connection it belongs to (<c>ainowdb</c>), for store entries.</param>
internal sealed record SecretEntry(string Name, SecretContent Content, SecretSource Source, string? Connection = null);

/// <summary>
/// The entries of one environment on one target, exactly the ones its overlay's ExternalSecrets
/// read, each with who provides it. The foundation composes store entries only where it builds the
/// store: the cache on every managed cloud target, the database on the primary target. A site's
/// stores (on-premises) and the primary's database seen from the other targets are the operator's
/// to copy in, so nothing is invented that the real store would not accept.
/// </summary>
internal static class SecretEntries
{
    public static IReadOnlyList<SecretEntry> For(DeploymentModel model, EnvironmentPlan environment, CloudTarget target)
    {
        var naming = model.Naming;
        var cacheHere = target.Stores == StoreMode.Managed && target.Cloud != Cloud.OnPrem;
        var databaseHere = cacheHere && target.Cloud == environment.PrimaryCloud;
        var inCluster = target.Stores == StoreMode.InCluster;
        var known = new Dictionary<string, SecretEntry>(StringComparer.Ordinal);

        foreach (var parameter in model.Parameters.Where(p => p.Secret))
        {
            known[naming.SecretName(environment.Name, parameter.Name)] =
                new(naming.SecretName(environment.Name, parameter.Name), SecretContent.Parameter, parameter.Optional ? SecretSource.Operator : SecretSource.Generated);
        }

        foreach (var store in model.DataStores)
        {
            foreach (var connection in store.Connections)
            {
                if (store.Kind == DataStoreKind.Redis)
                {
                    Add(known, new(naming.ConnectionSecretName(environment.Name, connection.Name), SecretContent.RedisConnectionString, cacheHere ? SecretSource.Composed : SecretSource.Operator, connection.Name));
                    continue;
                }

                var databaseSource = databaseHere ? SecretSource.Composed : SecretSource.Operator;
                Add(known, new(naming.ConnectionSecretName(environment.Name, connection.Name), SecretContent.RuntimeConnectionString, databaseSource, connection.Name));
                Add(known, new(naming.OwnerConnectionSecretName(environment.Name, connection.Name), SecretContent.OwnerConnectionString, databaseSource, connection.Name));
                // In-cluster, the migrator and the workloads share a generated password; on managed stores it belongs to the database's owner side.
                Add(known, new(naming.RuntimeRolePasswordSecretName(environment.Name, connection.Name), SecretContent.RuntimePassword, inCluster ? SecretSource.Generated : databaseSource, connection.Name));
            }
        }

        var registry = naming.RegistryCredentialsSecretName(environment.Name);
        known[registry] = new(registry, SecretContent.RegistryCredentials, target.Cloud == Cloud.DigitalOcean ? SecretSource.Composed : SecretSource.Operator);

        return new OverlayObjects(model, environment, target).RemoteKeys()
            .Select(key => known.TryGetValue(key, out var entry)
                ? entry
                : throw new InvalidOperationException($"The {environment.Name}-{target.Key} overlay reads secret-store entry '{key}', which no parameter, store or registry of the model explains; InfrastructureNaming and the overlay disagree."))
            .ToList();
    }

    private static void Add(Dictionary<string, SecretEntry> known, SecretEntry entry) => known[entry.Name] = entry;
}

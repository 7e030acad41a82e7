using AiNow.Publishing.Model;
using AiNow.Publishing.Terraform.Hcl;

namespace AiNow.Publishing.Terraform.Roots;

/// <summary>
/// The values of the foundation contract every cloud's foundation module takes (the provider
/// abstraction: same names and types on AWS, Google Cloud and DigitalOcean), computed from the model
/// with the names the Kubernetes output uses.
/// </summary>
internal static class FoundationInputs
{
    /// <summary>The core inputs but <c>system_of_record</c>, which a non-primary target reads from the primary's state.</summary>
    public static List<KeyValuePair<string, HclExpression>> Core(DeploymentModel model, EnvironmentPlan environment, CloudTarget target)
    {
        var naming = model.Naming;
        var stores = environment.ManagedStores;
        var managed = target.Stores == StoreMode.Managed;
        var primary = target.Cloud == environment.PrimaryCloud;
        var postgres = model.SingleStore(DataStoreKind.Postgres);
        var redis = model.SingleStore(DataStoreKind.Redis);
        var entries = SecretEntries.For(model, environment, target);
        var infrastructure = environment.Infrastructure;

        return
        [
            new("name", naming.ClusterName(environment.Name)),
            new("environment", environment.Name),
            new("region", target.Region),
            new("network_cidr", target.Network),
            new("production_grade", environment.ProductionGrade),
            new("kubernetes_version", infrastructure.KubernetesVersion),
            new("node_pool", HclValues.Object(
                ("size", environment.NodePools.NodeSize),
                ("min_nodes", environment.NodePools.MinNodes),
                ("max_nodes", environment.NodePools.MaxNodes),
                ("max_gpu_nodes", environment.NodePools.MaxGpuNodes))),
            new("stores", HclValues.Object(
                ("managed", managed),
                ("system_of_record", managed && primary),
                ("postgres_version", stores.PostgresVersion),
                ("redis_version", stores.RedisVersion),
                ("tier", stores.Tier),
                ("high_availability", stores.HighAvailability),
                ("storage_gb", stores.StorageGb),
                ("backup_retention_days", stores.BackupRetentionDays),
                ("deletion_protection", stores.DeletionProtection),
                ("postgres_port", target.Profile.ManagedPostgres.Port),
                ("redis_port", target.Profile.ManagedRedis.Port))),
            new("store_dns", HclValues.Object(
                ("zone", naming.PrivateDnsZone(environment.Name, target.Key)),
                ("postgres_host", naming.ManagedStoreHost(environment.Name, target.Key, postgres.Name)),
                ("redis_host", naming.ManagedStoreHost(environment.Name, target.Key, redis.Name)))),
            new("peer_networks", HclValues.Strings(managed && primary ? environment.Targets.Where(t => t != target).Select(t => t.Network) : [])),
            new("databases", managed && primary ? Databases(model, environment, postgres) : HclValues.Object()),
            new("redis_connection_secret", naming.ConnectionSecretName(environment.Name, redis.Connections[0].Name)),
            new("generated_secrets", HclValues.Strings(entries.Where(e => e.Source == SecretSource.Generated).Select(e => e.Name))),
            new("operator_secrets", HclValues.Strings(entries.Where(e => e.Source == SecretSource.Operator).Select(e => e.Name))),
            new("workloads", HclValues.Map(model.IdentitySubjects, s => s, s => HclValues.Object(
                ("namespace", naming.Namespace(environment.Name)),
                ("service_account", s),
                ("identity", naming.WorkloadIdentityName(environment.Name, s)),
                ("secrets", HclValues.Strings(s == InfrastructureNaming.SecretStoreIdentity ? entries.Select(e => e.Name) : []))))),
            new("registry_repositories", HclValues.Strings(model.BuiltImageRepositories)),
            new("public_hostnames", HclValues.Strings([environment.Hostname, target.Hostname])),
            new("public_dns_zone", infrastructure.PublicDnsZone),
            new("log_retention_days", infrastructure.LogRetentionDays),
            new("waf_rate_limit", infrastructure.EdgeRateLimit),
            new("labels", Labels(model, environment)),
        ];
    }

    /// <summary>The system of record as a non-primary target sees it: the primary's private name, and its address from the primary's state.</summary>
    public static HclObject SystemOfRecordInput(DeploymentModel model, EnvironmentPlan environment, CloudTarget target, HclExpression address) =>
        HclValues.Object(
            ("host", model.StoreAddress(environment, target, model.SingleStore(DataStoreKind.Postgres)).Host),
            ("address", address));

    /// <summary>
    /// Labels (tags) on every resource: lower-case keys and values, which every cloud accepts. What an
    /// account's environments share (<paramref name="environment"/> null) carries no environment.
    /// </summary>
    public static HclObject Labels(DeploymentModel model, EnvironmentPlan? environment = null) => environment is null
        ? HclValues.Object(("application", model.ApplicationName), ("managed-by", "terraform"))
        : HclValues.Object(("application", model.ApplicationName), ("environment", environment.Name), ("managed-by", "terraform"));

    private static HclObject Databases(DeploymentModel model, EnvironmentPlan environment, DataStoreSpec postgres) =>
        HclValues.Map(postgres.Connections.Where(c => c.DatabaseName is not null), c => c.DatabaseName!, c => HclValues.Object(
            ("owner_connection_secret", model.Naming.OwnerConnectionSecretName(environment.Name, c.Name)),
            ("connection_secret", model.Naming.ConnectionSecretName(environment.Name, c.Name)),
            ("runtime_password_secret", model.Naming.RuntimeRolePasswordSecretName(environment.Name, c.Name)),
            ("runtime_role", model.Naming.RuntimeRole)));
}

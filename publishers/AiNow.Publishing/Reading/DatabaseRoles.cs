using System.Collections.Immutable;
using AiNow.Publishing.Model;

namespace AiNow.Publishing.Reading;

/// <summary>
/// Separates the schema owner from the runtime role. The app model gives every workload the same
/// database reference; deployed, only the migrator (the run-to-completion workload that others wait
/// for) connects as the owner, and it creates the runtime role the long-running workloads use, with
/// data rights only. The migrator learns the role's name and password from these variables.
/// </summary>
internal static class DatabaseRoles
{
    /// <summary>The migrator's setting naming the runtime role.</summary>
    public const string RoleVariable = "Migrations__RuntimeRole";

    /// <summary>The migrator's setting holding the runtime role's password.</summary>
    public const string PasswordVariable = "Migrations__RuntimeRolePassword";

    /// <summary>Adds the runtime-role variables to each schema owner, and the password parameters they need.</summary>
    public static (ImmutableArray<ServiceSpec> Services, ImmutableArray<ParameterSpec> Parameters) Apply(
        ImmutableArray<ServiceSpec> services,
        ImmutableArray<DataStoreSpec> stores,
        ImmutableArray<ParameterSpec> parameters,
        InfrastructureNaming naming)
    {
        var databases = stores.Where(s => s.Kind == DataStoreKind.Postgres)
            .SelectMany(s => s.Connections.Where(c => c.DatabaseName is not null))
            .Select(c => c.Name)
            .ToHashSet(StringComparer.Ordinal);
        var added = new SortedSet<string>(StringComparer.Ordinal);
        var result = services.Select(service =>
        {
            if (service.Kind != WorkloadKind.RunToCompletion)
            {
                return service;
            }

            var owned = service.Environment.SelectMany(v => v.Value.Parts).OfType<ConnectionStringPart>()
                .Select(p => p.Connection).Where(databases.Contains).Distinct(StringComparer.Ordinal).ToList();
            if (owned.Count == 0)
            {
                return service;
            }

            if (owned.Count > 1)
            {
                throw new NotSupportedException($"'{service.Name}' migrates {owned.Count} databases ({string.Join(", ", owned)}); the migrator creates one runtime role. Give each database its own migrator.");
            }

            added.Add(InfrastructureNaming.RuntimeRolePasswordParameter(owned[0]));
            return service with
            {
                Environment =
                [
                    .. service.Environment,
                    new EnvironmentVariable(RoleVariable, ValueExpression.Literal(naming.RuntimeRole)),
                    new EnvironmentVariable(PasswordVariable, new ValueExpression([new SecretPart(InfrastructureNaming.RuntimeRolePasswordParameter(owned[0]))])),
                ],
            };
        }).ToImmutableArray();
        return (result, [.. parameters, .. added.Select(name => new ParameterSpec(name, Secret: true))]);
    }
}

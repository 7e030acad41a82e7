using System.Collections.Immutable;
using AiNow.Publishing.Model;
using AiNow.Publishing.Reading;
using AiNow.Publishing.Settings;

namespace AiNow.Publishing.Tests.Synthetic;

/// <summary>
/// Deployment models of any size, shaped like the real one: a public gateway, a chain of internal
/// services each calling the next, a run-to-completion job, PostgreSQL and Redis, secrets and
/// non-secret parameters. Used by emitter tests and the benchmark.
/// </summary>
public static class SyntheticModels
{
    public static DeploymentModel Create(int serviceCount, DeploymentSettings? settings = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(serviceCount, 2);
        settings ??= new DeploymentSettings();
        settings = settings.Accounts.OnPrem.StorageClass is null ? settings with { Accounts = settings.Accounts with { OnPrem = settings.Accounts.OnPrem with { StorageClass = "standard" } } } : settings;
        var naming = new InfrastructureNaming(settings.ApplicationName);
        var http = new EndpointSpec("http", "http", 8080, 8080, IsExternal: false);

        var postgres = new DataStoreSpec(
            "postgres",
            DataStoreKind.Postgres,
            new ImageReference("docker.io/library/postgres", "18.3", BuiltFromSource: false),
            new EndpointSpec("tcp", "tcp", 5432, 5432, IsExternal: false),
            Entrypoint: null,
            Arguments: [],
            Environment: [new("POSTGRES_USER", ValueExpression.Literal("postgres")), new("POSTGRES_PASSWORD", new([new SecretPart("postgres-password")]))],
            PasswordParameter: "postgres-password",
            Connections:
            [
                new ConnectionSpec("postgres", null, new([new LiteralPart("Host="), new EndpointPart("postgres", "tcp", EndpointProperty.Host), new LiteralPart(";Password="), new SecretPart("postgres-password")])),
                new ConnectionSpec("appdb", "appdb", new([new LiteralPart("Host="), new EndpointPart("postgres", "tcp", EndpointProperty.Host), new LiteralPart(";Password="), new SecretPart("postgres-password"), new LiteralPart(";Database=appdb")])),
            ]);

        var services = ImmutableArray.CreateBuilder<ServiceSpec>();
        var edges = ImmutableArray.CreateBuilder<ReferenceEdge>();
        services.Add(Service("migrate", WorkloadKind.RunToCompletion, naming, [], [new("ConnectionStrings__appdb", new([new ConnectionStringPart("appdb")]))], []));
        edges.Add(new ReferenceEdge("migrate", "appdb", "postgres", 5432));

        for (var i = 0; i < serviceCount - 1; i++)
        {
            var name = i == 0 ? "gateway" : $"service-{i:D4}";
            var next = i + 1 < serviceCount - 1 ? $"service-{i + 1:D4}" : null;
            List<EnvironmentVariable> environment =
            [
                new("HTTP_PORTS", new([new EndpointPart(name, "http", EndpointProperty.TargetPort)])),
                new("Feature__Flag", ValueExpression.Literal("true")),
                new("Upstream__Endpoint", new([new ParameterPart("upstream-endpoint")])),
                new("Service__Key", new([new SecretPart("service-key")])),
                new("ConnectionStrings__appdb", new([new ConnectionStringPart("appdb")])),
            ];
            if (next is not null)
            {
                environment.Add(new($"services__{next}__http__0", new([new EndpointPart(next, "http", EndpointProperty.Url)])));
                edges.Add(new ReferenceEdge(name, next, next, 8080));
            }

            edges.Add(new ReferenceEdge(name, "appdb", "postgres", 5432));
            services.Add(Service(name, WorkloadKind.LongRunning, naming, [i == 0 ? http with { IsExternal = true } : http], environment, ["migrate"]));
        }

        var built = services.ToImmutable();
        return new DeploymentModel(
            settings.ApplicationName,
            built,
            [postgres],
            [new ParameterSpec("postgres-password", true), new ParameterSpec("service-key", true), new ParameterSpec("upstream-endpoint", false), new ParameterSpec("appdb-runtime-password", true)],
            edges.ToImmutable(),
            EnvironmentPlanner.Plan(settings, built, new Dictionary<string, ResourceOverrides>()),
            [new ExternalEgress("gateway", [443])],
            new InClusterStorePlan(new ResourceSizing("250m", "1", "256Mi", "1Gi"), "10Gi"),
            naming);
    }

    private static ServiceSpec Service(string name, WorkloadKind kind, InfrastructureNaming naming, ImmutableArray<EndpointSpec> endpoints, IEnumerable<EnvironmentVariable> environment, ImmutableArray<string> waitsFor) => new(
        name,
        kind,
        new ImageReference(naming.ImageRepository(name), null, BuiltFromSource: true),
        endpoints,
        [.. environment],
        endpoints.IsDefaultOrEmpty
            ? []
            : [new ProbeSpec(ProbeKind.Startup, "/alive", "http", 0, 5, 3, 30), new ProbeSpec(ProbeKind.Readiness, "/health", "http", 0, 10, 3, 3), new ProbeSpec(ProbeKind.Liveness, "/alive", "http", 0, 20, 3, 3)],
        waitsFor);
}

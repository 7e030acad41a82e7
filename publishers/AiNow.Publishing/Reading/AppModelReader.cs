using System.Collections.Immutable;
using AiNow.Publishing.Model;
using AiNow.Publishing.Settings;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.DependencyInjection;

namespace AiNow.Publishing.Reading;

/// <summary>
/// The one reader of the Aspire app model: resources, endpoints, references, parameters, health
/// probes and our own annotations become a <see cref="DeploymentModel"/>. Environment variables come
/// from running each resource's environment callbacks in the publish execution context; parameters
/// stay references, so secret values are never read.
/// </summary>
/// <param name="settings">The deployment settings; validated against the app model before anything else is read.</param>
public sealed class AppModelReader(DeploymentSettings settings)
{
    /// <summary>The port ASP.NET Core containers listen on when the app model leaves it to the deployment.</summary>
    public const int DefaultHttpPort = 8080;

    private const string DefaultReadinessPath = "/health";
    private const string DefaultLivenessPath = "/alive";

    /// <summary>Reads the app model. Throws <see cref="InvalidDeploymentSettingsException"/> when the settings do not fit it.</summary>
    public async Task<DeploymentModel> ReadAsync(DistributedApplicationModel appModel, DistributedApplicationExecutionContext executionContext, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(appModel);
        ArgumentNullException.ThrowIfNull(executionContext);

        var resources = appModel.Resources.Where(r => !IsExcluded(r)).ToList();
        var stores = resources.Where(r => r is PostgresServerResource or RedisResource).ToList();
        var workloads = resources.Where(r => r is ProjectResource || (r is ContainerResource && !stores.Contains(r))).ToList();
        var unsupported = resources.OfType<IComputeResource>().Where(r => !workloads.Contains(r) && !stores.Contains(r)).Select(r => r.Name).ToList();
        if (unsupported.Count > 0)
        {
            throw new NotSupportedException($"These resources cannot be deployed to Kubernetes: {string.Join(", ", unsupported)}. Publish projects or containers instead.");
        }

        var parameters = resources.OfType<ParameterResource>().Select(p => new ParameterSpec(p.Name, p.Secret, p.Annotations.OfType<OptionalParameterAnnotation>().Any())).ToImmutableArray();
        var overrides = workloads
            .Select(w => (w.Name, Annotation: w.Annotations.OfType<DeploymentOverridesAnnotation>().LastOrDefault()))
            .Where(w => w.Annotation is not null)
            .ToDictionary(w => w.Name, w => w.Annotation!.Overrides, StringComparer.Ordinal);
        var scope = new SettingsScope(
            workloads.Select(w => w.Name).ToList(),
            parameters.ToDictionary(p => p.Name, p => p.Secret, StringComparer.Ordinal),
            overrides);
        DeploymentSettingsValidator.ThrowIfInvalid(settings, scope);

        var naming = new InfrastructureNaming(settings.ApplicationName);
        var endpoints = ReadEndpoints(resources);
        var connectionNames = stores.Select(s => s.Name)
            .Concat(resources.OfType<PostgresDatabaseResource>().Select(d => d.Name))
            .ToHashSet(StringComparer.Ordinal);
        var values = new ValueExpressionReader(executionContext, endpoints, connectionNames);

        var services = ImmutableArray.CreateBuilder<ServiceSpec>();
        foreach (var workload in workloads)
        {
            services.Add(await ReadServiceAsync(workload, resources, endpoints, values, executionContext, naming, cancellationToken));
        }

        var dataStores = ImmutableArray.CreateBuilder<DataStoreSpec>();
        foreach (var store in stores)
        {
            dataStores.Add(await ReadDataStoreAsync((ContainerResource)store, resources, endpoints, values, executionContext, cancellationToken));
        }

        var (withRoles, allParameters) = DatabaseRoles.Apply(services.ToImmutable(), dataStores.ToImmutable(), parameters, naming);
        var edges = ReadEdges(workloads, endpoints);
        var plans = EnvironmentPlanner.Plan(settings, withRoles, overrides);
        var egress = settings.ExternalEgress
            .OrderBy(e => e.Key, StringComparer.Ordinal)
            .Select(e => new ExternalEgress(e.Key, [.. e.Value.Distinct().Order()]))
            .ToImmutableArray();
        var storeSize = settings.InClusterStores;
        var storePlan = new InClusterStorePlan(
            new ResourceSizing(storeSize.Resources.CpuRequest, storeSize.Resources.CpuLimit, storeSize.Resources.MemoryRequest, storeSize.Resources.MemoryLimit),
            storeSize.StorageSize);
        return new DeploymentModel(settings.ApplicationName, withRoles, dataStores.ToImmutable(), allParameters, edges, plans, egress, storePlan, naming, new RequestTimeoutPlan(settings.LongestRequestSeconds), settings.SourceRepository);
    }

    private static bool IsExcluded(IResource resource) =>
        resource.TryGetLastAnnotation<ManifestPublishingCallbackAnnotation>(out var annotation) && annotation == ManifestPublishingCallbackAnnotation.Ignore;

    private static Dictionary<(string Resource, string Endpoint), EndpointSpec> ReadEndpoints(List<IResource> resources)
    {
        var endpoints = new Dictionary<(string, string), EndpointSpec>();
        foreach (var resource in resources)
        {
            foreach (var endpoint in resource.Annotations.OfType<EndpointAnnotation>())
            {
                // Projects' default https endpoints are not published: TLS terminates at the ingress,
                // and inside the cluster traffic stays on the http endpoint.
                if (resource is ProjectResource && endpoint.UriScheme == "https")
                {
                    continue;
                }

                var targetPort = endpoint.TargetPort ?? (resource is ProjectResource ? DefaultHttpPort : endpoint.Port)
                    ?? throw new InvalidOperationException($"Endpoint '{resource.Name}/{endpoint.Name}' has no port. Give it a target port in the app model.");
                endpoints[(resource.Name, endpoint.Name)] = new EndpointSpec(endpoint.Name, endpoint.UriScheme, targetPort, targetPort, endpoint.IsExternal);
            }
        }

        return endpoints;
    }

    private static async Task<ServiceSpec> ReadServiceAsync(
        IResource workload,
        List<IResource> resources,
        Dictionary<(string Resource, string Endpoint), EndpointSpec> endpoints,
        ValueExpressionReader values,
        DistributedApplicationExecutionContext executionContext,
        InfrastructureNaming naming,
        CancellationToken cancellationToken)
    {
        var runsToCompletion = resources.Any(r => r.Annotations.OfType<WaitAnnotation>()
            .Any(w => w.Resource == workload && w.WaitType == WaitType.WaitForCompletion));
        var waitsFor = workload.Annotations.OfType<WaitAnnotation>()
            .Where(w => w.WaitType == WaitType.WaitForCompletion)
            .Select(w => w.Resource.Name)
            .Distinct(StringComparer.Ordinal)
            .ToImmutableArray();
        var serviceEndpoints = endpoints.Where(e => e.Key.Resource == workload.Name).Select(e => e.Value).ToImmutableArray();
        var image = workload is ProjectResource
            ? new ImageReference(naming.ImageRepository(workload.Name), null, BuiltFromSource: true)
            : ReadImage(workload);

        return new ServiceSpec(
            workload.Name,
            runsToCompletion ? WorkloadKind.RunToCompletion : WorkloadKind.LongRunning,
            image,
            serviceEndpoints,
            await ReadEnvironmentAsync(workload, values, executionContext, cancellationToken),
            runsToCompletion ? [] : ReadProbes(workload, serviceEndpoints),
            waitsFor,
            SourceProject(workload, executionContext));
    }

    /// <summary>
    /// The project an image is built from, relative to the folder above the AppHost (the repository
    /// root), with '/' separators, so the output is the same on every machine.
    /// </summary>
    private static string? SourceProject(IResource workload, DistributedApplicationExecutionContext executionContext)
    {
        if (workload is not ProjectResource || !workload.TryGetLastAnnotation<IProjectMetadata>(out var project))
        {
            return null;
        }

        var appHostDirectory = executionContext.Services?.GetService<Microsoft.Extensions.Hosting.IHostEnvironment>()?.ContentRootPath;
        var root = appHostDirectory is null ? null : Path.GetDirectoryName(Path.TrimEndingDirectorySeparator(appHostDirectory));
        var path = root is null ? Path.GetFileName(project.ProjectPath) : Path.GetRelativePath(root, project.ProjectPath);
        return path.Replace(Path.DirectorySeparatorChar, '/');
    }

    private static async Task<DataStoreSpec> ReadDataStoreAsync(
        ContainerResource store,
        List<IResource> resources,
        Dictionary<(string Resource, string Endpoint), EndpointSpec> endpoints,
        ValueExpressionReader values,
        DistributedApplicationExecutionContext executionContext,
        CancellationToken cancellationToken)
    {
        var endpoint = endpoints.Where(e => e.Key.Resource == store.Name).Select(e => e.Value).FirstOrDefault()
            ?? throw new InvalidOperationException($"Store '{store.Name}' has no endpoint.");
        var connections = ImmutableArray.CreateBuilder<ConnectionSpec>();
        var storeWithConnection = (IResourceWithConnectionString)store;
        connections.Add(new ConnectionSpec(store.Name, null, await values.ReadConnectionAsync(storeWithConnection.ConnectionStringExpression, store.Name, cancellationToken)));

        DataStoreKind kind;
        ParameterResource password;
        switch (store)
        {
            case PostgresServerResource postgres:
                kind = DataStoreKind.Postgres;
                password = postgres.PasswordParameter;
                foreach (var database in resources.OfType<PostgresDatabaseResource>().Where(d => d.Parent == postgres))
                {
                    connections.Add(new ConnectionSpec(database.Name, database.DatabaseName, await values.ReadConnectionAsync(database.ConnectionStringExpression, database.Name, cancellationToken)));
                }

                break;
            case RedisResource redis:
                kind = DataStoreKind.Redis;
                password = redis.PasswordParameter ?? throw new InvalidOperationException($"Store '{redis.Name}' has no password. Give it a secret password parameter in the app model.");
                break;
            default:
                throw new NotSupportedException($"Store '{store.Name}' of type {store.GetType().Name} is not supported.");
        }

        var arguments = ImmutableArray.CreateBuilder<ValueExpression>();
        if (store.TryGetAnnotationsOfType<CommandLineArgsCallbackAnnotation>(out var argumentCallbacks))
        {
            var context = new CommandLineArgsCallbackContext([], store, cancellationToken) { ExecutionContext = executionContext };
            foreach (var callback in argumentCallbacks)
            {
                await callback.Callback(context);
            }

            foreach (var argument in context.Args)
            {
                arguments.Add(await values.ReadAsync(argument, cancellationToken)
                    ?? throw new InvalidOperationException($"An argument of '{store.Name}' refers to an endpoint that is not published."));
            }
        }

        return new DataStoreSpec(
            store.Name,
            kind,
            ReadImage(store),
            endpoint,
            store.Entrypoint,
            arguments.ToImmutable(),
            await ReadEnvironmentAsync(store, values, executionContext, cancellationToken),
            password.Name,
            connections.ToImmutable());
    }

    private static ImageReference ReadImage(IResource resource)
    {
        var image = resource.Annotations.OfType<ContainerImageAnnotation>().LastOrDefault()
            ?? throw new InvalidOperationException($"Container '{resource.Name}' has no image.");
        var repository = string.IsNullOrEmpty(image.Registry) ? image.Image : $"{image.Registry}/{image.Image}";
        var tag = image.SHA256 is { Length: > 0 } digest ? $"sha256:{digest}" : image.Tag;
        return new ImageReference(repository, tag, BuiltFromSource: false);
    }

    private static async Task<ImmutableArray<EnvironmentVariable>> ReadEnvironmentAsync(
        IResource resource,
        ValueExpressionReader values,
        DistributedApplicationExecutionContext executionContext,
        CancellationToken cancellationToken)
    {
        if (!resource.TryGetAnnotationsOfType<EnvironmentCallbackAnnotation>(out var callbacks))
        {
            return [];
        }

        var context = new EnvironmentCallbackContext(executionContext, resource, cancellationToken: cancellationToken);
        foreach (var callback in callbacks)
        {
            await callback.Callback(context);
        }

        var variables = ImmutableArray.CreateBuilder<EnvironmentVariable>();
        foreach (var (name, value) in context.EnvironmentVariables)
        {
            // Null means the variable names an endpoint that does not exist in the deployment
            // (a project's https endpoint): the service reaches the same target over http.
            if (await values.ReadAsync(value, cancellationToken) is { } expression)
            {
                variables.Add(new EnvironmentVariable(name, expression));
            }
        }

        return variables.ToImmutable();
    }

    private static ImmutableArray<ProbeSpec> ReadProbes(IResource workload, ImmutableArray<EndpointSpec> endpoints)
    {
        var declared = workload.Annotations.OfType<EndpointProbeAnnotation>()
            .Select(p => new ProbeSpec(MapProbe(p.Type), p.Path, p.EndpointReference.EndpointName, p.InitialDelaySeconds, p.PeriodSeconds, p.TimeoutSeconds, p.FailureThreshold))
            .ToImmutableArray();
        if (declared.Length > 0)
        {
            return declared;
        }

        // Projects built on the service defaults answer /health (ready) and /alive (live).
        var http = endpoints.FirstOrDefault(e => e.Scheme == "http");
        if (workload is not ProjectResource || http is null)
        {
            return [];
        }

        var annotation = workload.Annotations.OfType<DeploymentOverridesAnnotation>().LastOrDefault();
        var readiness = annotation?.ReadinessPath ?? DefaultReadinessPath;
        var liveness = annotation?.LivenessPath ?? DefaultLivenessPath;
        return
        [
            new ProbeSpec(ProbeKind.Startup, liveness, http.Name, InitialDelaySeconds: 0, PeriodSeconds: 5, TimeoutSeconds: 3, FailureThreshold: 30),
            new ProbeSpec(ProbeKind.Readiness, readiness, http.Name, InitialDelaySeconds: 0, PeriodSeconds: 10, TimeoutSeconds: 3, FailureThreshold: 3),
            new ProbeSpec(ProbeKind.Liveness, liveness, http.Name, InitialDelaySeconds: 0, PeriodSeconds: 20, TimeoutSeconds: 3, FailureThreshold: 3),
        ];
    }

    private static ProbeKind MapProbe(ProbeType type) => type switch
    {
        ProbeType.Startup => ProbeKind.Startup,
        ProbeType.Readiness => ProbeKind.Readiness,
        _ => ProbeKind.Liveness,
    };

    private static ImmutableArray<ReferenceEdge> ReadEdges(List<IResource> workloads, Dictionary<(string Resource, string Endpoint), EndpointSpec> endpoints)
    {
        var edges = ImmutableArray.CreateBuilder<ReferenceEdge>();
        var seen = new HashSet<(string, string)>();
        foreach (var workload in workloads)
        {
            foreach (var relationship in workload.Annotations.OfType<ResourceRelationshipAnnotation>().Where(r => r.Type == "Reference"))
            {
                var target = relationship.Resource;
                var serving = target is IResourceWithParent { Parent: { } parent } && target is not IComputeResource ? parent : target;
                if (serving == workload || serving is ParameterResource)
                {
                    continue;
                }

                var port = endpoints.Where(e => e.Key.Resource == serving.Name).Select(e => (int?)e.Value.Port).FirstOrDefault();
                if (port is null || !seen.Add((workload.Name, serving.Name)))
                {
                    continue;
                }

                edges.Add(new ReferenceEdge(workload.Name, target.Name, serving.Name, port.Value));
            }
        }

        return edges.ToImmutable();
    }
}

using AiNow.AppHost;
using AiNow.Publishing.Model;
using AiNow.Publishing.Reading;
using AiNow.Publishing.Settings;
using AiNow.Publishing.Tests.Infrastructure;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.DependencyInjection;

namespace AiNow.Publishing.Tests;

/// <summary>The reader turns the real AppHost's model into the expected deployment model.</summary>
public sealed class ReaderTests(AppHostModelFixture fixture) : IClassFixture<AppHostModelFixture>
{
    private Task<DeploymentModel> ReadAsync() =>
        new AppModelReader(DeploymentTargets.Settings).ReadAsync(fixture.AppHost.Model, fixture.AppHost.ExecutionContext);

    [Fact]
    public async Task AResourceKubernetesCannotRun_FailsTheRead_NamingIt_AndTheFix()
    {
        await using var appHost = await AppHostPublishing.BuildModelAsync();
        appHost.Model.Resources.Add(new ExecutableResource("nightly-script", "bash", "."));

        var error = await Assert.ThrowsAsync<NotSupportedException>(() => new AppModelReader(DeploymentTargets.Settings).ReadAsync(appHost.Model, appHost.ExecutionContext));

        Assert.Contains("nightly-script", error.Message, StringComparison.Ordinal);
        Assert.Contains("Publish projects or containers instead", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Read_FindsTheWorkloads_TheJob_AndTheStores()
    {
        var model = await ReadAsync();

        Assert.Equal(["inference", "migrations", "api", "worker", "gateway"], model.Services.Select(s => s.Name));
        Assert.Equal(WorkloadKind.RunToCompletion, model.FindService("migrations")!.Kind);
        Assert.All(model.Services.Where(s => s.Name != "migrations"), s => Assert.Equal(WorkloadKind.LongRunning, s.Kind));
        Assert.Equal(["gateway"], model.Services.Where(s => s.IsPublic).Select(s => s.Name));
        Assert.Equal(["postgres", "redis"], model.DataStores.Select(s => s.Name));
        Assert.Equal(["postgres", "ainowdb"], model.FindDataStore("postgres")!.Connections.Select(c => c.Name));
        Assert.All(model.DataStores, s => Assert.False(string.IsNullOrEmpty(s.Image.Tag)));
    }

    [Fact]
    public async Task Read_HasOneEdgePerWithReference()
    {
        var model = await ReadAsync();

        var edges = model.Edges.Select(e => $"{e.From}->{e.To}").Order(StringComparer.Ordinal);
        Assert.Equal(
            ["api->ainowdb", "api->inference", "api->redis", "gateway->api", "gateway->redis", "migrations->ainowdb", "worker->ainowdb", "worker->inference"],
            edges);
        Assert.All(model.Edges.Where(e => e.To == "ainowdb"), e => Assert.Equal(("postgres", 5432), (e.TargetWorkload, e.Port)));
        Assert.All(model.Edges.Where(e => e.To == "inference"), e => Assert.Equal(8080, e.Port));
    }

    [Fact]
    public async Task Read_KeepsParametersAsReferences_SecretsNeverAsValues()
    {
        var model = await ReadAsync();

        Assert.Equal(
            ["admin-key", "ainowdb-runtime-password", "llm-api-key", "postgres-password", "redis-password", "tenant-signing-key"],
            model.Parameters.Where(p => p.Secret).Select(p => p.Name).Order(StringComparer.Ordinal));
        var gateway = model.FindService("gateway")!;
        Assert.Equal(new ValueExpression([new SecretPart("admin-key")]), gateway.Environment.Single(v => v.Name == "Gateway__AdminKey").Value);
        Assert.Equal(new ValueExpression([new ConnectionStringPart("redis")]), gateway.Environment.Single(v => v.Name == "ConnectionStrings__redis").Value);
        var inference = model.FindService("inference")!;
        Assert.Equal(new ValueExpression([new ParameterPart("llm-endpoint")]), inference.Environment.Single(v => v.Name == "Inference__Upstream__Endpoint").Value);
        Assert.DoesNotContain(model.Services.SelectMany(s => s.Environment), v => v.Name.Contains("HTTPS", StringComparison.OrdinalIgnoreCase) || v.Name.Contains("__https__", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Read_DerivesProbesFromTheHealthEndpoints_AndOrdersTheJobFirst()
    {
        var model = await ReadAsync();

        foreach (var service in model.Services.Where(s => s.Kind == WorkloadKind.LongRunning))
        {
            Assert.Equal(
                [(ProbeKind.Startup, "/alive"), (ProbeKind.Readiness, "/health"), (ProbeKind.Liveness, "/alive")],
                service.Probes.Select(p => (p.Kind, p.Path)));
        }

        Assert.Equal(["migrations"], model.FindService("api")!.WaitsForCompletionOf.ToArray());
        Assert.Equal(["migrations"], model.FindService("worker")!.WaitsForCompletionOf.ToArray());
        Assert.Empty(model.FindService("migrations")!.Probes);
    }

    /// <summary>A project file to point a resource at; publishing reads no more than its path.</summary>
    private static string FakeProject()
    {
        var folder = Directory.CreateTempSubdirectory("ainow-web-").FullName;
        var path = Path.Combine(folder, "Web.csproj");
        File.WriteAllText(path, "<Project Sdk=\"Microsoft.NET.Sdk.Web\" />\n");
        return path;
    }

    [Fact]
    public async Task WithDeploymentOverrides_OverridesSizesAndProbes_PerEnvironment()
    {
        var builder = DistributedApplication.CreateBuilder(["--operation", "publish"]);
        builder.AddProject("web", FakeProject())
            .WithHttpEndpoint()
            .WithDeploymentOverrides(o =>
            {
                o.Replicas = 5;
                o.ReadinessPath = "/ready";
                o.Environments["production"] = new ServiceOverrides { Replicas = 7, Resources = new ResourceSettings { CpuRequest = "1", CpuLimit = "2", MemoryRequest = "1Gi", MemoryLimit = "2Gi" } };
            });
        await using var app = builder.Build();
        var settings = new DeploymentSettings
        {
            Accounts = new() { OnPrem = new() { StorageClass = "standard" } },
            ExternalEgress = new Dictionary<string, IReadOnlyList<int>>(),
            Environments = [DeploymentDefaults.Dev, DeploymentDefaults.Production with { Autoscaling = new AutoscalingSettings { Enabled = false } }],
        };

        var model = await new AppModelReader(settings).ReadAsync(
            app.Services.GetRequiredService<DistributedApplicationModel>(),
            app.Services.GetRequiredService<DistributedApplicationExecutionContext>());

        Assert.Equal(5, model.GetEnvironment("dev").GetService("web").Replicas);
        Assert.Equal(7, model.GetEnvironment("production").GetService("web").Replicas);
        Assert.Equal("1Gi", model.GetEnvironment("production").GetService("web").Resources.MemoryRequest);
        Assert.Equal(DeploymentDefaults.Dev.Resources.MemoryRequest, model.GetEnvironment("dev").GetService("web").Resources.MemoryRequest);
        Assert.Equal("/ready", model.FindService("web")!.Probes.Single(p => p.Kind == ProbeKind.Readiness).Path);
    }

    [Fact]
    public async Task WithDeploymentOverrides_ForAMissingEnvironment_FailsNamingIt()
    {
        var builder = DistributedApplication.CreateBuilder(["--operation", "publish"]);
        builder.AddProject("web", FakeProject())
            .WithDeploymentOverrides(o => o.Environments["qa"] = new ServiceOverrides { Replicas = 2 });
        await using var app = builder.Build();

        var error = await Assert.ThrowsAsync<InvalidDeploymentSettingsException>(() => new AppModelReader(new DeploymentSettings { Accounts = new() { OnPrem = new() { StorageClass = "standard" } }, ExternalEgress = new Dictionary<string, IReadOnlyList<int>>() }).ReadAsync(
            app.Services.GetRequiredService<DistributedApplicationModel>(),
            app.Services.GetRequiredService<DistributedApplicationExecutionContext>()));

        var problem = Assert.Single(error.Errors);
        Assert.Equal("web.WithDeploymentOverrides.Environments[qa]", problem.Setting);
        Assert.Contains("Use one of: dev, production, staging.", problem.Fix, StringComparison.Ordinal);
    }
}

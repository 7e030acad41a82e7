using AiNow.AppHost.LocalInfrastructure;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;

namespace AiNow.AppHost.Tests;

/// <summary>The AppHost's model, built (not started) in each mode that matters.</summary>
public sealed class AppModelTests
{
    [Fact]
    public async Task ProcessesMode_RunsTheStoresAsMachineProcesses()
    {
        var resources = await BuildModelAsync("--LocalInfrastructure:Mode=processes", $"--LocalInfrastructure:DataDirectory={Path.GetTempPath()}ainow-model-test");

        Assert.IsType<LocalPostgresResource>(Single(resources, "postgres"));
        var database = Assert.IsType<LocalPostgresDatabaseResource>(Single(resources, "ainowdb"));
        Assert.Equal("ainowdb", database.DatabaseName);
        Assert.IsType<LocalGarnetResource>(Single(resources, "redis"));
    }

    [Fact]
    public async Task PublishMode_HoldsTheStandardAspireStores()
    {
        var resources = await BuildModelAsync("--operation", "publish", "--step", "publish", "--output-path", Path.GetTempPath());

        Assert.IsType<PostgresServerResource>(Single(resources, "postgres"));
        Assert.IsType<PostgresDatabaseResource>(Single(resources, "ainowdb"));
        Assert.IsType<RedisResource>(Single(resources, "redis"));
    }

    [Theory]
    [InlineData("api")]
    [InlineData("worker")]
    public async Task DatabaseUsers_WaitForTheMigrationsToComplete(string service)
    {
        var resources = await BuildModelAsync("--LocalInfrastructure:Mode=processes");

        var waits = Single(resources, service).Annotations.OfType<WaitAnnotation>();
        Assert.Contains(waits, wait => wait.Resource.Name == "migrations" && wait.WaitType == WaitType.WaitForCompletion);
    }

    [Theory]
    [InlineData("admin-key")]
    [InlineData("tenant-signing-key")]
    [InlineData("postgres-password")]
    [InlineData("redis-password")]
    [InlineData("llm-api-key")]
    public async Task Credentials_AreSecretParameters(string name)
    {
        var resources = await BuildModelAsync("--LocalInfrastructure:Mode=processes");

        Assert.True(Assert.IsType<ParameterResource>(Single(resources, name)).Secret);
    }

    [Fact]
    public async Task OnlyTheGateway_HasExternalEndpoints()
    {
        var resources = await BuildModelAsync("--LocalInfrastructure:Mode=processes");

        var external = resources
            .Where(resource => resource.Annotations.OfType<EndpointAnnotation>().Any(endpoint => endpoint.IsExternal))
            .Select(resource => resource.Name);
        Assert.Equal(["gateway"], external);
    }

    private static async Task<IReadOnlyList<IResource>> BuildModelAsync(params string[] args)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.AiNow_AppHost>(args, timeout.Token);
        return [.. builder.Resources];
    }

    private static IResource Single(IEnumerable<IResource> resources, string name) =>
        resources.Single(resource => resource.Name == name);
}

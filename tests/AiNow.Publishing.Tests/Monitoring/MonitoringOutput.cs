using System.Text.Json.Nodes;
using AiNow.AppHost;
using AiNow.Publishing.Model;
using AiNow.Publishing.Monitoring;
using AiNow.Publishing.Reading;
using AiNow.Publishing.Tests.Infrastructure;
using AiNow.Publishing.Writing;

namespace AiNow.Publishing.Tests.Monitoring;

/// <summary>The monitoring emitter's output for the real AppHost's model, written once to a temp folder.</summary>
public sealed class MonitoringOutput : IAsyncLifetime
{
    public string Folder { get; private set; } = "";

    public string Scratch { get; private set; } = "";

    internal DeploymentModel Model { get; private set; } = null!;

    internal IReadOnlyList<GeneratedFile> Files { get; private set; } = [];

    /// <summary>Every environment and target with its folder name.</summary>
    internal IEnumerable<(EnvironmentPlan Environment, CloudTarget Target, string Folder)> Targets =>
        Model.Environments.SelectMany(e => e.Targets.Select(t => (e, t, MonitoringLayout.TargetFolder(e, t))));

    public string Text(string path) => Files.Single(f => f.Path == path).Content;

    /// <summary>A generated YAML file's documents as JSON.</summary>
    public IReadOnlyList<JsonObject> Documents(string path) => YamlDocuments.Parse(Text(path));

    public async Task InitializeAsync()
    {
        await using (var appHost = await AppHostPublishing.BuildModelAsync())
        {
            Model = await new AppModelReader(DeploymentTargets.Settings).ReadAsync(appHost.Model, appHost.ExecutionContext);
        }

        Folder = Directory.CreateTempSubdirectory("ainow-monitoring-").FullName;
        Scratch = Directory.CreateTempSubdirectory("ainow-monitoring-scratch-").FullName;
        Files = new MonitoringEmitter().Emit(Model);
        await AtomicDirectoryWriter.WriteAsync(Folder, Files.ToList());
    }

    public Task DisposeAsync()
    {
        Directory.Delete(Folder, recursive: true);
        Directory.Delete(Scratch, recursive: true);
        return Task.CompletedTask;
    }
}

[CollectionDefinition(Name)]
public sealed class MonitoringGroup : ICollectionFixture<MonitoringOutput>
{
    public const string Name = "monitoring";
}

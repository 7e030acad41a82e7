using System.Runtime.Versioning;
using AiNow.AppHost.LocalInfrastructure;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace AiNow.AppHost.Tests;

/// <summary>The folder that holds every process-mode store's data, and how the AppHost prepares it.</summary>
[UnsupportedOSPlatform("windows")]
public sealed class LocalDataDirectoryTests : IDisposable
{
    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    // Under root the postgres account (PostgreSQL refuses root) must pass through to its own folder.
    private static readonly UnixFileMode s_expected = Environment.IsPrivilegedProcess ? OwnerOnly | UnixFileMode.OtherExecute : OwnerOnly;

    private readonly string _root = Directory.CreateTempSubdirectory("ainow-local-data-").FullName;

    [Fact]
    public void Prepare_NewFolder_IsClosedToOthers()
    {
        var folder = Path.Combine(_root, "data");

        LocalDataDirectory.Prepare(folder);

        Assert.Equal(s_expected, File.GetUnixFileMode(folder));
    }

    [Fact]
    public void Prepare_FolderLeftOpen_IsClosed()
    {
        var folder = Directory.CreateDirectory(Path.Combine(_root, "data")).FullName;
        File.SetUnixFileMode(folder, (UnixFileMode)0b111_111_111);

        LocalDataDirectory.Prepare(folder);

        Assert.Equal(s_expected, File.GetUnixFileMode(folder));
    }

    [Theory]
    [InlineData(false, OwnerOnly)]
    [InlineData(true, OwnerOnly | UnixFileMode.OtherExecute)]
    public void ModeFor_OpensNothingButPassageForPostgresUnderRoot(bool runsAsRoot, UnixFileMode expected) =>
        Assert.Equal(expected, LocalDataDirectory.ModeFor(runsAsRoot));

    [Theory]
    [InlineData("postgres")]
    [InlineData("redis")]
    public async Task ProcessesMode_EachStorePreparesTheFolderAsItStarts_NotWhenTheModelIsBuilt(string store)
    {
        var folder = Path.Combine(_root, "data");
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        // The model only, never built into an application: the AppHost's entry point would then go on to run it.
        await using var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.AiNow_AppHost>(
            ["--LocalInfrastructure:Mode=processes", $"--LocalInfrastructure:DataDirectory={folder}"], timeout.Token);
        Assert.False(Directory.Exists(folder), "Building the model should create no folder.");

        await using var services = new ServiceCollection().BuildServiceProvider();
        var resource = builder.Resources.Single(resource => resource.Name == store);
        await builder.Eventing.PublishAsync(new BeforeResourceStartedEvent(resource, services), timeout.Token);

        Assert.Equal(s_expected, File.GetUnixFileMode(folder));
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);
}

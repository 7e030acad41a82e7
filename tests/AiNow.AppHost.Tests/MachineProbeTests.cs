using System.Diagnostics;
using AiNow.AppHost.LocalInfrastructure;

namespace AiNow.AppHost.Tests;

public sealed class MachineProbeTests
{
    [Fact]
    public void PostgresBinaries_OnThisMachine_FindsAFolderWithTheServerTools()
    {
        // The project's prerequisites script installs PostgreSQL where it is missing.
        var folder = PostgresBinaries.Find();

        Assert.NotNull(folder);
        foreach (var tool in new[] { "initdb", "postgres", "pg_isready", "psql" })
        {
            Assert.True(File.Exists(Path.Combine(folder, tool)), $"{tool} is missing from {folder}");
        }
    }

    [Fact]
    public void ContainerEngineProbe_WithAnEngineThatIsNotInstalled_AnswersNoneWithoutHanging()
    {
        var previous = Environment.GetEnvironmentVariable("ASPIRE_CONTAINER_RUNTIME");
        Environment.SetEnvironmentVariable("ASPIRE_CONTAINER_RUNTIME", "ainow-no-such-engine");
        try
        {
            var stopwatch = Stopwatch.StartNew();

            Assert.Null(ContainerEngineProbe.FindRunningEngine());
            Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(10), $"The probe took {stopwatch.Elapsed}.");
        }
        finally
        {
            Environment.SetEnvironmentVariable("ASPIRE_CONTAINER_RUNTIME", previous);
        }
    }
}

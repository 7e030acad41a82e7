using System.Runtime.Versioning;
using AiNow.AppHost.LocalInfrastructure;

namespace AiNow.AppHost.Tests;

/// <summary>
/// The processes-mode PostgreSQL start script (LocalInfrastructure/run-postgres.sh), run for real with
/// the machine's binaries on a cluster in a temporary folder that is removed afterwards.
/// </summary>
[UnsupportedOSPlatform("windows")]
public sealed class RunPostgresScriptTests : IDisposable
{
    private const string Ready = "PostgreSQL is ready";
    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
    private static readonly TimeSpan s_startTimeout = TimeSpan.FromSeconds(20);
    private static readonly TimeSpan s_stopTimeout = TimeSpan.FromSeconds(10);

    private readonly string _root = Path.Combine(Path.GetTempPath(), $"ainow-pg-script-{Guid.NewGuid():N}");
    private readonly string _data;
    private readonly List<string> _leakedSocketFolders = [];

    public RunPostgresScriptTests()
    {
        // As the AppHost prepares it: under root, the postgres account the script drops to must pass through.
        LocalDataDirectory.Prepare(_root);
        _data = Path.Combine(_root, "postgres");
    }

    [Theory]
    [InlineData("sleep")]
    [InlineData("postgres")] // the name of any other PostgreSQL server on the machine
    public async Task StalePidFile_NamingAnUnrelatedLiveProcess_LeavesThatProcessRunning(string processName)
    {
        await InitialiseClusterAsync();
        using var unrelated = StartUnrelatedProcess(processName);
        WritePidFileNaming(unrelated.Id);

        using (var run = StartScript())
        {
            await run.WaitForOutputAsync(Ready, s_startTimeout);
            var server = ServerPid();
            Assert.False(unrelated.HasExited, $"The script stopped process {unrelated.Id} ({processName}). Script output:\n{run.Output}");

            await StopAsync(run);
            Assert.False(ServesOurData(server), $"The script's own server (pid {server}) still runs after the script stopped.");
        }

        Assert.False(unrelated.HasExited, $"Process {unrelated.Id} ({processName}) did not survive the script's stop.");
    }

    [Fact]
    public async Task LeftoverServer_OnItsDataFolder_IsStoppedAndReplaced()
    {
        await InitialiseClusterAsync();
        int leftover;
        using (var crashed = StartScript())
        {
            await crashed.WaitForOutputAsync(Ready, s_startTimeout);
            leftover = ServerPid();
            _leakedSocketFolders.Add(PidFileLine(5));
            crashed.KillAlone();
        }

        Assert.True(ServesOurData(leftover), "A script killed with SIGKILL should leave its server running (the case under test).");

        using var run = StartScript();
        await run.WaitForOutputAsync(Ready, s_startTimeout);
        Assert.Contains($"stopping a PostgreSQL (pid {leftover})", run.Output, StringComparison.Ordinal);
        Assert.False(ServesOurData(leftover), $"The leftover server (pid {leftover}) still runs.");

        var server = ServerPid();
        Assert.NotEqual(leftover, server);
        await StopAsync(run);
        Assert.False(ServesOurData(server), $"The script's own server (pid {server}) still runs after the script stopped.");
    }

    [Fact]
    public async Task DataFolder_IsOwnerOnly_AndOneLeftOpenIsClosedAgain()
    {
        await InitialiseClusterAsync();
        Assert.Equal(OwnerOnly, File.GetUnixFileMode(_data));

        File.SetUnixFileMode(_data, OwnerOnly | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
        using var run = StartScript();
        // PostgreSQL itself refuses to start on a data folder others can open.
        await run.WaitForOutputAsync(Ready, s_startTimeout);
        Assert.Equal(OwnerOnly, File.GetUnixFileMode(_data));
        await StopAsync(run);
    }

    public void Dispose()
    {
        // A failed test may leave the leftover server running: stop it (immediate shutdown) by the
        // same identity the script uses, never by name.
        if (File.Exists(Path.Combine(_data, "postmaster.pid")) && int.TryParse(PidFileLine(1), out var pid) && ServesOurData(pid))
        {
            TestProcess.Signal(pid, "QUIT");
            for (var attempt = 0; attempt < 100 && ServesOurData(pid); attempt++)
            {
                Thread.Sleep(50);
            }
        }

        foreach (var folder in _leakedSocketFolders.Where(folder => folder.StartsWith("/tmp/ainow-pg.", StringComparison.Ordinal)))
        {
            Directory.Delete(folder, recursive: true);
        }

        Directory.Delete(_root, recursive: true);
    }

    /// <summary>Creates the cluster with a first run, then stops it cleanly.</summary>
    private async Task InitialiseClusterAsync()
    {
        using var run = StartScript();
        await run.WaitForOutputAsync(Ready, s_startTimeout);
        await StopAsync(run);
    }

    private TestProcess StartScript()
    {
        // The AppHost's own metadata names its project folder.
        var appHost = Projects.AiNow_AppHost.ProjectPath;
        var bin = PostgresBinaries.Find() ?? throw new InvalidOperationException("No PostgreSQL server binaries on this machine.");
        return TestProcess.Start("bash", [Path.Combine(appHost, "LocalInfrastructure", "run-postgres.sh")], new Dictionary<string, string?>
        {
            ["PGPORT"] = TestProcess.FreeLoopbackPort().ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["AINOW_PG_BIN"] = bin,
            ["AINOW_PG_DATA"] = _data,
            ["AINOW_PG_PASSWORD"] = "test-password",
            ["AINOW_PG_DATABASES"] = null,
        });
    }

    private static async Task StopAsync(TestProcess run)
    {
        run.Terminate();
        Assert.Equal(0, await run.WaitForExitAsync(s_stopTimeout));
    }

    /// <summary>A long sleep under another name (through a link), so the process is called <paramref name="name"/>.</summary>
    private TestProcess StartUnrelatedProcess(string name)
    {
        var folder = Directory.CreateDirectory(Path.Combine(_root, "unrelated")).FullName;
        var link = Path.Combine(folder, name);
        File.CreateSymbolicLink(link, File.Exists("/usr/bin/sleep") ? "/usr/bin/sleep" : "/bin/sleep");
        return TestProcess.Start(link, ["60"], new Dictionary<string, string?>());
    }

    /// <summary>postmaster.pid as a killed server leaves it, its PID since given to another process.</summary>
    private void WritePidFileNaming(int pid)
    {
        var file = Path.Combine(_data, "postmaster.pid");
        Assert.False(File.Exists(file), "The first run should have removed its postmaster.pid when it stopped.");
        File.WriteAllText(file, $"{pid}\n{_data}\n1700000000\n5432\n/tmp\n127.0.0.1\n  5432001         0\nready   \n");
    }

    private int ServerPid() => int.Parse(PidFileLine(1), System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>A line of postmaster.pid (1: the server's PID, 5: its socket folder).</summary>
    private string PidFileLine(int number) =>
        File.ReadLines(Path.Combine(_data, "postmaster.pid")).ElementAt(number - 1).Trim();

    /// <summary>A postgres process whose working folder is our data folder, as the script identifies its server.</summary>
    private bool ServesOurData(int pid)
    {
        try
        {
            return File.ReadAllText($"/proc/{pid}/comm").Trim() == "postgres"
                && new DirectoryInfo($"/proc/{pid}/cwd").LinkTarget == _data;
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }
}

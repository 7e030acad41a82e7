using System.Diagnostics;

namespace AiNow.AppHost.LocalInfrastructure;

/// <summary>
/// Finds a PostgreSQL server installation on the machine: on PATH, through <c>pg_config --bindir</c>,
/// or the newest <c>/usr/lib/postgresql/*/bin</c> (Debian and Ubuntu keep the server off PATH).
/// </summary>
public static class PostgresBinaries
{
    private static readonly string[] s_requiredTools = ["initdb", "postgres", "pg_isready", "psql"];

    /// <summary>The folder holding initdb, postgres, pg_isready and psql; null when there is none.</summary>
    public static string? Find() =>
        Candidates().FirstOrDefault(HasServerTools);

    private static IEnumerable<string> Candidates()
    {
        foreach (var folder in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            yield return folder;
        }

        if (PgConfigBinDirectory() is { } binDirectory)
        {
            yield return binDirectory;
        }

        if (Directory.Exists("/usr/lib/postgresql"))
        {
            var versions = Directory.GetDirectories("/usr/lib/postgresql")
                .Select(path => (path, version: int.TryParse(Path.GetFileName(path), out var v) ? v : 0))
                .OrderByDescending(candidate => candidate.version);
            foreach (var (path, _) in versions)
            {
                yield return Path.Combine(path, "bin");
            }
        }
    }

    private static bool HasServerTools(string folder) =>
        s_requiredTools.All(tool => File.Exists(Path.Combine(folder, tool)));

    private static string? PgConfigBinDirectory()
    {
        try
        {
            using var process = Process.Start(new ProcessStartInfo("pg_config", ["--bindir"])
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            });
            if (process is null || !process.WaitForExit(TimeSpan.FromSeconds(5)))
            {
                return null;
            }

            var output = process.StandardOutput.ReadToEnd().Trim();
            return process.ExitCode == 0 && output.Length > 0 ? output : null;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return null;
        }
    }
}

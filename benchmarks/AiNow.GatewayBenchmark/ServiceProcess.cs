using System.Globalization;

namespace AiNow.GatewayBenchmark;

/// <summary>
/// One service's own process (the program a pod runs, not the <c>dotnet run</c> that launched it locally), found in
/// /proc by its build output's path in this repository, and what /proc says of its age, memory and HTTP port.
/// </summary>
internal sealed record ServiceProcess(string Service, int ProcessId, long StartTicks)
{
    // USER_HZ, the unit of /proc's process start times; 100 on every Linux build this runs on.
    private const double TicksPerSecond = 100;

    /// <summary>The services this measurement sizes, as the AppHost names them, with their projects' folders.</summary>
    public static readonly IReadOnlyDictionary<string, string> Projects = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["gateway"] = "AiNow.Gateway",
        ["api"] = "AiNow.Api",
        ["inference"] = "AiNow.Inference",
        ["worker"] = "AiNow.Worker",
        ["migrations"] = "AiNow.Migrations",
    };

    /// <summary>
    /// The service processes running now that started after <paramref name="notBeforeTicks"/> from this repository's
    /// build output (other clones on the machine may run the same platform; launchers name the project, not its bin).
    /// </summary>
    public static IReadOnlyList<ServiceProcess> FindAll(string repositoryRoot, long notBeforeTicks)
    {
        var found = new List<ServiceProcess>();
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(directory), CultureInfo.InvariantCulture, out var pid))
            {
                continue;
            }

            try
            {
                var commandLine = File.ReadAllText(Path.Combine(directory, "cmdline")).Replace('\0', ' ');
                foreach (var (service, project) in Projects)
                {
                    if (commandLine.Contains($"{repositoryRoot}/services/{project}/bin/", StringComparison.Ordinal)
                        && StartTicksOf(pid) is { } started && started >= notBeforeTicks)
                    {
                        found.Add(new ServiceProcess(service, pid, started));
                    }
                }
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
            {
                // The process ended while being read.
            }
        }

        return found;
    }

    /// <summary>When a process started, in ticks since boot (field 22 of /proc/pid/stat); null once it has ended.</summary>
    public static long? StartTicksOf(int pid)
    {
        try
        {
            // Fields after the command name, which may hold spaces, start at field 3 (state); starttime is field 22.
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            return long.Parse(stat[(stat.LastIndexOf(')') + 2)..].Split(' ')[19], CultureInfo.InvariantCulture);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>Seconds since boot, in the same clock as the start times.</summary>
    public static double UptimeSeconds() =>
        double.Parse(File.ReadAllText("/proc/uptime").Split(' ')[0], CultureInfo.InvariantCulture);

    /// <summary>This program's own start, so that processes left by anything earlier are never taken for ours.</summary>
    public static long SelfStartTicks() => StartTicksOf(Environment.ProcessId)!.Value;

    /// <summary>Seconds from this process's start to now.</summary>
    public double SecondsSinceStart() => UptimeSeconds() - (StartTicks / TicksPerSecond);

    public bool HasExited => StartTicksOf(ProcessId) != StartTicks;

    /// <summary>Resident memory now (VmRSS), in bytes; null once the process has ended.</summary>
    public long? ResidentBytes() => StatusKilobytes("VmRSS:") * 1024;

    /// <summary>The most resident memory since the process started (VmHWM), in bytes; null once it has ended.</summary>
    public long? PeakResidentBytes() => StatusKilobytes("VmHWM:") * 1024;

    /// <summary>
    /// Where the service listens for HTTP, from the environment the orchestrator started it with (ASP.NET Core's
    /// <c>ASPNETCORE_URLS</c> or <c>HTTP_PORTS</c>); null for a process with no HTTP endpoint.
    /// </summary>
    public Uri? HttpAddress()
    {
        var variables = File.ReadAllText($"/proc/{ProcessId}/environ").Split('\0')
            .Select(entry => entry.Split('=', 2)).Where(pair => pair.Length == 2)
            .GroupBy(pair => pair[0], StringComparer.Ordinal).ToDictionary(group => group.Key, group => group.Last()[1], StringComparer.Ordinal);
        if (variables.TryGetValue("ASPNETCORE_URLS", out var urls))
        {
            var first = urls.Split(';', StringSplitOptions.RemoveEmptyEntries).First(url => url.StartsWith("http://", StringComparison.Ordinal));
            return new Uri(first.Replace("://+:", "://127.0.0.1:", StringComparison.Ordinal).Replace("://*:", "://127.0.0.1:", StringComparison.Ordinal)
                .Replace("://localhost:", "://127.0.0.1:", StringComparison.Ordinal));
        }

        return variables.TryGetValue("ASPNETCORE_HTTP_PORTS", out var ports) || variables.TryGetValue("HTTP_PORTS", out ports)
            ? new Uri($"http://127.0.0.1:{ports.Split([',', ';'])[0]}")
            : null;
    }

    private long? StatusKilobytes(string field)
    {
        try
        {
            // "VmRSS:	  123456 kB"
            var line = File.ReadLines($"/proc/{ProcessId}/status").FirstOrDefault(line => line.StartsWith(field, StringComparison.Ordinal));
            return line is null || HasExited
                ? null
                : long.Parse(line[field.Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}

using System.Globalization;

namespace AiNow.GatewayBenchmark;

/// <summary>
/// CPU time of this process and everything it started, by role (gateway, api, postgres, ...), read from /proc,
/// and of the whole machine: the difference between two samples says where a case spent its cycles, and how much
/// of the machine other work took meanwhile (these machines are shared).
/// </summary>
internal sealed record ProcessCpu(IReadOnlyDictionary<string, double> SecondsByRole, double MachineBusySeconds)
{
    // USER_HZ, the unit of /proc's CPU times; 100 on every Linux build this runs on.
    private const double TicksPerSecond = 100;

    /// <param name="named">Roles for processes this program started itself (their descendants share the role).</param>
    public static ProcessCpu Sample(IReadOnlyDictionary<int, string> named)
    {
        var processes = ReadProcesses();
        var self = Environment.ProcessId;
        var seconds = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var (pid, process) in processes)
        {
            if (RoleOf(pid, processes, self, named) is { } role)
            {
                seconds[role] = seconds.GetValueOrDefault(role) + (process.Ticks / TicksPerSecond);
            }
        }

        return new ProcessCpu(seconds, MachineBusy());
    }

    public ProcessCpu Since(ProcessCpu earlier) => new(
        SecondsByRole.ToDictionary(role => role.Key, role => role.Value - earlier.SecondsByRole.GetValueOrDefault(role.Key)),
        MachineBusySeconds - earlier.MachineBusySeconds);

    private static string? RoleOf(int pid, Dictionary<int, (int Parent, long Ticks, string CommandLine)> processes, int self, IReadOnlyDictionary<int, string> named)
    {
        if (pid == self)
        {
            return "load generator + AppHost";
        }

        // Only this process's descendants count, and the orchestrator's: DCP detaches from the AppHost that starts
        // it and watches it instead ("--monitor <pid>"). A role comes from the nearest named ancestor, else the command line.
        var monitorsSelf = $"--monitor {self.ToString(CultureInfo.InvariantCulture)} ";
        var current = pid;
        string? namedRole = null;
        for (var depth = 0; depth < 64 && processes.TryGetValue(current, out var process); depth++)
        {
            namedRole ??= named.GetValueOrDefault(current);
            if (process.Parent == self || (process.CommandLine + " ").Contains(monitorsSelf, StringComparison.Ordinal))
            {
                return namedRole ?? RoleFromCommandLine(processes[pid].CommandLine);
            }

            current = process.Parent;
        }

        return null;
    }

    private static string RoleFromCommandLine(string commandLine) => commandLine switch
    {
        _ when commandLine.Contains(".csproj", StringComparison.Ordinal) => "dotnet run (launchers)",
        _ when commandLine.Contains("AiNow.Gateway", StringComparison.Ordinal) => "gateway",
        _ when commandLine.Contains("AiNow.Api", StringComparison.Ordinal) => "api",
        _ when commandLine.Contains("AiNow.Inference", StringComparison.Ordinal) => "inference",
        _ when commandLine.Contains("AiNow.Worker", StringComparison.Ordinal) => "worker",
        _ when commandLine.Contains("Garnet", StringComparison.Ordinal) => "garnet (redis)",
        _ when commandLine.Contains("/dcp ", StringComparison.Ordinal) => "dcp (orchestrator)",
        _ when commandLine.Contains("postgres", StringComparison.Ordinal) => "postgres",
        _ => "other",
    };

    private static Dictionary<int, (int Parent, long Ticks, string CommandLine)> ReadProcesses()
    {
        var processes = new Dictionary<int, (int, long, string)>();
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(directory), CultureInfo.InvariantCulture, out var pid))
            {
                continue;
            }

            try
            {
                // Fields after the command name, which may hold spaces: state ppid ... utime(14) stime(15) cutime cstime.
                var stat = File.ReadAllText(Path.Combine(directory, "stat"));
                var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
                var parent = int.Parse(fields[1], CultureInfo.InvariantCulture);
                // Children's times too: PostgreSQL's and the launchers' short-lived children are reaped by them.
                var ticks = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture)
                    + long.Parse(fields[13], CultureInfo.InvariantCulture) + long.Parse(fields[14], CultureInfo.InvariantCulture);
                var commandLine = File.ReadAllText(Path.Combine(directory, "cmdline")).Replace('\0', ' ');
                processes[pid] = (parent, ticks, commandLine);
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or FormatException)
            {
                // The process ended while being read.
            }
        }

        return processes;
    }

    private static double MachineBusy()
    {
        // cpu  user nice system idle iowait irq softirq steal ...
        var fields = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var values = fields.Skip(1).Take(8).Select(value => long.Parse(value, CultureInfo.InvariantCulture)).ToArray();
        return (values.Sum() - values[3] - values[4]) / TicksPerSecond;
    }
}

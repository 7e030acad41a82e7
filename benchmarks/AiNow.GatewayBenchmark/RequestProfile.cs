using System.Globalization;
using System.Text;

namespace AiNow.GatewayBenchmark;

/// <summary>
/// Where one measured case's requests spent their cost: CPU milliseconds per request in each process, the
/// machine's other load meanwhile, and PostgreSQL commits, rows written and tables read per request.
/// </summary>
internal sealed class RequestProfile
{
    private readonly string _connectionString;
    private readonly IReadOnlyDictionary<int, string> _named;
    private readonly ProcessCpu _cpu;
    private readonly PostgresActivity _postgres;

    private RequestProfile(string connectionString, IReadOnlyDictionary<int, string> named, ProcessCpu cpu, PostgresActivity postgres)
    {
        _connectionString = connectionString;
        _named = named;
        _cpu = cpu;
        _postgres = postgres;
    }

    public static async Task<RequestProfile> StartAsync(string connectionString, IReadOnlyDictionary<int, string> named, CancellationToken cancellationToken)
    {
        // What the warm-up wrote must be reported before the first sample, or it would count against this case.
        await Task.Delay(PostgresActivity.ReportingDelay, cancellationToken);
        var postgres = await PostgresActivity.SampleAsync(connectionString, cancellationToken);
        return new RequestProfile(connectionString, named, ProcessCpu.Sample(named), postgres);
    }

    public async Task<string> ReportAsync(LoadResult result, CancellationToken cancellationToken)
    {
        var cpu = ProcessCpu.Sample(_named).Since(_cpu);
        await Task.Delay(PostgresActivity.ReportingDelay, cancellationToken);
        var postgres = (await PostgresActivity.SampleAsync(_connectionString, cancellationToken)).Since(_postgres);

        var requests = Math.Max(1, result.Requests);
        var seconds = result.Elapsed.TotalSeconds;
        var ours = cpu.SecondsByRole.Values.Sum();
        var report = new StringBuilder();
        report.AppendLine(string.Create(CultureInfo.InvariantCulture,
            $"where {result.Case} at {result.Connections} connections spent CPU ({requests} requests in {seconds:F1} s; machine busy {cpu.MachineBusySeconds / seconds:F2} cores, of which this run {ours / seconds:F2}, others {(cpu.MachineBusySeconds - ours) / seconds:F2}):"));
        foreach (var (role, used) in cpu.SecondsByRole.Where(role => role.Value > 0).OrderByDescending(role => role.Value))
        {
            report.AppendLine(string.Create(CultureInfo.InvariantCulture,
                $"  {role,-26} {used * 1000 / requests,8:F3} ms/request  {used / seconds,5:F2} cores"));
        }

        report.AppendLine(string.Create(CultureInfo.InvariantCulture, $"  postgres per request: {(double)postgres.Commits / requests:F2} commits; rows written: ")
            + PerRequest(postgres.RowsWrittenByTable, requests) + "; table scans: " + PerRequest(postgres.ScansByTable, requests));
        return report.ToString();
    }

    private static string PerRequest(IReadOnlyDictionary<string, long> byTable, long requests)
    {
        var used = byTable.Where(table => table.Value > 0).OrderByDescending(table => table.Value)
            .Select(table => string.Create(CultureInfo.InvariantCulture, $"{table.Key} {(double)table.Value / requests:F2}")).ToArray();
        return used.Length == 0 ? "none" : string.Join(", ", used);
    }
}

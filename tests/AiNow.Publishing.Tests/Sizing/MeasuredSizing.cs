using System.Text.Json;
using AiNow.Publishing.Tests.Infrastructure;

namespace AiNow.Publishing.Tests.Sizing;

/// <summary>One long-running service as measured: seconds from process start to ready, resident MiB idle and at peak.</summary>
internal sealed record MeasuredService(string Name, double StartToReadySeconds, long IdleRssMiB, long LoadedPeakRssMiB);

/// <summary>
/// The table <c>eng/measure-sizing.sh</c> writes (<c>AiNow.AppHost/Publishing/measured-sizing.json</c>): what each
/// service needed on the measuring machine, which the published requests, limits and start-up budgets must cover.
/// </summary>
internal sealed record MeasuredSizing(string Date, string Machine, IReadOnlyDictionary<string, MeasuredService> Services, double MigrationsRunSeconds, long MigrationsPeakRssMiB)
{
    public const string RelativePath = "AiNow.AppHost/Publishing/measured-sizing.json";

    public static MeasuredSizing Committed { get; } = Read(Path.Combine(RepositoryPaths.Root, RelativePath));

    /// <summary>Where the figures come from, for failure messages.</summary>
    public string Source => $"{RelativePath} (measured {Date} on {Machine})";

    public static MeasuredSizing Read(string path)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(path));
        var root = document.RootElement;
        var services = root.GetProperty("services").EnumerateObject().ToDictionary(
            service => service.Name,
            service => new MeasuredService(
                service.Name,
                service.Value.GetProperty("startToReadySeconds").GetDouble(),
                service.Value.GetProperty("idleRssMiB").GetInt64(),
                service.Value.GetProperty("loadedPeakRssMiB").GetInt64()),
            StringComparer.Ordinal);
        var migrations = root.GetProperty("migrations");
        return new MeasuredSizing(
            root.GetProperty("date").GetString()!,
            root.GetProperty("machine").GetString()!,
            services,
            migrations.GetProperty("runSeconds").GetDouble(),
            migrations.GetProperty("peakRssMiB").GetInt64());
    }
}

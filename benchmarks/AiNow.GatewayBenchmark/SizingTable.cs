using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace AiNow.GatewayBenchmark;

/// <summary>One long-running service's figures: start to ready, resident memory idle and at its peak under load.</summary>
internal sealed record ServiceSizing(string Service, double StartToReadySeconds, long IdleRssBytes, long LoadedPeakRssBytes);

/// <summary>
/// What the sizing measurement found, printed as a table and written as the JSON file the publishing tests hold the
/// published requests, limits and probes to. The file's formatting is fixed (property order, rounding, invariant
/// culture, LF endings), so a re-measurement changes only the figures that changed.
/// </summary>
internal sealed record SizingTable(
    IReadOnlyList<ServiceSizing> Services,
    double MigrationsRunSeconds,
    long MigrationsPeakRssBytes,
    string Load,
    IReadOnlyList<string> Notes)
{
    private const double Mebibyte = 1024 * 1024;

    public string Print()
    {
        var text = new StringBuilder();
        text.AppendLine("service      start to ready   idle RSS   loaded peak RSS");
        foreach (var service in Services)
        {
            text.AppendLine(string.Create(CultureInfo.InvariantCulture,
                $"{service.Service,-12} {service.StartToReadySeconds,12:F2} s {MiB(service.IdleRssBytes),6} MiB {MiB(service.LoadedPeakRssBytes),13} MiB"));
        }

        text.AppendLine(string.Create(CultureInfo.InvariantCulture,
            $"{"migrations",-12} {MigrationsRunSeconds,12:F2} s (start to exit)  peak {MiB(MigrationsPeakRssBytes)} MiB"));
        return text.ToString();
    }

    public async Task WriteAsync(string path, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions
        {
            Indented = true,
            NewLine = "\n",
            // A file for people and tests, never embedded in HTML: keep quotes and angle brackets readable.
            Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        }))
        {
            json.WriteStartObject();
            json.WriteString("measuredBy", "eng/measure-sizing.sh");
            json.WriteString("date", DateTime.UtcNow.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
            json.WriteString("machine", Machine());
            json.WriteString("dotnet", RuntimeInformation.FrameworkDescription);
            json.WriteString("load", Load);
            json.WriteStartArray("notes");
            foreach (var note in Notes)
            {
                json.WriteStringValue(note);
            }

            json.WriteEndArray();
            json.WriteStartObject("services");
            foreach (var service in Services)
            {
                json.WriteStartObject(service.Service);
                json.WriteNumber("startToReadySeconds", Seconds(service.StartToReadySeconds));
                json.WriteNumber("idleRssMiB", MiB(service.IdleRssBytes));
                json.WriteNumber("loadedPeakRssMiB", MiB(service.LoadedPeakRssBytes));
                json.WriteEndObject();
            }

            json.WriteEndObject();
            json.WriteStartObject("migrations");
            json.WriteNumber("runSeconds", Seconds(MigrationsRunSeconds));
            json.WriteNumber("peakRssMiB", MiB(MigrationsPeakRssBytes));
            json.WriteEndObject();
            json.WriteEndObject();
        }

        buffer.WriteByte((byte)'\n');
        await File.WriteAllBytesAsync(path, buffer.ToArray(), cancellationToken);
    }

    // Whole MiB, rounded up: the figures are floors for requests and limits.
    private static long MiB(long bytes) => (long)Math.Ceiling(bytes / Mebibyte);

    // Always two decimals (12.50, not 12.5), so the file's shape does not depend on the figure.
    private static decimal Seconds(double seconds) =>
        decimal.Parse(seconds.ToString("F2", CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);

    private static string Machine()
    {
        // MemTotal is in KiB, so KiB / MiB-in-bytes is GiB.
        var memoryKilobytes = File.ReadLines("/proc/meminfo").First(line => line.StartsWith("MemTotal:", StringComparison.Ordinal))
            .Split(' ', StringSplitOptions.RemoveEmptyEntries)[1];
        var system = File.Exists("/etc/os-release")
            ? File.ReadLines("/etc/os-release").FirstOrDefault(line => line.StartsWith("PRETTY_NAME=", StringComparison.Ordinal))?["PRETTY_NAME=".Length..].Trim('"')
            : null;
        return string.Create(CultureInfo.InvariantCulture,
            $"{Environment.ProcessorCount} cores, {long.Parse(memoryKilobytes, CultureInfo.InvariantCulture) / Mebibyte:F0} GiB, {system ?? RuntimeInformation.OSDescription}, {RuntimeInformation.OSArchitecture}");
    }
}

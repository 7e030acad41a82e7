using System.Diagnostics;
using System.Globalization;
using AiNow.StartupBenchmark;
using AiNow.Testing;

// Time from AppHost start to every resource healthy, against this machine's floor for the same
// work measured in the same run: a bare PostgreSQL start (initdb + ready) plus one bare service
// start (inference, from exec to /health healthy: it loads the model, the slowest service).
var rounds = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 3;
var platformTimes = new List<double>();
var floorTimes = new List<double>();
var timelines = new List<string>();

for (var round = 1; round <= rounds; round++)
{
    var postgres = await BareStarts.PostgresAsync();
    var service = await BareStarts.InferenceAsync();
    floorTimes.Add(postgres.TotalSeconds + service.TotalSeconds);

    // Not created here: a temp folder is private to its creator, and PostgreSQL runs as its own account.
    var dataDirectory = Path.Combine(Path.GetTempPath(), $"ainow-startup-{Guid.NewGuid():N}");
    using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
    var stopwatch = Stopwatch.StartNew();
    var timeline = new StartupTimeline(stopwatch);
    await using (var app = await PlatformLauncher.StartAsync(dataDirectory, "startup-benchmark-admin-key-0000",
        new Dictionary<string, IReadOnlyDictionary<string, string>>(), timeout.Token, configure: timeline.Watch))
    {
        platformTimes.Add(stopwatch.Elapsed.TotalSeconds);
        timelines.Add(timeline.Describe());
        await app.StopAsync(timeout.Token);
    }

    BareStarts.DeleteQuietly(dataDirectory);
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"round {round}: platform {platformTimes[^1]:F2} s; floor {floorTimes[^1]:F2} s (postgres {postgres.TotalSeconds:F2} s + inference {service.TotalSeconds:F2} s)"));
    Console.WriteLine($"  seconds from the start: {timelines[^1]}");
}

var platform = Median(platformTimes);
var floor = Median(floorTimes);
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"median over {rounds} rounds: platform healthy in {platform:F2} s; floor {floor:F2} s; ratio {platform / floor:F2}x"));

static double Median(List<double> values)
{
    var sorted = values.Order().ToArray();
    return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
}

using System.Collections.Concurrent;

namespace AiNow.GatewayBenchmark;

/// <summary>
/// Watches the platform start from beside it: finds each service's process as soon as it exists and times it from
/// the process's own start (read from /proc, so the orchestrator's and launchers' time before it is not counted) to
/// its readiness endpoint first answering 200, which is when a pod would enter rotation; the migrations, a job,
/// from start to exit, with the most memory they held.
/// </summary>
internal sealed class StartupWatch : IAsyncDisposable
{
    private static readonly TimeSpan s_pollInterval = TimeSpan.FromMilliseconds(100);
    private const string Migrations = "migrations";

    private readonly string _repositoryRoot;
    private readonly long _notBeforeTicks = ServiceProcess.SelfStartTicks();
    private readonly ConcurrentDictionary<string, ServiceProcess> _processes = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, double> _startSeconds = new(StringComparer.Ordinal);
    private readonly HttpClient _client = new() { Timeout = TimeSpan.FromSeconds(1) };
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _watching;
    private long _migrationsPeakBytes;

    private StartupWatch(string repositoryRoot)
    {
        _repositoryRoot = repositoryRoot;
        _watching = Task.Run(() => WatchAsync(_stop.Token));
    }

    public static StartupWatch Start(string repositoryRoot) => new(repositoryRoot);

    /// <summary>Each service's process (the migrations' only while it ran).</summary>
    public IReadOnlyDictionary<string, ServiceProcess> Processes => _processes;

    /// <summary>Seconds from each service's process start to ready (the migrations: to exit).</summary>
    public IReadOnlyDictionary<string, double> StartSeconds => _startSeconds;

    /// <summary>The most resident memory the migrations held, as last read before they exited.</summary>
    public long MigrationsPeakBytes => Interlocked.Read(ref _migrationsPeakBytes);

    /// <summary>Waits until every service has been timed; the platform launcher bounds how long that can take.</summary>
    public async Task WaitUntilTimedAsync(CancellationToken cancellationToken)
    {
        while (_startSeconds.Count < ServiceProcess.Projects.Count)
        {
            if (_watching.IsCompleted)
            {
                await _watching;
            }

            await Task.Delay(s_pollInterval, cancellationToken);
        }
    }

    private async Task WatchAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested && _startSeconds.Count < ServiceProcess.Projects.Count)
        {
            foreach (var process in ServiceProcess.FindAll(_repositoryRoot, _notBeforeTicks))
            {
                _processes.TryAdd(process.Service, process);
            }

            await Task.WhenAll(_processes.Values.Where(process => !_startSeconds.ContainsKey(process.Service))
                .Select(process => process.Service == Migrations ? CheckMigrations(process) : CheckReadyAsync(process, cancellationToken)));
            try
            {
                await Task.Delay(s_pollInterval, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private Task CheckMigrations(ServiceProcess migrations)
    {
        // Read before the exit check, so the last figure read belongs to the process that then exited.
        var elapsed = migrations.SecondsSinceStart();
        if (migrations.PeakResidentBytes() is { } peak)
        {
            Interlocked.Exchange(ref _migrationsPeakBytes, Math.Max(peak, MigrationsPeakBytes));
        }

        if (migrations.HasExited)
        {
            _startSeconds.TryAdd(Migrations, elapsed);
        }

        return Task.CompletedTask;
    }

    private async Task CheckReadyAsync(ServiceProcess service, CancellationToken cancellationToken)
    {
        if (service.HttpAddress() is not { } address)
        {
            throw new InvalidOperationException($"{service.Service} (pid {service.ProcessId}) was started with no HTTP address to probe.");
        }

        try
        {
            using var response = await _client.GetAsync(new Uri(address, "/health"), cancellationToken);
            if (response.IsSuccessStatusCode)
            {
                _startSeconds.TryAdd(service.Service, service.SecondsSinceStart());
            }
        }
        catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            // Not listening yet, or not answering within the probe's time.
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try
        {
            await _watching;
        }
        catch (OperationCanceledException)
        {
        }

        _stop.Dispose();
        _client.Dispose();
    }
}

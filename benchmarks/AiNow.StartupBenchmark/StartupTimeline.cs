using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace AiNow.StartupBenchmark;

/// <summary>
/// When each resource's process was running, healthy, or (for the migrations) finished, in seconds from the
/// start of the measured run, read from the orchestrator's own notifications: where the start-up time goes.
/// </summary>
internal sealed class StartupTimeline(Stopwatch clock)
{
    private readonly ConcurrentDictionary<(string Resource, string Milestone), double> _times = new();

    /// <summary>Watches every resource of <paramref name="builder"/>'s model from the moment the app starts.</summary>
    public void Watch(IDistributedApplicationTestingBuilder builder) =>
        builder.Eventing.Subscribe<BeforeStartEvent>((@event, cancellationToken) =>
        {
            var notifications = @event.Services.GetRequiredService<ResourceNotificationService>();
            _ = RecordAsync(notifications, cancellationToken);
            return Task.CompletedTask;
        });

    /// <summary>Per resource, in the order they got there: <c>name running→healthy</c> or <c>name running→finished</c>.</summary>
    public string Describe() => string.Join("; ", _times
        .GroupBy(time => time.Key.Resource, time => (time.Key.Milestone, time.Value))
        .Select(resource => (Name: resource.Key, Milestones: resource.OrderBy(m => m.Value).ToList()))
        .OrderBy(resource => resource.Milestones[^1].Value)
        .Select(resource => $"{resource.Name} " + string.Join(" ", resource.Milestones.Select(m =>
            string.Create(CultureInfo.InvariantCulture, $"{m.Milestone} {m.Value:F2}")))));

    private async Task RecordAsync(ResourceNotificationService notifications, CancellationToken cancellationToken)
    {
        try
        {
            await foreach (var change in notifications.WatchAsync(cancellationToken))
            {
                var snapshot = change.Snapshot;
                if (change.Resource is ParameterResource || snapshot.IsHidden)
                {
                    continue;
                }

                var now = clock.Elapsed.TotalSeconds;
                if (snapshot.State?.Text is { } state && (state == KnownResourceStates.Running || state == KnownResourceStates.Finished))
                {
                    _times.TryAdd((change.Resource.Name, state.ToLowerInvariant()), now);
                }

                if (snapshot.HealthStatus == HealthStatus.Healthy && snapshot.State?.Text == KnownResourceStates.Running)
                {
                    _times.TryAdd((change.Resource.Name, "healthy"), now);
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }
}

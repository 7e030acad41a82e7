using System.Globalization;
using AiNow.Contracts;
using AiNow.Publishing.Tests.Infrastructure;
using k8s.Models;

namespace AiNow.Publishing.Tests.Sizing;

/// <summary>
/// Every published overlay gives each service at least what it was measured to need (eng/measure-sizing.sh):
/// memory requests cover the idle footprint, limits the loaded peak with headroom, start-up probes the start time
/// with a margin. Requests and limits are chosen by hand in the AppHost's deployment settings; this keeps them honest.
/// </summary>
[Collection(PublishedGroup.Name)]
public sealed class MeasuredSizingTests(PublishedManifests published)
{
    /// <summary>
    /// Limit over measured peak. The peak comes from one load (short texts at 16 connections, three full batch jobs);
    /// bursts, longer texts and more connections push a pod past it, and in a container the .NET GC keeps its heap
    /// under 75% of the memory limit by default, so a limit 1.5x the peak (peak at 67%) lets the GC collect harder
    /// before the kernel's out-of-memory kill, which would drop every request the pod holds.
    /// </summary>
    private const decimal LimitHeadroom = 1.5m;

    /// <summary>
    /// Start-up probe budget over measured start. The figure comes from a 2-core machine; a pod starts on whatever
    /// its CPU limit allows (down to half a core in dev, throttled while it JIT-compiles) on a node busy with
    /// neighbours, so 3x before the kubelet restarts a container that was only slow, which would start it over again.
    /// </summary>
    private const double StartMargin = 3;

    private const decimal Mebibyte = 1024 * 1024;

    public static TheoryData<string> Overlays => PublishedManifests.OverlayNames();

    private static MeasuredSizing Measured => MeasuredSizing.Committed;

    [Theory]
    [MemberData(nameof(Overlays))]
    public void EveryWorkload_WasMeasured(string name)
    {
        var overlay = published.Overlay(name);
        var ours = overlay.OfKind("Deployment").Select(o => o.Name).ToList();
        Assert.NotEmpty(ours);
        var unmeasured = ours.Where(service => !Measured.Services.ContainsKey(service)).ToList();
        Assert.True(unmeasured.Count == 0,
            $"{name}: {string.Join(", ", unmeasured)} {(unmeasured.Count == 1 ? "is" : "are")} published but not in {Measured.Source}; run eng/measure-sizing.sh.");
        Assert.Contains(overlay.OfKind("Job"), job => job.Name == ResourceNames.Migrations);
    }

    [Theory]
    [MemberData(nameof(Overlays))]
    public void LongRunningServices_GetTheMemoryAndStartTimeTheyWereMeasuredToNeed(string name)
    {
        var overlay = published.Overlay(name);
        var failures = new List<string>();
        foreach (var service in Measured.Services.Values.OrderBy(service => service.Name, StringComparer.Ordinal))
        {
            var container = Container(overlay.Single("Deployment", service.Name).PodSpec()!, service.Name);
            var label = $"{service.Name} in {name}";
            CheckMemory(label, container, service.IdleRssMiB, "idle RSS", service.LoadedPeakRssMiB, "loaded peak RSS", failures);

            var probe = container.StartupProbe;
            if (probe is null)
            {
                failures.Add($"{label}: no startup probe, while it was measured to take {service.StartToReadySeconds:F2} s to be ready.");
                continue;
            }

            // Kubernetes' defaults where a field is unset: 3 failures, every 10 s, from the start.
            var budget = ((probe.FailureThreshold ?? 3) * (probe.PeriodSeconds ?? 10)) + (probe.InitialDelaySeconds ?? 0);
            if (budget < StartMargin * service.StartToReadySeconds)
            {
                failures.Add(string.Create(CultureInfo.InvariantCulture,
                    $"{label}: the startup probe allows {budget} s (failureThreshold {probe.FailureThreshold} x periodSeconds {probe.PeriodSeconds} + initialDelaySeconds {probe.InitialDelaySeconds}), below {StartMargin}x its measured start to ready of {service.StartToReadySeconds:F2} s ({StartMargin * service.StartToReadySeconds:F1} s)."));
            }
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures) + $"\nFigures from {Measured.Source}; sizes in AiNow.AppHost/Publishing/DeploymentTargets.cs.");
    }

    [Theory]
    [MemberData(nameof(Overlays))]
    public void Migrations_GetTheMemoryAndTimeTheyWereMeasuredToNeed(string name)
    {
        var overlay = published.Overlay(name);
        var jobObject = overlay.Single("Job", ResourceNames.Migrations);
        var job = jobObject.As<V1Job>();
        var container = Container(jobObject.PodSpec()!, ResourceNames.Migrations);
        var failures = new List<string>();
        var label = $"{ResourceNames.Migrations} in {name}";

        // A job has no idle time: its whole life is its load, so the request covers its peak too.
        CheckMemory(label, container, Measured.MigrationsPeakRssMiB, "peak RSS", Measured.MigrationsPeakRssMiB, "peak RSS", failures);
        var deadline = job.Spec.ActiveDeadlineSeconds;
        if (deadline is not null && deadline < StartMargin * Measured.MigrationsRunSeconds)
        {
            failures.Add(string.Create(CultureInfo.InvariantCulture,
                $"{label}: activeDeadlineSeconds {deadline} is below {StartMargin}x its measured run of {Measured.MigrationsRunSeconds:F2} s."));
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures) + $"\nFigures from {Measured.Source}; sizes in AiNow.AppHost/Publishing/DeploymentTargets.cs.");
    }

    private static void CheckMemory(string label, V1Container container, long floorMiB, string floorName, long peakMiB, string peakName, List<string> failures)
    {
        ResourceQuantity? request = null;
        ResourceQuantity? limit = null;
        container.Resources?.Requests?.TryGetValue("memory", out request);
        container.Resources?.Limits?.TryGetValue("memory", out limit);
        if (request is null || limit is null)
        {
            failures.Add($"{label}: no memory request or limit.");
            return;
        }

        // Below its request a pod is the first evicted when the node runs short; an idle pod must not start there.
        if (request.ToDecimal() < floorMiB * Mebibyte)
        {
            failures.Add($"{label}: memory request {request} ({MiB(request)} MiB) is below its measured {floorName} of {floorMiB} MiB.");
        }

        if (limit.ToDecimal() < LimitHeadroom * peakMiB * Mebibyte)
        {
            failures.Add(string.Create(CultureInfo.InvariantCulture,
                $"{label}: memory limit {limit} ({MiB(limit)} MiB) is below {LimitHeadroom}x its measured {peakName} of {peakMiB} MiB ({Math.Ceiling(LimitHeadroom * peakMiB)} MiB)."));
        }
    }

    private static V1Container Container(V1PodSpec pod, string service) =>
        pod.Containers.SingleOrDefault(container => container.Name == service)
        ?? throw new Xunit.Sdk.XunitException($"The pod of {service} has no container named {service}.");

    private static string MiB(ResourceQuantity quantity) =>
        Math.Round(quantity.ToDecimal() / Mebibyte).ToString(CultureInfo.InvariantCulture);
}

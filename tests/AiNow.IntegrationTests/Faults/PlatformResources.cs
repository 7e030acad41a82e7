using System.Globalization;
using Microsoft.Extensions.DependencyInjection;

namespace AiNow.IntegrationTests.Faults;

/// <summary>Stops, starts, kills and freezes the platform's resources, as an outage would.</summary>
internal static class PlatformResources
{
    /// <summary>The process id of a running executable or project resource.</summary>
    public static async Task<int> ProcessIdAsync(this PlatformFixture platform, string resource)
    {
        using var timeout = new CancellationTokenSource(TestTimeouts.ResourceTransition);
        var running = await Notifications(platform).WaitForResourceAsync(resource,
            e => e.Snapshot.State?.Text == KnownResourceStates.Running && e.Snapshot.Properties.Any(p => p.Name == "executable.pid"),
            timeout.Token);
        return Convert.ToInt32(running.Snapshot.Properties.First(p => p.Name == "executable.pid").Value, CultureInfo.InvariantCulture);
    }

    /// <summary>Freezes the resource's processes until the returned stall is disposed.</summary>
    public static async Task<ProcessStall> FreezeAsync(this PlatformFixture platform, string resource) =>
        ProcessStall.Freeze(await platform.ProcessIdAsync(resource));

    /// <summary>Puts <paramref name="resource"/> into <paramref name="fault"/>; disposing the result ends the fault.</summary>
    public static async Task<IAsyncDisposable> FailAsync(this PlatformFixture platform, string resource, ResourceFault fault)
    {
        if (fault == ResourceFault.Stalled)
        {
            return await platform.FreezeAsync(resource);
        }

        await platform.StopAsync(resource);
        return new Restart(platform, resource);
    }

    /// <summary>SIGKILL, not a graceful stop: the process gets no chance to clean up.</summary>
    public static async Task KillAsync(this PlatformFixture platform, string resource)
    {
        var pid = await platform.ProcessIdAsync(resource);
        using (var process = System.Diagnostics.Process.GetProcessById(pid))
        {
            process.Kill(entireProcessTree: true);
        }

        await WaitStoppedAsync(platform, resource);
    }

    /// <summary>Stops the resource as the dashboard's Stop does.</summary>
    public static async Task StopAsync(this PlatformFixture platform, string resource)
    {
        await ExecuteAsync(platform, resource, KnownResourceCommands.StopCommand);
        await WaitStoppedAsync(platform, resource);
    }

    /// <summary>Starts a stopped resource and waits until it is healthy.</summary>
    public static async Task StartAsync(this PlatformFixture platform, string resource)
    {
        await ExecuteAsync(platform, resource, KnownResourceCommands.StartCommand);
        using var timeout = new CancellationTokenSource(TestTimeouts.ResourceTransition);
        await Notifications(platform).WaitForResourceHealthyAsync(resource, timeout.Token);
    }

    private static async Task ExecuteAsync(PlatformFixture platform, string resource, string command)
    {
        using var timeout = new CancellationTokenSource(TestTimeouts.ResourceTransition);
        var result = await platform.App.Services.GetRequiredService<ResourceCommandService>()
            .ExecuteCommandAsync(resource, command, timeout.Token);
        Assert.True(result.Success, $"{command} of '{resource}' failed: {result.Message}");
    }

    private static async Task WaitStoppedAsync(PlatformFixture platform, string resource)
    {
        using var timeout = new CancellationTokenSource(TestTimeouts.ResourceTransition);
        await Notifications(platform).WaitForResourceAsync(resource,
            e => e.Snapshot.State?.Text is "Exited" or "Finished" or "FailedToStart", timeout.Token);
    }

    private static ResourceNotificationService Notifications(PlatformFixture platform) =>
        platform.App.Services.GetRequiredService<ResourceNotificationService>();

    private sealed class Restart(PlatformFixture platform, string resource) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync() => await platform.StartAsync(resource);
    }
}

/// <summary>How a dependency fails: it hangs (frozen, connections open and silent) or it is gone (stopped, connections refused).</summary>
public enum ResourceFault
{
    Stalled,
    Stopped,
}

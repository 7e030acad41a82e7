using System.Diagnostics;

namespace AiNow.AppHost.LocalInfrastructure;

/// <summary>
/// Answers "can a container actually run here?" without hanging: a client on PATH is not enough
/// (the Docker CLI is often installed with no engine behind it), so the engine itself is asked,
/// with a short timeout.
/// </summary>
public static class ContainerEngineProbe
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(5);

    /// <summary>The engine that answered (docker or podman), or null when none did.</summary>
    public static string? FindRunningEngine()
    {
        var preferred = Environment.GetEnvironmentVariable("ASPIRE_CONTAINER_RUNTIME");
        string[] candidates = string.IsNullOrWhiteSpace(preferred) ? ["docker", "podman"] : [preferred];
        return candidates.FirstOrDefault(EngineAnswers);
    }

    private static bool EngineAnswers(string engine)
    {
        try
        {
            using var process = Process.Start(new ProcessStartInfo(engine, ["info", "--format", "{{.ServerVersion}}"])
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            });
            if (process is null)
            {
                return false;
            }

            if (!process.WaitForExit(s_timeout))
            {
                process.Kill(entireProcessTree: true);
                return false;
            }

            return process.ExitCode == 0 && !string.IsNullOrWhiteSpace(process.StandardOutput.ReadToEnd());
        }
        catch (System.ComponentModel.Win32Exception)
        {
            // Not installed: the same answer as an engine that is down.
            return false;
        }
    }
}

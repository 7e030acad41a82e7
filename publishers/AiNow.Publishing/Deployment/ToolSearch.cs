namespace AiNow.Publishing.Deployment;

/// <summary>Finds programs on the PATH the way a shell does, to name the missing ones before a deploy starts.</summary>
internal static class ToolSearch
{
    /// <summary>True when <paramref name="program"/> is an executable file in a folder of <paramref name="path"/> (the process's PATH when null).</summary>
    public static bool IsOnPath(string program, string? path = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(program);
        foreach (var folder in (path ?? Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = Path.Combine(folder, program);
            if (File.Exists(candidate) && (OperatingSystem.IsWindows() || (File.GetUnixFileMode(candidate) & (UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute)) != 0))
            {
                return true;
            }
        }

        return false;
    }
}

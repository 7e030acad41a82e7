namespace AiNow.AppHost.LocalInfrastructure;

/// <summary>
/// Creates a folder closed to other users, or closes an existing one: local stores keep passwords,
/// cached responses and tenants' data on disk. Also compiled into the local Garnet server, which
/// creates its own data folder.
/// </summary>
internal static class PrivateDirectory
{
    /// <summary>rwx for the owner, nothing for group or others (0700).</summary>
    public const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    /// <summary>Creates <paramref name="path"/> with <paramref name="mode"/>, or sets that mode on the existing folder.</summary>
    public static void Ensure(string path, UnixFileMode mode = OwnerOnly)
    {
        if (OperatingSystem.IsWindows())
        {
            // Windows has no mode bits: a new folder inherits its parent's access list (the user profile's).
            Directory.CreateDirectory(path);
            return;
        }

        // Created with the mode, so a new folder is never open even briefly (the umask can only narrow it);
        // then set exactly, which also closes a folder that already existed with wider access.
        Directory.CreateDirectory(path, mode);
        File.SetUnixFileMode(path, mode);
    }
}

namespace AiNow.AppHost.LocalInfrastructure;

/// <summary>
/// The folder holding every process-mode store's data (<c>LocalInfrastructure:DataDirectory</c>), private
/// to the user who runs the AppHost.
/// </summary>
public static class LocalDataDirectory
{
    /// <summary>Creates the folder, or tightens an existing one, with <see cref="ModeFor"/> this user.</summary>
    public static void Prepare(string path) =>
        PrivateDirectory.Ensure(path, ModeFor(runsAsRoot: Environment.IsPrivilegedProcess));

    /// <summary>
    /// 0700; under root, 0711: PostgreSQL refuses to run as root, so its start script runs it as the
    /// postgres account, which must pass through this folder to its own (0700) one. Others can then
    /// open nothing in it whose name they do not know, and each store's folder is closed to them anyway.
    /// </summary>
    public static UnixFileMode ModeFor(bool runsAsRoot) =>
        runsAsRoot ? PrivateDirectory.OwnerOnly | UnixFileMode.OtherExecute : PrivateDirectory.OwnerOnly;
}

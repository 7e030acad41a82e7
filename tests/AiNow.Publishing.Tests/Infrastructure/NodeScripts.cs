namespace AiNow.Publishing.Tests.Infrastructure;

/// <summary>
/// The npm validators in <c>validation/</c> (Kubernetes and CRD schemas, HashiCorp's HCL parser),
/// installed on first use with <c>npm ci</c> from the committed lockfile, and run with node.
/// </summary>
internal static class NodeScripts
{
    private static readonly SemaphoreSlim InstallLock = new(1, 1);

    public static async Task<(int ExitCode, string Output, string Error)> RunAsync(string script, params string[] arguments)
    {
        await EnsureInstalledAsync();
        return await ProcessRunner.RunAsync("node", [script, .. arguments], RepositoryPaths.ValidationScripts);
    }

    private static async Task EnsureInstalledAsync()
    {
        await InstallLock.WaitAsync();
        try
        {
            var folder = RepositoryPaths.ValidationScripts;
            var installed = Path.Combine(folder, "node_modules", ".package-lock.json");
            var lockFile = Path.Combine(folder, "package-lock.json");
            if (File.Exists(installed) && File.GetLastWriteTimeUtc(installed) >= File.GetLastWriteTimeUtc(lockFile))
            {
                return;
            }

            var (exitCode, output, error) = await ProcessRunner.RunAsync("npm", ["ci", "--no-audit", "--no-fund", "--loglevel=error"], folder, TimeSpan.FromMinutes(5));
            if (exitCode != 0)
            {
                throw new InvalidOperationException($"npm ci in {folder} failed ({exitCode}): {output}{error}");
            }
        }
        finally
        {
            InstallLock.Release();
        }
    }
}

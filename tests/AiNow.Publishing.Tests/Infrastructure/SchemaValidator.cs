namespace AiNow.Publishing.Tests.Infrastructure;

/// <summary>
/// The npm schema validator (validation/validate.mjs over kubernetes-models and @kubernetes-models/*),
/// installed on first use with <c>npm ci</c> from the committed lockfile.
/// </summary>
internal static class SchemaValidator
{
    private static readonly SemaphoreSlim InstallLock = new(1, 1);

    public static async Task<(int ExitCode, string Output)> ValidateAsync(params string[] files)
    {
        await EnsureInstalledAsync();
        var (exitCode, output, error) = await ProcessRunner.RunAsync("node", ["validate.mjs", .. files], RepositoryPaths.ValidationScripts);
        return (exitCode, output + error);
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

namespace AiNow.Publishing.Tests.Infrastructure;

/// <summary>Folders of the repository, found from the test assembly's location.</summary>
internal static class RepositoryPaths
{
    public static string Root { get; } = FindRoot();

    public static string CommittedManifests => Path.Combine(Root, "manifests");

    public static string ValidationScripts => Path.Combine(Root, "tests", "AiNow.Publishing.Tests", "validation");

    /// <summary>Debug or Release, as this test assembly was built.</summary>
    public static string Configuration { get; } =
        AppContext.BaseDirectory.Split(Path.DirectorySeparatorChar).Contains("Release") ? "Release" : "Debug";

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "AiNow.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"No AiNow.sln above {AppContext.BaseDirectory}.");
    }
}

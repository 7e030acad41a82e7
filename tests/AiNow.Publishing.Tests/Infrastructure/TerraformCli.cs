namespace AiNow.Publishing.Tests.Infrastructure;

/// <summary>The Terraform CLI these machines ship (no provider is ever downloaded by the tests).</summary>
internal static class TerraformCli
{
    /// <summary>The command, checked once: a missing CLI fails the test that needs it, saying what to install.</summary>
    public static string Command { get; } = Find();

    private static string Find()
    {
        var found = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator)
            .Select(directory => Path.Combine(directory, "terraform"))
            .FirstOrDefault(File.Exists);
        return found ?? throw new InvalidOperationException("The terraform CLI (1.11 or later) is not on PATH; the HCL formatting tests need it.");
    }
}

namespace AiNow.Publishing.Tests.Infrastructure;

/// <summary>The npm schema validator (validation/validate.mjs over kubernetes-models and @kubernetes-models/*).</summary>
internal static class SchemaValidator
{
    public static async Task<(int ExitCode, string Output)> ValidateAsync(params string[] files)
    {
        var (exitCode, output, error) = await NodeScripts.RunAsync("validate.mjs", files);
        return (exitCode, output + error);
    }
}

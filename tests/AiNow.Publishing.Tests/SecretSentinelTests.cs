using AiNow.Publishing.Tests.Infrastructure;
using Aspire.Hosting.ApplicationModel;

namespace AiNow.Publishing.Tests;

/// <summary>Secret parameter values never reach the output, whatever they are.</summary>
public sealed class SecretSentinelTests
{
    private static readonly Dictionary<string, string> Sentinels = new()
    {
        ["admin-key"] = "SentinelAdminKey7f3a9c1e5b2d4680",
        ["tenant-signing-key"] = "SentinelSigningKey0c9d8e7f6a5b4321",
        ["postgres-password"] = "SentinelPostgresPassword5e4d3c2b1a09",
        ["redis-password"] = "SentinelRedisPassword8a7b6c5d4e3f21",
        ["llm-api-key"] = "SentinelLlmApiKey2468ace013579bdf",
    };

    /// <summary>Set over user secrets and everything else, as <c>Parameters__admin-key</c> would be.</summary>
    private static Dictionary<string, string?> Configuration => Sentinels.ToDictionary(s => $"Parameters:{s.Key}", s => (string?)s.Value);

    [Fact]
    public async Task Publish_WithDistinctiveSecretValues_WritesNoneOfThem()
    {
        var output = Directory.CreateTempSubdirectory("ainow-sentinel-").FullName;
        try
        {
            await AppHostPublishing.PublishAsync(output, Configuration);

            var files = FolderSnapshot.Take(output);
            Assert.True(files.Count > 100, $"The publish wrote only {files.Count} files.");
            foreach (var (path, content) in files)
            {
                foreach (var (parameter, value) in Sentinels)
                {
                    Assert.False(content.Contains(value, StringComparison.Ordinal), $"{path} contains the value of secret '{parameter}'.");
                    Assert.False(content.Contains(Uri.EscapeDataString(value), StringComparison.Ordinal), $"{path} contains the encoded value of '{parameter}'.");
                    Assert.False(content.Contains(Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(value)), StringComparison.Ordinal), $"{path} contains the base64 value of '{parameter}'.");
                }
            }
        }
        finally
        {
            Directory.Delete(output, recursive: true);
        }
    }

    [Fact]
    public async Task Sentinels_AreReallyTheParameterValuesTheAppModelSees()
    {
        await using var appHost = await AppHostPublishing.BuildModelAsync(Configuration);

        foreach (var (parameter, value) in Sentinels)
        {
            var resource = appHost.Model.Resources.OfType<ParameterResource>().Single(p => p.Name == parameter);
            Assert.True(resource.Secret);
            Assert.Equal(value, await resource.GetValueAsync(CancellationToken.None));
        }
    }
}

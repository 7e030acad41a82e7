using System.Text.Json;
using Xunit.Abstractions;

namespace AiNow.Images.Tests;

/// <summary>
/// What each built production image holds and how it starts: the pod's non-root user and port, the
/// OCI labels, and only the trimmed, self-contained publish on top of the base (no SDK, no shared
/// framework, no sources, symbols or key files).
/// </summary>
[Collection(ImageSuite.Name)]
public sealed class ProductionImageTests(BuiltImages images, ITestOutputHelper output)
{
    public static TheoryData<string> Services => [.. BuiltImages.Services];

    [Theory]
    [MemberData(nameof(Services))]
    public async Task Image_StartsItsServiceAsThePodsUser_OnThePodsPort_WithOciLabels(string service)
    {
        var image = images.ImageOf(service);
        var inspect = await ImageScripts.RunAsync("podman", ["image", "inspect", "--format", "json", image], TimeSpan.FromMinutes(1));
        Assert.True(inspect.ExitCode == 0, inspect.ToString());
        using var json = JsonDocument.Parse(inspect.Output);
        var config = json.RootElement[0].GetProperty("Config");

        Assert.Equal("1654", config.GetProperty("User").GetString());
        // The pods' port; migrations is a Job that serves nothing and exposes nothing.
        var ports = config.TryGetProperty("ExposedPorts", out var exposed) ? exposed.EnumerateObject().Select(p => p.Name).ToList() : [];
        Assert.Equal(service == "migrations" ? [] : ["8080/tcp"], ports);
        Assert.Equal($"./{ProjectOf(service)}", Assert.Single(config.GetProperty("Entrypoint").EnumerateArray()).GetString());
        var labels = config.GetProperty("Labels");
        Assert.Equal(image[(image.LastIndexOf(':') + 1)..], labels.GetProperty("org.opencontainers.image.version").GetString());
        Assert.Matches("^[0-9a-f]{40}(-dirty)?$", labels.GetProperty("org.opencontainers.image.revision").GetString());
        Assert.Contains("runtime-deps", labels.GetProperty("org.opencontainers.image.base.name").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Services))]
    public async Task Image_HoldsOnlyTheTrimmedSelfContainedPublish(string service)
    {
        var files = await FilesOf(images.ImageOf(service));
        var app = files.Where(f => f.StartsWith("app/", StringComparison.Ordinal)).ToList();

        Assert.Contains($"app/{ProjectOf(service)}", app);
        // Self-contained: the runtime is in the app folder, and no shared framework or SDK is in the image.
        Assert.Contains("app/System.Private.CoreLib.dll", app);
        Assert.DoesNotContain(files, f => f.StartsWith("usr/share/dotnet/", StringComparison.Ordinal) || f.StartsWith("usr/lib/dotnet/", StringComparison.Ordinal));
        // Trimmed: assemblies nothing reaches are gone (an untrimmed self-contained publish carries this one).
        Assert.DoesNotContain("app/Microsoft.VisualBasic.Core.dll", app);
        Assert.DoesNotContain(files, f => f.StartsWith("src/", StringComparison.Ordinal) || f.StartsWith("root/.nuget/", StringComparison.Ordinal));
        Assert.DoesNotContain(files, f => Path.GetExtension(f) is ".cs" or ".csproj" or ".props" or ".pdb" or ".pfx" or ".p12" or ".key");
        output.WriteLine($"{service}: {app.Count} files in app/, {files.Count} in the image");
    }

    [Fact]
    public void Build_SaysWhichStandInBasesItUsed()
    {
        // No registry is reachable here: every base is a local stand-in, and the report names them.
        Assert.Contains(images.StandIns, line => line.Contains("mcr.microsoft.com/dotnet/runtime-deps:10.0\t", StringComparison.Ordinal));
        Assert.Contains(images.StandIns, line => line.Contains("mcr.microsoft.com/dotnet/runtime-deps:10.0-noble-chiseled", StringComparison.Ordinal));
        Assert.Contains(images.StandIns, line => line.Contains("mcr.microsoft.com/dotnet/sdk:10.0", StringComparison.Ordinal));
        foreach (var line in images.StandIns.Concat(images.Report))
        {
            output.WriteLine(line);
        }
    }

    private static string ProjectOf(string service) => "AiNow." + char.ToUpperInvariant(service[0]) + service[1..];

    /// <summary>Every file path in the image's filesystem, from a created (never started) container's export.</summary>
    private static async Task<List<string>> FilesOf(string image)
    {
        var listing = await ImageScripts.RunAsync("bash",
            ["-c", """id=$(podman create "$1") && trap 'podman rm -f "$id" >/dev/null' EXIT && podman export "$id" | tar -t""", "files", image],
            TimeSpan.FromMinutes(3));
        Assert.True(listing.ExitCode == 0, listing.ToString());
        return [.. listing.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(f => f.TrimStart('.', '/')).Where(f => f.Length > 0)];
    }
}

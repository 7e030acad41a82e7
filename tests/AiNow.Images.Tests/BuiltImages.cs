using System.Text.RegularExpressions;

namespace AiNow.Images.Tests;

/// <summary>
/// Every production image, built once for the suite: the stand-in bases first (installs podman when
/// missing; about a second when they are current), then the five images. Their build output, the
/// stand-ins used and the notes on what the stand-ins do not prove are kept for the tests to show.
/// </summary>
public sealed partial class BuiltImages : IAsyncLifetime
{
    /// <summary>The services with a production image, as the scripts name them.</summary>
    public static readonly string[] Services = ["gateway", "api", "worker", "migrations", "inference"];

    private readonly Dictionary<string, string> _images = [];

    /// <summary>The stand-in base images the builds used: name and size, as the base script lists them.</summary>
    public IReadOnlyList<string> StandIns { get; private set; } = [];

    /// <summary>The build script's figures per image and its notes.</summary>
    public IReadOnlyList<string> Report { get; private set; } = [];

    /// <summary>The image reference built for <paramref name="service"/>, e.g. <c>localhost/ainow/api:0.1.0</c>.</summary>
    public string ImageOf(string service) => _images.TryGetValue(service, out var image)
        ? image
        : throw new InvalidOperationException($"No image was built for {service}; the build report was:\n{string.Join('\n', Report)}");

    public async Task InitializeAsync()
    {
        var bases = await ImageScripts.RunScriptAsync("container-base-images.sh", TimeSpan.FromMinutes(15));
        Assert.True(bases.ExitCode == 0, $"eng/container-base-images.sh failed: {bases}");
        StandIns = [.. bases.Output.Split('\n').Where(line => line.StartsWith("stand-in\t", StringComparison.Ordinal))];

        var build = await ImageScripts.RunScriptAsync("build-images.sh", TimeSpan.FromMinutes(40));
        Assert.True(build.ExitCode == 0, $"eng/build-images.sh failed: {build}");
        Report = [.. build.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries)];
        foreach (var line in Report)
        {
            if (ReportLine().Match(line) is { Success: true } match)
            {
                _images[match.Groups["service"].Value] = match.Groups["image"].Value;
            }
        }
    }

    public Task DisposeAsync() => Task.CompletedTask;

    // "gateway     localhost/ainow/gateway:0.1.0   159 s  image ...": the service and its image.
    [GeneratedRegex(@"^(?<service>[a-z]+)\s+(?<image>\S+:\S+)\s+\d+ s\s+image")]
    private static partial Regex ReportLine();
}

/// <summary>The suite's one collection: the images are built once and the tests run one after another.</summary>
[CollectionDefinition(Name)]
public sealed class ImageSuite : ICollectionFixture<BuiltImages>
{
    public const string Name = "images";
}

using AiNow.Publishing.Deployment;
using AiNow.Publishing.Tests.Infrastructure;

namespace AiNow.Publishing.Tests.Deployment;

/// <summary>A release file is used only when it lists exactly the built images, each with a full sha256 digest; otherwise the error names the image, the problem and the fix.</summary>
[Collection(PublishedGroup.Name)]
public sealed class ReleaseFileTests(PublishedManifests published) : IDisposable
{
    private readonly DeployWorkspace _workspace = new(published);

    [Fact]
    public void AReleaseOfEveryBuiltImage_IsRead_WithItsDigests()
    {
        var release = _workspace.Release;

        Assert.Equal("0.1.0", release.Version);
        Assert.Equal(_workspace.Digests, release.Images);
        Assert.Equal(published.Model.BuiltImageRepositories.Order(StringComparer.Ordinal), release.Images.Keys);
    }

    [Theory]
    [InlineData("missing", "image 'ainow/gateway' has no digest")]
    [InlineData("unknown", "image 'ainow/billing' is not built by this model")]
    [InlineData("tag", "image 'ainow/gateway' has digest '0.1.0'")]
    [InlineData("uppercase", "image 'ainow/gateway' has digest 'sha256:ABC")]
    [InlineData("short", "image 'ainow/gateway' has digest 'sha256:abc'")]
    [InlineData("md5", "image 'ainow/gateway' has digest 'md5:")]
    public void AReleaseWithAWrongImage_IsRefused_NamingTheImageAndTheFix(string fault, string problem)
    {
        var images = new Dictionary<string, string>(_workspace.Digests);
        switch (fault)
        {
            case "missing": images.Remove("ainow/gateway"); break;
            case "unknown": images["ainow/billing"] = images["ainow/api"]; break;
            case "tag": images["ainow/gateway"] = "0.1.0"; break;
            case "uppercase": images["ainow/gateway"] = "sha256:" + new string('A', 1) + "BC" + new string('0', 61); break;
            case "short": images["ainow/gateway"] = "sha256:abc"; break;
            case "md5": images["ainow/gateway"] = "md5:" + new string('0', 32); break;
        }

        _workspace.WriteRelease(images);

        var error = Assert.Throws<DeployException>(() => _workspace.Release);
        Assert.Equal(DeployCommandLine.ReleaseSetting, error.Step);
        Assert.Contains(problem, error.Problem, StringComparison.Ordinal);
        Assert.Contains("release.json", error.Fix, StringComparison.Ordinal);
    }

    [Fact]
    public void AMissingReleaseFile_IsRefused_SayingWhereItComesFrom()
    {
        File.Delete(_workspace.ReleaseFile);

        var error = Assert.Throws<DeployException>(() => _workspace.Release);
        Assert.Contains("does not exist", error.Problem, StringComparison.Ordinal);
        Assert.Contains("release workflow", error.Fix, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{ "version": "0.1.0", "commit": "abc", "images": {} }""", "'commit' must be the full 40-character")]
    [InlineData("""{ "commit": "0123456789abcdef0123456789abcdef01234567", "images": {} }""", "'version' is missing")]
    [InlineData("""{ "version": "0.1.0", "commit": "0123456789abcdef0123456789abcdef01234567", "images": {}, "extra": 1 }""", "is not a release file")]
    [InlineData("""not json""", "is not a release file")]
    public void AMalformedReleaseFile_IsRefused(string text, string problem)
    {
        File.WriteAllText(_workspace.ReleaseFile, text);

        var error = Assert.Throws<DeployException>(() => _workspace.Release);
        Assert.Contains(problem, error.Problem, StringComparison.Ordinal);
    }

    public void Dispose() => _workspace.Dispose();
}

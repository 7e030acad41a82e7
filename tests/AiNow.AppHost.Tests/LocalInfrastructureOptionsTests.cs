using AiNow.AppHost.LocalInfrastructure;
using Microsoft.Extensions.Configuration;

namespace AiNow.AppHost.Tests;

public sealed class LocalInfrastructureOptionsTests
{
    private const string DefaultFolder = "/var/tmp/ainow-default-data";

    [Theory]
    [InlineData(null, LocalInfrastructureMode.Auto)]
    [InlineData("", LocalInfrastructureMode.Auto)]
    [InlineData("auto", LocalInfrastructureMode.Auto)]
    [InlineData("containers", LocalInfrastructureMode.Containers)]
    [InlineData("Processes", LocalInfrastructureMode.Processes)]
    [InlineData(" PROCESSES ", LocalInfrastructureMode.Processes)]
    public void Read_KnownMode_IsAccepted(string? mode, LocalInfrastructureMode expected)
    {
        var options = LocalInfrastructureOptions.Read(Configuration(("Mode", mode)), DefaultFolder);

        Assert.Equal(expected, options.Mode);
    }

    [Theory]
    [InlineData("docker")]
    [InlineData("process")]
    [InlineData("7")]
    public void Read_UnknownMode_FailsNamingTheSettingAndTheChoices(string mode)
    {
        var error = Assert.Throws<InvalidOperationException>(() =>
            LocalInfrastructureOptions.Read(Configuration(("Mode", mode)), DefaultFolder));

        Assert.Contains("LocalInfrastructure:Mode", error.Message, StringComparison.Ordinal);
        Assert.Contains("auto, containers, processes", error.Message, StringComparison.Ordinal);
        Assert.Contains(mode, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_ResetDataThatIsNotABoolean_FailsNamingTheSetting()
    {
        var error = Assert.Throws<InvalidOperationException>(() =>
            LocalInfrastructureOptions.Read(Configuration(("ResetData", "yes please")), DefaultFolder));

        Assert.Contains("LocalInfrastructure:ResetData", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_NoDataDirectory_UsesTheDefault()
    {
        var options = LocalInfrastructureOptions.Read(Configuration(), DefaultFolder);

        Assert.Equal(DefaultFolder, options.DataDirectory);
        Assert.False(options.ResetData);
    }

    [Fact]
    public void Read_RelativeDataDirectory_BecomesAbsolute()
    {
        var options = LocalInfrastructureOptions.Read(Configuration(("DataDirectory", "some/data"), ("ResetData", "true")), DefaultFolder);

        Assert.True(Path.IsPathFullyQualified(options.DataDirectory));
        Assert.EndsWith(Path.Combine("some", "data"), options.DataDirectory, StringComparison.Ordinal);
        Assert.True(options.ResetData);
    }

    private static IConfiguration Configuration(params (string Key, string? Value)[] settings) =>
        new ConfigurationBuilder()
            .AddInMemoryCollection(settings.Select(s => new KeyValuePair<string, string?>($"LocalInfrastructure:{s.Key}", s.Value)))
            .Build();
}

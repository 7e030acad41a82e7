using Microsoft.Extensions.Configuration;
using Serilog;
using Serilog.Core;
using Serilog.Events;

namespace AiNow.ServiceDefaults.Tests;

/// <summary>
/// The levels in the services' configuration (<c>Serilog:MinimumLevel</c>, Serilog's own format) take
/// effect without Serilog's reflection-based configuration reader, which trimmed services cannot use.
/// </summary>
public sealed class LogLevelSettingsTests
{
    [Fact]
    public void ApplyLevels_DefaultAndOverrides_FilterAsConfigured()
    {
        var logger = Logger(new()
        {
            ["Serilog:MinimumLevel:Default"] = "Warning",
            ["Serilog:MinimumLevel:Override:Noisy.Library"] = "Error",
            ["Serilog:MinimumLevel:Override:Chatty"] = "debug",
        });

        Assert.False(logger.ForContext(Constants.SourceContextPropertyName, "Any").IsEnabled(LogEventLevel.Information));
        Assert.True(logger.ForContext(Constants.SourceContextPropertyName, "Any").IsEnabled(LogEventLevel.Warning));
        Assert.False(logger.ForContext(Constants.SourceContextPropertyName, "Noisy.Library.Part").IsEnabled(LogEventLevel.Warning));
        Assert.True(logger.ForContext(Constants.SourceContextPropertyName, "Noisy.Library.Part").IsEnabled(LogEventLevel.Error));
        Assert.True(logger.ForContext(Constants.SourceContextPropertyName, "Chatty").IsEnabled(LogEventLevel.Debug));
    }

    [Fact]
    public void ApplyLevels_PlainLevel_SetsTheDefault()
    {
        var logger = Logger(new() { ["Serilog:MinimumLevel"] = "Error" });

        Assert.False(logger.IsEnabled(LogEventLevel.Warning));
        Assert.True(logger.IsEnabled(LogEventLevel.Error));
    }

    [Fact]
    public void ApplyLevels_NothingConfigured_KeepsTheLevelsSetBefore()
    {
        var logger = Logger([]);

        Assert.True(logger.IsEnabled(LogEventLevel.Information));
        Assert.False(logger.IsEnabled(LogEventLevel.Debug));
    }

    [Theory]
    [InlineData("Serilog:MinimumLevel:Default", "Loud")]
    [InlineData("Serilog:MinimumLevel:Override:Npgsql", "Warn")]
    [InlineData("Serilog:MinimumLevel", "7")]
    public void ApplyLevels_UnknownLevel_NamesTheSettingAndTheLevels(string setting, string value)
    {
        var error = Assert.Throws<InvalidOperationException>(() => Logger(new() { [setting] = value }));

        Assert.Contains($"{setting} is '{value}'", error.Message, StringComparison.Ordinal);
        Assert.Contains("Verbose, Debug, Information, Warning, Error, Fatal", error.Message, StringComparison.Ordinal);
    }

    private static Logger Logger(Dictionary<string, string?> settings) =>
        new LoggerConfiguration()
            .MinimumLevel.Information()
            .ApplyLevels(new ConfigurationBuilder().AddInMemoryCollection(settings).Build())
            .CreateLogger();
}

using Microsoft.Extensions.Configuration;
using Serilog;
using Serilog.Events;

namespace AiNow.ServiceDefaults;

/// <summary>
/// The log levels a service's configuration may set: <c>Serilog:MinimumLevel:Default</c> (or
/// <c>Serilog:MinimumLevel</c> itself) and <c>Serilog:MinimumLevel:Override:&lt;source&gt;</c>, as in
/// Serilog's own settings format. Read by hand because Serilog's configuration reader finds sinks and
/// enrichers by reflection, which a trimmed service cannot do; levels are all the services configure.
/// </summary>
public static class LogLevelSettings
{
    /// <summary>The configuration section of the levels.</summary>
    public const string SectionName = "Serilog:MinimumLevel";

    /// <summary>Applies the configured levels on top of the ones already set.</summary>
    /// <exception cref="InvalidOperationException">A level is not one of Serilog's level names.</exception>
    public static LoggerConfiguration ApplyLevels(this LoggerConfiguration logger, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(logger);
        ArgumentNullException.ThrowIfNull(configuration);

        var section = configuration.GetSection(SectionName);
        if (Read(section.Value, SectionName) is { } plain)
        {
            logger.MinimumLevel.Is(plain);
        }

        if (Read(section["Default"], $"{SectionName}:Default") is { } level)
        {
            logger.MinimumLevel.Is(level);
        }

        foreach (var source in section.GetSection("Override").GetChildren())
        {
            if (Read(source.Value, source.Path) is { } sourceLevel)
            {
                logger.MinimumLevel.Override(source.Key, sourceLevel);
            }
        }

        return logger;
    }

    private static LogEventLevel? Read(string? value, string setting)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        return Enum.TryParse<LogEventLevel>(value.Trim(), ignoreCase: true, out var level) && Enum.IsDefined(level)
            ? level
            : throw new InvalidOperationException(
                $"{setting} is '{value}', which is not a log level. Use one of: {string.Join(", ", Enum.GetNames<LogEventLevel>())}.");
    }
}

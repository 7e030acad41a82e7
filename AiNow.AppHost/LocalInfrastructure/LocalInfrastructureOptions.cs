using Microsoft.Extensions.Configuration;

namespace AiNow.AppHost.LocalInfrastructure;

/// <summary>
/// The <c>LocalInfrastructure</c> configuration section: which mode runs the data stores and where
/// their data lives between runs. Read once at start; a bad value stops the AppHost with a message.
/// </summary>
public sealed record LocalInfrastructureOptions
{
    /// <summary>The configuration section name.</summary>
    public const string SectionName = "LocalInfrastructure";

    /// <summary>auto | containers | processes.</summary>
    public LocalInfrastructureMode Mode { get; init; } = LocalInfrastructureMode.Auto;

    /// <summary>Where process-mode PostgreSQL and Garnet keep their data.</summary>
    public required string DataDirectory { get; init; }

    /// <summary>When true, local data (process data folder and container volumes) is deleted at start.</summary>
    public bool ResetData { get; init; }

    /// <summary>Reads and validates the section; <paramref name="defaultDataDirectory"/> applies when none is set.</summary>
    public static LocalInfrastructureOptions Read(IConfiguration configuration, string defaultDataDirectory)
    {
        var section = configuration.GetSection(SectionName);
        var modeText = section["Mode"];
        var mode = LocalInfrastructureMode.Auto;
        if (!string.IsNullOrWhiteSpace(modeText) && !Enum.TryParse(modeText.Trim(), ignoreCase: true, out mode)
            || !Enum.IsDefined(mode))
        {
            throw new InvalidOperationException(
                $"LocalInfrastructure:Mode is '{modeText}', which is not a mode. Use one of: auto, containers, processes " +
                "(for example: dotnet run --project AiNow.AppHost -- --LocalInfrastructure:Mode=processes).");
        }

        var resetText = section["ResetData"];
        var reset = false;
        if (!string.IsNullOrWhiteSpace(resetText) && !bool.TryParse(resetText, out reset))
        {
            throw new InvalidOperationException(
                $"LocalInfrastructure:ResetData is '{resetText}'; use true or false.");
        }

        var dataDirectory = section["DataDirectory"];
        return new LocalInfrastructureOptions
        {
            Mode = mode,
            ResetData = reset,
            DataDirectory = Path.GetFullPath(string.IsNullOrWhiteSpace(dataDirectory) ? defaultDataDirectory : dataDirectory),
        };
    }
}

using Microsoft.Extensions.Logging;

namespace AiNow.Publishing;

/// <summary>Log messages of the publish steps (shown by <c>dotnet run</c>; the Aspire CLI shows each step's report).</summary>
internal static partial class PublishingLog
{
    [LoggerMessage(Level = LogLevel.Information, Message = "{Step} wrote {FileCount} files to {Directory}.")]
    public static partial void Published(ILogger logger, string step, int fileCount, string directory);

    [LoggerMessage(Level = LogLevel.Error, Message = "Publish failed; {What} was left as it was. {Reason}")]
    public static partial void Failed(ILogger logger, string what, string reason);
}

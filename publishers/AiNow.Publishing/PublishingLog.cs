using Microsoft.Extensions.Logging;

namespace AiNow.Publishing;

/// <summary>Log messages of the publish step (shown by <c>dotnet run</c>; the Aspire CLI shows the step's report).</summary>
internal static partial class PublishingLog
{
    [LoggerMessage(Level = LogLevel.Information, Message = "Kubernetes publish wrote {FileCount} files ({OverlayCount} overlays) to {Directory}.")]
    public static partial void Published(ILogger logger, int fileCount, int overlayCount, string directory);

    [LoggerMessage(Level = LogLevel.Error, Message = "Kubernetes publish failed; {Directory} was left as it was. {Reason}")]
    public static partial void Failed(ILogger logger, string directory, string reason);
}

using Microsoft.Extensions.Logging;

namespace AiNow.Publishing.Deployment;

/// <summary>Log messages of the deploy step (shown by <c>dotnet run</c>; the Aspire CLI shows the step's report).</summary>
internal static partial class DeployLog
{
    [LoggerMessage(Level = LogLevel.Information, Message = "{Line}")]
    public static partial void Line(ILogger logger, string line);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Line}")]
    public static partial void Missing(ILogger logger, string line);

    [LoggerMessage(Level = LogLevel.Error, Message = "Deploy failed at {Step}: {Problem} Fix: {Fix}")]
    public static partial void Failed(ILogger logger, string step, string problem, string fix);

    [LoggerMessage(Level = LogLevel.Error, Message = "Deploy failed: {Reason}")]
    public static partial void FailedUnexpectedly(ILogger logger, string reason);
}

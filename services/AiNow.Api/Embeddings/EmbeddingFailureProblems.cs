using System.Globalization;
using AiNow.Api.Http;
using AiNow.Contracts.Inference;

namespace AiNow.Api.Embeddings;

/// <summary>
/// The problem a tenant gets when embeddings could not be computed. The texts are fixed and neutral: the exception's
/// message (upstream status, body, host) is for the log only, and internal service names never reach a tenant.
/// </summary>
public static partial class EmbeddingFailureProblems
{
    /// <summary>Seconds a client is told to wait after a 503: long enough for a restarting replica to come back.</summary>
    public const int RetryAfterSeconds = 5;

    public const string UnavailableDetail = "Embeddings are unavailable right now. Retry in a few seconds.";

    public const string FailedDetail = "Embeddings could not be computed. Retry; if it persists, contact the operator with the trace id.";

    /// <summary>
    /// Answers 400 naming the text when one is longer than the model reads (the tenant's to fix, so not logged as a
    /// failure); otherwise logs <paramref name="exception"/> and answers 503 with Retry-After when it is transient, else 502.
    /// </summary>
    public static IResult For(InferenceCallException exception, HttpResponse response, ILogger logger, string title)
    {
        ArgumentNullException.ThrowIfNull(exception);
        ArgumentNullException.ThrowIfNull(response);
        ArgumentNullException.ThrowIfNull(logger);
        if (exception is { Kind: InferenceFailureKind.InputTooLong, InputIndex: { } index })
        {
            return Problems.BadRequest(InputTooLong.Detail(index));
        }

        LogEmbeddingFailed(logger, exception.Kind, exception);
        if (exception.IsTransient)
        {
            response.Headers.RetryAfter = RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
            return Problems.Create(StatusCodes.Status503ServiceUnavailable, title, UnavailableDetail);
        }

        return Problems.Create(StatusCodes.Status502BadGateway, title, FailedDetail);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Embeddings failed ({Kind})")]
    private static partial void LogEmbeddingFailed(ILogger logger, InferenceFailureKind kind, Exception exception);
}

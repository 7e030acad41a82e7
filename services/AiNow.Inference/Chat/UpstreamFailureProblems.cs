using Microsoft.AspNetCore.Http.HttpResults;

namespace AiNow.Inference.Chat;

/// <summary>
/// The problems a tenant gets when the model provider fails. They keep a stable wording and never carry the
/// provider's host, exception messages or error bodies: those name the provider, its accounts and its internals,
/// and are logged for operators instead.
/// </summary>
public static class UpstreamFailureProblems
{
    /// <summary>Detail of every answer that only says the provider failed.</summary>
    public const string FailedDetail = "The model provider failed to answer. Retry later.";

    /// <summary>Detail of the 503 answered while no upstream is configured.</summary>
    public const string UnavailableDetail = "Chat completions are unavailable right now. Retry later.";

    /// <summary>Detail of a request the provider refused as invalid.</summary>
    public const string RefusedDetail =
        "The model provider refused this request. Check the model name and the parameters against the model's documentation.";

    /// <summary>Detail of the provider's rate limiting.</summary>
    public const string BusyDetail = "The model provider is busy. Retry in a few seconds.";

    /// <summary>No upstream is configured.</summary>
    public static ProblemHttpResult Unavailable() =>
        TypedResults.Problem(UnavailableDetail, statusCode: StatusCodes.Status503ServiceUnavailable, title: "Chat completions are not available");

    /// <summary>The provider could not be reached or broke off.</summary>
    public static ProblemHttpResult Failed() =>
        TypedResults.Problem(FailedDetail, statusCode: StatusCodes.Status502BadGateway, title: "Model provider failed");

    /// <summary>The provider did not answer within <paramref name="timeout"/> (the platform's own setting, safe to tell).</summary>
    public static ProblemHttpResult TimedOut(TimeSpan timeout) =>
        TypedResults.Problem(
            $"The model provider did not answer within {timeout.TotalSeconds:0.#} s. "
            + "Retry, ask for fewer tokens, or use \"stream\": true for long answers.",
            statusCode: StatusCodes.Status504GatewayTimeout,
            title: "Model provider timed out");

    /// <summary>
    /// The problem for an error status from the provider. A refusal of the request keeps its status, so a client
    /// still tells its own mistakes from ours; the provider refusing our credentials (401, 403, 407) is the
    /// platform's fault, not the tenant's, and becomes a 502 like the provider's own failures.
    /// </summary>
    public static ProblemHttpResult ForUpstreamStatus(int status) => status switch
    {
        StatusCodes.Status429TooManyRequests =>
            TypedResults.Problem(BusyDetail, statusCode: status, title: "Model provider busy"),
        StatusCodes.Status401Unauthorized or StatusCodes.Status403Forbidden or StatusCodes.Status407ProxyAuthenticationRequired => Failed(),
        >= 400 and < 500 => TypedResults.Problem(RefusedDetail, statusCode: status, title: "Request refused by the model provider"),
        _ => Failed(),
    };
}

using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using AiNow.Inference.Telemetry;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace AiNow.Inference.Chat;

/// <summary>
/// Sends a chat completion request to the configured OpenAI-compatible upstream and hands back its
/// answer unchanged, or a problem saying why the upstream could not be asked.
/// </summary>
public sealed partial class ChatCompletionForwarder(
    HttpClient httpClient,
    IOptionsMonitor<UpstreamOptions> options,
    InferenceMetrics metrics,
    ILogger<ChatCompletionForwarder> logger)
{
    /// <summary>The detail of the 503 answered while no upstream is configured.</summary>
    public const string NotConfiguredDetail =
        "No upstream LLM is configured. Set the 'llm-endpoint' and 'llm-api-key' parameters "
        + "(Parameters__llm-endpoint / Parameters__llm-api-key) and restart.";

    /// <summary>Forwards <paramref name="body"/> (already validated) and returns the upstream's answer or a problem.</summary>
    public async Task<IResult> ForwardAsync(JsonObject body, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(body);
        var upstream = options.CurrentValue;
        if (!upstream.TryGetChatCompletionsUri(out var uri, out var configurationError))
        {
            metrics.ChatCompletionHandled("not_configured");
            return TypedResults.Problem(configurationError, statusCode: StatusCodes.Status503ServiceUnavailable,
                title: "Chat completions are not available");
        }

        if (body["model"] is null && !string.IsNullOrWhiteSpace(upstream.Model))
        {
            body["model"] = upstream.Model;
        }

        // Serialised up front so the request carries a Content-Length: some upstreams refuse chunked bodies.
        using var request = new HttpRequestMessage(HttpMethod.Post, uri)
        {
            Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json"),
        };
        if (!string.IsNullOrWhiteSpace(upstream.ApiKey))
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", upstream.ApiKey.Trim());
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(upstream.Timeout);
        var started = Stopwatch.GetTimestamp();
        try
        {
            var response = await httpClient.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
            metrics.UpstreamAnswered(((int)response.StatusCode).ToString(CultureInfo.InvariantCulture), Stopwatch.GetElapsedTime(started));
            return new UpstreamResponseResult(response);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            metrics.UpstreamAnswered("timeout", Stopwatch.GetElapsedTime(started));
            return TimedOut(uri, upstream.Timeout);
        }
        catch (HttpRequestException exception)
        {
            LogUpstreamUnreachable(logger, uri.Authority, exception);
            metrics.UpstreamAnswered("unreachable", Stopwatch.GetElapsedTime(started));
            return TypedResults.Problem(
                $"The upstream LLM at {uri.Authority} could not be reached: {exception.Message} "
                + "Check the 'llm-endpoint' parameter and that the upstream is running.",
                statusCode: StatusCodes.Status502BadGateway,
                title: "Upstream LLM unreachable");
        }
    }

    private ProblemHttpResult TimedOut(Uri uri, TimeSpan timeout)
    {
        LogUpstreamTimedOut(logger, uri.Authority, timeout.TotalSeconds);
        return TypedResults.Problem(
            $"The upstream LLM at {uri.Authority} did not answer within {timeout.TotalSeconds:0.#} s. "
            + "Try again, ask for fewer tokens, or use \"stream\": true for long answers.",
            statusCode: StatusCodes.Status504GatewayTimeout,
            title: "Upstream LLM timed out");
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Upstream LLM {Host} could not be reached")]
    private static partial void LogUpstreamUnreachable(ILogger logger, string host, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Upstream LLM {Host} did not answer within {TimeoutSeconds} s")]
    private static partial void LogUpstreamTimedOut(ILogger logger, string host, double timeoutSeconds);
}

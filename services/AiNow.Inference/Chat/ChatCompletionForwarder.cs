using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using AiNow.Inference.Telemetry;
using Microsoft.Extensions.Options;

namespace AiNow.Inference.Chat;

/// <summary>
/// Sends a chat completion request to the configured OpenAI-compatible upstream and hands back its successful
/// answer unchanged, or a problem from <see cref="UpstreamFailureProblems"/>: what the upstream said when it
/// failed is logged, never relayed.
/// </summary>
public sealed partial class ChatCompletionForwarder(
    HttpClient httpClient,
    IOptionsMonitor<UpstreamOptions> options,
    InferenceMetrics metrics,
    ILogger<ChatCompletionForwarder> logger)
{
    /// <summary>How much of an upstream error body is logged: enough to diagnose, bounded against a huge one.</summary>
    public const int LoggedErrorBodyCharacters = 2048;

    /// <summary>Forwards <paramref name="body"/> (already validated) and returns the upstream's answer or a problem.</summary>
    public async Task<IResult> ForwardAsync(JsonObject body, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(body);
        var upstream = options.CurrentValue;
        if (!upstream.TryGetChatCompletionsUri(out var uri, out var configurationError))
        {
            metrics.ChatCompletionHandled("not_configured");
            LogNotConfigured(logger, configurationError);
            return UpstreamFailureProblems.Unavailable();
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
        HttpResponseMessage response;
        try
        {
            response = await httpClient.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
            metrics.UpstreamAnswered(((int)response.StatusCode).ToString(CultureInfo.InvariantCulture), Stopwatch.GetElapsedTime(started));
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            metrics.UpstreamAnswered("timeout", Stopwatch.GetElapsedTime(started));
            LogUpstreamTimedOut(logger, uri.Authority, upstream.Timeout.TotalSeconds);
            return UpstreamFailureProblems.TimedOut(upstream.Timeout);
        }
        catch (HttpRequestException exception)
        {
            LogUpstreamUnreachable(logger, uri.Authority, exception);
            metrics.UpstreamAnswered("unreachable", Stopwatch.GetElapsedTime(started));
            return UpstreamFailureProblems.Failed();
        }

        if (response.IsSuccessStatusCode)
        {
            return new UpstreamResponseResult(response);
        }

        using (response)
        {
            var status = (int)response.StatusCode;
            LogUpstreamRefused(logger, uri.Authority, status, await ReadErrorBodyAsync(response, timeout.Token));
            return UpstreamFailureProblems.ForUpstreamStatus(status);
        }
    }

    /// <summary>The start of an error body for the log; a body that cannot be read is logged as such, not thrown.</summary>
    private static async Task<string> ReadErrorBodyAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        try
        {
            await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
            using var reader = new StreamReader(stream, Encoding.UTF8);
            var buffer = new char[LoggedErrorBodyCharacters];
            var read = await reader.ReadBlockAsync(buffer.AsMemory(), cancellationToken);
            return new string(buffer, 0, read);
        }
        catch (Exception exception) when (exception is IOException or HttpRequestException or OperationCanceledException)
        {
            return $"(unreadable: {exception.GetType().Name})";
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Chat completion refused: {ConfigurationError}")]
    private static partial void LogNotConfigured(ILogger logger, string configurationError);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Upstream LLM {Host} could not be reached")]
    private static partial void LogUpstreamUnreachable(ILogger logger, string host, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Upstream LLM {Host} did not answer within {TimeoutSeconds} s")]
    private static partial void LogUpstreamTimedOut(ILogger logger, string host, double timeoutSeconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Upstream LLM {Host} answered {Status}: {ErrorBody}")]
    private static partial void LogUpstreamRefused(ILogger logger, string host, int status, string errorBody);
}

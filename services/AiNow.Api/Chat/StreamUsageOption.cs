using System.Text.Json.Nodes;

namespace AiNow.Api.Chat;

/// <summary>
/// Asks the model to report a streamed completion's usage: OpenAI-compatible models send a final chunk with
/// <c>usage</c> (and <c>"choices": []</c>) only when <c>stream_options.include_usage</c> is true, and without it a
/// stream could only be charged an estimate.
/// </summary>
public static class StreamUsageOption
{
    /// <summary>
    /// Sets <c>stream_options.include_usage</c> to true in <paramref name="body"/>, keeping the tenant's other stream
    /// options. <paramref name="body"/> has passed the chat request rules, so <c>stream_options</c> is an object or absent.
    /// </summary>
    public static void Require(JsonObject body)
    {
        ArgumentNullException.ThrowIfNull(body);
        if (body["stream_options"] is not JsonObject streamOptions)
        {
            streamOptions = [];
            body["stream_options"] = streamOptions;
        }

        streamOptions["include_usage"] = true;
    }
}

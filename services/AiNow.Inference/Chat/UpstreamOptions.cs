using AiNow.Contracts;

namespace AiNow.Inference.Chat;

/// <summary>The OpenAI-compatible LLM that chat completions are forwarded to (<c>Inference:Upstream</c>).</summary>
public sealed class UpstreamOptions
{
    /// <summary>Configuration section the options bind from.</summary>
    public const string SectionName = "Inference:Upstream";

    /// <summary>
    /// What an operator must configure while no upstream is set. Logged, never answered: tenants must not learn
    /// the platform's parameter names.
    /// </summary>
    public const string NotConfiguredError =
        "No upstream LLM is configured. Set the 'llm-endpoint' and 'llm-api-key' parameters "
        + "(Parameters__llm-endpoint / Parameters__llm-api-key) and restart.";

    private const string ChatCompletionsPath = "/chat/completions";

    /// <summary>Base URL of the OpenAI-compatible API, such as <c>https://host/v1</c>; empty means none.</summary>
    public string? Endpoint { get; set; }

    /// <summary>Bearer token for the upstream; empty for upstreams that need none.</summary>
    public string? ApiKey { get; set; }

    /// <summary>Model used when a request names none.</summary>
    public string? Model { get; set; }

    /// <summary>
    /// Further models a tenant may name besides <see cref="Model"/> (<c>Inference:Upstream:AllowedModels</c>). A model
    /// is a price: once either is set, a request naming any other model is refused, so no tenant can pick the
    /// provider's most expensive one. With neither set the provider's own choice stands (the operator has not said
    /// which models there are).
    /// </summary>
    public string[] AllowedModels { get; set; } = [];

    /// <summary>The models a request may name; empty when the operator configured none (any model is passed on).</summary>
    public IReadOnlyList<string> ServedModels() =>
        [.. new[] { Model }.Concat(AllowedModels).Where(model => !string.IsNullOrWhiteSpace(model)).Select(model => model!.Trim()).Distinct(StringComparer.Ordinal)];

    /// <summary>Why <paramref name="model"/> may not be used, or null when it may (or names none).</summary>
    public string? FindModelProblem(string? model)
    {
        var served = ServedModels();
        return model is null || served.Count == 0 || served.Contains(model, StringComparer.Ordinal)
            ? null
            : $"'model' is '{model}', which this platform does not serve. Use one of {string.Join(", ", served.Select(m => $"'{m}'"))}, or leave it out for '{served[0]}'.";
    }

    /// <summary>How long to wait for the upstream's response headers: less than the api waits for inference.</summary>
    public TimeSpan Timeout { get; set; } = RequestTimeouts.InferenceUpstream;

    /// <summary>
    /// The chat completions URL, or false with <paramref name="error"/> saying what to configure (for the operator's log).
    /// </summary>
    public bool TryGetChatCompletionsUri(out Uri uri, out string error)
    {
        uri = null!;
        error = "";
        if (string.IsNullOrWhiteSpace(Endpoint))
        {
            error = NotConfiguredError;
            return false;
        }

        // Accept the full operation URL too: it is a common way to misread "endpoint".
        var baseUrl = Endpoint.Trim().TrimEnd('/');
        var url = baseUrl.EndsWith(ChatCompletionsPath, StringComparison.OrdinalIgnoreCase) ? baseUrl : baseUrl + ChatCompletionsPath;
        if (!Uri.TryCreate(url, UriKind.Absolute, out var parsed)
            || (parsed.Scheme != Uri.UriSchemeHttp && parsed.Scheme != Uri.UriSchemeHttps))
        {
            error = $"The configured upstream LLM endpoint '{Endpoint}' is not an absolute http(s) URL. "
                    + "Set the 'llm-endpoint' parameter to the API base URL, such as https://host/v1, and restart.";
            return false;
        }

        uri = parsed;
        return true;
    }
}

using System.Text.Json.Nodes;

namespace AiNow.Api.Chat;

/// <summary>
/// Bounds what a completion may cost when the tenant sets no bound itself: without <c>max_tokens</c> or
/// <c>max_completion_tokens</c> a model writes until its own context ends, so the policy's cap is sent instead.
/// </summary>
public static class CompletionTokenCap
{
    /// <summary>
    /// Sets <c>max_tokens</c> to <paramref name="maxTokens"/> when <paramref name="body"/> bounds the answer by neither
    /// field; a tenant's own bound has already been checked against the same cap by the chat request rules.
    /// </summary>
    /// <returns>True when the body was changed.</returns>
    /// <remarks>
    /// <c>max_tokens</c> rather than the newer <c>max_completion_tokens</c>: it is the one every OpenAI-compatible
    /// server accepts (vLLM, Ollama, llama.cpp, Azure); a provider that wants the newer name is reached by tenants
    /// sending it themselves, which this leaves alone.
    /// </remarks>
    public static bool ApplyTo(JsonObject body, int maxTokens)
    {
        ArgumentNullException.ThrowIfNull(body);
        if (IsSet(body, "max_tokens") || IsSet(body, "max_completion_tokens"))
        {
            return false;
        }

        body["max_tokens"] = maxTokens;
        return true;
    }

    private static bool IsSet(JsonObject body, string field) => body[field] is not null;
}

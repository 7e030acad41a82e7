using System.Text.Json;

namespace AiNow.Inference.Apis;

/// <summary>The outcome of reading a JSON request body: the value, or the problem to answer with.</summary>
internal readonly record struct JsonBody<T>(T? Value, IResult? Problem) where T : class;

/// <summary>
/// Reads request bodies by hand rather than through parameter binding, so every way a body can be
/// wrong (wrong content type, empty, malformed, wrong JSON types, too large) gets a problem whose
/// detail names the mistake and shows what to send instead.
/// </summary>
internal static class JsonRequestBody
{
    private static readonly JsonSerializerOptions SerializerOptions = new(JsonSerializerDefaults.Web);

    public static async Task<JsonBody<T>> ReadAsync<T>(HttpRequest request, string example, CancellationToken cancellationToken)
        where T : class
    {
        if (!request.HasJsonContentType())
        {
            return Fail<T>(StatusCodes.Status415UnsupportedMediaType, "Unsupported content type",
                $"Send the body as JSON with 'Content-Type: application/json' (got '{request.ContentType ?? "none"}'). Example: {example}");
        }

        if (request.ContentLength == 0)
        {
            return Fail<T>(StatusCodes.Status400BadRequest, "Missing request body",
                $"The request body is empty. Send a JSON object such as {example}");
        }

        try
        {
            var value = await JsonSerializer.DeserializeAsync<T>(request.Body, SerializerOptions, cancellationToken);
            return value is null
                ? Fail<T>(StatusCodes.Status400BadRequest, "Invalid request body",
                    $"The request body must be a JSON object, not null. Send a JSON object such as {example}")
                : new JsonBody<T>(value, null);
        }
        catch (JsonException exception)
        {
            return Fail<T>(StatusCodes.Status400BadRequest, "Invalid request body",
                $"{Describe(exception)} Send a JSON object such as {example}");
        }
        catch (BadHttpRequestException exception)
        {
            // Raised while reading, for instance when the body exceeds the server's size limit (413).
            return Fail<T>(exception.StatusCode, "Unreadable request body", exception.Message);
        }
    }

    // System.Text.Json's messages name .NET types and reader internals; callers get the JSON view of the mistake.
    private static string Describe(JsonException exception)
    {
        var message = exception.Message;
        if (message.Contains("does not contain any JSON tokens", StringComparison.Ordinal))
        {
            return "The request body is empty.";
        }

        if (!message.Contains("could not be converted to", StringComparison.Ordinal))
        {
            return $"The request body is not valid JSON: {message}";
        }

        if (exception.Path is null or "$")
        {
            return "The request body must be a JSON object.";
        }

        var property = $"'{exception.Path.TrimStart('$', '.')}'";
        return message.Contains("converted to System.String", StringComparison.Ordinal)
            ? $"{property} must be a string."
            : $"{property} has the wrong JSON type.";
    }

    private static JsonBody<T> Fail<T>(int status, string title, string detail) where T : class =>
        new(null, TypedResults.Problem(detail, statusCode: status, title: title));
}

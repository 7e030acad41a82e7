using System.Text.Json;
using AiNow.Contracts;
using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace AiNow.ServiceDefaults.Http;

/// <summary>
/// Every way <see cref="JsonRequestBodyReader"/> finds a body unusable, as a problem whose detail says what
/// is wrong and how to fix it: it is often all a client developer sees.
/// </summary>
internal static class JsonRequestBodyProblems
{
    public static ProblemHttpResult Missing(string? example) => BadRequest(
        "The request body is empty. A JSON body is required: send a JSON object with 'Content-Type: application/json'.", example);

    public static ProblemHttpResult NotJsonContentType(string? contentType, string? example)
    {
        var sent = string.IsNullOrEmpty(contentType) ? "no Content-Type" : $"Content-Type '{contentType}'";
        return Create(StatusCodes.Status415UnsupportedMediaType, "Unsupported media type",
            $"The body must be JSON, but the request has {sent}. Send it with 'Content-Type: application/json'.", example);
    }

    public static ProblemHttpResult TooLarge(long maxBytes, string advice) => Create(StatusCodes.Status413PayloadTooLarge, "Request body too large",
        $"The body is too large: it is larger than {maxBytes} bytes. {advice}".TrimEnd(), example: null);

    public static ProblemHttpResult Unreadable(BadHttpRequestException exception) => Create(exception.StatusCode, "Invalid request body",
        $"The request body could not be read: {exception.Message}", example: null);

    public static ProblemHttpResult NotUtf8(string? example) => BadRequest(
        "The body is not valid UTF-8. Encode the JSON as UTF-8 (Content-Type: application/json; charset=utf-8).", example);

    public static ProblemHttpResult NotJson(JsonException exception, string? example) => BadRequest(
        $"The body is not valid JSON: {exception.Message} Check quoting, commas and brackets.", example);

    public static ProblemHttpResult LoneSurrogate(long position, string? example) => BadRequest(
        $"The body has a string with an invalid \\u escape (a lone UTF-16 surrogate) at byte {position}. "
        + "Escape characters outside the BMP as a surrogate pair, or send them as UTF-8.", example);

    public static ProblemHttpResult NotAnObject(JsonValueKind kind, string? example) => BadRequest(
        $"The body must be a JSON object ({{ ... }}), not {JsonValueKinds.Describe(kind)}.", example);

    /// <summary>
    /// A field whose JSON type the target type cannot take. System.Text.Json's message names .NET types and
    /// reader positions; the client gets the field's JSON path and the JSON type it needs instead.
    /// </summary>
    public static ProblemHttpResult WrongType(JsonException exception, JsonTypeInfo type, string? example)
    {
        if (exception.Path is null or "$" || !exception.Message.Contains("could not be converted to", StringComparison.Ordinal))
        {
            return BadRequest($"The body does not have the expected shape: {exception.Message}", example);
        }

        // The message names the declaring type under generated metadata and the property's type under
        // reflection, so the field's type is looked up in the metadata instead of read from the message.
        var path = exception.Path.TrimStart('$', '.');
        var field = $"'{path}'";
        return BadRequest(FieldType(type, path) == typeof(string)
            ? $"{field} must be a string."
            : $"{field} has the wrong JSON type.", example);
    }

    /// <summary>The .NET type of the property at a dotted JSON path (<c>a.b</c>), or null when the path leaves the metadata.</summary>
    private static Type? FieldType(JsonTypeInfo type, string path)
    {
        Type? found = null;
        foreach (var name in path.Split('.'))
        {
            var property = type.Properties.FirstOrDefault(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase));
            if (property is null)
            {
                return null;
            }

            found = property.PropertyType;
            type = type.Options.GetTypeInfo(found);
        }

        return found;
    }

    private static ProblemHttpResult BadRequest(string detail, string? example) =>
        Create(StatusCodes.Status400BadRequest, "Invalid request", detail, example);

    private static ProblemHttpResult Create(int status, string title, string detail, string? example) =>
        TypedResults.Problem(example is null ? detail : $"{detail} Example: {example}", statusCode: status, title: title);
}

using System.Text;
using AiNow.ServiceDefaults.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace AiNow.ServiceDefaults.Tests.Http;

/// <summary>Requests as Kestrel hands them to an endpoint, and the reader's answers unpacked.</summary>
internal static class JsonRequests
{
    public const string Json = "application/json";

    public static JsonRequestBodyReader Reader(long maxBytes = 1024, string advice = "") =>
        new(Options.Create(new JsonRequestBodyOptions { MaxBytes = maxBytes, TooLargeAdvice = advice }));

    /// <summary>A POST with <paramref name="body"/>; <paramref name="declareLength"/> false is a chunked body.</summary>
    public static HttpRequest Post(byte[] body, string? contentType = Json, bool declareLength = true) =>
        Post(new MemoryStream(body), contentType, declareLength ? body.Length : null);

    public static HttpRequest Post(string body, string? contentType = Json) => Post(Encoding.UTF8.GetBytes(body), contentType);

    public static HttpRequest Post(Stream body, string? contentType, long? contentLength)
    {
        var request = new DefaultHttpContext().Request;
        request.Method = HttpMethods.Post;
        request.ContentType = contentType;
        request.ContentLength = contentLength;
        request.Body = body;
        return request;
    }

    /// <summary>The problem the reader answered with: its status and detail.</summary>
    public static (int Status, string Detail) ProblemOf<T>(JsonRequestBody<T> body)
    {
        Assert.False(body.IsValid);
        var problem = Assert.IsType<ProblemHttpResult>(body.Problem);
        Assert.Equal(problem.StatusCode, problem.ProblemDetails.Status);
        return (problem.StatusCode, problem.ProblemDetails.Detail ?? "");
    }
}

using System.Net;
using System.Text.Json;

namespace AiNow.Api.Tests.Support;

internal static class ProblemAssert
{
    /// <summary>Asserts an RFC 7807 problem with <paramref name="status"/> whose detail contains <paramref name="detailFragment"/>.</summary>
    public static async Task<JsonElement> IsProblemAsync(HttpResponseMessage response, HttpStatusCode status, string detailFragment)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(status == response.StatusCode, $"Expected {(int)status}, got {(int)response.StatusCode}: {text}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(text).RootElement.Clone();
        Assert.Equal((int)status, problem.GetProperty("status").GetInt32());
        var detail = problem.TryGetProperty("detail", out var value) ? value.GetString() ?? "" : "";
        Assert.Contains(detailFragment, detail, StringComparison.Ordinal);
        return problem;
    }
}

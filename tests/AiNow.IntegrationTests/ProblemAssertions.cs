using System.Net;
using System.Text.Json;

namespace AiNow.IntegrationTests;

/// <summary>Checks that an error answer is an RFC 7807 problem with the expected status.</summary>
public static class ProblemAssertions
{
    /// <summary>Asserts the status and the problem+json shape; returns the problem's detail.</summary>
    public static async Task<string> AssertProblemAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(expected == response.StatusCode, $"Expected {(int)expected}, got {(int)response.StatusCode}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);

        using var problem = JsonDocument.Parse(body);
        Assert.Equal((int)expected, problem.RootElement.GetProperty("status").GetInt32());
        Assert.True(problem.RootElement.TryGetProperty("title", out _), $"A problem needs a title: {body}");
        return problem.RootElement.TryGetProperty("detail", out var detail) ? detail.GetString() ?? "" : "";
    }
}

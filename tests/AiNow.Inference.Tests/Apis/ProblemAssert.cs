using System.Net;
using System.Text.Json;

namespace AiNow.Inference.Tests.Apis;

/// <summary>Checks that a response is an RFC 7807 problem with the expected status and detail.</summary>
internal static class ProblemAssert
{
    public static async Task IsProblemAsync(HttpResponseMessage response, HttpStatusCode status, string detailFragment)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal((int)status, problem.RootElement.GetProperty("status").GetInt32());
        var detail = problem.RootElement.GetProperty("detail").GetString();
        Assert.Contains(detailFragment, detail, StringComparison.Ordinal);
    }
}

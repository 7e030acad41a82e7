using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace AiNow.IntegrationTests;

[Collection(PlatformTests.Name)]
public sealed class EmbeddingsTests(PlatformFixture platform)
{
    [Fact]
    public async Task Embeddings_ReturnUnitVectorsOf384Dimensions_WithRelatedTextsCloser()
    {
        var tenant = await Tenants.CreateAsync(platform);
        using var client = tenant.CreateClient(platform);
        string[] texts =
        [
            "The cat sat on the warm windowsill.",
            "A kitten was lying on the sunny window ledge.",
            "Quarterly revenue rose by eight percent.",
        ];

        using var response = await client.PostAsJsonAsync("/v1/embeddings", new { input = texts, model = "all-MiniLM-L6-v2" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("list", body.GetProperty("object").GetString());
        var vectors = body.GetProperty("data").EnumerateArray()
            .OrderBy(item => item.GetProperty("index").GetInt32())
            .Select(item => item.GetProperty("embedding").EnumerateArray().Select(v => v.GetSingle()).ToArray())
            .ToArray();
        Assert.Equal(3, vectors.Length);
        Assert.All(vectors, vector =>
        {
            Assert.Equal(384, vector.Length);
            Assert.InRange(Math.Sqrt(vector.Sum(v => (double)v * v)), 0.99, 1.01);
        });

        var related = Cosine(vectors[0], vectors[1]);
        var unrelated = Cosine(vectors[0], vectors[2]);
        Assert.True(related > unrelated + 0.3, $"related {related:F3} should clearly beat unrelated {unrelated:F3}");
        Assert.True(body.GetProperty("usage").GetProperty("total_tokens").GetInt32() > 0);
    }

    [Fact]
    public async Task Embeddings_SecondIdenticalRequest_IsServedFromTheCache()
    {
        var tenant = await Tenants.CreateAsync(platform);
        using var client = tenant.CreateClient(platform);
        var request = new { input = $"cache probe {Guid.NewGuid()}" };

        using var first = await client.PostAsJsonAsync("/v1/embeddings", request);
        using var second = await client.PostAsJsonAsync("/v1/embeddings", request);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Equal("miss", Assert.Single(first.Headers.GetValues("X-AiNow-Cache")));
        Assert.Equal("hit", Assert.Single(second.Headers.GetValues("X-AiNow-Cache")));
        Assert.Equal(
            (await first.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("data").GetRawText(),
            (await second.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("data").GetRawText());
    }

    [Fact]
    public async Task Usage_CountsEveryRequestAndItsTokens()
    {
        var tenant = await Tenants.CreateAsync(platform);
        using var client = tenant.CreateClient(platform);

        for (var i = 0; i < 3; i++)
        {
            using var response = await client.PostAsJsonAsync("/v1/embeddings", new { input = $"usage probe number {i}" });
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        var usage = await client.GetFromJsonAsync<JsonElement>("/v1/usage");
        Assert.Equal(tenant.Id, usage.GetProperty("tenantId").GetGuid());
        Assert.Equal(3, usage.GetProperty("requests").GetInt64());
        Assert.True(usage.GetProperty("tokens").GetInt64() >= 3);
    }

    [Fact]
    public async Task ChatCompletions_WithNoUpstreamConfigured_SaysUnavailableNamingNothingInternal()
    {
        var tenant = await Tenants.CreateAsync(platform);
        using var client = tenant.CreateClient(platform);

        using var response = await client.PostAsJsonAsync("/v1/chat/completions",
            new { model = "gpt-4o-mini", messages = new[] { new { role = "user", content = "hi" } } });

        var detail = await ProblemAssertions.AssertProblemAsync(response, HttpStatusCode.ServiceUnavailable);
        Assert.Equal("Chat completions are unavailable right now. Retry later.", detail);
    }

    private static double Cosine(float[] a, float[] b)
    {
        double dot = 0, normA = 0, normB = 0;
        for (var i = 0; i < a.Length; i++)
        {
            dot += a[i] * b[i];
            normA += a[i] * a[i];
            normB += b[i] * b[i];
        }

        return dot / Math.Sqrt(normA * normB);
    }
}

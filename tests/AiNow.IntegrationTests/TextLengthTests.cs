using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AiNow.Contracts.Inference;

namespace AiNow.IntegrationTests;

/// <summary>
/// A text longer than the model reads is refused naming it, never embedded by its beginning only: at once for a
/// request, and as the job's error (after one attempt, not three) for a batch.
/// </summary>
[Collection(PlatformTests.Name)]
public sealed class TextLengthTests(PlatformFixture platform)
{
    // 600 words: 602 tokens with [CLS] and [SEP], past the 512 the model reads, in 3,599 characters (under the 8,192 cap).
    private static readonly string s_pastTheWindow = string.Join(' ', Enumerable.Repeat("word", 600));

    [Fact]
    public async Task Embeddings_TextPastTheModelsWindow_Answers400NamingItAndChargesNothing()
    {
        var tenant = await Tenants.CreateAsync(platform);
        using var client = tenant.CreateClient(platform);

        using var response = await client.PostAsJsonAsync("/v1/embeddings", new { input = new[] { "fits", s_pastTheWindow } });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(InputTooLong.Detail(1), problem.GetProperty("detail").GetString());
        var usage = await client.GetFromJsonAsync<JsonElement>("/v1/usage");
        Assert.Equal(0, usage.GetProperty("requests").GetInt64());
    }

    [Fact]
    public async Task Batch_TextPastTheModelsWindow_FailsAfterOneAttemptNamingIt()
    {
        var tenant = await Tenants.CreateAsync(platform);
        using var client = tenant.CreateClient(platform);

        var id = await Batches.SubmitAsync(client, ["fits", "fits too", s_pastTheWindow]);

        var job = await Batches.WaitForStatusAsync(client, id, "failed", TestTimeouts.BatchJob);
        Assert.Equal($"{InputTooLong.Code}: {InputTooLong.Detail(2)}", job.GetProperty("error").GetString());
        Assert.Equal(1, job.GetProperty("attempts").GetInt32());
    }
}

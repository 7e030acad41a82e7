using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using AiNow.Contracts;

namespace AiNow.GatewayBenchmark;

/// <summary>
/// Batch jobs of the largest size the api accepts (<see cref="EmbeddingModel.MaxInputsPerBatch"/> texts filling
/// <see cref="EmbeddingModel.MaxCharactersPerBatch"/>), submitted through the gateway together, waited for, and
/// their results read back once as a client would: the most any one job asks of the api, worker and inference.
/// </summary>
internal static class BatchLoad
{
    private static readonly TimeSpan s_pollInterval = TimeSpan.FromSeconds(1);

    // Ordinary prose, so the texts tokenize as real ones do (about 110 tokens each, well inside the model's window).
    private const string Prose = "The committee met on Tuesday to review the quarterly figures, and the discussion ran well past noon. ";

    public static int TextLength => EmbeddingModel.MaxCharactersPerBatch / EmbeddingModel.MaxInputsPerBatch;

    /// <summary>Submits <paramref name="jobs"/> full-size jobs and returns once all have succeeded and been read.</summary>
    public static async Task<TimeSpan> RunAsync(Uri gateway, string apiKey, int jobs, CancellationToken cancellationToken)
    {
        using var client = new HttpClient { BaseAddress = gateway, Timeout = TimeSpan.FromSeconds(60) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", apiKey);
        var started = TimeProvider.System.GetTimestamp();

        var ids = new List<string>();
        for (var job = 0; job < jobs; job++)
        {
            using var submitted = await client.PostAsync("/v1/batches", new StringContent(Body(job), Encoding.UTF8, "application/json"), cancellationToken);
            if (!submitted.IsSuccessStatusCode)
            {
                throw new InvalidOperationException(
                    $"POST /v1/batches answered {(int)submitted.StatusCode}: {await submitted.Content.ReadAsStringAsync(cancellationToken)}");
            }

            ids.Add((await submitted.Content.ReadFromJsonAsync<JsonElement>(cancellationToken)).GetProperty("id").GetString()!);
        }

        foreach (var id in ids)
        {
            await WaitForResultsAsync(client, id, cancellationToken);
        }

        return TimeProvider.System.GetElapsedTime(started);
    }

    private static async Task WaitForResultsAsync(HttpClient client, string id, CancellationToken cancellationToken)
    {
        while (true)
        {
            var job = await client.GetFromJsonAsync<JsonElement>($"/v1/batches/{id}", cancellationToken);
            switch (job.GetProperty("status").GetString())
            {
                case "succeeded":
                    return;
                case "failed":
                    throw new InvalidOperationException($"Batch job {id} failed: {job.GetProperty("error")}");
                default:
                    await Task.Delay(s_pollInterval, cancellationToken);
                    break;
            }
        }
    }

    /// <summary>Job n's body: every text distinct and exactly <see cref="TextLength"/> characters long.</summary>
    private static string Body(int job)
    {
        var texts = Enumerable.Range(0, EmbeddingModel.MaxInputsPerBatch).Select(index =>
        {
            var text = new StringBuilder(string.Create(CultureInfo.InvariantCulture, $"Report {job}-{index}. "));
            while (text.Length < TextLength)
            {
                text.Append(Prose);
            }

            return text.ToString(0, TextLength).TrimEnd() is var trimmed && trimmed.Length < TextLength
                ? trimmed + new string('.', TextLength - trimmed.Length)
                : trimmed;
        });
        return JsonSerializer.Serialize(new { model = EmbeddingModel.Name, input = texts });
    }
}

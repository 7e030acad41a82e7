using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Xunit.Abstractions;

namespace AiNow.IntegrationTests.Faults;

/// <summary>
/// Sends the requests of a fault test, timing each, and writes every status and the longest time to the
/// test output, so a run shows what clients saw during the fault and not only that the bounds held.
/// </summary>
internal sealed class FaultProbe(ITestOutputHelper output, string fault)
{
    private readonly List<(string Request, HttpStatusCode Status, TimeSpan Elapsed)> _seen = [];

    /// <summary>Sends a request and checks that its answer came within <paramref name="within"/>.</summary>
    public async Task<HttpResponseMessage> SendAsync(string label, TimeSpan within, Func<Task<HttpResponseMessage>> send)
    {
        var clock = Stopwatch.StartNew();
        var response = await send();
        clock.Stop();
        _seen.Add((label, response.StatusCode, clock.Elapsed));
        output.WriteLine($"{fault}: {label} -> {(int)response.StatusCode} in {clock.Elapsed.TotalMilliseconds:F0} ms");
        Assert.True(clock.Elapsed <= within,
            $"{fault}: {label} answered {(int)response.StatusCode} after {clock.Elapsed.TotalSeconds:F1} s; it must answer within {within.TotalSeconds} s.");
        return response;
    }

    /// <summary>An embeddings request for <paramref name="text"/>, expected to succeed within <paramref name="within"/>.</summary>
    public async Task<HttpResponseMessage> EmbedAsync(HttpClient client, string text, TimeSpan within)
    {
        var response = await SendAsync($"embeddings '{text}'", within, () => client.PostAsJsonAsync("/v1/embeddings", new { input = text }));
        Assert.True(response.StatusCode == HttpStatusCode.OK,
            $"{fault}: embeddings '{text}' answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return response;
    }

    /// <summary>Checks that a request that needs the failed dependency is refused as retryable: 503 with Retry-After.</summary>
    public static async Task AssertRetryableAsync(HttpResponseMessage response, string label)
    {
        Assert.True(response.StatusCode == HttpStatusCode.ServiceUnavailable,
            $"{label} answered {(int)response.StatusCode}, not 503: {await response.Content.ReadAsStringAsync()}");
        Assert.True(response.Headers.RetryAfter is not null, $"{label} answered 503 without Retry-After.");
    }

    /// <summary>Writes the longest time and the statuses seen.</summary>
    public void Summarize()
    {
        if (_seen.Count == 0)
        {
            return;
        }

        var longest = _seen.MaxBy(entry => entry.Elapsed);
        var statuses = string.Join(", ", _seen.GroupBy(entry => (int)entry.Status).OrderBy(g => g.Key).Select(g => $"{g.Count()}x {g.Key}"));
        output.WriteLine($"{fault}: {_seen.Count} requests, longest {longest.Elapsed.TotalMilliseconds:F0} ms ({longest.Request}); statuses {statuses}");
    }

    /// <summary>
    /// Waits until the tenant's usage answers and counts <paramref name="charged"/> requests, then checks it counts no
    /// more: every answer served during the fault was charged, once.
    /// </summary>
    public async Task UsageRecoversAsync(HttpClient client, long charged, TimeSpan within)
    {
        long recorded = -1;
        await RecoversAsync("the usage ledger", within, async () =>
        {
            using var usage = await client.GetAsync("/v1/usage");
            if (usage.StatusCode != HttpStatusCode.OK)
            {
                return false;
            }

            recorded = (await usage.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("requests").GetInt64();
            return recorded >= charged;
        });
        Assert.Equal(charged, recorded);
    }

    /// <summary>Retries <paramref name="attempt"/> until it holds or <paramref name="within"/> passes; returns the time it took.</summary>
    public async Task<TimeSpan> RecoversAsync(string what, TimeSpan within, Func<Task<bool>> attempt)
    {
        var clock = Stopwatch.StartNew();
        while (!await attempt())
        {
            Assert.True(clock.Elapsed < within, $"{fault}: {what} did not recover within {within.TotalSeconds} s.");
            await Task.Delay(TimeSpan.FromMilliseconds(250));
        }

        output.WriteLine($"{fault}: {what} recovered {clock.Elapsed.TotalMilliseconds:F0} ms after the dependency returned");
        return clock.Elapsed;
    }
}

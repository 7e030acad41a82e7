using System.Net.Http.Headers;

namespace AiNow.GatewayBenchmark;

/// <summary>What one case sends: where, with which key, and the body of its n-th request.</summary>
/// <param name="Name">As printed.</param>
/// <param name="Url">The endpoint every request posts to.</param>
/// <param name="ApiKey">The tenant's bearer key, or null for the floors.</param>
/// <param name="Body">The JSON body of request n (the same every time, or distinct to miss every cache).</param>
internal sealed record LoadCase(string Name, Uri Url, string? ApiKey, Func<long, string> Body)
{
    public HttpRequestMessage CreateRequest(long sequence)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, Url)
        {
            Content = new StringContent(Body(sequence), MediaTypeHeaderValue.Parse("application/json")),
        };
        if (ApiKey is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", ApiKey);
        }

        return request;
    }
}

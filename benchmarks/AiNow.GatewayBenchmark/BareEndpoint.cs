using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace AiNow.GatewayBenchmark;

/// <summary>
/// Case (a), the floor of any service: a minimal endpoint answering every POST with the bytes of the gateway's
/// cached embeddings answer, read once at start, so both cases write the same amount per response.
/// </summary>
internal static class BareEndpoint
{
    public static async Task<int> RunAsync(string answerFile)
    {
        var answer = await File.ReadAllBytesAsync(answerFile);
        var app = LoopbackServer.CreateBuilder().Build();
        app.MapPost("/{**path}", () => Results.Bytes(answer, "application/json"));
        return await LoopbackServer.ServeAsync(app);
    }
}

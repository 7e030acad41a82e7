using AiNow.ServiceDefaults.Tests.Support;

namespace AiNow.ServiceDefaults.Tests.Telemetry;

/// <summary>
/// The sampler a deployment sets (<c>OTEL_TRACES_SAMPLER</c>, <c>OTEL_TRACES_SAMPLER_ARG</c>) governs the services'
/// spans: a request that starts a trace is recorded at the ratio, and one whose caller's traceparent says
/// sampled is always recorded, so a trace the gateway keeps is whole in every service behind it.
/// </summary>
[Collection(ProcessWideTracing.Name)]
public sealed class TraceSamplingTests
{
    private static readonly Dictionary<string, string?> s_noNewTraces = new()
    {
        ["OTEL_TRACES_SAMPLER"] = "parentbased_traceidratio",
        ["OTEL_TRACES_SAMPLER_ARG"] = "0",
    };

    [Theory]
    [InlineData(null, "not recorded")]
    [InlineData("00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01", "recorded")]
    [InlineData("00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-00", "not recorded")]
    public async Task Request_IsRecordedOnlyWhenItsCallerSampledIt(string? traceparent, string expected)
    {
        await using var host = await ServiceDefaultsHost.StartAsync(s_noNewTraces);
        // The host's instrumentation also sees this process's own HttpClient calls, and would send its own traceparent.
        using var client = new HttpClient(new SocketsHttpHandler { ActivityHeadersPropagator = null }) { BaseAddress = host.Client.BaseAddress };
        using var request = new HttpRequestMessage(HttpMethod.Get, "/recorded");
        if (traceparent is not null)
        {
            request.Headers.Add("traceparent", traceparent);
        }

        using var response = await client.SendAsync(request);

        Assert.Equal(expected, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Request_WithoutASamplerSetting_IsRecorded()
    {
        // Locally (the dashboard, the integration tests) every request is traced.
        await using var host = await ServiceDefaultsHost.StartAsync(new Dictionary<string, string?>());

        Assert.Equal("recorded", await host.Client.GetStringAsync(new Uri("/recorded", UriKind.Relative)));
    }
}

/// <summary>
/// Tests of the sampler run alone: activity listeners are process-wide, so a host another test starts at the same
/// time (sampling everything, as locally) would record this test's requests too.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ProcessWideTracing
{
    public const string Name = "process-wide-tracing";
}

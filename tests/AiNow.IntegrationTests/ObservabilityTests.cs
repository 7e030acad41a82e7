using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AiNow.Contracts.Telemetry;
using AiNow.Testing.Otlp;

namespace AiNow.IntegrationTests;

/// <summary>
/// What the services export over OTLP, read as a collector would receive it: one connected trace per
/// request across the services and stores, logs carrying its trace id, audit events with their own
/// marker, business metrics with the values the requests imply, and no secret or prompt anywhere.
/// </summary>
[Collection(PlatformTests.Name)]
public sealed class ObservabilityTests(PlatformFixture platform)
{
    private static readonly TimeSpan ExportWait = TimeSpan.FromSeconds(30);

    private OtlpReceiver Telemetry => platform.Telemetry;

    [Fact]
    public async Task EmbeddingsRequest_IsOneConnectedTraceAcrossGatewayApiInferenceAndStores()
    {
        var tenant = await Tenants.CreateAsync(platform);
        using var client = tenant.CreateClient(platform);

        using var response = await client.PostAsJsonAsync("/v1/embeddings", new { input = $"trace probe {Guid.NewGuid()}" });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);

        // The gateway's server span of this tenant's request is the root; everything it caused shares its trace.
        var trace = await EventuallyAsync(() =>
        {
            var root = Telemetry.Spans.FirstOrDefault(s => s.Service == "gateway" && s.ParentSpanId == ""
                && s.Attributes.GetValueOrDefault(SpanAttributes.Tenant) == tenant.Id.ToString("D"));
            if (root is null)
            {
                return null;
            }

            var spans = Telemetry.Spans.Where(s => s.TraceId == root.TraceId).ToList();
            var services = spans.Select(s => s.Service).ToHashSet();
            var hasDatabase = spans.Any(s => s.Attributes.ContainsKey("db.system") || s.Attributes.ContainsKey("db.system.name"));
            return services.IsSupersetOf(["gateway", "api", "inference"]) && hasDatabase ? spans : null;
        }, "a trace with gateway, api, inference and database spans");

        var ids = trace.Select(s => s.SpanId).ToHashSet();
        var orphans = trace.Where(s => s.ParentSpanId != "" && !ids.Contains(s.ParentSpanId)).Select(s => $"{s.Service}:{s.Name}").ToList();
        Assert.True(orphans.Count == 0, $"Spans whose parent is not in the trace: {string.Join(", ", orphans)}");
        Assert.Single(trace, s => s.ParentSpanId == "");
    }

    [Fact]
    public async Task BatchJob_IsOneTraceFromSubmissionThroughTheWorkerToInference()
    {
        var tenant = await Tenants.CreateAsync(platform);
        using var client = tenant.CreateClient(platform);

        using var submitted = await client.PostAsJsonAsync("/v1/batches", new { input = new[] { $"batch trace {Guid.NewGuid()}", "second input" } });
        Assert.Equal(HttpStatusCode.Accepted, submitted.StatusCode);
        var jobId = (await submitted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        await Batches.WaitForStatusAsync(client, jobId, "succeeded", TestTimeouts.BatchJob);

        var trace = await EventuallyAsync(() =>
        {
            var processing = Telemetry.Spans.FirstOrDefault(s => s.Service == "worker"
                && s.Attributes.GetValueOrDefault("ainow.batch.job_id") == jobId.ToString("D")
                && s.Attributes.GetValueOrDefault(AiNowMetrics.OutcomeTag) == "completed");
            if (processing is null)
            {
                return null;
            }

            var spans = Telemetry.Spans.Where(s => s.TraceId == processing.TraceId).ToList();
            return spans.Any(s => s.Service == "inference" && s.ParentSpanId != "") && spans.Any(s => s.Service == "gateway" && s.ParentSpanId == "")
                ? spans
                : null;
        }, "the job's processing, its inference calls and its submission in one trace");

        var root = Assert.Single(trace, s => s.ParentSpanId == "");
        Assert.Equal("gateway", root.Service);
        Assert.Equal(tenant.Id.ToString("D"), root.Attributes.GetValueOrDefault(SpanAttributes.Tenant));
        var ids = trace.Select(s => s.SpanId).ToHashSet();
        Assert.All(trace.Where(s => s.ParentSpanId != ""), s => Assert.Contains(s.ParentSpanId, ids));
    }

    [Fact]
    public async Task AdminRequest_WritesAuditEventsInItsTrace_FromGatewayAndApi()
    {
        var tenant = await Tenants.CreateAsync(platform);

        var events = await EventuallyAsync(() =>
        {
            var created = Audit().Where(l => l.Attributes.GetValueOrDefault("AuditAction") == "tenant.create"
                && l.Attributes.GetValueOrDefault("TenantId") == tenant.Id.ToString("D")).ToList();
            var gatewayEvents = created.Select(c => Audit().FirstOrDefault(l => l.Service == "gateway" && l.TraceId == c.TraceId
                && l.Attributes.GetValueOrDefault("AuditAction") == "admin.request")).ToList();
            return created.Count == 1 && gatewayEvents[0] is { } gateway ? new AuditPair(created[0], gateway) : null;
        }, "the api's tenant.create and the gateway's admin.request audit events in one trace");

        Assert.Equal("api", events.Api.Service);
        Assert.Matches("^[0-9a-f]{32}$", events.Api.TraceId);
        Assert.Equal("success", events.Api.Attributes["AuditOutcome"]);
        Assert.Equal("POST /admin/tenants 201", events.Gateway.Attributes["AuditDetail"]);
        Assert.Equal("127.0.0.1", events.Gateway.Attributes["SourceAddress"]);
    }

    [Fact]
    public async Task RefusedKey_IsAnAuditEvent_AndCounted()
    {
        // A tenant first, so the key lookup path is warm (a cold first lookup may outlast the gateway's wait: 503).
        await Tenants.CreateAsync(platform);
        using var client = platform.CreateGatewayClient();
        client.DefaultRequestHeaders.Authorization = new("Bearer", $"ainow_{Guid.NewGuid():N}");
        var before = LatestTotal(AiNowMetrics.AuditEvents.Name, ("action", "authentication"), ("outcome", "denied"));

        using var response = await client.PostAsJsonAsync("/v1/embeddings", new { input = "refused" });
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);

        var refused = await EventuallyAsync(() => Audit().LastOrDefault(l => l.Service == "gateway"
            && l.Attributes.GetValueOrDefault("AuditAction") == "authentication"), "an authentication audit event");
        Assert.Equal("denied", refused.Attributes["AuditOutcome"]);
        await WaitUntilAsync(() => LatestTotal(AiNowMetrics.AuditEvents.Name, ("action", "authentication"), ("outcome", "denied")) > before,
            "the audit event counter to grow");
    }

    [Fact]
    public async Task UsageMetrics_CountTheTenantsRequestsAndTokens()
    {
        var tenant = await Tenants.CreateAsync(platform);
        using var client = tenant.CreateClient(platform);
        var tokens = 0;
        for (var i = 0; i < 3; i++)
        {
            using var response = await client.PostAsJsonAsync("/v1/embeddings", new { input = $"metered text {i} {Guid.NewGuid()}" });
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            tokens += (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("usage").GetProperty("total_tokens").GetInt32();
        }

        var labels = new[] { (AiNowMetrics.TenantTag, tenant.Id.ToString("D")), (AiNowMetrics.OperationTag, "embeddings") };
        await WaitUntilAsync(() => LatestTotal(AiNowMetrics.UsageRequests.Name, labels) == 3, "3 requests counted for the tenant");
        Assert.Equal(tokens, LatestTotal(AiNowMetrics.UsageTokens.Name, labels));
        Assert.True(LatestTotal(AiNowMetrics.EmbeddingCacheMisses.Name) >= 3);
    }

    [Fact]
    public async Task NoKeySecretOrPromptText_IsEverExported()
    {
        var tenant = await Tenants.CreateAsync(platform);
        using var client = tenant.CreateClient(platform);
        var prompt = $"confidential-prompt-{Guid.NewGuid():N}";
        using (var response = await client.PostAsJsonAsync("/v1/embeddings", new { input = prompt }))
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        using (var response = await client.PostAsJsonAsync("/v1/batches", new { input = new[] { prompt + "-batch" } }))
        {
            Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        }

        using var wrong = platform.CreateGatewayClient();
        var wrongKey = $"ainow_{Guid.NewGuid():N}";
        wrong.DefaultRequestHeaders.Authorization = new("Bearer", wrongKey);
        using (await wrong.PostAsJsonAsync("/v1/embeddings", new { input = prompt })) { }

        // Wait until this test's requests have been exported, then search everything received.
        await WaitUntilAsync(() => Telemetry.Spans.Any(s => s.Attributes.GetValueOrDefault(SpanAttributes.Tenant) == tenant.Id.ToString("D"))
            && Audit().Any(l => l.Attributes.GetValueOrDefault("AuditAction") == "authentication"), "this test's telemetry");
        var planted = new[] { tenant.ApiKey, wrongKey, platform.AdminKey, platform.SigningKey, prompt };
        var texts = Telemetry.Spans.SelectMany(s => s.Attributes.Values.Append(s.Name))
            .Concat(Telemetry.Logs.SelectMany(l => l.Attributes.Values.Append(l.Body)))
            .Concat(Telemetry.Points.SelectMany(p => p.Attributes.Values));
        var leaks = texts.Where(text => planted.Any(secret => text.Contains(secret, StringComparison.Ordinal))).Distinct().ToList();
        Assert.True(leaks.Count == 0, $"Exported telemetry contains a key or prompt: {string.Join(" | ", leaks)}");
        Assert.Empty(Telemetry.Rejected);
    }

    private sealed record AuditPair(ReceivedLog Api, ReceivedLog Gateway);

    private IEnumerable<ReceivedLog> Audit() =>
        Telemetry.Logs.Where(l => l.Attributes.GetValueOrDefault(AuditContract.LogTypeProperty) == AuditContract.AuditLogType);

    /// <summary>A cumulative counter's current total over the series matching <paramref name="labels"/> (the latest point of each).</summary>
    private double LatestTotal(string metric, params (string Key, string Value)[] labels) =>
        Telemetry.Points
            .Where(p => p.Metric == metric && labels.All(l => p.Attributes.GetValueOrDefault(l.Key) == l.Value))
            .GroupBy(p => (p.Service, string.Join(',', p.Attributes.OrderBy(a => a.Key, StringComparer.Ordinal))))
            .Sum(series => series.Max(p => p.Value));

    private static Task<string> WaitUntilAsync(Func<bool> condition, string what) =>
        EventuallyAsync(() => condition() ? what : null, what);

    private static async Task<T> EventuallyAsync<T>(Func<T?> probe, string what) where T : class
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            if (probe() is { } value)
            {
                return value;
            }

            if (clock.Elapsed > ExportWait)
            {
                Assert.Fail($"Waited {ExportWait.TotalSeconds:0} s for {what}; it was never exported.");
            }

            await Task.Delay(250);
        }
    }
}

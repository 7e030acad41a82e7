using AiNow.Gateway.Limits;
using AiNow.Gateway.Telemetry;
using AiNow.Gateway.Tests.Fakes;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;

namespace AiNow.Gateway.Tests.Limits;

public sealed class RequestBodyLimitTests : IDisposable
{
    private const long Max = 1_048_576;

    private readonly ServiceProvider _services = TestServices.Provider();
    private readonly RequestBodyLimitMiddleware _middleware;
    private bool _nextCalled;

    public RequestBodyLimitTests() => _middleware = new RequestBodyLimitMiddleware(
        _ => { _nextCalled = true; return Task.CompletedTask; },
        TestServices.Wrap(TestServices.Options(o => o.MaxRequestBodyBytes = Max)),
        _services.GetRequiredService<GatewayMetrics>());

    public void Dispose() => _services.Dispose();

    [Theory]
    [InlineData(null, false)]
    [InlineData(0L, false)]
    [InlineData(1L, false)]
    [InlineData(Max, false)]
    [InlineData(Max + 1, true)]
    [InlineData(long.MaxValue, true)]
    public void IsDeclaredTooLarge_ContentLength_RejectsOnlyAboveTheLimit(long? contentLength, bool tooLarge) =>
        Assert.Equal(tooLarge, RequestBodyLimit.IsDeclaredTooLarge(contentLength, Max));

    [Fact]
    public async Task InvokeAsync_DeclaredLengthOverTheLimit_Answers413BeforeReading()
    {
        using var metrics = new MetricRecorder(_services);
        var context = TestServices.Context(_services, "/v1/embeddings", "POST");
        context.Request.ContentLength = Max + 1;
        context.Request.Body = new ThrowingStream();

        await _middleware.InvokeAsync(context);

        Assert.False(_nextCalled);
        Assert.Equal(StatusCodes.Status413PayloadTooLarge, context.Response.StatusCode);
        Assert.StartsWith("application/problem+json", context.Response.ContentType, StringComparison.Ordinal);
        Assert.Contains("1048577 bytes", TestServices.ReadBody(context.Response), StringComparison.Ordinal);
        Assert.Equal(1, metrics.Total("ainow.gateway.requests.rejected", "reason=body_too_large"));
    }

    [Fact]
    public async Task InvokeAsync_NoDeclaredLength_LowersTheServerReadLimitAndContinues()
    {
        var context = TestServices.Context(_services, "/v1/embeddings", "POST");
        var bodySize = new BodySizeFeature { MaxRequestBodySize = 30_000_000 };
        context.Features.Set<IHttpMaxRequestBodySizeFeature>(bodySize);

        await _middleware.InvokeAsync(context);

        Assert.True(_nextCalled);
        Assert.Equal(Max, bodySize.MaxRequestBodySize);
    }

    [Fact]
    public async Task InvokeAsync_DeclaredLengthAtTheLimit_Continues()
    {
        var context = TestServices.Context(_services, "/v1/embeddings", "POST");
        context.Request.ContentLength = Max;

        await _middleware.InvokeAsync(context);

        Assert.True(_nextCalled);
    }

    [Fact]
    public async Task InvokeAsync_ReadOnlyLimit_IsLeftAlone()
    {
        var context = TestServices.Context(_services, "/v1/embeddings", "POST");
        var bodySize = new BodySizeFeature { MaxRequestBodySize = 30_000_000, IsReadOnly = true };
        context.Features.Set<IHttpMaxRequestBodySizeFeature>(bodySize);

        await _middleware.InvokeAsync(context);

        Assert.True(_nextCalled);
        Assert.Equal(30_000_000, bodySize.MaxRequestBodySize);
    }

    private sealed class BodySizeFeature : IHttpMaxRequestBodySizeFeature
    {
        public bool IsReadOnly { get; init; }

        public long? MaxRequestBodySize { get; set; }
    }

    private sealed class ThrowingStream : MemoryStream
    {
        public override int Read(byte[] buffer, int offset, int count) => throw new InvalidOperationException("The body must not be read.");

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            throw new InvalidOperationException("The body must not be read.");
    }
}

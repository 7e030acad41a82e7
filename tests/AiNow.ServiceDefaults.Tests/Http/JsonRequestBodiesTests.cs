using AiNow.ServiceDefaults.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace AiNow.ServiceDefaults.Tests.Http;

public sealed class JsonRequestBodiesTests
{
    [Fact]
    public void AddJsonRequestBodies_NotConfigured_ReadsUpToKestrelsDefaultLimit()
    {
        using var provider = new ServiceCollection().AddJsonRequestBodies().Services.BuildServiceProvider();

        Assert.NotNull(provider.GetRequiredService<JsonRequestBodyReader>());
        Assert.Equal(30_000_000, provider.GetRequiredService<IOptions<JsonRequestBodyOptions>>().Value.MaxBytes);
    }

    [Fact]
    public void AddJsonRequestBodies_Configured_UsesTheServicesLimit()
    {
        using var provider = new ServiceCollection().AddJsonRequestBodies()
            .Configure(options => options.MaxBytes = 4096).Services.BuildServiceProvider();

        Assert.Equal(4096, provider.GetRequiredService<IOptions<JsonRequestBodyOptions>>().Value.MaxBytes);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    public void AddJsonRequestBodies_NonPositiveLimit_FailsWithAClearMessage(long maxBytes)
    {
        using var provider = new ServiceCollection().AddJsonRequestBodies()
            .Configure(options => options.MaxBytes = maxBytes).Services.BuildServiceProvider();

        var failure = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<JsonRequestBodyOptions>>().Value);
        Assert.Contains("positive number of bytes", failure.Message, StringComparison.Ordinal);
    }
}

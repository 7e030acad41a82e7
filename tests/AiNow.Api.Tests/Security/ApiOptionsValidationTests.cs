using AiNow.Api.Extensions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AiNow.Api.Tests.Security;

public sealed class ApiOptionsValidationTests
{
    [Theory]
    [InlineData("")]
    [InlineData("too-short")]
    [InlineData("fifteen-chars!!")]
    public void Validate_MissingOrShortSigningKey_NamesTheParameter(string key)
    {
        var result = new ApiOptionsValidation().Validate(null, new ApiOptions { SigningKey = key });

        Assert.True(result.Failed);
        Assert.Contains("'tenant-signing-key'", result.FailureMessage, StringComparison.Ordinal);
        Assert.Contains("Api:SigningKey", result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_SixteenCharacterKey_Succeeds()
    {
        var result = new ApiOptionsValidation().Validate(null, new ApiOptions { SigningKey = "sixteen-chars!!!" });

        Assert.True(result.Succeeded, result.FailureMessage);
    }

    [Theory]
    [InlineData(nameof(ApiOptions.BatchMaxAttempts), 0, "Api:BatchMaxAttempts")]
    [InlineData(nameof(ApiOptions.ChatTimeoutSeconds), 0, "Api:ChatTimeoutSeconds")]
    [InlineData(nameof(ApiOptions.MaxRequestBodyBytes), 10, "Api:MaxRequestBodyBytes")]
    [InlineData(nameof(ApiOptions.EmbeddingCacheEntriesPerTenant), 0, "Api:EmbeddingCacheEntriesPerTenant")]
    [InlineData(nameof(ApiOptions.EmbeddingCacheEntriesPerTenant), 1_000_001, "Api:EmbeddingCacheEntriesPerTenant")]
    [InlineData(nameof(ApiOptions.EmbeddingCacheBytesPerTenant), 1_048_575, "Api:EmbeddingCacheBytesPerTenant")]
    [InlineData(nameof(ApiOptions.EmbeddingCacheBytesPerTenant), 1_073_741_825, "Api:EmbeddingCacheBytesPerTenant")]
    public void Validate_OutOfRangeSetting_NamesTheSetting(string property, long value, string setting)
    {
        var options = new ApiOptions { SigningKey = "sixteen-chars!!!" };
        var target = typeof(ApiOptions).GetProperty(property)!;
        target.SetValue(options, Convert.ChangeType(value, target.PropertyType, System.Globalization.CultureInfo.InvariantCulture));

        var result = new ApiOptionsValidation().Validate(null, options);

        Assert.True(result.Failed);
        Assert.Contains(setting, result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_ChatLimitOutOfRange_NamesTheChatSetting()
    {
        var options = new ApiOptions { SigningKey = "sixteen-chars!!!" };
        options.Chat.MaxChoices = 0;

        var result = new ApiOptionsValidation().Validate(null, options);

        Assert.True(result.Failed);
        Assert.Contains("Api:Chat:MaxChoices must be between 1 and 128 (it is 0)", result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StartAsync_ChatLimitOutOfRange_FailsNamingTheSetting()
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { EnvironmentName = "Testing" });
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Api:SigningKey"] = "sixteen-chars!!!",
            ["Api:Chat:MaxTokens"] = "0",
        });
        builder.Services.AddApiServices(builder.Configuration);
        await using var app = builder.Build();
        app.UseApiPipeline();

        var exception = await Assert.ThrowsAsync<OptionsValidationException>(() => app.StartAsync());

        Assert.Contains("Api:Chat:MaxTokens", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_DefaultCacheBudget_Succeeds()
    {
        var result = new ApiOptionsValidation().Validate(null, new ApiOptions { SigningKey = "sixteen-chars!!!" });

        Assert.True(result.Succeeded, result.FailureMessage);
        Assert.Equal(10_000, new ApiOptions().EmbeddingCacheEntriesPerTenant);
    }

    [Fact]
    public async Task StartAsync_WithoutSigningKey_FailsWithTheParameterName()
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { EnvironmentName = "Testing" });
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["Api:SigningKey"] = "" });
        builder.Services.AddApiServices(builder.Configuration);
        await using var app = builder.Build();
        app.UseApiPipeline();

        var exception = await Assert.ThrowsAsync<OptionsValidationException>(() => app.StartAsync());

        Assert.Contains("tenant-signing-key", exception.Message, StringComparison.Ordinal);
    }
}

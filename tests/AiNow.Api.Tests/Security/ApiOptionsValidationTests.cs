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

using AiNow.Gateway.Configuration;
using AiNow.Gateway.Tests.Fakes;

namespace AiNow.Gateway.Tests.Configuration;

public sealed class GatewayOptionsValidatorTests
{
    private readonly GatewayOptionsValidator _validator = new();

    [Fact]
    public void Validate_CompleteOptions_Succeeds() =>
        Assert.True(_validator.Validate(null, TestServices.Options()).Succeeded);

    [Theory]
    [InlineData("")]
    [InlineData("short")]
    [InlineData("fifteen-chars-x")]
    public void Validate_AdminKeyMissingOrShort_NamesTheAdminKeyParameter(string adminKey)
    {
        var result = _validator.Validate(null, TestServices.Options(o => o.AdminKey = adminKey));

        Assert.True(result.Failed);
        Assert.Contains("'admin-key'", result.FailureMessage, StringComparison.Ordinal);
        Assert.DoesNotContain("tenant-signing-key", result.FailureMessage, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("fifteen-chars-x")]
    public void Validate_SigningKeyMissingOrShort_NamesTheSigningKeyParameter(string signingKey)
    {
        var result = _validator.Validate(null, TestServices.Options(o => o.SigningKey = signingKey));

        Assert.True(result.Failed);
        Assert.Contains("'tenant-signing-key'", result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_SixteenCharacterKeys_Succeed() =>
        Assert.True(_validator.Validate(null, TestServices.Options(o =>
        {
            o.AdminKey = "sixteen-chars-xx";
            o.SigningKey = "sixteen-chars-yy";
        })).Succeeded);

    [Theory]
    [InlineData(0L)]
    [InlineData(-1L)]
    public void Validate_NonPositiveBodyLimit_Fails(long maxBytes) =>
        Assert.Contains("MaxRequestBodyBytes", _validator.Validate(null, TestServices.Options(o => o.MaxRequestBodyBytes = maxBytes)).FailureMessage, StringComparison.Ordinal);

    [Fact]
    public void Defaults_MatchTheDocumentedValues()
    {
        var options = new GatewayOptions();

        Assert.Equal(1_048_576, options.MaxRequestBodyBytes);
        Assert.Equal(30, options.KeyCacheSeconds);
    }
}

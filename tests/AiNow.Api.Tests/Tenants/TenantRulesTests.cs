using System.Text.Json;
using AiNow.Api.Tenants;

namespace AiNow.Api.Tests.Tenants;

public sealed class TenantRulesTests
{
    [Theory]
    [InlineData("a")]
    [InlineData("acme")]
    [InlineData("Acme Corp.")]
    [InlineData("team_42-eu.west")]
    [InlineData("A b")]
    public void TryValidateName_AllowedName_IsAccepted(string name)
    {
        Assert.True(TenantRules.TryValidateName(name, out var error), error);
    }

    [Fact]
    public void TryValidateName_HundredCharacters_IsAccepted()
    {
        Assert.True(TenantRules.TryValidateName(new string('x', 100), out _));
    }

    [Theory]
    [InlineData("", "1 to 100 characters")]
    [InlineData("acme/corp", "character 5 is not allowed")]
    [InlineData("acme!", "character 5 is not allowed")]
    [InlineData("ümlaut", "character 1 is not allowed")]
    [InlineData("tab\there", "character 4 is not allowed")]
    [InlineData("new\nline", "character 4 is not allowed")]
    [InlineData("<script>", "character 1 is not allowed")]
    [InlineData("a'; DROP TABLE tenants; --", "character 2 is not allowed")]
    [InlineData(" acme", "must not start or end with a space")]
    [InlineData("acme ", "must not start or end with a space")]
    [InlineData("   ", "must not start or end with a space")]
    public void TryValidateName_BadName_IsRejectedWithReason(string name, string reason)
    {
        Assert.False(TenantRules.TryValidateName(name, out var error));
        Assert.Contains(reason, error, StringComparison.Ordinal);
    }

    [Fact]
    public void TryValidateName_HundredAndOneCharacters_IsRejected()
    {
        Assert.False(TenantRules.TryValidateName(new string('x', 101), out var error));
        Assert.Contains("it has 101", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"name":"acme","rateLimitPerMinute":1}""", "acme", 1)]
    [InlineData("""{"name":"acme","rateLimitPerMinute":100000}""", "acme", 100000)]
    [InlineData("""{"name":"Acme Corp.","rateLimitPerMinute":600,"extra":true}""", "Acme Corp.", 600)]
    public void TryReadCreateRequest_ValidBody_ReadsNameAndRate(string json, string name, int rate)
    {
        Assert.True(TenantRules.TryReadCreateRequest(Parse(json), out var readName, out var readRate, out var error), error);
        Assert.Equal(name, readName);
        Assert.Equal(rate, readRate);
    }

    [Theory]
    [InlineData("""{}""", "'name' is required")]
    [InlineData("""{"name":null,"rateLimitPerMinute":60}""", "'name' is required")]
    [InlineData("""{"name":42,"rateLimitPerMinute":60}""", "'name' must be a string, not a number")]
    [InlineData("""{"name":["a"],"rateLimitPerMinute":60}""", "'name' must be a string, not an array")]
    [InlineData("""{"Name":"acme","rateLimitPerMinute":60}""", "'name' is required")]
    [InlineData("""{"name":"acme"}""", "'rateLimitPerMinute' is required")]
    [InlineData("""{"name":"acme","rateLimitPerMinute":null}""", "'rateLimitPerMinute' is required")]
    [InlineData("""{"name":"acme","rateLimitPerMinute":"60"}""", "must be a whole number from 1 to 100000, not a string")]
    [InlineData("""{"name":"acme","rateLimitPerMinute":true}""", "not a boolean")]
    [InlineData("""{"name":"acme","rateLimitPerMinute":0}""", "0 is not")]
    [InlineData("""{"name":"acme","rateLimitPerMinute":-5}""", "-5 is not")]
    [InlineData("""{"name":"acme","rateLimitPerMinute":100001}""", "100001 is not")]
    [InlineData("""{"name":"acme","rateLimitPerMinute":1.5}""", "1.5 is not")]
    [InlineData("""{"name":"acme","rateLimitPerMinute":1e3}""", "1e3 is not")]
    [InlineData("""{"name":"acme","rateLimitPerMinute":99999999999999999999}""", "is not")]
    public void TryReadCreateRequest_BadBody_SaysWhatIsWrong(string json, string reason)
    {
        Assert.False(TenantRules.TryReadCreateRequest(Parse(json), out _, out _, out var error));
        Assert.Contains(reason, error, StringComparison.Ordinal);
    }

    private static JsonElement Parse(string json) => JsonDocument.Parse(json).RootElement.Clone();
}

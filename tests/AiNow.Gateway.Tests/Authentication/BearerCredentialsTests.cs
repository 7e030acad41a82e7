using AiNow.Gateway.Authentication;
using Microsoft.Extensions.Primitives;

namespace AiNow.Gateway.Tests.Authentication;

public sealed class BearerCredentialsTests
{
    [Theory]
    [InlineData(null, BearerCredentialStatus.Missing, "")]
    [InlineData("", BearerCredentialStatus.Missing, "")]
    [InlineData("   ", BearerCredentialStatus.Missing, "")]
    [InlineData("Bearer", BearerCredentialStatus.Malformed, "")]
    [InlineData("Bearer ", BearerCredentialStatus.Malformed, "")]
    [InlineData("Bearer    ", BearerCredentialStatus.Malformed, "")]
    [InlineData("Basic x", BearerCredentialStatus.Malformed, "")]
    [InlineData("Basic YWxhZGRpbjpvcGVuc2VzYW1l", BearerCredentialStatus.Malformed, "")]
    [InlineData("Token ainow_abc", BearerCredentialStatus.Malformed, "")]
    [InlineData("Bearerainow_abc", BearerCredentialStatus.Malformed, "")]
    [InlineData("ainow_abc", BearerCredentialStatus.Malformed, "")]
    [InlineData("Bearer ainow_abc def", BearerCredentialStatus.Malformed, "")]
    [InlineData("Bearer ainow_abc", BearerCredentialStatus.Present, "ainow_abc")]
    [InlineData("bearer ainow_abc", BearerCredentialStatus.Present, "ainow_abc")]
    [InlineData("BEARER ainow_abc", BearerCredentialStatus.Present, "ainow_abc")]
    [InlineData("Bearer   ainow_abc  ", BearerCredentialStatus.Present, "ainow_abc")]
    public void Read_HeaderValue_ReturnsStatusAndToken(string? header, BearerCredentialStatus status, string token)
    {
        var credential = BearerCredentials.Read(header is null ? StringValues.Empty : new StringValues(header));

        Assert.Equal(status, credential.Status);
        Assert.Equal(token, credential.Token);
    }

    [Fact]
    public void Read_TwoAuthorizationHeaders_IsMalformed()
    {
        var credential = BearerCredentials.Read(new StringValues(["Bearer ainow_a", "Bearer ainow_b"]));

        Assert.Equal(BearerCredentialStatus.Malformed, credential.Status);
    }
}

using AiNow.Gateway.Authentication;

namespace AiNow.Gateway.Tests.Authentication;

public sealed class ApiKeyFormatTests
{
    [Theory]
    [InlineData("ainow_Q2xhdWRlIHdhcyBoZXJlLCBhbmQgc28gd2FzIHRoZQ", true)]
    [InlineData("ainow_abc-DEF_123", true)]
    [InlineData("ainow_", false)]
    [InlineData("AINOW_abc", false)]
    [InlineData("sk-abc", false)]
    [InlineData("ainow_abc+def", false)]
    [InlineData("ainow_abc=", false)]
    [InlineData("admin-key-for-tests-0123456789", false)]
    public void IsTenantKey_Token_RecognisesTheKeyShape(string token, bool expected) =>
        Assert.Equal(expected, ApiKeyFormat.IsTenantKey(token));

    [Fact]
    public void IsTenantKey_AbsurdlyLongToken_IsRejected() =>
        Assert.False(ApiKeyFormat.IsTenantKey("ainow_" + new string('a', 300)));
}

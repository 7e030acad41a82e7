using AiNow.Gateway.Authentication;
using AiNow.Gateway.Tests.Fakes;

namespace AiNow.Gateway.Tests.Authentication;

public sealed class AdminKeyVerifierTests
{
    private readonly AdminKeyVerifier _verifier = new(TestServices.Wrap(TestServices.Options()));

    [Fact]
    public void Matches_TheAdminKey_ReturnsTrue() => Assert.True(_verifier.Matches(TestServices.AdminKey));

    [Theory]
    [InlineData("")]
    [InlineData("admin-key-for-tests-012345678")]
    [InlineData("admin-key-for-tests-01234567890")]
    [InlineData("ADMIN-KEY-FOR-TESTS-0123456789")]
    [InlineData(" admin-key-for-tests-0123456789")]
    [InlineData("ainow_Q2xhdWRlIHdhcyBoZXJlLCBhbmQgc28gd2FzIHRoZQ")]
    public void Matches_AnyOtherToken_ReturnsFalse(string candidate) => Assert.False(_verifier.Matches(candidate));
}

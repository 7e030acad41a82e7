using AiNow.Gateway.Authentication;
using Microsoft.AspNetCore.Http;

namespace AiNow.Gateway.Tests.Authentication;

public sealed class CallerScopesTests
{
    // Routing matches paths case-insensitively; the credential check must agree with it.
    [Theory]
    [InlineData("/admin", CallerScope.Admin)]
    [InlineData("/admin/tenants", CallerScope.Admin)]
    [InlineData("/ADMIN/tenants", CallerScope.Admin)]
    [InlineData("/Admin/tenants/1/keys", CallerScope.Admin)]
    [InlineData("/v1/embeddings", CallerScope.Tenant)]
    [InlineData("/V1/embeddings", CallerScope.Tenant)]
    [InlineData("/v1/admin/tenants", CallerScope.Tenant)]
    [InlineData("/administrator", CallerScope.Tenant)]
    public void Of_Path_ReturnsTheCredentialItNeeds(string path, CallerScope expected) =>
        Assert.Equal(expected, CallerScopes.Of(new PathString(path)));
}

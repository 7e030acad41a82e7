using AiNow.Gateway.Proxy;

namespace AiNow.Gateway.Tests.Proxy;

public sealed class ApiProxyConfigurationTests
{
    [Fact]
    public void Routes_OnlyV1AndAdmin_GoToTheApiCluster()
    {
        Assert.Equal(
            ["/admin/{**catch-all}", "/v1/{**catch-all}"],
            ApiProxyConfiguration.Routes.Select(r => r.Match.Path).Order(StringComparer.Ordinal));
        Assert.All(ApiProxyConfiguration.Routes, route => Assert.Equal("api", route.ClusterId));
    }

    [Fact]
    public void Clusters_ApiIsResolvedByServiceDiscovery()
    {
        var cluster = Assert.Single(ApiProxyConfiguration.Clusters(TimeSpan.FromSeconds(42)));
        var destination = Assert.Single(cluster.Destinations!);

        Assert.Equal("api", cluster.ClusterId);
        Assert.Equal("http://api", destination.Value.Address);
        Assert.Equal(TimeSpan.FromSeconds(42), cluster.HttpRequest?.ActivityTimeout);
    }
}

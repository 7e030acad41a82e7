using System.Net;
using AiNow.ServiceDefaults.ForwardedHeaders;
using Microsoft.Extensions.Configuration;

namespace AiNow.ServiceDefaults.Tests.ForwardedHeaders;

public sealed class TrustedProxySettingsTests
{
    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("  ")]
    public void Read_NoTrustedNetworks_ReturnsNull(string? networks)
    {
        Assert.Null(TrustedProxySettings.Read(Configuration(networks)));
    }

    [Fact]
    public void Read_Networks_ParsesEachAndDefaultsForwardLimitToOne()
    {
        var settings = TrustedProxySettings.Read(Configuration("10.20.0.0/16, 35.191.0.0/16,fd00::/8"))!;

        Assert.Equal([IPNetwork.Parse("10.20.0.0/16"), IPNetwork.Parse("35.191.0.0/16"), IPNetwork.Parse("fd00::/8")], settings.Networks);
        Assert.Equal(1, settings.ForwardLimit);
    }

    [Fact]
    public void ToOptions_ExactlyTheConfiguredNetworks_LoopbackDefaultsCleared()
    {
        var options = TrustedProxySettings.Read(Configuration("10.20.0.0/16", forwardLimit: "2"))!.ToOptions();

        Assert.Equal([IPNetwork.Parse("10.20.0.0/16")], options.KnownIPNetworks);
        Assert.Empty(options.KnownProxies);
        Assert.Equal(2, options.ForwardLimit);
        Assert.Equal(
            Microsoft.AspNetCore.HttpOverrides.ForwardedHeaders.XForwardedFor | Microsoft.AspNetCore.HttpOverrides.ForwardedHeaders.XForwardedProto,
            options.ForwardedHeaders);
    }

    [Theory]
    [InlineData("10.20.0.0/33", "'10.20.0.0/33', which is not a network in CIDR notation")]
    [InlineData("10.20.0.0", "'10.20.0.0', which is not a network in CIDR notation")]
    [InlineData("10.20.0.0/16;35.191.0.0/16", "'10.20.0.0/16;35.191.0.0/16', which is not a network in CIDR notation")]
    [InlineData("10.20.1.0/16", "Write the network address ('10.20.0.0/16')")]
    [InlineData("fd00::1/8", "Write the network address ('fd00::/8')")]
    public void Read_InvalidEntry_ThrowsNamingSettingEntryAndFix(string networks, string expected)
    {
        var error = Assert.Throws<InvalidOperationException>(() => TrustedProxySettings.Read(Configuration(networks)));

        Assert.StartsWith("ForwardedHeaders:TrustedNetworks holds '", error.Message, StringComparison.Ordinal);
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_NotCidr_FixNamesTheEnvironmentVariable()
    {
        var error = Assert.Throws<InvalidOperationException>(() => TrustedProxySettings.Read(Configuration("ingress")));

        Assert.Contains("such as '10.20.0.0/16,35.191.0.0/16'", error.Message, StringComparison.Ordinal);
        Assert.Contains("ForwardedHeaders__TrustedNetworks", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-1")]
    [InlineData("two")]
    public void Read_InvalidForwardLimit_ThrowsNamingTheSetting(string forwardLimit)
    {
        var error = Assert.Throws<InvalidOperationException>(() => TrustedProxySettings.Read(Configuration("10.0.0.0/8", forwardLimit)));

        Assert.StartsWith($"ForwardedHeaders:ForwardLimit is '{forwardLimit}'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_FrameworkSwitchAlsoOn_Throws()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ForwardedHeaders:TrustedNetworks"] = "10.0.0.0/8",
            ["FORWARDEDHEADERS_ENABLED"] = "true",
        }).Build();

        var error = Assert.Throws<InvalidOperationException>(() => TrustedProxySettings.Read(configuration));

        Assert.Contains("Remove ASPNETCORE_FORWARDEDHEADERS_ENABLED", error.Message, StringComparison.Ordinal);
    }

    private static IConfiguration Configuration(string? networks, string? forwardLimit = null) =>
        new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ForwardedHeaders:TrustedNetworks"] = networks,
            ["ForwardedHeaders:ForwardLimit"] = forwardLimit,
        }).Build();
}

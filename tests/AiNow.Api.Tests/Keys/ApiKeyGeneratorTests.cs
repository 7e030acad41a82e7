using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using AiNow.Api.Keys;

namespace AiNow.Api.Tests.Keys;

public sealed partial class ApiKeyGeneratorTests
{
    [GeneratedRegex("^ainow_[A-Za-z0-9_-]{43}$")]
    private static partial Regex KeyFormat();

    [Fact]
    public void Create_Always_ReturnsSchemeAnd43Base64UrlCharacters()
    {
        for (var i = 0; i < 200; i++)
        {
            var key = ApiKeyGenerator.Create();
            Assert.Matches(KeyFormat(), key.Key);
            Assert.Equal(ApiKeyGenerator.KeyLength, key.Key.Length);
            Assert.True(ApiKeyGenerator.IsWellFormed(key.Key));
        }
    }

    [Fact]
    public void Create_Prefix_IsFirstTwelveCharacters()
    {
        var key = ApiKeyGenerator.Create();

        Assert.Equal(12, key.Prefix.Length);
        Assert.Equal(key.Key[..12], key.Prefix);
        Assert.StartsWith("ainow_", key.Prefix, StringComparison.Ordinal);
    }

    [Fact]
    public void Create_Hash_IsSha256OfTheKeyAndNotTheKey()
    {
        var key = ApiKeyGenerator.Create();

        Assert.Equal(SHA256.HashData(Encoding.UTF8.GetBytes(key.Key)), key.Hash);
        Assert.Equal(32, key.Hash.Length);
        Assert.DoesNotContain(key.Key, Encoding.UTF8.GetString(key.Hash), StringComparison.Ordinal);
        Assert.NotEqual(Encoding.UTF8.GetBytes(key.Key), key.Hash);
    }

    [Fact]
    public void Create_ToString_DoesNotRevealTheKey()
    {
        var key = ApiKeyGenerator.Create();

        Assert.DoesNotContain(key.Key, key.ToString(), StringComparison.Ordinal);
        Assert.Contains(key.Prefix, key.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Create_ManyKeys_AreAllDifferent()
    {
        var keys = Enumerable.Range(0, 10_000).Select(_ => ApiKeyGenerator.Create().Key).ToList();

        Assert.Equal(keys.Count, keys.Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public void Hash_SameKey_IsStable()
    {
        const string key = "ainow_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";

        Assert.Equal(ApiKeyGenerator.Hash(key), ApiKeyGenerator.Hash(key));
        Assert.Equal(
            "ainow:key:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key))),
            KeyResolver.CacheKey(ApiKeyGenerator.Hash(key)));
    }

    [Fact]
    public void Hash_DifferentKeys_Differ()
    {
        Assert.NotEqual(
            ApiKeyGenerator.Hash("ainow_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"),
            ApiKeyGenerator.Hash("ainow_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAB"));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("ainow_")]
    [InlineData("sk-AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("AINOW_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("ainow_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("ainow_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("ainow_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA+")]
    [InlineData("ainow_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA/")]
    [InlineData("ainow_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA ")]
    [InlineData("ainow_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=")]
    public void IsWellFormed_NotAnIssuedShape_IsFalse(string? key)
    {
        Assert.False(ApiKeyGenerator.IsWellFormed(key));
    }
}

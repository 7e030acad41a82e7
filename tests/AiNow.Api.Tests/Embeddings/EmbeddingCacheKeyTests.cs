using AiNow.Api.Embeddings;
using AiNow.Contracts;

namespace AiNow.Api.Tests.Embeddings;

public sealed class EmbeddingCacheKeyTests
{
    private static readonly Guid Tenant = Guid.Parse("6f0c2f4e-1d7a-4a53-9c1e-3b2a9d0e5f11");

    [Fact]
    public void For_SameInputsOfAnotherTenant_Differs()
    {
        Assert.NotEqual(
            EmbeddingCacheKey.For(Tenant, EmbeddingModel.Name, ["hello"]),
            EmbeddingCacheKey.For(Guid.NewGuid(), EmbeddingModel.Name, ["hello"]));
    }

    [Fact]
    public void For_SameModelAndInputs_IsStable()
    {
        var first = EmbeddingCacheKey.For(Tenant, EmbeddingModel.Name, ["hello", "world"]);
        var second = EmbeddingCacheKey.For(Tenant, EmbeddingModel.Name, new List<string> { "hello", "world" });

        Assert.Equal(first, second);
    }

    [Fact]
    public void For_Always_IsTheTenantsPrefixAndSha256Hex()
    {
        var key = EmbeddingCacheKey.For(Tenant, EmbeddingModel.Name, ["hello"]);

        Assert.Matches("^ainow:emb:\\{6f0c2f4e-1d7a-4a53-9c1e-3b2a9d0e5f11\\}:[0-9a-f]{64}$", key);
    }

    [Fact]
    public void For_KnownInput_MatchesRecordedValue()
    {
        // Pinned so a change to the key derivation (which would orphan every cached entry) is deliberate.
        var key = EmbeddingCacheKey.For(Tenant, "m", ["a"]);
        byte[] tenant = [36, 0, 0, 0, .. System.Text.Encoding.ASCII.GetBytes(Tenant.ToString("D"))];

        Assert.Equal(
            "ainow:emb:{6f0c2f4e-1d7a-4a53-9c1e-3b2a9d0e5f11}:" + Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(
                [.. tenant, 1, 0, 0, 0, (byte)'m', 1, 0, 0, 0, (byte)'a'])),
            key);
    }

    [Fact]
    public void For_InputOrder_Matters()
    {
        Assert.NotEqual(
            EmbeddingCacheKey.For(Tenant, EmbeddingModel.Name, ["hello", "world"]),
            EmbeddingCacheKey.For(Tenant, EmbeddingModel.Name, ["world", "hello"]));
    }

    [Fact]
    public void For_Model_Matters()
    {
        Assert.NotEqual(
            EmbeddingCacheKey.For(Tenant, EmbeddingModel.Name, ["hello"]),
            EmbeddingCacheKey.For(Tenant, "other-model", ["hello"]));
    }

    [Theory]
    [InlineData(new[] { "a\nb" }, new[] { "a", "b" })]
    [InlineData(new[] { "ab" }, new[] { "a", "b" })]
    [InlineData(new[] { "a", "" }, new[] { "a" })]
    [InlineData(new[] { "hello" }, new[] { "hello", "hello" })]
    [InlineData(new[] { "Hello" }, new[] { "hello" })]
    [InlineData(new[] { "hello " }, new[] { "hello" })]
    public void For_DifferentInputLists_Differ(string[] left, string[] right)
    {
        Assert.NotEqual(EmbeddingCacheKey.For(Tenant, EmbeddingModel.Name, left), EmbeddingCacheKey.For(Tenant, EmbeddingModel.Name, right));
    }

    [Fact]
    public void For_ModelAndInputBoundary_CannotShift()
    {
        Assert.NotEqual(EmbeddingCacheKey.For(Tenant, "ab", ["c"]), EmbeddingCacheKey.For(Tenant, "a", ["bc"]));
    }

    [Fact]
    public void Budget_KeysOfOneTenant_ShareTheTenantsHashTag_AndTheEntriesPrefix()
    {
        var budget = EmbeddingCacheKey.Budget(Tenant, maxEntries: 5, maxBytes: 1_000_000);
        var key = EmbeddingCacheKey.For(Tenant, EmbeddingModel.Name, ["hello"]);

        Assert.StartsWith(budget.EntryPrefix, key, StringComparison.Ordinal);
        Assert.All([key, budget.IndexKey, budget.BytesKey], k => Assert.Contains("{" + Tenant.ToString("D") + "}", k, StringComparison.Ordinal));
        Assert.Equal((5, 1_000_000L), (budget.MaxEntries, budget.MaxBytes));
    }

    [Fact]
    public void Budget_OfAnotherTenant_RefusesThisTenantsKey()
    {
        var key = EmbeddingCacheKey.For(Tenant, EmbeddingModel.Name, ["hello"]);
        var otherBudget = EmbeddingCacheKey.Budget(Guid.NewGuid(), maxEntries: 5, maxBytes: 1_000_000);

        Assert.Throws<ArgumentException>(() => otherBudget.IndexMember(key, 10));
    }
}

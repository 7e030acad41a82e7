using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using AiNow.Api.Caching;

namespace AiNow.Api.Embeddings;

/// <summary>
/// The cache key of an embeddings request: <c>ainow:emb:{tenant}:</c> + SHA-256 over the tenant, the model and every
/// input in order. Entries are per tenant, not shared, even though sharing would save inference work: a hit is
/// visible in <c>X-AiNow-Cache</c> and in latency, so a shared entry would tell one tenant what another has
/// embedded. Each input is length-prefixed, so ["a\nb"] and ["a", "b"] (or any other re-split of the same characters)
/// can never share a key and be served each other's vectors.
/// <para>
/// The tenant also appears in clear, in braces, so the tenant's entries, their index and their byte total form one
/// <see cref="CacheBudget"/> and share a Redis cluster hash tag.
/// </para>
/// </summary>
public static class EmbeddingCacheKey
{
    public const string Prefix = "ainow:emb:";

    /// <summary>The prefix of every embeddings cache key of <paramref name="tenantId"/>.</summary>
    public static string TenantPrefix(Guid tenantId) => $"{Prefix}{{{tenantId:D}}}:";

    /// <summary>The budget <paramref name="tenantId"/>'s embeddings are cached under.</summary>
    public static CacheBudget Budget(Guid tenantId, int maxEntries, long maxBytes) => new(
        TenantPrefix(tenantId), $"ainow:emb-index:{{{tenantId:D}}}", $"ainow:emb-bytes:{{{tenantId:D}}}", maxEntries, maxBytes);

    public static string For(Guid tenantId, string model, IReadOnlyList<string> inputs)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        Append(hash, tenantId.ToString("D"));
        Append(hash, model);
        foreach (var input in inputs)
        {
            Append(hash, input);
        }

        return TenantPrefix(tenantId) + Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    private static void Append(IncrementalHash hash, string text)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        Span<byte> length = stackalloc byte[sizeof(int)];
        BinaryPrimitives.WriteInt32LittleEndian(length, bytes.Length);
        hash.AppendData(length);
        hash.AppendData(bytes);
    }
}

using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace AiNow.Api.Embeddings;

/// <summary>
/// The cache key of an embeddings request: <c>ainow:emb:</c> + SHA-256 over the tenant, the model and every
/// input in order. The tenant is part of the key so a cache hit never tells one tenant what another has
/// embedded (the hit is visible in <c>X-AiNow-Cache</c> and in latency). Each input is length-prefixed, so ["a\nb"] and ["a", "b"] (or any other re-split of the same characters)
/// can never share a key and be served each other's vectors.
/// </summary>
public static class EmbeddingCacheKey
{
    public const string Prefix = "ainow:emb:";

    public static string For(Guid tenantId, string model, IReadOnlyList<string> inputs)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        Append(hash, tenantId.ToString("D"));
        Append(hash, model);
        foreach (var input in inputs)
        {
            Append(hash, input);
        }

        return Prefix + Convert.ToHexStringLower(hash.GetHashAndReset());
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

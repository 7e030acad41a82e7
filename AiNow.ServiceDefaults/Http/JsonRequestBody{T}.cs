using System.Diagnostics.CodeAnalysis;
using Microsoft.AspNetCore.Http;

namespace AiNow.ServiceDefaults.Http;

/// <summary>A request body read by <see cref="JsonRequestBodyReader"/>: its value, or the problem to answer with.</summary>
/// <typeparam name="T">A <see cref="System.Text.Json.JsonElement"/> for the raw object, or the type it was read as.</typeparam>
public sealed class JsonRequestBody<T>
{
    private readonly T _value;
    private readonly byte[] _bytes;

    internal JsonRequestBody(T value, byte[] bytes)
    {
        _value = value;
        _bytes = bytes;
    }

    internal JsonRequestBody(IResult problem)
    {
        Problem = problem;
        _value = default!;
        _bytes = [];
    }

    /// <summary>The RFC 7807 problem to answer with when the body was unusable; null when it was read.</summary>
    public IResult? Problem { get; }

    /// <summary>Whether the body was read; when false, answer with <see cref="Problem"/>.</summary>
    [MemberNotNullWhen(false, nameof(Problem))]
    public bool IsValid => Problem is null;

    /// <summary>The body's value. Reading it when <see cref="IsValid"/> is false is a bug, so it throws.</summary>
    public T Value => IsValid ? _value : throw Unusable();

    /// <summary>The body exactly as received (byte order mark included), for forwarding it unchanged.</summary>
    public byte[] Bytes => IsValid ? _bytes : throw Unusable();

    private static InvalidOperationException Unusable() =>
        new($"The request body was not usable; answer with {nameof(Problem)} instead of reading it.");
}

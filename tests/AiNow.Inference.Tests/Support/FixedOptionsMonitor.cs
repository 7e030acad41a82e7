using Microsoft.Extensions.Options;

namespace AiNow.Inference.Tests.Support;

/// <summary>Options that never change, for constructing components directly.</summary>
public sealed class FixedOptionsMonitor<T>(T value) : IOptionsMonitor<T>
{
    public T CurrentValue => value;

    public T Get(string? name) => value;

    public IDisposable? OnChange(Action<T, string?> listener) => null;
}

using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace AiNow.Inference.Tests.Support;

/// <summary>Keeps every formatted log message and exception, to check what operators see that tenants must not.</summary>
public sealed class RecordingLogger<T> : ILogger<T>
{
    private readonly ConcurrentQueue<(string Message, Exception? Exception)> _entries = new();

    public IReadOnlyList<(string Message, Exception? Exception)> Entries => [.. _entries];

    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        ArgumentNullException.ThrowIfNull(formatter);
        _entries.Enqueue((formatter(state, exception), exception));
    }
}

using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Bot.Testing.Logging;

/// <summary>One message a recording logger received, formatted as a console would show it.</summary>
public sealed record LogEntry(LogLevel Level, EventId EventId, string Message, Exception? Exception)
{
    /// <summary>The logger's category ("" for a <see cref="RecordingLogger{T}"/>).</summary>
    public string Category { get; init; } = "";

    /// <summary>The structured values of the message ("Key=value,…").</summary>
    public string State { get; init; } = "";

    /// <summary>The scopes active when it was logged ("Key=value,…;…").</summary>
    public string Scopes { get; init; } = "";
}

/// <summary>A hand-written logger that keeps every message, so tests can assert what an operator would read.</summary>
public sealed class RecordingLogger<T> : ILogger<T>
{
    private readonly ConcurrentQueue<LogEntry> _entries = new();

    /// <summary>Everything logged so far, in order.</summary>
    public IReadOnlyList<LogEntry> Entries => [.. _entries];

    /// <summary>The messages at <see cref="LogLevel.Warning"/>.</summary>
    public IReadOnlyList<LogEntry> Warnings => [.. _entries.Where(e => e.Level == LogLevel.Warning)];

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => NullScope.Instance;

    public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        ArgumentNullException.ThrowIfNull(formatter);
        _entries.Enqueue(new LogEntry(logLevel, eventId, formatter(state, exception), exception));
    }

    private sealed class NullScope : IDisposable
    {
        public static NullScope Instance { get; } = new();

        public void Dispose()
        {
        }
    }
}

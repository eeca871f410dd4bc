using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Bot.Testing.Logging;

/// <summary>A logger provider that records every message of every category, for tests that read the logs (warnings naming files, tokens never logged).</summary>
public sealed class RecordingLoggerProvider : ILoggerProvider
{
    private readonly ConcurrentQueue<LogEntry> _entries = new();

    /// <summary>Everything logged so far, in order.</summary>
    public IReadOnlyList<LogEntry> Entries => [.. _entries];

    /// <summary>All messages and exception texts joined, for "never appears" checks.</summary>
    public string AllText => string.Join('\n', _entries.Select(e => e.Message + " " + e.Exception));

    /// <inheritdoc />
    public ILogger CreateLogger(string categoryName) => new Logger(_entries);

    /// <inheritdoc />
    public void Dispose()
    {
    }

    private sealed class Logger(ConcurrentQueue<LogEntry> entries) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            entries.Enqueue(new LogEntry(logLevel, eventId, formatter(state, exception), exception));
    }
}

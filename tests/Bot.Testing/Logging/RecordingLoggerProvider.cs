using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Bot.Testing.Logging;

/// <summary>
/// A logger provider that records every message of every category with its scopes and state values, for tests that read
/// the logs as an operator would (warnings naming files, event ids, a token that must never appear anywhere).
/// </summary>
public sealed class RecordingLoggerProvider : ILoggerProvider, ISupportExternalScope
{
    private readonly ConcurrentQueue<LogEntry> _entries = new();
    private IExternalScopeProvider _scopes = new LoggerExternalScopeProvider();

    /// <summary>Everything logged so far, in order.</summary>
    public IReadOnlyList<LogEntry> Entries => [.. _entries];

    /// <summary>Every entry as one text (level, category, event, message, state values, scopes, exception with its stack), for "never appears" checks.</summary>
    public string AllText => string.Join('\n', _entries.Select(e => $"{e.Level} {e.Category} {e.EventId} {e.Message} {{{e.State}}} [{e.Scopes}] {e.Exception}"));

    /// <inheritdoc />
    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    /// <inheritdoc />
    public void SetScopeProvider(IExternalScopeProvider scopeProvider) => _scopes = scopeProvider;

    /// <inheritdoc />
    public void Dispose()
    {
    }

    private static string Pairs(object? value) =>
        value is IEnumerable<KeyValuePair<string, object?>> pairs ? string.Join(",", pairs.Select(p => $"{p.Key}={p.Value}")) : value?.ToString() ?? "";

    private sealed class Logger(RecordingLoggerProvider owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => owner._scopes.Push(state);

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            ArgumentNullException.ThrowIfNull(formatter);
            var scopes = new List<string>();
            owner._scopes.ForEachScope((scope, list) => list.Add(Pairs(scope)), scopes);
            owner._entries.Enqueue(new LogEntry(logLevel, eventId, formatter(state, exception), exception)
            {
                Category = category,
                State = state is IEnumerable<KeyValuePair<string, object?>> ? Pairs(state) : "",
                Scopes = string.Join(";", scopes),
            });
        }
    }
}

using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Bot.Testing.Discord;

/// <summary>One captured log entry: the formatted message and the exception's full text, as a log sink would store them.</summary>
public sealed record CapturedLog(string Category, LogLevel Level, EventId EventId, string Message, string? Exception);

/// <summary>A logger provider that keeps every entry (scopes included in the text), for "never logs the token" tests.</summary>
public sealed class CapturedLogs : ILoggerProvider, ISupportExternalScope
{
    private readonly ConcurrentQueue<CapturedLog> _entries = new();
    private IExternalScopeProvider _scopes = new LoggerExternalScopeProvider();

    /// <summary>Everything logged so far.</summary>
    public IReadOnlyList<CapturedLog> Entries => [.. _entries];

    /// <summary>Every entry as one text, for substring checks.</summary>
    public string AllText => string.Join("\n", Entries.Select(e => $"{e.Level} {e.Category} {e.EventId} {e.Message} {e.Exception}"));

    /// <inheritdoc />
    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    /// <inheritdoc />
    public void SetScopeProvider(IExternalScopeProvider scopeProvider) => _scopes = scopeProvider;

    /// <inheritdoc />
    public void Dispose()
    {
    }

    private sealed class Logger(CapturedLogs owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => owner._scopes.Push(state);

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var scopes = new List<string>();
            owner._scopes.ForEachScope((scope, list) => list.Add(scope is IEnumerable<KeyValuePair<string, object?>> pairs ? string.Join(",", pairs.Select(p => $"{p.Key}={p.Value}")) : scope?.ToString() ?? ""), scopes);
            var stateText = state is IEnumerable<KeyValuePair<string, object?>> values ? string.Join(",", values.Select(p => $"{p.Key}={p.Value}")) : "";
            owner._entries.Enqueue(new CapturedLog(category, logLevel, eventId, formatter(state, exception) + " {" + stateText + "} [" + string.Join(";", scopes) + "]", exception?.ToString()));
        }
    }
}

using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Bot.Telegram.Tests;

/// <summary>Captures every log line with its exception and scopes, so tests can check what an operator would read.</summary>
public sealed class LogCapture : ILoggerProvider, ISupportExternalScope
{
    private IExternalScopeProvider _scopes = new LoggerExternalScopeProvider();

    public ConcurrentQueue<CapturedLog> Entries { get; } = new();

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void SetScopeProvider(IExternalScopeProvider scopeProvider) => _scopes = scopeProvider;

    public void Dispose()
    {
    }

    /// <summary>All text an operator could see: messages, exceptions (with inner ones and stack) and scope values.</summary>
    public string AllText() => string.Join("\n", Entries.Select(e => $"{e.Level} {e.Category} [{e.Scopes}] {e.Message} {e.Exception}"));

    public sealed record CapturedLog(LogLevel Level, string Category, EventId EventId, string Message, string? Exception, string Scopes);

    private sealed class Logger(LogCapture owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => owner._scopes.Push(state);

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var scopes = new List<string>();
            owner._scopes.ForEachScope((scope, list) =>
            {
                if (scope is IEnumerable<KeyValuePair<string, object?>> pairs)
                {
                    list.AddRange(pairs.Select(p => $"{p.Key}={p.Value}"));
                }
                else
                {
                    list.Add(scope?.ToString() ?? "");
                }
            }, scopes);
            owner.Entries.Enqueue(new CapturedLog(logLevel, category, eventId, formatter(state, exception), exception?.ToString(), string.Join(";", scopes)));
        }
    }
}

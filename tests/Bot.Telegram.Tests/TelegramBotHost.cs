using System.Diagnostics;
using Bot.Core.Commands;
using Bot.Testing.Logging;
using Bot.Testing.Telegram;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Bot.Telegram.Tests;

/// <summary>
/// Runs the real Generic Host with <c>AddTelegramTransport</c> against a <see cref="TelegramTestServer"/>.
/// Settings are short for fast tests (1 s polls, tiny backoffs, relaxed rate limits unless a test asks for the real ones).
/// </summary>
public sealed class TelegramBotHost : IAsyncDisposable
{
    private TelegramBotHost(IHost host, RecordingLoggerProvider logs, string statePath)
    {
        Host = host;
        Logs = logs;
        StatePath = statePath;
    }

    public IHost Host { get; }

    public RecordingLoggerProvider Logs { get; }

    public string StatePath { get; }

    public static string NewStatePath() => Path.Combine(Path.GetTempPath(), "bot-telegram-tests", Guid.NewGuid().ToString("N"), "telegram.db");

    /// <summary>Builds and starts the host (start throws when options validation fails).</summary>
    public static async Task<TelegramBotHost> StartAsync(
        TelegramTestServer server,
        ICommandEngine engine,
        string? statePath = null,
        IDictionary<string, string?>? settings = null,
        bool realRateLimits = false)
    {
        var host = Build(server, engine, statePath, settings, realRateLimits, out var logs, out var path);
        await host.StartAsync();
        return new TelegramBotHost(host, logs, path);
    }

    public static IHost Build(
        TelegramTestServer server,
        ICommandEngine engine,
        string? statePath,
        IDictionary<string, string?>? settings,
        bool realRateLimits,
        out RecordingLoggerProvider logs,
        out string path)
    {
        path = statePath ?? NewStatePath();
        var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
        {
            DisableDefaults = true,
            EnvironmentName = "Testing",
        });
        var config = new Dictionary<string, string?>
        {
            ["Telegram:Token"] = server.Token,
            ["Telegram:ApiBaseUrl"] = server.BaseUrl.ToString(),
            ["Telegram:PollTimeoutSeconds"] = "1",
            ["Telegram:MinEmptyPollInterval"] = "00:00:00.050",
            ["Telegram:RetryBaseDelay"] = "00:00:00.020",
            ["Telegram:StatePath"] = path,
        };
        if (!realRateLimits)
        {
            config["Telegram:GlobalMessagesPerSecond"] = "10000";
            config["Telegram:PrivateChatMessagesPerSecond"] = "1000";
            config["Telegram:GroupMessagesPerMinute"] = "60000";
        }

        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            config[key] = value;
        }

        builder.Configuration.AddInMemoryCollection(config);
        logs = new RecordingLoggerProvider();
        builder.Logging.ClearProviders().SetMinimumLevel(LogLevel.Trace).AddProvider(logs);
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(5));

        // The one line that chooses the engine: the fake now, the core's AddKnowledge engine later.
        builder.Services.AddSingleton(engine);

        builder.AddTelegramTransport();
        return builder.Build();
    }

    public T Get<T>() where T : notnull => Host.Services.GetRequiredService<T>();

    /// <summary>
    /// Waits until <paramref name="condition"/> holds, at most <paramref name="timeout"/> (20 s: the bot's side of an
    /// HTTP round trip on a loaded machine); the caller asserts the condition afterwards.
    /// </summary>
    public static async Task EventuallyAsync(Func<bool> condition, TimeSpan? timeout = null)
    {
        var deadline = Stopwatch.GetTimestamp() + (long)((timeout ?? TimeSpan.FromSeconds(20)).TotalSeconds * Stopwatch.Frequency);
        while (!condition() && Stopwatch.GetTimestamp() < deadline)
        {
            await Task.Delay(20);
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await Host.StopAsync();
        }
        finally
        {
            Host.Dispose();
        }
    }
}

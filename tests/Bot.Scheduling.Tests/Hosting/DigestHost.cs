using Bot.Core.Digests;
using Bot.Storage.Composition;
using Bot.Testing.Knowledge;
using Bot.Testing.Fakes;
using Bot.Testing.Logging;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Bot.Scheduling.Tests.Hosting;

/// <summary>
/// The knowledge core and digests composed as the run verb composes them (<c>AddKnowledge</c>, <c>AddDigests</c>) over
/// the repo's dataset, with every state file in one folder that outlives a host, so a test can stop the bot and start
/// it again; digests go to a recording "console" publisher.
/// </summary>
public sealed class DigestHost : IAsyncDisposable
{
    private DigestHost(IHost host, RecordingDigestPublisher publisher, RecordingLoggerProvider logs)
    {
        Host = host;
        Publisher = publisher;
        Logs = logs;
    }

    public IHost Host { get; }

    public RecordingDigestPublisher Publisher { get; }

    public RecordingLoggerProvider Logs { get; }

    public ISubscriptionStore Store => Host.Services.GetRequiredService<ISubscriptionStore>();

    /// <summary>
    /// Builds (not starts) the host over <paramref name="state"/> with <paramref name="settings"/> ("Digests:MisfireGrace"
    /// and the like), on <paramref name="time"/> when given (the clock the bot and its Quartz scheduler read), else the system clock.
    /// </summary>
    public static DigestHost Build(string state, IDictionary<string, string?> settings, TimeProvider? time = null)
    {
        var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true, EnvironmentName = "Test" });
        var values = TestKnowledge.Settings(state);
        foreach (var (key, value) in settings)
        {
            values[key] = value;
        }

        builder.Configuration.AddInMemoryCollection(values);
        var logs = new RecordingLoggerProvider();
        builder.Logging.ClearProviders();
        builder.Logging.SetMinimumLevel(LogLevel.Information);
        builder.Logging.AddProvider(logs);
        var publisher = new RecordingDigestPublisher();
        builder.Services.AddSingleton<IDigestPublisher>(publisher);
        if (time is not null)
        {
            // Registered first: AddKnowledge and AddDigests only add the system clock when none is there.
            builder.Services.AddSingleton(time);
        }

        builder.AddKnowledge();
        builder.AddDigests();
        return new DigestHost(builder.Build(), publisher, logs);
    }

    /// <summary>Builds and starts the host (on <paramref name="time"/> when given).</summary>
    public static async Task<DigestHost> StartAsync(string state, IDictionary<string, string?> settings, TimeProvider? time = null)
    {
        var host = Build(state, settings, time);
        await host.Host.StartAsync();
        return host;
    }

    /// <summary>The entries logged with <paramref name="eventId"/>.</summary>
    public IReadOnlyList<LogEntry> Logged(int eventId) => [.. Logs.Entries.Where(e => e.EventId.Id == eventId)];

    /// <summary>Waits until <paramref name="condition"/> holds, at most <paramref name="seconds"/> seconds.</summary>
    public static async Task<bool> EventuallyAsync(Func<bool> condition, double seconds)
    {
        var until = TimeProvider.System.GetUtcNow().AddSeconds(seconds);
        while (!condition())
        {
            if (TimeProvider.System.GetUtcNow() > until)
            {
                return false;
            }

            await Task.Delay(100);
        }

        return true;
    }

    /// <summary>Stops the bot as a shutdown would (the state folder stays).</summary>
    public async ValueTask DisposeAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        try
        {
            // A host that failed to start (options refused) has nothing to stop.
            if (Host.Services.GetRequiredService<IHostApplicationLifetime>().ApplicationStarted.IsCancellationRequested)
            {
                await Host.StopAsync(timeout.Token);
            }
        }
        finally
        {
            Host.Dispose();
            SqliteConnection.ClearAllPools();
        }
    }
}

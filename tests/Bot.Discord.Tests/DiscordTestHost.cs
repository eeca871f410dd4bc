using Bot.Core.Commands;
using Bot.Testing.Discord;
using Bot.Testing.Fakes;
using Bot.Testing.Logging;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Bot.Discord.Tests;

/// <summary>The real Generic Host with <c>AddDiscordTransport</c>, pointed at a <see cref="DiscordTestServer"/>.</summary>
internal sealed class DiscordTestHost : IAsyncDisposable
{
    public const string Token = "MTEyMzQ1Njc4OTAxMjM0NTY3OA.GsEcRe.t0p-s3cr3t-b0t-cr3d3nt1al-xyz";
    public const string ApplicationId = "800000000000000001";
    public const string GuildId = "1500000000000000001";

    private DiscordTestHost(IHost host, DiscordTestServer server, FakeCommandEngine engine, RecordingLoggerProvider logs)
    {
        Host = host;
        Server = server;
        Engine = engine;
        Logs = logs;
    }

    public IHost Host { get; }

    public DiscordTestServer Server { get; }

    public FakeCommandEngine Engine { get; }

    public RecordingLoggerProvider Logs { get; }

    /// <summary>Starts a test server and the host; <paramref name="configure"/> may set more configuration or server behaviour first.</summary>
    public static async Task<DiscordTestHost> StartAsync(
        Action<DiscordTestServer>? server = null,
        IDictionary<string, string?>? settings = null,
        FakeCommandEngine? engine = null,
        bool waitForReady = true)
    {
        var testServer = await DiscordTestServer.StartAsync();
        server?.Invoke(testServer);
        engine ??= new FakeCommandEngine();
        var logs = new RecordingLoggerProvider();
        var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true, EnvironmentName = "Testing" });
        var config = new Dictionary<string, string?>
        {
            ["Discord:Token"] = Token,
            ["Discord:ApplicationId"] = ApplicationId,
            ["Discord:GuildId"] = GuildId,
            ["Discord:ApiBaseUrl"] = testServer.ApiBaseUrl.ToString(),
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            config[key] = value;
        }

        builder.Configuration.AddInMemoryCollection(config);
        builder.Logging.ClearProviders().SetMinimumLevel(LogLevel.Trace).AddProvider(logs);

        // The fake core; when the real engine lands: builder.AddKnowledge() instead of this line.
        builder.Services.AddSingleton<ICommandEngine>(engine);
        builder.AddDiscordTransport();
        var host = builder.Build();
        await host.StartAsync();
        var result = new DiscordTestHost(host, testServer, engine, logs);
        if (waitForReady)
        {
            await testServer.WaitForConnectionAsync(0);
        }

        return result;
    }

    /// <summary>Sends an interaction on the live connection and waits for its first response.</summary>
    public async Task<RecordedRequest> InteractAsync(System.Text.Json.Nodes.JsonObject interaction, int connection = 0)
    {
        var live = await Server.WaitForConnectionAsync(connection);
        await live.SendDispatchAsync("INTERACTION_CREATE", interaction);
        var id = interaction["id"]!.GetValue<string>();
        return await Server.WaitForRequestAsync(r => r.Path.StartsWith($"interactions/{id}/", StringComparison.Ordinal) && r.Succeeded, $"the response to interaction {id}");
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            await Host.StopAsync(timeout.Token);
        }
        finally
        {
            if (Environment.GetEnvironmentVariable("DISCORD_TEST_LOGS") is { Length: > 0 } folder)
            {
                await File.WriteAllTextAsync(Path.Combine(folder, Guid.NewGuid().ToString("N")[..8] + ".log"), Logs.AllText);
            }

            Host.Dispose();
            await Server.DisposeAsync();
        }
    }
}

using System.Net.WebSockets;
using System.Text.Json.Nodes;
using Bot.Testing.Discord;
using Bot.Testing.Fakes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Bot.Discord.Tests.Gateway;

public sealed class GatewayLifecycleTests
{
    [Fact]
    public async Task Gateway_Start_IdentifiesOnceWithTokenShardAndVersionFromGatewayBot()
    {
        await using var bot = await DiscordTestHost.StartAsync();

        var connection = await bot.Server.WaitForConnectionAsync(0);

        Assert.Equal("/gateway", connection.Path);
        Assert.Contains("v=10", connection.Query, StringComparison.Ordinal);
        Assert.Contains("encoding=json", connection.Query, StringComparison.Ordinal);
        var identify = Assert.Single(connection.Received, p => p["op"]!.GetValue<int>() == 2);
        Assert.Equal(DiscordTestHost.Token, identify["d"]!["token"]!.GetValue<string>());
        Assert.Equal([0, 1], identify["d"]!["shard"]!.AsArray().Select(n => n!.GetValue<int>()));
        Assert.Contains(bot.Server.Requests, r => r.Method == "GET" && r.Path == "gateway/bot");
    }

    [Fact]
    public async Task Gateway_DroppedConnection_ResumesWithoutIdentify()
    {
        await using var bot = await DiscordTestHost.StartAsync();
        var first = await bot.Server.WaitForConnectionAsync(0);
        await first.SendDispatchAsync("GUILD_CREATE", new JsonObject { ["id"] = DiscordTestHost.GuildId, ["name"] = "Test guild" });
        var lastSequence = 0L;
        await DiscordTestServer.WaitUntilAsync(() => first.Received.Any(p => p["op"]!.GetValue<int>() == 1 && p["d"] is JsonValue v && (lastSequence = v.GetValue<long>()) >= 2), "a heartbeat carrying the latest sequence");

        first.Abort();
        var second = await bot.Server.WaitForConnectionAsync(1);

        Assert.Equal("/resume", second.Path);
        var resume = Assert.Single(second.Received, p => p["op"]!.GetValue<int>() == 6);
        Assert.Equal(DiscordTestServer.SessionId, resume["d"]!["session_id"]!.GetValue<string>());
        Assert.True(resume["d"]!["seq"]!.GetValue<long>() >= 2);
        Assert.DoesNotContain(second.Received, p => p["op"]!.GetValue<int>() == 2);
        Assert.Equal(1, bot.Server.IdentifyCount);

        var response = await bot.InteractAsync(DiscordTestServer.SlashCommand("members", "name", "BSN"), connection: 1);
        Assert.Equal(4, response.Body!["type"]!.GetValue<int>());
    }

    [Fact]
    public async Task Gateway_MissingHeartbeatAck_ClosesWithNon1000AndResumes()
    {
        await using var bot = await DiscordTestHost.StartAsync(server: s =>
        {
            s.HeartbeatIntervalMs = 150;
            s.ConfigureConnection = c => c.AckHeartbeats = c.Index > 0;
        });
        var first = await bot.Server.WaitForConnectionAsync(0);

        var closed = await first.Closed.WaitAsync(TimeSpan.FromSeconds(20));
        var second = await bot.Server.WaitForConnectionAsync(1);

        Assert.NotNull(closed);
        Assert.NotEqual(WebSocketCloseStatus.NormalClosure, closed);
        Assert.NotEqual(WebSocketCloseStatus.EndpointUnavailable, closed);
        Assert.Equal("/resume", second.Path);
        Assert.Contains(second.Received, p => p["op"]!.GetValue<int>() == 6);
        Assert.Equal(1, bot.Server.IdentifyCount);
        Assert.Contains(bot.Logs.Entries, e => e.EventId.Id == 4105);
    }

    [Fact]
    public async Task Gateway_ReconnectOp7_ResumesOnResumeUrl()
    {
        await using var bot = await DiscordTestHost.StartAsync();
        var first = await bot.Server.WaitForConnectionAsync(0);

        await first.SendAsync(new JsonObject { ["op"] = 7, ["d"] = null });
        var second = await bot.Server.WaitForConnectionAsync(1);

        Assert.NotEqual(WebSocketCloseStatus.NormalClosure, await first.Closed.WaitAsync(TimeSpan.FromSeconds(20)));
        Assert.Equal("/resume", second.Path);
        Assert.Equal(1, bot.Server.IdentifyCount);
        Assert.Equal(1, bot.Server.ResumeCount);
    }

    [Fact]
    public async Task Gateway_ResumableCloseCode4000_Resumes()
    {
        await using var bot = await DiscordTestHost.StartAsync();
        var first = await bot.Server.WaitForConnectionAsync(0);

        await first.CloseAsync(4000, "Unknown error");
        var second = await bot.Server.WaitForConnectionAsync(1);

        Assert.Equal("/resume", second.Path);
        Assert.Equal(1, bot.Server.IdentifyCount);
    }

    [Fact]
    public async Task Gateway_InvalidSessionNotResumable_ReidentifiesOnGatewayUrl()
    {
        await using var bot = await DiscordTestHost.StartAsync();
        var first = await bot.Server.WaitForConnectionAsync(0);

        bot.Server.InvalidateSession();
        await first.SendAsync(new JsonObject { ["op"] = 9, ["d"] = false });
        var second = await bot.Server.WaitForConnectionAsync(1);

        Assert.Equal("/gateway", second.Path);
        Assert.Contains(second.Received, p => p["op"]!.GetValue<int>() == 2);
        Assert.DoesNotContain(second.Received, p => p["op"]!.GetValue<int>() == 6);
        Assert.Equal(2, bot.Server.IdentifyCount);
    }

    [Fact]
    public async Task Gateway_InvalidSessionResumable_Resumes()
    {
        await using var bot = await DiscordTestHost.StartAsync();
        var first = await bot.Server.WaitForConnectionAsync(0);

        await first.SendAsync(new JsonObject { ["op"] = 9, ["d"] = true });
        var second = await bot.Server.WaitForConnectionAsync(1);

        Assert.Equal("/resume", second.Path);
        Assert.Equal(1, bot.Server.IdentifyCount);
    }

    [Fact]
    public async Task Gateway_HeartbeatRequestOp1_AnsweredAtOnce()
    {
        await using var bot = await DiscordTestHost.StartAsync(server: s => s.HeartbeatIntervalMs = 60_000);
        var connection = await bot.Server.WaitForConnectionAsync(0);

        await connection.SendAsync(new JsonObject { ["op"] = 1, ["d"] = null });

        await DiscordTestServer.WaitUntilAsync(() => connection.Received.Any(p => p["op"]!.GetValue<int>() == 1), "a heartbeat answering op 1");
    }

    [Fact]
    public async Task Gateway_MalformedAndUnknownEvents_SkippedAndConnectionKept()
    {
        await using var bot = await DiscordTestHost.StartAsync();
        var connection = await bot.Server.WaitForConnectionAsync(0);

        await connection.SendRawAsync("{not json");
        await connection.SendRawAsync("[1,2,3]");
        await connection.SendAsync(new JsonObject { ["op"] = 42, ["d"] = "?" });
        await connection.SendDispatchAsync("SOMETHING_NEW", new JsonObject { ["x"] = 1 });
        await connection.SendDispatchAsync("INTERACTION_CREATE", new JsonObject { ["type"] = 2 });
        var response = await bot.InteractAsync(DiscordTestServer.SlashCommand("members", "name", "BSN"));

        Assert.Equal(4, response.Body!["type"]!.GetValue<int>());
        Assert.Single(bot.Server.Connections);
        Assert.Contains(bot.Logs.Entries, e => e.EventId.Id == 4109);
    }

    [Fact]
    public async Task Gateway_FragmentedFrames_JoinedUntilEndOfMessage()
    {
        await using var bot = await DiscordTestHost.StartAsync();
        var connection = await bot.Server.WaitForConnectionAsync(0);
        var payload = new JsonObject { ["op"] = 0, ["t"] = "INTERACTION_CREATE", ["s"] = 99, ["d"] = DiscordTestServer.SlashCommand("members", "name", "BSN") };

        await connection.SendRawAsync(payload.ToJsonString(), fragments: 7);
        var response = await bot.Server.WaitForRequestAsync(r => r.Path.EndsWith("/callback", StringComparison.Ordinal), "the answer to a fragmented event");

        Assert.Equal(4, response.Body!["type"]!.GetValue<int>());
    }

    [Fact]
    public async Task Gateway_CloseCode4004_StopsHostWithClearErrorAndNonZeroExit()
    {
        var previousExitCode = Environment.ExitCode;
        try
        {
            await using var bot = await DiscordTestHost.StartAsync(server: s => s.CloseOnIdentify = 4004, waitForReady: false);
            var lifetime = bot.Host.Services.GetRequiredService<IHostApplicationLifetime>();
            var stopping = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            using var registration = lifetime.ApplicationStopping.Register(stopping.SetResult);

            await DiscordTestServer.WaitUntilAsync(() => stopping.Task.IsCompleted, "the host to stop");

            Assert.Equal(1, Environment.ExitCode);
            var fatal = Assert.Single(bot.Logs.Entries, e => e.Level == Microsoft.Extensions.Logging.LogLevel.Critical);
            Assert.Contains("4004", fatal.Message, StringComparison.Ordinal);
            Assert.Contains("Discord__Token", fatal.Message, StringComparison.Ordinal);
            Assert.Single(bot.Server.Connections);
            Assert.DoesNotContain(DiscordTestHost.Token, bot.Logs.AllText, StringComparison.Ordinal);
        }
        finally
        {
            Environment.ExitCode = previousExitCode;
        }
    }

    [Fact]
    public async Task Gateway_DisallowedIntents4014_StopsHostNamingTheIntent()
    {
        var previousExitCode = Environment.ExitCode;
        try
        {
            await using var bot = await DiscordTestHost.StartAsync(
                server: s => s.CloseOnIdentify = 4014,
                settings: new Dictionary<string, string?> { ["Discord:EnableTextCommands"] = "true" },
                waitForReady: false);
            var lifetime = bot.Host.Services.GetRequiredService<IHostApplicationLifetime>();

            await DiscordTestServer.WaitUntilAsync(() => lifetime.ApplicationStopping.IsCancellationRequested, "the host to stop");

            Assert.Equal(1, Environment.ExitCode);
            Assert.Contains(bot.Logs.Entries, e => e.Level == Microsoft.Extensions.Logging.LogLevel.Critical && e.Message.Contains("Message Content", StringComparison.Ordinal));
            Assert.Single(bot.Server.Connections);
        }
        finally
        {
            Environment.ExitCode = previousExitCode;
        }
    }

    [Fact]
    public async Task Shards_RecommendedByGatewayBot_EachIdentifiesWithItsShardPair()
    {
        await using var bot = await DiscordTestHost.StartAsync(server: s =>
        {
            s.RecommendedShards = 2;
            s.MaxConcurrency = 2;
        });

        await bot.Server.WaitForConnectionAsync(1);

        var pairs = bot.Server.Connections
            .Select(c => c.Received.Single(p => p["op"]!.GetValue<int>() == 2)["d"]!["shard"]!.AsArray().Select(n => n!.GetValue<int>()).ToArray())
            .OrderBy(p => p[0])
            .ToList();
        Assert.Equal([[0, 2], [1, 2]], pairs);
    }

    [Fact]
    public async Task Shards_FromConfiguration_OverrideRecommendation()
    {
        await using var bot = await DiscordTestHost.StartAsync(
            server: s => s.RecommendedShards = 4,
            settings: new Dictionary<string, string?> { ["Discord:ShardCount"] = "1" });

        await bot.InteractAsync(DiscordTestServer.SlashCommand("help"));

        var connection = Assert.Single(bot.Server.Connections);
        Assert.Equal([0, 1], connection.Received.Single(p => p["op"]!.GetValue<int>() == 2)["d"]!["shard"]!.AsArray().Select(n => n!.GetValue<int>()));
    }

    [Fact]
    public async Task Registration_DiscordOutage_LoggedAndGatewayStillAnswers()
    {
        await using var bot = await DiscordTestHost.StartAsync(server: s =>
        {
            for (var i = 0; i < 4; i++)
            {
                s.Inject(new InjectedFault("PUT", "/commands", 503, """{"message":"unavailable","code":0}"""));
            }
        });

        var response = await bot.InteractAsync(DiscordTestServer.SlashCommand("members", "name", "BSN"));

        Assert.Equal(4, response.Body!["type"]!.GetValue<int>());
        Assert.Contains(bot.Logs.Entries, e => e.EventId.Id == 4013);
    }

    [Fact]
    public async Task Gateway_HostStopping_ClosesWith1000()
    {
        var bot = await DiscordTestHost.StartAsync();
        await using (bot)
        {
            var connection = await bot.Server.WaitForConnectionAsync(0);

            await bot.Host.StopAsync();

            Assert.Equal(WebSocketCloseStatus.NormalClosure, await connection.Closed.WaitAsync(TimeSpan.FromSeconds(20)));
            Assert.Single(bot.Server.Connections);
        }
    }

    [Fact]
    public async Task Rest_401OnRegistration_StopsHostWithoutConnecting()
    {
        var previousExitCode = Environment.ExitCode;
        try
        {
            await using var bot = await DiscordTestHost.StartAsync(
                server: s => s.Inject(new InjectedFault("PUT", "/commands", 401, """{"message":"401: Unauthorized","code":0}""")),
                waitForReady: false);
            var lifetime = bot.Host.Services.GetRequiredService<IHostApplicationLifetime>();

            await DiscordTestServer.WaitUntilAsync(() => lifetime.ApplicationStopping.IsCancellationRequested, "the host to stop");

            Assert.Equal(1, Environment.ExitCode);
            Assert.Contains(bot.Logs.Entries, e => e.Level == Microsoft.Extensions.Logging.LogLevel.Critical && e.Message.Contains("Discord__Token", StringComparison.Ordinal));
            Assert.Empty(bot.Server.Connections);
            Assert.DoesNotContain(DiscordTestHost.Token, bot.Logs.AllText, StringComparison.Ordinal);
        }
        finally
        {
            Environment.ExitCode = previousExitCode;
        }
    }

    [Fact]
    public async Task Interaction_CoreThrows_UserGetsApologyAndConnectionStays()
    {
        var engine = new FakeCommandEngine { Respond = _ => throw new InvalidOperationException("boom") };
        await using var bot = await DiscordTestHost.StartAsync(engine: engine);

        var response = await bot.InteractAsync(DiscordTestServer.SlashCommand("members", "name", "BSN"));

        Assert.Equal("Something went wrong", response.Body!["data"]!["embeds"]![0]!["title"]!.GetValue<string>());
        Assert.Single(bot.Server.Connections);
    }
}

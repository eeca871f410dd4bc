using System.Diagnostics;
using Bot.Core.Replies;
using Bot.Telegram.State;
using Bot.Testing.Fakes;
using Bot.Testing.Telegram;

namespace Bot.Telegram.Tests;

public sealed class SendingTests
{
    [Fact]
    public async Task Sending_429ThenSuccess_WaitsRetryAfterAndDelivers()
    {
        await using var server = await TelegramTestServer.StartAsync();
        server.FailNext("sendMessage", 429, "Too Many Requests: retry after 1", retryAfter: 1);
        await using var bot = await TelegramBotHost.StartAsync(server, new FakeCommandEngine());

        server.EnqueueUpdate(TelegramUpdates.PrivateMessage(8001, "/help"));
        var sent = await server.WaitForSentAsync(1);

        Assert.Equal("Echo\n\n/help", sent[0].Shown.PlainText);
        var attempts = server.Calls.Where(c => c.Method == "sendMessage").ToList();
        Assert.Equal([429, 200], attempts.Select(c => c.Status));
        Assert.True(Stopwatch.GetElapsedTime(attempts[0].At, attempts[1].At) >= TimeSpan.FromSeconds(0.95), "the retry must wait retry_after");
    }

    [Fact]
    public async Task Sending_ServerErrors_RetriedWithBackoffThenDropped()
    {
        await using var server = await TelegramTestServer.StartAsync();
        server.FailNext("sendMessage", 500, "Internal Server Error", chatId: 8002, times: 2);
        server.FailNext("sendMessage", 502, "Bad Gateway", chatId: 8003, times: int.MaxValue);
        await using var bot = await TelegramBotHost.StartAsync(server, new FakeCommandEngine(), settings: new Dictionary<string, string?> { ["Telegram:MaxSendAttempts"] = "3" });

        server.EnqueueUpdate(TelegramUpdates.PrivateMessage(8003, "/help dropped"));
        server.EnqueueUpdate(TelegramUpdates.PrivateMessage(8002, "/help recovers"));
        var sent = await server.WaitForSentAsync(1);
        await server.WaitForCallsAsync("sendMessage", count: 3, filter: c => c.Parameters["chat_id"]!.ToString() == "8003");

        // The drop is logged once the bot has read the third 502, after the server recorded it.
        await TelegramBotHost.EventuallyAsync(() => bot.Logs.Entries.Any(e => e.EventId.Id == 3022));

        Assert.Equal(8002, Assert.Single(sent).ChatId);
        Assert.Equal(3, server.Calls.Count(c => c.Method == "sendMessage" && c.Parameters["chat_id"]!.ToString() == "8002"));
        Assert.Equal(3, server.Calls.Count(c => c.Method == "sendMessage" && c.Parameters["chat_id"]!.ToString() == "8003"));
        var dropped = Assert.Single(bot.Logs.Entries, e => e.EventId.Id == 3022);
        Assert.Contains("8003", dropped.Message, StringComparison.Ordinal);
        Assert.Contains("Bad Gateway", dropped.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sending_403_MarksChatInactiveUntilItWritesAgain()
    {
        await using var server = await TelegramTestServer.StartAsync();
        server.BlockChat(8004);
        var engine = new FakeCommandEngine { Respond = _ => Replies.Long(90, 100) };
        await using var bot = await TelegramBotHost.StartAsync(server, engine);
        var state = bot.Get<TelegramStateStore>();

        server.EnqueueUpdate(TelegramUpdates.PrivateMessage(8004, "/search long"));
        await server.WaitForCallsAsync("sendMessage", filter: c => c.Status == 403);

        // The chat is marked inactive once the bot has read the 403, after the server recorded it.
        await TelegramBotHost.EventuallyAsync(() => state.IsInactive(8004));

        Assert.True(state.IsInactive(8004));
        using (var reopened = new TelegramStateStore(Microsoft.Extensions.Options.Options.Create(new TelegramOptions { StatePath = bot.StatePath }), TimeProvider.System))
        {
            Assert.True(reopened.IsInactive(8004), "inactivity is persisted");
        }

        // The first of three parts was refused: the other two were never attempted.
        Assert.Single(server.Calls, c => c.Method == "sendMessage");

        server.ClearFailures();
        engine.Respond = r => Reply.Text(ReplyKind.Answer, "Echo", r.Text);
        server.EnqueueUpdate(TelegramUpdates.PrivateMessage(8004, "/help I unblocked you"));
        var sent = await server.WaitForSentAsync(1);

        Assert.Equal("Echo\n\n/help I unblocked you", sent[0].Shown.PlainText);
        Assert.False(state.IsInactive(8004));
    }

    [Fact]
    public async Task Sending_GroupUpgradedToSupergroup_MovesChatAndResends()
    {
        await using var server = await TelegramTestServer.StartAsync();
        server.FailNext("sendMessage", 400, "Bad Request: group chat was upgraded to a supergroup chat", migrateToChatId: -1001234567890, chatId: -4455);
        await using var bot = await TelegramBotHost.StartAsync(server, new FakeCommandEngine());

        server.EnqueueUpdate(TelegramUpdates.GroupMessage(-4455, 8005, "/help first", type: "group"));
        var first = await server.WaitForSentAsync(1);
        Assert.Equal(-1001234567890, first[0].ChatId);
        Assert.Equal("Echo\n\n/help first", first[0].Shown.PlainText);

        // A later answer to the old id goes straight to the supergroup.
        server.EnqueueUpdate(TelegramUpdates.GroupMessage(-4455, 8005, "/help second", type: "group"));
        var both = await server.WaitForSentAsync(2);
        Assert.All(both, s => Assert.Equal(-1001234567890, s.ChatId));
        Assert.Single(server.Calls, c => c.Method == "sendMessage" && c.Parameters["chat_id"]!.ToString() == "-4455");
        Assert.Equal(-1001234567890, bot.Get<TelegramStateStore>().ResolveChat(-4455));
    }

    [Fact]
    public async Task Sending_RealRateLimits_StayWithinTelegramFloodLimits()
    {
        await using var server = await TelegramTestServer.StartAsync();
        server.EnforceFloodLimits = true;
        await using var bot = await TelegramBotHost.StartAsync(server, new FakeCommandEngine(), realRateLimits: true);

        for (var i = 0; i < 5; i++)
        {
            server.EnqueueUpdate(TelegramUpdates.PrivateMessage(8006, $"/help {i}"));
            server.EnqueueUpdate(TelegramUpdates.GroupMessage(-1008006, 8006, $"/help {i}"));
        }

        var sent = await server.WaitForSentAsync(10, timeout: TimeSpan.FromSeconds(30));

        Assert.Equal(10, sent.Count);
        Assert.DoesNotContain(server.Calls, c => c.Status == 429);
    }
}

public sealed class ShutdownTests
{
    [Fact]
    public async Task Stop_WithReplyBeingRetried_SendsItBeforeStopping()
    {
        await using var server = await TelegramTestServer.StartAsync();
        server.FailNext("sendMessage", 500, "Internal Server Error");
        var bot = await TelegramBotHost.StartAsync(server, new FakeCommandEngine(), settings: new Dictionary<string, string?> { ["Telegram:RetryBaseDelay"] = "00:00:00.400" });

        server.EnqueueUpdate(TelegramUpdates.PrivateMessage(8101, "/help just before shutdown"));
        await server.WaitForCallsAsync("sendMessage", filter: c => c.Status == 500);
        await bot.DisposeAsync();

        var sent = Assert.Single(server.Sent);
        Assert.Equal("Echo\n\n/help just before shutdown", sent.Shown.PlainText);
    }
}

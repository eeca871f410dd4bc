using Bot.Core.Replies;
using Bot.Telegram.State;
using Bot.Testing.Fakes;
using Bot.Testing.Telegram;
using Microsoft.Extensions.Logging;

namespace Bot.Telegram.Tests;

// Start_TokenRejected_StopsApplicationWithNonZeroExitCode reads and resets the process's exit code.
[Collection(nameof(ProcessExitCodeCollection))]
public sealed class PollingTests
{
    [Fact]
    public async Task Polling_PrivateCommand_RepliesInHtmlToTheAskingMessage()
    {
        await using var server = await TelegramTestServer.StartAsync();
        var engine = new FakeCommandEngine { Respond = _ => Replies.Members("BSN", ("Ann Lee", "chair"), ("Bo Chan", "treasurer")) };
        await using var bot = await TelegramBotHost.StartAsync(server, engine);

        server.EnqueueUpdate(TelegramUpdates.PrivateMessage(7001, "/members BSN", messageId: 42));
        var sent = (await server.WaitForSentAsync(1)).Single();

        Assert.Equal(7001, sent.ChatId);
        Assert.Equal("HTML", sent.ParseMode);
        Assert.Equal(42, sent.ReplyToMessageId);
        Assert.Equal(
            "Members of BSN\n\n2 people are named as members of BSN.\n\nMembers\n• Ann Lee — chair [1]\n• Bo Chan — treasurer [2]\n\n"
            + "[1] BSN congress elects new board — Daily Post, 8 Jun 2019\n[2] Party statement — statement.txt\n\nBased on 2 articles, 8 Jun 2019",
            sent.Shown.PlainText);
        Assert.Equal(["Members of BSN", "Members", "Ann Lee", "Bo Chan"], sent.Shown.BoldTexts);
        Assert.Equal([new HtmlLink("BSN congress elects new board", "https://news.example/bsn-board?a=1&b=2")], sent.Shown.Links);
        Assert.Equal(["Based on 2 articles, 8 Jun 2019"], sent.Shown.ItalicTexts);
        Assert.True(sent.LinkPreviewDisabled);

        var request = Assert.Single(engine.Requests);
        Assert.Equal(new Bot.Core.Commands.CommandRequest("/members BSN", "telegram", "7001", "7001", "NewsBot"), request);
    }

    [Fact]
    public async Task Polling_GroupCommandWithBotName_RepliesInHtml()
    {
        await using var server = await TelegramTestServer.StartAsync();
        var engine = new FakeCommandEngine { Respond = _ => Replies.Members("BSN", ("Ann Lee", "chair")) };
        await using var bot = await TelegramBotHost.StartAsync(server, engine);

        server.EnqueueUpdate(TelegramUpdates.GroupMessage(-100123, 7002, "/members@NewsBot BSN", messageId: 77));
        var sent = (await server.WaitForSentAsync(1)).Single();

        Assert.Equal(-100123, sent.ChatId);
        Assert.Equal(77, sent.ReplyToMessageId);
        Assert.Null(sent.MessageThreadId);
        Assert.Contains("• Ann Lee — chair [1]", sent.Shown.PlainText, StringComparison.Ordinal);
        Assert.StartsWith("<b>Members of BSN</b>", sent.Text, StringComparison.Ordinal);
        var request = Assert.Single(engine.Requests);
        Assert.Equal("/members@NewsBot BSN", request.Text);
        Assert.Equal("-100123", request.ChatId);
        Assert.Equal("7002", request.UserId);
    }

    [Fact]
    public async Task Polling_CommandForOtherBotOrPlainText_IsIgnored()
    {
        await using var server = await TelegramTestServer.StartAsync();
        var engine = new FakeCommandEngine();
        await using var bot = await TelegramBotHost.StartAsync(server, engine);

        server.EnqueueUpdate(TelegramUpdates.GroupMessage(-100200, 1, "/members@OtherBot BSN"));
        server.EnqueueUpdate(TelegramUpdates.GroupMessage(-100200, 1, "just chatting about BSN"));
        server.EnqueueUpdate(TelegramUpdates.GroupMessage(-100200, 1, "/help@newsbot"));
        await server.WaitForSentAsync(1);
        await server.WaitForCallsAsync("getUpdates", filter: c => c.Parameters["offset"]?.ToString() is { } o && long.Parse(o, System.Globalization.CultureInfo.InvariantCulture) > 0, count: 2);

        var sent = Assert.Single(server.Sent);
        Assert.Equal("Echo\n\n/help@newsbot", sent.Shown.PlainText);
        Assert.Equal(["/help@newsbot"], engine.Requests.Select(r => r.Text));
    }

    [Fact]
    public async Task Polling_CaptionChannelPostAndForumTopic_AreAnswered()
    {
        await using var server = await TelegramTestServer.StartAsync();
        var engine = new FakeCommandEngine();
        await using var bot = await TelegramBotHost.StartAsync(server, engine);

        server.EnqueueUpdate(TelegramUpdates.PhotoWithCaption(7003, 7003, "/about Ann Lee"));
        server.EnqueueUpdate(TelegramUpdates.ChannelPost(-100300, "/search election", messageId: 9));
        server.EnqueueUpdate(TelegramUpdates.GroupMessage(-100400, 7004, "/help", topicThreadId: 55, messageId: 10));
        var sent = await server.WaitForSentAsync(3);

        Assert.Equal("Echo\n\n/about Ann Lee", sent.Single(s => s.ChatId == 7003).Shown.PlainText);
        var channel = sent.Single(s => s.ChatId == -100300);
        Assert.Equal("Echo\n\n/search election", channel.Shown.PlainText);
        Assert.Equal(9, channel.ReplyToMessageId);
        var topic = sent.Single(s => s.ChatId == -100400);
        Assert.Equal(55, topic.MessageThreadId);
        Assert.Equal(10, topic.ReplyToMessageId);
        Assert.Null(engine.Requests.Single(r => r.ChatId == "-100300").UserId);
    }

    [Fact]
    public async Task Polling_Restart_DoesNotRehandleUpdates()
    {
        await using var server = await TelegramTestServer.StartAsync();
        server.KeepConfirmedUpdates = true;
        var statePath = TelegramBotHost.NewStatePath();
        var first = new FakeCommandEngine();
        await using (var bot = await TelegramBotHost.StartAsync(server, first, statePath))
        {
            server.EnqueueUpdate(TelegramUpdates.PrivateMessage(7005, "/help before restart"));
            await server.WaitForSentAsync(1);
        }

        var second = new FakeCommandEngine();
        var after = server.EnqueueUpdate(TelegramUpdates.PrivateMessage(7005, "/help after restart"));
        await using (var bot = await TelegramBotHost.StartAsync(server, second, statePath))
        {
            await server.WaitForSentAsync(2);
            await server.WaitForCallsAsync("getUpdates", filter: c => c.Parameters["offset"]?.ToString() == (after + 1).ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        Assert.Equal(["/help before restart"], first.Requests.Select(r => r.Text));
        Assert.Equal(["/help after restart"], second.Requests.Select(r => r.Text));
        Assert.Equal(["Echo\n\n/help before restart", "Echo\n\n/help after restart"], server.Sent.Select(s => s.Shown.PlainText));
    }

    [Fact]
    public async Task Polling_MalformedUpdatesThenGoodOne_SkipsBadAndAnswersGood()
    {
        await using var server = await TelegramTestServer.StartAsync();
        var engine = new FakeCommandEngine();
        await using var bot = await TelegramBotHost.StartAsync(server, engine);

        server.EnqueueRawUpdate("""{"update_id":1,"message":{"message_id":1,"date":1760000000,"text":"/help no chat"}}""", 1);
        server.EnqueueRawUpdate("""{"update_id":2,"message":{"message_id":2,"date":"yesterday","chat":{"id":5,"type":"private"},"text":"/help"}}""", 2);
        server.EnqueueRawUpdate("""{"update_id":3,"message":{"message_id":3,"date":-5,"chat":{"id":5,"type":"private"},"text":"/help odd date"}}""", 3);
        server.EnqueueRawUpdate("""{"update_id":4,"message":{"message_id":4,"date":1760000000,"chat":{"id":5,"type":"spaceship"},"text":"/help"}}""", 4);
        server.EnqueueRawUpdate("{\"update_id\":5,\"message\":{\"message_id\":5,\"date\":1760000000,\"chat\":{\"id\":5,\"type\":\"private\"},\"text\":\"/search " + new string('a', 20_000) + "\"}}", 5);
        server.EnqueueRawUpdate("""{"update_id":6,"poll":{"id":"p","question":"?"}}""", 6);
        server.EnqueueRawUpdate("""[1,2,3]""", 7);
        server.EnqueueRawUpdate("""{"update_id":"eight"}""", 8);
        server.EnqueueUpdate(TelegramUpdates.PrivateMessage(7006, "/help good", messageId: 600));

        var sent = (await server.WaitForSentAsync(1)).Single();
        Assert.Equal("Echo\n\n/help good", sent.Shown.PlainText);
        Assert.Equal(["/help good"], engine.Requests.Select(r => r.Text));
        Assert.Equal(7, bot.Logs.Entries.Count(e => e.EventId.Id == 3011));
    }

    [Fact]
    public async Task Polling_ServerAnswersEmptyAtOnce_DoesNotSpin()
    {
        await using var server = await TelegramTestServer.StartAsync();
        server.AnswerPollsImmediately = true;
        await using var bot = await TelegramBotHost.StartAsync(server, new FakeCommandEngine(), settings: new Dictionary<string, string?>
        {
            ["Telegram:MinEmptyPollInterval"] = "00:00:00.250",
        });

        await server.WaitForCallsAsync("getUpdates");
        var start = server.GetUpdatesCalls;
        var began = System.Diagnostics.Stopwatch.GetTimestamp();
        await Task.Delay(TimeSpan.FromSeconds(1));

        // It keeps polling: on a loaded machine the next poll may come later than a second after the first, so it is
        // waited for, and the bound below counts the time that really passed.
        await server.WaitForCallsAsync("getUpdates", count: start + 1, timeout: TimeSpan.FromSeconds(20));
        var polls = server.GetUpdatesCalls - start;
        var elapsed = System.Diagnostics.Stopwatch.GetElapsedTime(began);

        // At most one poll per 250 ms: a spinning loop would make hundreds of calls (6 in the first second, as before).
        Assert.InRange(polls, 1, 2 + (int)(elapsed / TimeSpan.FromMilliseconds(250)));
    }

    [Fact]
    public async Task Polling_ServerErrors_BackOffAndRecover()
    {
        await using var server = await TelegramTestServer.StartAsync();
        server.FailNext("getUpdates", 502, "Bad Gateway", times: 1);
        server.FailNext("getUpdates", 409, "Conflict: terminated by other getUpdates request; make sure that only one bot instance is running", times: 1);
        await using var bot = await TelegramBotHost.StartAsync(server, new FakeCommandEngine());

        server.EnqueueUpdate(TelegramUpdates.PrivateMessage(7007, "/help"));
        var sent = await server.WaitForSentAsync(1, timeout: TimeSpan.FromSeconds(20));

        Assert.Equal(7007, sent[0].ChatId);
        Assert.Equal(2, bot.Logs.Entries.Count(e => e.EventId.Id == 3010));
    }

    [Fact]
    public async Task Start_RegistersCommandMenu()
    {
        await using var server = await TelegramTestServer.StartAsync();
        await using var bot = await TelegramBotHost.StartAsync(server, new FakeCommandEngine());

        await server.WaitForCallsAsync("setMyCommands");

        Assert.Equal(
            [
                "members: Members of a consortium, alliance or network", "about: What the articles say about a company or organisation",
                "search: Articles that mention some words", "latest: The latest articles", "help: What the bot can answer",
            ],
            server.MyCommands!.Select(c => $"{c!["command"]}: {c["description"]}"));
    }

    [Fact]
    public async Task Start_SetMyCommandsRefused_WarnsAndStillAnswers()
    {
        await using var server = await TelegramTestServer.StartAsync();
        server.FailNext("setMyCommands", 400, "Bad Request: BOT_COMMAND_INVALID");
        await using var bot = await TelegramBotHost.StartAsync(server, new FakeCommandEngine());

        server.EnqueueUpdate(TelegramUpdates.PrivateMessage(7008, "/help"));
        await server.WaitForSentAsync(1);

        Assert.Contains(bot.Logs.Entries, e => e.Level == LogLevel.Warning && e.EventId.Id == 3002);
    }

    [Fact]
    public async Task Start_TokenRejected_StopsApplicationWithNonZeroExitCode()
    {
        await using var server = await TelegramTestServer.StartAsync(token: "987654321:AAOtherTokenThanTheBotHas_abcdefghijk");
        var engine = new FakeCommandEngine();
        try
        {
            await using var bot = await TelegramBotHost.StartAsync(server, engine, settings: new Dictionary<string, string?> { ["Telegram:Token"] = TelegramTestServer.DefaultToken });
            var lifetime = bot.Get<Microsoft.Extensions.Hosting.IHostApplicationLifetime>();
            var stopping = new TaskCompletionSource();
            using var registration = lifetime.ApplicationStopping.Register(stopping.SetResult);
            await stopping.Task.WaitAsync(TimeSpan.FromSeconds(15));

            Assert.Equal(FatalErrors.ExitCode, Environment.ExitCode);
            var fatal = Assert.Single(bot.Logs.Entries, e => e.Level == LogLevel.Critical);
            Assert.Contains("Telegram:Token", fatal.Message, StringComparison.Ordinal);
        }
        finally
        {
            Environment.ExitCode = 0;
        }
    }

    [Fact]
    public async Task Polling_BotBlockedThenUnblocked_ByMyChatMember()
    {
        await using var server = await TelegramTestServer.StartAsync();
        await using var bot = await TelegramBotHost.StartAsync(server, new FakeCommandEngine());
        var state = bot.Get<TelegramStateStore>();

        server.EnqueueUpdate(new System.Text.Json.Nodes.JsonObject
        {
            ["my_chat_member"] = new System.Text.Json.Nodes.JsonObject
            {
                ["chat"] = TelegramUpdates.Chat(7009, "private"),
                ["from"] = TelegramUpdates.User(7009),
                ["date"] = TelegramUpdates.Date,
                ["old_chat_member"] = new System.Text.Json.Nodes.JsonObject { ["status"] = "member", ["user"] = TelegramUpdates.User(1) },
                ["new_chat_member"] = new System.Text.Json.Nodes.JsonObject { ["status"] = "kicked", ["user"] = TelegramUpdates.User(1), ["until_date"] = 0 },
            },
        });
        await server.WaitForCallsAsync("getUpdates", filter: c => c.Parameters["offset"] is not null);
        for (var i = 0; i < 50 && !state.IsInactive(7009); i++)
        {
            await Task.Delay(20);
        }

        Assert.True(state.IsInactive(7009));
    }

    [Fact]
    public async Task Polling_EngineThrows_ApologisesAndKeepsReceiving()
    {
        await using var server = await TelegramTestServer.StartAsync();
        var engine = new FakeCommandEngine
        {
            Respond = r => r.Text.Contains("boom", StringComparison.Ordinal) ? throw new InvalidOperationException("boom") : Reply.Text(ReplyKind.Help, "Help", "ok"),
        };
        await using var bot = await TelegramBotHost.StartAsync(server, engine);

        server.EnqueueUpdate(TelegramUpdates.PrivateMessage(7010, "/search boom"));
        server.EnqueueUpdate(TelegramUpdates.PrivateMessage(7010, "/help"));
        var sent = await server.WaitForSentAsync(2);

        Assert.Equal(["Sorry\n\nSomething went wrong while answering; please try again later.", "Help\n\nok"], sent.Select(s => s.Shown.PlainText));
    }
}

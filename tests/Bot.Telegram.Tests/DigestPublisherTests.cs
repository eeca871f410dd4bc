using Bot.Core.Digests;
using Bot.Core.Replies;
using Bot.Testing.Digests;
using Bot.Testing.Fakes;
using Bot.Testing.Telegram;
using Microsoft.Extensions.DependencyInjection;

namespace Bot.Telegram.Tests;

/// <summary>The Telegram digest publisher against the loopback Bot API: what a chat receives and what the core is told.</summary>
public sealed class DigestPublisherTests
{
    [Fact]
    public async Task AddTelegramTransport_RegistersOnePublisherForTelegram()
    {
        await using var server = await TelegramTestServer.StartAsync();
        await using var bot = await TelegramBotHost.StartAsync(server, new FakeCommandEngine());

        var publisher = Assert.Single(bot.Host.Services.GetServices<IDigestPublisher>());
        Assert.Equal("telegram", publisher.Platform);
    }

    [Fact]
    public async Task Publish_LongDigest_SendsEveryPartInOrderAndReportsEach()
    {
        await using var server = await TelegramTestServer.StartAsync();
        await using var bot = await TelegramBotHost.StartAsync(server, new FakeCommandEngine());
        var progress = new PartProgress();

        var result = await Publisher(bot).PublishAsync(progress.Message("d1", "9001", SampleDigests.Reply(40)), CancellationToken.None);

        Assert.Equal(PublishStatus.Sent, result.Status);
        var sent = server.Sent.Where(s => s.ChatId == 9001).ToList();
        Assert.True(sent.Count >= 3, $"a digest of 40 long stories is several messages, got {sent.Count}");
        Assert.All(sent, s => Assert.InRange(s.Shown.PlainText.Length, 1, 4096));
        Assert.Equal(Enumerable.Range(1, sent.Count), progress.Reported);
        var text = string.Join("\n", sent.Select(s => s.Shown.PlainText));
        for (var i = 1; i <= 40; i++)
        {
            // Every story is whole in exactly one message: parts are cut between items, and all are sent (no More button).
            Assert.Single(sent, s => s.Shown.PlainText.Contains($"Story {i:D2} headline — Lead sentence {i:D2}", StringComparison.Ordinal));
        }

        Assert.True(text.IndexOf("Story 01", StringComparison.Ordinal) < text.IndexOf("Story 40", StringComparison.Ordinal));
        Assert.DoesNotContain(sent, s => s.Buttons.Any(b => b.Text.StartsWith("More", StringComparison.Ordinal)));
        Assert.Equal(["About Acme Union"], sent[^1].Buttons.Select(b => b.Text));
        Assert.All(sent[..^1], s => Assert.Empty(s.Buttons));
    }

    [Fact]
    public async Task Publish_PartsAlreadySent_SendsOnlyTheRest()
    {
        await using var server = await TelegramTestServer.StartAsync();
        await using var bot = await TelegramBotHost.StartAsync(server, new FakeCommandEngine());
        var digest = SampleDigests.Reply(40);
        var full = new PartProgress();
        await Publisher(bot).PublishAsync(full.Message("d2", "9002", digest), CancellationToken.None);
        var all = server.Sent.Where(s => s.ChatId == 9002).Select(s => s.Text).ToList();

        var resumed = new PartProgress();
        var result = await Publisher(bot).PublishAsync(resumed.Message("d2", "9003", digest, partsAlreadySent: 2), CancellationToken.None);

        Assert.Equal(PublishStatus.Sent, result.Status);
        Assert.Equal(all.Skip(2), server.Sent.Where(s => s.ChatId == 9003).Select(s => s.Text));
        Assert.Equal(Enumerable.Range(3, all.Count - 2), resumed.Reported);

        var done = await Publisher(bot).PublishAsync(new PartProgress().Message("d2", "9004", digest, partsAlreadySent: all.Count), CancellationToken.None);
        Assert.Equal(PublishStatus.Sent, done.Status);
        Assert.DoesNotContain(server.Calls, c => c.Method == "sendMessage" && c.Parameters["chat_id"]!.ToString() == "9004");
    }

    [Fact]
    public async Task Publish_PartRefused_StopsThereAndReportsTheSentOnes()
    {
        await using var server = await TelegramTestServer.StartAsync();
        server.OnSendMessage = (n, _, _) =>
        {
            if (n == 2)
            {
                server.FailNext("sendMessage", 400, "Bad Request: can't parse entities: unsupported start tag", chatId: 9005);
            }

            return Task.CompletedTask;
        };
        await using var bot = await TelegramBotHost.StartAsync(server, new FakeCommandEngine());
        var progress = new PartProgress();

        var result = await Publisher(bot).PublishAsync(progress.Message("d3", "9005", SampleDigests.Reply(40)), CancellationToken.None);

        Assert.Equal(PublishStatus.Failed, result.Status);
        Assert.Contains("can't parse entities", result.Detail, StringComparison.Ordinal);
        Assert.Single(server.Sent);
        Assert.Equal([1], progress.Reported);
        Assert.Equal(2, server.Calls.Count(c => c.Method == "sendMessage"));
    }

    [Fact]
    public async Task Publish_ChatBlockedTheBot_ChatUnavailable()
    {
        await using var server = await TelegramTestServer.StartAsync();
        server.BlockChat(9006);
        await using var bot = await TelegramBotHost.StartAsync(server, new FakeCommandEngine());
        var progress = new PartProgress();

        var result = await Publisher(bot).PublishAsync(progress.Message("d4", "9006", SampleDigests.Reply(2)), CancellationToken.None);

        Assert.Equal(PublishStatus.ChatUnavailable, result.Status);
        Assert.Contains("blocked", result.Detail, StringComparison.Ordinal);
        Assert.Empty(progress.Reported);
        Assert.Empty(server.Sent);

        // The chat is remembered as gone: the next digest is not even tried until the chat writes again.
        var again = await Publisher(bot).PublishAsync(progress.Message("d5", "9006", SampleDigests.Reply(2)), CancellationToken.None);
        Assert.Equal(PublishStatus.ChatUnavailable, again.Status);
        Assert.Single(server.Calls, c => c.Method == "sendMessage");
    }

    [Fact]
    public async Task Publish_ChatNotFound_ChatUnavailable()
    {
        await using var server = await TelegramTestServer.StartAsync();
        server.MissingChat(-1009007);
        await using var bot = await TelegramBotHost.StartAsync(server, new FakeCommandEngine());

        var missing = await Publisher(bot).PublishAsync(new PartProgress().Message("d6", "-1009007", SampleDigests.Reply(2)), CancellationToken.None);
        var unknownName = await Publisher(bot).PublishAsync(new PartProgress().Message("d7", "@no_such_channel", SampleDigests.Reply(2)), CancellationToken.None);

        Assert.Equal(PublishStatus.ChatUnavailable, missing.Status);
        Assert.Equal(PublishStatus.ChatUnavailable, unknownName.Status);
        Assert.Contains("chat not found", unknownName.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Publish_NoRightToPost_ChatUnavailable()
    {
        await using var server = await TelegramTestServer.StartAsync();
        server.FailNext("sendMessage", 400, "Bad Request: not enough rights to send text messages to the chat", chatId: -1009008);
        await using var bot = await TelegramBotHost.StartAsync(server, new FakeCommandEngine());

        var result = await Publisher(bot).PublishAsync(new PartProgress().Message("d8", "-1009008", SampleDigests.Reply(2)), CancellationToken.None);

        Assert.Equal(PublishStatus.ChatUnavailable, result.Status);
    }

    [Fact]
    public async Task Publish_ServerKeepsFailing_RetryLaterAfterTheAttempts()
    {
        await using var server = await TelegramTestServer.StartAsync();
        server.FailNext("sendMessage", 502, "Bad Gateway", chatId: 9008, times: int.MaxValue);
        await using var bot = await TelegramBotHost.StartAsync(server, new FakeCommandEngine(), settings: new Dictionary<string, string?> { ["Telegram:MaxSendAttempts"] = "3" });

        var result = await Publisher(bot).PublishAsync(new PartProgress().Message("d8", "9008", SampleDigests.Reply(2)), CancellationToken.None);

        Assert.Equal(PublishStatus.RetryLater, result.Status);
        Assert.Equal(3, server.Calls.Count(c => c.Method == "sendMessage"));
    }

    [Fact]
    public async Task Publish_ServerFailsOnce_RetriedAndSent()
    {
        await using var server = await TelegramTestServer.StartAsync();
        server.FailNext("sendMessage", 500, "Internal Server Error", chatId: 9009);
        await using var bot = await TelegramBotHost.StartAsync(server, new FakeCommandEngine());
        var progress = new PartProgress();

        var result = await Publisher(bot).PublishAsync(progress.Message("d9", "9009", SampleDigests.Reply(1)), CancellationToken.None);

        Assert.Equal(PublishStatus.Sent, result.Status);
        Assert.Single(server.Sent);
        Assert.Equal([1], progress.Reported);
    }

    [Fact]
    public async Task Publish_NetworkDown_RetryLater()
    {
        await using var server = await TelegramTestServer.StartAsync();
        await using var bot = await TelegramBotHost.StartAsync(server, new FakeCommandEngine(), settings: new Dictionary<string, string?> { ["Telegram:MaxSendAttempts"] = "2" });
        await server.DisposeAsync();

        var result = await Publisher(bot).PublishAsync(new PartProgress().Message("d10", "9010", SampleDigests.Reply(1)), CancellationToken.None);

        Assert.Equal(PublishStatus.RetryLater, result.Status);
        Assert.DoesNotContain(TelegramTestServer.DefaultToken, result.Detail ?? "", StringComparison.Ordinal);
    }

    [Fact]
    public async Task Publish_ArticleTextWithMarkup_ShownAsWrittenAndNeverAsFormatting()
    {
        await using var server = await TelegramTestServer.StartAsync();
        await using var bot = await TelegramBotHost.StartAsync(server, new FakeCommandEngine());
        var hostile = new Reply(
            ReplyKind.Answer,
            "News digest <b>&amp;</b>",
            [new Section("Stories", [new ReplyItem("Chips & <Dips> merge", "Says \"<i>hi</i>\" & <a href=\"x\">more</a> @everyone", [1])])],
            [new Citation(1, "R&D <script>alert(1)</script>", "https://news.example/a?b=1&c=\"2\"", "Daily <Post>", null)],
            []);

        var result = await Publisher(bot).PublishAsync(new PartProgress().Message("d11", "9011", hostile), CancellationToken.None);

        Assert.Equal(PublishStatus.Sent, result.Status);
        var sent = Assert.Single(server.Sent);
        Assert.Contains("News digest <b>&amp;</b>", sent.Shown.PlainText, StringComparison.Ordinal);
        Assert.Contains("Chips & <Dips> merge — Says \"<i>hi</i>\" & <a href=\"x\">more</a> @everyone", sent.Shown.PlainText, StringComparison.Ordinal);
        Assert.Contains("R&D <script>alert(1)</script>", sent.Shown.PlainText, StringComparison.Ordinal);
        Assert.Equal("https://news.example/a?b=1&c=\"2\"", Assert.Single(sent.Shown.Links).Href);
    }

    [Fact]
    public async Task Publish_ChannelByUsername_ReachesTheChannel()
    {
        await using var server = await TelegramTestServer.StartAsync();
        server.AddUsername("@newsroom_digest", -1009012);
        await using var bot = await TelegramBotHost.StartAsync(server, new FakeCommandEngine());

        var result = await Publisher(bot).PublishAsync(new PartProgress().Message("d12", "@newsroom_digest", SampleDigests.Reply(1)), CancellationToken.None);

        Assert.Equal(PublishStatus.Sent, result.Status);
        var sent = Assert.Single(server.Sent);
        Assert.Equal(-1009012, sent.ChatId);
        Assert.Equal("@newsroom_digest", sent.ChatUsername);
        Assert.Equal("@newsroom_digest", server.Calls.Single(c => c.Method == "sendMessage").Parameters["chat_id"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("")]
    [InlineData("newsroom")]
    [InlineData("@a b")]
    [InlineData("12x")]
    public async Task Publish_NotAChatId_FailedWithoutCallingTelegram(string chatId)
    {
        await using var server = await TelegramTestServer.StartAsync();
        await using var bot = await TelegramBotHost.StartAsync(server, new FakeCommandEngine());

        var result = await Publisher(bot).PublishAsync(new PartProgress().Message("d13", chatId, SampleDigests.Reply(1)), CancellationToken.None);

        Assert.Equal(PublishStatus.Failed, result.Status);
        Assert.DoesNotContain(server.Calls, c => c.Method == "sendMessage");
    }

    [Fact]
    public async Task Publish_GroupUpgradedToSupergroup_FollowsTheMigration()
    {
        await using var server = await TelegramTestServer.StartAsync();
        server.FailNext("sendMessage", 400, "Bad Request: group chat was upgraded to a supergroup chat", migrateToChatId: -1009014, chatId: -9014);
        await using var bot = await TelegramBotHost.StartAsync(server, new FakeCommandEngine());
        var progress = new PartProgress();

        var result = await Publisher(bot).PublishAsync(progress.Message("d14", "-9014", SampleDigests.Reply(1)), CancellationToken.None);

        Assert.Equal(PublishStatus.Sent, result.Status);
        Assert.Equal(-1009014, Assert.Single(server.Sent).ChatId);
        Assert.Equal([1], progress.Reported);
    }

    [Fact]
    public async Task Publish_FanOutUnderRealFloodLimits_AllDeliveredWithNoTooManyRequests()
    {
        // 75 chats at once against a server that answers 429 beyond 30 in any sliding second: no 429 may come back.
        await using var server = await TelegramTestServer.StartAsync();
        server.EnforceFloodLimits = true;
        await using var bot = await TelegramBotHost.StartAsync(server, new FakeCommandEngine(), realRateLimits: true);
        var publisher = Publisher(bot);

        var results = await Task.WhenAll(Enumerable.Range(0, 75).Select(i =>
            publisher.PublishAsync(new PartProgress().Message("f" + i, (9100 + i).ToString(System.Globalization.CultureInfo.InvariantCulture), SampleDigests.Reply(1)), CancellationToken.None)));

        Assert.All(results, r => Assert.Equal(PublishStatus.Sent, r.Status));
        Assert.Equal(75, server.Sent.Count);
        Assert.DoesNotContain(server.Calls, c => c.Status == 429);
    }

    [Fact]
    public async Task Publish_Cancelled_StopsWaitingAndSendsNothingMore()
    {
        await using var server = await TelegramTestServer.StartAsync();
        await using var bot = await TelegramBotHost.StartAsync(
            server,
            new FakeCommandEngine(),
            settings: new Dictionary<string, string?> { ["Telegram:GlobalMessagesPerSecond"] = "1", ["Telegram:PrivateChatMessagesPerSecond"] = "1000" });
        var publisher = Publisher(bot);

        // The first digest's request is held by the server until this digest is cancelled: the overall limit (1/s) stays
        // taken the whole time, however slowly a loaded machine runs (after a first digest that was already answered, the
        // limit came free a second later, and a slow start of the second digest found it free and sent it).
        var firstArrived = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var releaseFirst = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        server.OnSendMessage = async (arrival, _, aborted) =>
        {
            if (arrival == 1)
            {
                firstArrived.TrySetResult();
                await releaseFirst.Task.WaitAsync(aborted);
            }
        };
        var first = publisher.PublishAsync(new PartProgress().Message("c0", "9201", SampleDigests.Reply(1)), CancellationToken.None);
        await firstArrived.Task.WaitAsync(TimeSpan.FromSeconds(20));

        // The overall limit is taken: this digest waits for it, and is cancelled meanwhile.
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => publisher.PublishAsync(new PartProgress().Message("c1", "9202", SampleDigests.Reply(1)), cts.Token));

        releaseFirst.SetResult();
        Assert.Equal(PublishStatus.Sent, (await first.WaitAsync(TimeSpan.FromSeconds(20))).Status);

        // The limit is free again a second after the first answer: the cancelled digest must not go out then either.
        await Task.Delay(TimeSpan.FromSeconds(1.5));
        Assert.DoesNotContain(server.Calls, c => c.Method == "sendMessage" && c.Parameters["chat_id"]!.ToString() == "9202");
    }

    private static IDigestPublisher Publisher(TelegramBotHost bot) => bot.Host.Services.GetServices<IDigestPublisher>().Single(p => p.Platform == "telegram");
}

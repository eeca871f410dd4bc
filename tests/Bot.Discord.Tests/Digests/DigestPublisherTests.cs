using System.Net;
using Bot.Core.Digests;
using Bot.Core.Replies;
using Bot.Testing.Digests;
using Bot.Discord.Digests;
using Bot.Discord.Rest;
using Bot.Testing.Discord;
using Microsoft.Extensions.DependencyInjection;

namespace Bot.Discord.Tests.Digests;

/// <summary>The Discord digest publisher against the loopback Discord REST API: what a channel shows and what the core is told.</summary>
public sealed class DigestPublisherTests
{
    private const string Channel = "1300000000000000042";

    [Fact]
    public async Task AddDiscordTransport_RegistersOnePublisherForDiscord()
    {
        await using var bot = await DiscordTestHost.StartAsync();

        var publisher = Assert.Single(bot.Host.Services.GetServices<IDigestPublisher>());
        Assert.Equal("discord", publisher.Platform);
    }

    [Fact]
    public async Task Publish_LongDigest_SplitBetweenStoriesAndEveryPartSent()
    {
        await using var bot = await DiscordTestHost.StartAsync();
        var progress = new PartProgress();

        var result = await Publisher(bot).PublishAsync(progress.Message("chat:discord:1@2026-01-01T09:00:00Z", Channel, SampleDigests.Reply(40, 10)), CancellationToken.None);

        Assert.Equal(PublishStatus.Sent, result.Status);
        var messages = bot.Server.Messages.Where(m => m.ChannelId == Channel).ToList();
        Assert.True(messages.Count >= 3, $"40 long stories make several messages, got {messages.Count}");
        Assert.Equal(Enumerable.Range(1, messages.Count), progress.Reported);
        for (var i = 1; i <= 40; i++)
        {
            Assert.Single(messages, m => m.Text.Contains($"**Story {i:D2} headline** — Lead sentence {i:D2}", StringComparison.Ordinal));
        }

        Assert.All(messages, m => Assert.True(m.PingsNobody));
        Assert.All(messages, m => Assert.Empty(DiscordMessageText.LimitViolations(m.Body)));
        Assert.All(messages, m => Assert.True(m.Body["enforce_nonce"]!.GetValue<bool>()));
        Assert.Equal(messages.Count, messages.Select(m => m.Nonce).Distinct().Count());
        Assert.All(messages, m => Assert.InRange(m.Nonce!.Length, 1, 25));
    }

    [Fact]
    public async Task Publish_ResentAfterACrash_DiscordReturnsTheMessagesAlreadyMade()
    {
        await using var bot = await DiscordTestHost.StartAsync();
        var digest = SampleDigests.Reply(40, 10);
        await Publisher(bot).PublishAsync(new PartProgress().Message("d-crash", Channel, digest), CancellationToken.None);
        var first = bot.Server.Messages.Count;

        // The process died after the messages went out but before they were marked: the same delivery is sent again.
        var again = new PartProgress();
        var result = await Publisher(bot).PublishAsync(again.Message("d-crash", Channel, digest), CancellationToken.None);

        Assert.Equal(PublishStatus.Sent, result.Status);
        Assert.Equal(first, bot.Server.Messages.Count);
        Assert.Equal(Enumerable.Range(1, first), again.Reported);
        Assert.Equal(2 * first, bot.Server.Requests.Count(r => r.Method == "POST" && r.Path == $"channels/{Channel}/messages"));
    }

    [Fact]
    public async Task Publish_PartsAlreadySent_SendsOnlyTheRestWithTheirOwnNonces()
    {
        await using var bot = await DiscordTestHost.StartAsync();
        var digest = SampleDigests.Reply(40, 10);
        await Publisher(bot).PublishAsync(new PartProgress().Message("d-full", "1300000000000000043", digest), CancellationToken.None);
        var all = bot.Server.Messages.Where(m => m.ChannelId == "1300000000000000043").ToList();

        var resumed = new PartProgress();
        var result = await Publisher(bot).PublishAsync(resumed.Message("d-resume", Channel, digest, partsAlreadySent: 2), CancellationToken.None);

        Assert.Equal(PublishStatus.Sent, result.Status);
        var rest = bot.Server.Messages.Where(m => m.ChannelId == Channel).ToList();
        Assert.Equal(all.Skip(2).Select(m => m.Text), rest.Select(m => m.Text));
        Assert.Equal(Enumerable.Range(2, all.Count - 2).Select(part => DiscordDigestPublisher.Nonce("d-resume", part)), rest.Select(m => m.Nonce));
        Assert.Equal(Enumerable.Range(3, all.Count - 2), resumed.Reported);
    }

    [Theory]
    [InlineData(ChannelRefusal.MissingAccess)]
    [InlineData(ChannelRefusal.MissingPermissions)]
    [InlineData(ChannelRefusal.UnknownChannel)]
    public async Task Publish_ChannelClosedToTheBot_ChatUnavailable(ChannelRefusal refusal)
    {
        await using var bot = await DiscordTestHost.StartAsync();
        bot.Server.RefuseChannel(Channel, refusal);
        var progress = new PartProgress();

        var result = await Publisher(bot).PublishAsync(progress.Message("d-gone", Channel, SampleDigests.Reply(2, 10)), CancellationToken.None);

        Assert.Equal(PublishStatus.ChatUnavailable, result.Status);
        Assert.Empty(progress.Reported);
        Assert.Empty(bot.Server.Messages);
        Assert.DoesNotContain(DiscordTestHost.Token, result.Detail ?? "", StringComparison.Ordinal);
    }

    [Fact]
    public async Task Publish_ServerErrorsBeyondTheRetries_RetryLater()
    {
        await using var bot = await DiscordTestHost.StartAsync();
        for (var i = 0; i <= DiscordRestClient.MaxTransientRetries; i++)
        {
            bot.Server.Inject(new InjectedFault("POST", $"channels/{Channel}/messages", 502, """{"message":"Bad Gateway","code":0}"""));
        }

        var result = await Publisher(bot).PublishAsync(new PartProgress().Message("d-5xx", Channel, SampleDigests.Reply(1, 10)), CancellationToken.None);

        Assert.Equal(PublishStatus.RetryLater, result.Status);
        Assert.Empty(bot.Server.Messages);
    }

    [Fact]
    public async Task Publish_RateLimitedOnce_WaitsAndSends()
    {
        await using var bot = await DiscordTestHost.StartAsync();
        bot.Server.Inject(InjectedFault.TooManyRequests("POST", $"channels/{Channel}/messages", 0.3));

        var result = await Publisher(bot).PublishAsync(new PartProgress().Message("d-429", Channel, SampleDigests.Reply(1, 10)), CancellationToken.None);

        Assert.Equal(PublishStatus.Sent, result.Status);
        Assert.Single(bot.Server.Messages);
    }

    [Fact]
    public async Task Publish_RefusedAsABadRequest_Failed()
    {
        await using var bot = await DiscordTestHost.StartAsync();
        bot.Server.Inject(new InjectedFault("POST", $"channels/{Channel}/messages", 400, """{"message":"Invalid Form Body","code":50035}"""));

        var result = await Publisher(bot).PublishAsync(new PartProgress().Message("d-400", Channel, SampleDigests.Reply(1, 10)), CancellationToken.None);

        Assert.Equal(PublishStatus.Failed, result.Status);
        Assert.Contains("50035", result.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Publish_ArticleTextWithMentionsAndMarkdown_PingsNobodyAndShowsItAsWritten()
    {
        await using var bot = await DiscordTestHost.StartAsync();
        var hostile = new Reply(
            ReplyKind.Answer,
            "News digest @everyone",
            [new Section("Stories", [new ReplyItem("**Bold** claim @here", "Says <@123456789012345678> and <@&987654321098765432> _hi_ @everyone", [1])])],
            [new Citation(1, "Title [with](brackets)", "https://news.example/a", "wire", null)],
            []);

        var result = await Publisher(bot).PublishAsync(new PartProgress().Message("d-ping", Channel, hostile), CancellationToken.None);

        Assert.Equal(PublishStatus.Sent, result.Status);
        var message = Assert.Single(bot.Server.Messages);
        Assert.True(message.PingsNobody);
        Assert.Empty(DiscordMessageText.LimitViolations(message.Body));
        var shown = DiscordMessageText.PlainText(message.Body);
        Assert.Contains("**Bold** claim @here", shown, StringComparison.Ordinal);
        Assert.Contains("Says <@123456789012345678> and <@&987654321098765432> _hi_ @everyone", shown, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("#general")]
    [InlineData("-12")]
    public async Task Publish_NotAChannelId_FailedWithoutCallingDiscord(string channelId)
    {
        await using var bot = await DiscordTestHost.StartAsync();

        var result = await Publisher(bot).PublishAsync(new PartProgress().Message("d-bad", channelId, SampleDigests.Reply(1, 10)), CancellationToken.None);

        Assert.Equal(PublishStatus.Failed, result.Status);
        Assert.DoesNotContain(bot.Server.Requests, r => r.Path.StartsWith("channels/", StringComparison.Ordinal));
    }

    [Fact]
    public void Nonce_SameDeliveryAndPart_SameShortNonce()
    {
        var nonce = DiscordDigestPublisher.Nonce("chat:discord:1300000000000000042@2026-03-29T01:30:00Z", 0);

        Assert.Equal(25, nonce.Length);
        Assert.Equal(nonce, DiscordDigestPublisher.Nonce("chat:discord:1300000000000000042@2026-03-29T01:30:00Z", 0));
        Assert.NotEqual(nonce, DiscordDigestPublisher.Nonce("chat:discord:1300000000000000042@2026-03-29T01:30:00Z", 1));
        Assert.NotEqual(nonce, DiscordDigestPublisher.Nonce("chat:discord:1300000000000000042@2026-03-30T01:30:00Z", 0));
        Assert.Matches("^[A-Za-z0-9_-]{25}$", nonce);
    }

    [Theory]
    [InlineData(HttpStatusCode.Forbidden, 50001, PublishStatus.ChatUnavailable)]
    [InlineData(HttpStatusCode.Forbidden, 50013, PublishStatus.ChatUnavailable)]
    [InlineData(HttpStatusCode.NotFound, 10003, PublishStatus.ChatUnavailable)]
    [InlineData(HttpStatusCode.Forbidden, 50007, PublishStatus.ChatUnavailable)]
    [InlineData(HttpStatusCode.NotFound, 10008, PublishStatus.Failed)]
    [InlineData(HttpStatusCode.BadRequest, 50035, PublishStatus.Failed)]
    [InlineData(HttpStatusCode.InternalServerError, 0, PublishStatus.RetryLater)]
    [InlineData(HttpStatusCode.BadGateway, null, PublishStatus.RetryLater)]
    [InlineData(HttpStatusCode.TooManyRequests, null, PublishStatus.RetryLater)]
    [InlineData(HttpStatusCode.Unauthorized, 0, PublishStatus.RetryLater)]
    public void Classify_DiscordError_MapsToTheOutcome(HttpStatusCode status, int? code, PublishStatus expected) =>
        Assert.Equal(expected, DiscordDigestPublisher.Classify(new DiscordApiException(status, code, "error", "POST channels/{channel}/messages")).Status);

    private static IDigestPublisher Publisher(DiscordTestHost bot) => bot.Host.Services.GetServices<IDigestPublisher>().Single(p => p.Platform == "discord");
}

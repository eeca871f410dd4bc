using Bot.Core.Digests;
using Bot.Host;
using Bot.Testing.Acceptance;
using Bot.Testing.Telegram;
using Microsoft.Extensions.DependencyInjection;

namespace Bot.Telegram.Tests.Acceptance;

/// <summary>
/// Scheduled digests through the product's own composition (<see cref="BotApp.CreateRunBuilder"/>: the knowledge core
/// over the repo's dataset, the digest store, Quartz, the outbox, the Telegram transport) against the loopback Bot API.
/// </summary>
public sealed class DigestEndToEndTests
{
    [Fact]
    public async Task Subscribe_CronEveryFewSeconds_DigestArrivesWhenTheTriggerFiresAndOnlyOnce()
    {
        await using var server = await TelegramTestServer.StartAsync();
        await using var product = await StartAsync(server);
        const long chat = 630_001;

        server.EnqueueUpdate(TelegramUpdates.PrivateMessage(chat, "/subscribe cron 0/3 * * * * ? UTC"));
        var confirmation = await server.WaitForSentAsync(1, s => s.ChatId == chat, TimeSpan.FromSeconds(30));
        Assert.StartsWith("Subscribed", confirmation[0].Shown.PlainText, StringComparison.Ordinal);

        var digest = await server.WaitForSentAsync(1, s => s.ChatId == chat && s.Shown.PlainText.StartsWith("News digest", StringComparison.Ordinal), TimeSpan.FromSeconds(30));
        var text = digest[0].Shown.PlainText;
        Assert.Contains("since", text, StringComparison.Ordinal);
        Assert.Contains(product.Articles, a => text.Contains(a.Title, StringComparison.Ordinal));
        var subscription = Assert.Single(Store(product).List());
        Assert.Equal(("telegram", "630001"), (subscription.Platform, subscription.ChatId));
        Assert.NotNull(subscription.CoveredUntil);

        // Later fires find nothing new: nothing more is posted, and the digest is not sent again.
        await Task.Delay(TimeSpan.FromSeconds(7));
        Assert.Single(server.Sent, s => s.ChatId == chat && s.Shown.PlainText.StartsWith("News digest", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Subscribe_InGroupByNonAdmin_RefusedAndNothingChanges()
    {
        await using var server = await TelegramTestServer.StartAsync();
        const long group = -1_000_630_002;
        server.SetMemberStatus(group, 630_003, "member");
        server.SetMemberStatus(group, 630_004, "administrator");
        await using var product = await StartAsync(server);

        server.EnqueueUpdate(TelegramUpdates.GroupMessage(group, 630_003, "/subscribe cron 0/3 * * * * ?"));
        var refusal = await server.WaitForSentAsync(1, s => s.ChatId == group, TimeSpan.FromSeconds(30));

        Assert.StartsWith("Administrators only", refusal[0].Shown.PlainText, StringComparison.Ordinal);
        Assert.Contains("changed nothing", refusal[0].Shown.PlainText, StringComparison.Ordinal);
        Assert.Empty(Store(product).List());
        var check = Assert.Single(server.Calls, c => c.Method == "getChatMember");
        Assert.Equal("630003", check.Parameters["user_id"]!.ToString());

        // An administrator of the same group may.
        server.EnqueueUpdate(TelegramUpdates.GroupMessage(group, 630_004, "/subscribe daily 09:00 Europe/Berlin"));
        var answer = await server.WaitForSentAsync(2, s => s.ChatId == group, TimeSpan.FromSeconds(30));
        Assert.StartsWith("Subscribed", answer[1].Shown.PlainText, StringComparison.Ordinal);
        Assert.Equal("Europe/Berlin", Assert.Single(Store(product).List()).Schedule.TimeZone);
    }

    private static Task<ProductHost> StartAsync(TelegramTestServer server) =>
        ProductHost.StartAsync(
            args => BotApp.CreateRunBuilder(args, quiet: true),
            state =>
            [
                $"--Telegram:Token={server.Token}",
                $"--Telegram:ApiBaseUrl={server.BaseUrl}",
                "--Telegram:PollTimeoutSeconds=1",
                $"--Telegram:StatePath={Path.Combine(state, "telegram.db")}",
                "--Discord:Token=",
            ]);

    private static ISubscriptionStore Store(ProductHost product) => product.Host.Services.GetRequiredService<ISubscriptionStore>();
}

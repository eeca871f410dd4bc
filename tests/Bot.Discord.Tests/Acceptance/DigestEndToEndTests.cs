using System.Text.Json.Nodes;
using Bot.Core.Digests;
using Bot.Host;
using Bot.Testing.Acceptance;
using Bot.Testing.Discord;
using Microsoft.Extensions.DependencyInjection;

namespace Bot.Discord.Tests.Acceptance;

/// <summary>
/// Scheduled digests through the product's own composition (<see cref="BotApp.CreateRunBuilder"/>: the knowledge core
/// over the repo's dataset, the digest store, Quartz, the outbox, the Discord transport) against the loopback Discord.
/// </summary>
public sealed class DigestEndToEndTests
{
    private const string Channel = "1300000000000000501";

    [Fact]
    public async Task Subscribe_CronEveryFewSeconds_DigestPostedInTheChannelWhenTheTriggerFires()
    {
        await using var server = await DiscordTestServer.StartAsync();
        await using var product = await StartAsync(server);

        var answer = await SlashCommandAsync(server, "subscribe", "cron 0/3 * * * * ? UTC", DiscordTestServer.AllPermissions, "1100000000000000501");
        Assert.StartsWith("Subscribed", DiscordMessageText.PlainText(answer), StringComparison.Ordinal);

        await DiscordTestServer.WaitUntilAsync(() => server.Messages.Any(m => m.ChannelId == Channel), "the digest in the channel");
        var digest = server.Messages.First(m => m.ChannelId == Channel);
        Assert.StartsWith("News digest", DiscordMessageText.PlainText(digest.Body), StringComparison.Ordinal);
        Assert.Contains(product.Articles, a => digest.Text.Contains(a.Title, StringComparison.Ordinal));
        Assert.True(digest.PingsNobody);
        Assert.Empty(DiscordMessageText.LimitViolations(digest.Body));
        Assert.NotNull(digest.Nonce);
        var subscription = Assert.Single(Store(product).List());
        Assert.Equal(("discord", Channel), (subscription.Platform, subscription.ChatId));

        // Later fires find nothing new: nothing more is posted.
        await Task.Delay(TimeSpan.FromSeconds(7));
        Assert.Single(server.Messages, m => m.ChannelId == Channel && DiscordMessageText.PlainText(m.Body).StartsWith("News digest", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Subscribe_InGuildByNonAdmin_RefusedAndNothingChanges()
    {
        await using var server = await DiscordTestServer.StartAsync();
        await using var product = await StartAsync(server);

        var refusal = await SlashCommandAsync(server, "subscribe", "cron 0/3 * * * * ?", DiscordTestServer.MemberPermissions, "1100000000000000502");

        var text = DiscordMessageText.PlainText(refusal);
        Assert.StartsWith("Administrators only", text, StringComparison.Ordinal);
        Assert.Contains("changed nothing", text, StringComparison.Ordinal);
        Assert.Empty(Store(product).List());

        // Manage Server is enough.
        var answer = await SlashCommandAsync(server, "subscribe", "weekly Mon 08:30 Asia/Tokyo", "32", "1100000000000000503");
        Assert.StartsWith("Subscribed", DiscordMessageText.PlainText(answer), StringComparison.Ordinal);
        Assert.Equal("Asia/Tokyo", Assert.Single(Store(product).List()).Schedule.TimeZone);
    }

    private static async Task<ProductHost> StartAsync(DiscordTestServer server)
    {
        var product = await ProductHost.StartAsync(
            args => BotApp.CreateRunBuilder(args, quiet: true),
            _ =>
            [
                "--Discord:Token=" + DiscordTestHost.Token,
                "--Discord:ApplicationId=" + DiscordTestHost.ApplicationId,
                "--Discord:GuildId=" + DiscordTestHost.GuildId,
                "--Discord:ApiBaseUrl=" + server.ApiBaseUrl,
                "--Telegram:Token=",
            ]);
        await server.WaitForConnectionAsync(0);
        return product;
    }

    /// <summary>Sends /<paramref name="name"/> with its text option in <see cref="Channel"/> and returns the first message of the answer.</summary>
    private static async Task<JsonNode> SlashCommandAsync(DiscordTestServer server, string name, string value, string permissions, string id)
    {
        var token = "digest-interaction-" + id;
        var live = await server.WaitForConnectionAsync(0);
        await live.SendDispatchAsync("INTERACTION_CREATE", DiscordTestServer.SlashCommand(name, "schedule", value, id, token, permissions, channelId: Channel));
        var callback = await server.WaitForRequestAsync(r => r.Path == $"interactions/{id}/{token}/callback" && r.Succeeded, $"the response to /{name}");
        if (callback.Body!["type"]!.GetValue<int>() == 5)
        {
            return (await server.WaitForRequestAsync(r => r.Method == "PATCH" && r.Path.Contains(token, StringComparison.Ordinal) && r.Succeeded, $"the edit of /{name}")).Body!;
        }

        return callback.Body["data"]!;
    }

    private static ISubscriptionStore Store(ProductHost product) => product.Host.Services.GetRequiredService<ISubscriptionStore>();
}

using System.Net;
using Bot.Telegram.Receiving;
using Bot.Testing.Fakes;
using Bot.Testing.Telegram;

namespace Bot.Telegram.Tests;

public sealed class WebhookTests
{
    private const string Secret = "s3cret_Value-42";

    [Fact]
    public async Task Webhook_WrongSecretIs403_RightSecretIsAnswered()
    {
        await using var server = await TelegramTestServer.StartAsync();
        var engine = new FakeCommandEngine();
        await using var bot = await TelegramBotHost.StartAsync(server, engine, settings: new Dictionary<string, string?>
        {
            ["Telegram:Mode"] = "Webhook",
            ["Telegram:WebhookUrl"] = "https://bot.example.org/telegram/webhook",
            ["Telegram:WebhookSecret"] = Secret,
            ["Telegram:WebhookListenUrl"] = "http://127.0.0.1:0",
        });
        var address = await bot.Get<WebhookAddress>().WhenBound.WaitAsync(TimeSpan.FromSeconds(15));
        var endpoint = new Uri(address, "/telegram/webhook");
        using var http = new HttpClient();

        Assert.Equal("https://bot.example.org/telegram/webhook", server.WebhookUrl);
        Assert.Equal(Secret, server.WebhookSecret);

        using (var wrong = await TelegramTestServer.DeliverWebhookAsync(http, endpoint, TelegramUpdates.PrivateMessage(9101, "/help wrong"), "not-the-secret"))
        using (var missing = await TelegramTestServer.DeliverWebhookAsync(http, endpoint, TelegramUpdates.PrivateMessage(9101, "/help missing"), null))
        {
            Assert.Equal(HttpStatusCode.Forbidden, wrong.StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, missing.StatusCode);
        }

        var update = TelegramUpdates.PrivateMessage(9101, "/help right", messageId: 12);
        update["update_id"] = 777;
        using (var right = await TelegramTestServer.DeliverWebhookAsync(http, endpoint, update, Secret))
        using (var again = await TelegramTestServer.DeliverWebhookAsync(http, endpoint, update, Secret))
        using (var garbage = await TelegramTestServer.DeliverWebhookAsync(http, endpoint, new System.Text.Json.Nodes.JsonObject { ["message"] = "nope" }, Secret))
        {
            Assert.Equal(HttpStatusCode.OK, right.StatusCode);
            Assert.Equal(HttpStatusCode.OK, again.StatusCode);
            Assert.Equal(HttpStatusCode.OK, garbage.StatusCode);
        }

        var follow = TelegramUpdates.PrivateMessage(9101, "/help after", messageId: 13);
        follow["update_id"] = 778;
        using (await TelegramTestServer.DeliverWebhookAsync(http, endpoint, follow, Secret))
        {
        }

        var sent = await server.WaitForSentAsync(2);

        // Only the right-secret update, once (the redelivery is de-duplicated), then the next one.
        Assert.Equal(["Echo\n\n/help right", "Echo\n\n/help after"], sent.Select(s => s.Shown.PlainText));
        Assert.Equal(12, sent[0].ReplyToMessageId);
        Assert.Equal(["/help right", "/help after"], engine.Requests.Select(r => r.Text));
        Assert.Equal(0, server.GetUpdatesCalls);
    }

    [Fact]
    public async Task Polling_Start_DeletesWebhook()
    {
        await using var server = await TelegramTestServer.StartAsync();
        await using var bot = await TelegramBotHost.StartAsync(server, new FakeCommandEngine());

        await server.WaitForCallsAsync("getUpdates");

        Assert.Contains(server.Calls, c => c.Method == "deleteWebhook");
    }
}

using Bot.Testing.Fakes;
using Bot.Testing.Telegram;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace Bot.Telegram.Tests;

public sealed class SecurityTests
{
    [Fact]
    public async Task Logs_ServerAndNetworkErrors_NeverContainTheToken()
    {
        await using var server = await TelegramTestServer.StartAsync();
        server.FailNext("setMyCommands", 500, "Internal Server Error for /bot" + server.Token + "/setMyCommands");
        server.FailNext("getUpdates", 500, "Internal Server Error", times: 2);
        server.FailNext("sendMessage", 502, "Bad Gateway", times: 1);
        server.FailNext("sendMessage", 400, "Bad Request: chat not found", chatId: 9202);
        var engine = new FakeCommandEngine();
        await using (var bot = await TelegramBotHost.StartAsync(server, engine))
        {
            server.EnqueueUpdate(TelegramUpdates.PrivateMessage(9201, "/help"));
            server.EnqueueUpdate(TelegramUpdates.PrivateMessage(9202, "/help"));
            await server.WaitForSentAsync(1, timeout: TimeSpan.FromSeconds(20));
            await server.WaitForCallsAsync("sendMessage", filter: c => c.Status == 400);

            // The bot logs the dropped reply once it has read the 400, after the server recorded it: the last error's
            // line must be there before the logs are searched for the token (a fixed pause could search without it).
            await TelegramBotHost.EventuallyAsync(() => bot.Logs.Entries.Any(e => e.EventId.Id == 3022));
            Assert.Contains(bot.Logs.Entries, e => e.EventId.Id == 3022 && e.Message.Contains("9202", StringComparison.Ordinal));
            AssertNoToken(bot, server.Token);
        }

        // Nothing listens on this port: every call is a network failure.
        var closedPort = new Uri("http://127.0.0.1:9/");
        await using (var bot = await TelegramBotHost.StartAsync(server, engine, settings: new Dictionary<string, string?> { ["Telegram:ApiBaseUrl"] = closedPort.ToString() }))
        {
            await TelegramBotHost.EventuallyAsync(() => bot.Logs.Entries.Any(e => e.EventId.Id == 3004));

            Assert.Contains(bot.Logs.Entries, e => e.EventId.Id == 3004 && e.Exception is not null);
            AssertNoToken(bot, server.Token);
        }
    }

    [Fact]
    public void Options_PlaceholderToken_FailsWithWhatToSet()
    {
        var validator = new TelegramOptionsValidator();

        foreach (var token in new[] { "", "<your-token>", "123:TEST", "YOUR_TOKEN_HERE" })
        {
            var result = validator.Validate(null, new TelegramOptions { Token = token });
            Assert.True(result.Failed, token);
            Assert.Contains("Telegram__Token", result.FailureMessage, StringComparison.Ordinal);
        }

        Assert.True(validator.Validate(null, new TelegramOptions { Token = TelegramTestServer.DefaultToken }).Succeeded);
    }

    [Fact]
    public void Options_WebhookWithoutUrlOrSecret_Fails()
    {
        var result = new TelegramOptionsValidator().Validate(null, new TelegramOptions
        {
            Token = TelegramTestServer.DefaultToken,
            Mode = TelegramMode.Webhook,
            WebhookUrl = new Uri("http://insecure.example/hook"),
            WebhookSecret = "has spaces",
        });

        Assert.Contains("Telegram:WebhookUrl", result.FailureMessage, StringComparison.Ordinal);
        Assert.Contains("Telegram:WebhookSecret", result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Host_PlaceholderToken_FailsToStart()
    {
        await using var server = await TelegramTestServer.StartAsync();
        var host = TelegramBotHost.Build(server, new FakeCommandEngine(), null, new Dictionary<string, string?> { ["Telegram:Token"] = "<your-token>" }, false, out _, out _);
        using (host)
        {
            var ex = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());
            Assert.Contains("Telegram__Token", ex.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void IsConfigured_TrueOnlyWhenTokenSet()
    {
        var empty = new Microsoft.Extensions.Configuration.ConfigurationBuilder().Build();
        var set = new Microsoft.Extensions.Configuration.ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Telegram:Token"] = "x" }).Build();

        Assert.False(TelegramTransport.IsConfigured(empty));
        Assert.True(TelegramTransport.IsConfigured(set));
    }

    [Fact]
    public void Redactor_RemovesTokenAndTokenShapedPaths()
    {
        var token = TelegramTestServer.DefaultToken;
        var redacted = Api.TokenRedactor.Redact($"POST https://api.telegram.org/bot{token}/getMe and bot111222333:AAsomethingElseEntirely_123 failed", token);

        Assert.DoesNotContain(token, redacted, StringComparison.Ordinal);
        Assert.DoesNotContain("AAsomethingElseEntirely_123", redacted, StringComparison.Ordinal);
    }

    private static void AssertNoToken(TelegramBotHost bot, string token)
    {
        var text = bot.Logs.AllText;
        Assert.NotEmpty(bot.Logs.Entries);
        Assert.DoesNotContain(token, text, StringComparison.Ordinal);
        Assert.DoesNotContain(token.Split(':')[1], text, StringComparison.Ordinal);
    }
}

/// <summary>
/// The tests that assert <see cref="Environment.ExitCode"/>, which is the whole process's: each sets it back to 0 when
/// done, so two of them in parallel could clear the code the other is about to assert. In one collection they run one
/// after another (and still in parallel with the rest).
/// </summary>
[CollectionDefinition(nameof(ProcessExitCodeCollection))]
public sealed class ProcessExitCodeCollection;

[Collection(nameof(ProcessExitCodeCollection))]
public sealed class FatalStartTests
{
    [Fact]
    public async Task Start_ApiBaseUrlNotABotApi_StopsApplicationWithClearMessage()
    {
        await using var server = await TelegramTestServer.StartAsync();
        try
        {
            await using var bot = await TelegramBotHost.StartAsync(server, new FakeCommandEngine(), settings: new Dictionary<string, string?>
            {
                ["Telegram:ApiBaseUrl"] = new Uri(server.BaseUrl, "/not-here/").ToString(),
            });
            var stopping = new TaskCompletionSource();
            using var registration = bot.Get<Microsoft.Extensions.Hosting.IHostApplicationLifetime>().ApplicationStopping.Register(stopping.SetResult);
            await stopping.Task.WaitAsync(TimeSpan.FromSeconds(15));

            Assert.Equal(FatalErrors.ExitCode, Environment.ExitCode);
            var fatal = Assert.Single(bot.Logs.Entries, e => e.Level == Microsoft.Extensions.Logging.LogLevel.Critical);
            Assert.Contains("Telegram:ApiBaseUrl", fatal.Message, StringComparison.Ordinal);
            Assert.DoesNotContain(server.Token, bot.Logs.AllText, StringComparison.Ordinal);
        }
        finally
        {
            Environment.ExitCode = 0;
        }
    }
}

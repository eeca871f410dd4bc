using Bot.Testing.Discord;

namespace Bot.Discord.Tests.Rest;

public sealed class RestClientTests
{
    [Fact]
    public async Task RateLimit_429WithRetryAfter_IsWaitedOutThenAnswered()
    {
        await using var bot = await DiscordTestHost.StartAsync(server: s => s.Inject(InjectedFault.TooManyRequests("POST", "/callback", 0.4)));

        var response = await bot.InteractAsync(DiscordTestServer.SlashCommand("members", "name", "BSN"));

        var attempts = bot.Server.Requests.Where(r => r.Path.EndsWith("/callback", StringComparison.Ordinal)).ToList();
        Assert.Equal([429, 204], attempts.Select(a => a.Status));
        Assert.True(attempts[1].ReceivedAt - attempts[0].ReceivedAt >= TimeSpan.FromSeconds(0.38), $"retried after {(attempts[1].ReceivedAt - attempts[0].ReceivedAt).TotalMilliseconds} ms");
        Assert.Contains("China Mobile", response.Body!["data"]!["embeds"]![0]!["description"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task RateLimit_429BodyOnly_RetryAfterFromBodyIsWaitedOut()
    {
        await using var bot = await DiscordTestHost.StartAsync(server: s => s.Inject(InjectedFault.TooManyRequests("POST", "/callback", 0.4, withHeaders: false)));

        await bot.InteractAsync(DiscordTestServer.SlashCommand("members", "name", "BSN"));

        var attempts = bot.Server.Requests.Where(r => r.Path.EndsWith("/callback", StringComparison.Ordinal)).ToList();
        Assert.Equal([429, 204], attempts.Select(a => a.Status));
        Assert.True(attempts[1].ReceivedAt - attempts[0].ReceivedAt >= TimeSpan.FromSeconds(0.38), $"retried after {(attempts[1].ReceivedAt - attempts[0].ReceivedAt).TotalMilliseconds} ms");
    }

    [Fact]
    public async Task RateLimit_Global429OnRegistration_IsWaitedOutThenRegistered()
    {
        await using var bot = await DiscordTestHost.StartAsync(server: s => s.Inject(InjectedFault.TooManyRequests("PUT", "/commands", 0.3, global: true)));

        var puts = bot.Server.Requests.Where(r => r.Method == "PUT").ToList();

        Assert.Equal([429, 200], puts.Select(p => p.Status));
        Assert.True(puts[1].ReceivedAt - puts[0].ReceivedAt >= TimeSpan.FromSeconds(0.28));
    }

    [Fact]
    public async Task ServerError_OnceOnCallback_RetriedWithBackoff()
    {
        await using var bot = await DiscordTestHost.StartAsync(server: s => s.Inject(new InjectedFault("POST", "/callback", 502, """{"message":"Bad Gateway","code":0}""")));

        var response = await bot.InteractAsync(DiscordTestServer.SlashCommand("members", "name", "BSN"));

        Assert.Equal([502, 204], bot.Server.Requests.Where(r => r.Path.EndsWith("/callback", StringComparison.Ordinal)).Select(r => r.Status));
        Assert.Equal(4, response.Body!["type"]!.GetValue<int>());
    }

    [Fact]
    public async Task Requests_CarryBotAuthorizationAndDiscordBotUserAgent()
    {
        await using var bot = await DiscordTestHost.StartAsync();

        var request = await bot.Server.WaitForRequestAsync(r => r.Path == "gateway/bot", "gateway/bot");

        Assert.Equal("Bot " + DiscordTestHost.Token, request.Headers["Authorization"]);
        Assert.StartsWith("DiscordBot (", request.Headers["User-Agent"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Token_NeverAppearsInAnyLogLine()
    {
        await using var bot = await DiscordTestHost.StartAsync(server: s =>
        {
            s.Inject(InjectedFault.TooManyRequests("POST", "/callback", 0.1));
            s.Inject(new InjectedFault("PUT", "/commands", 500, """{"message":"oops","code":0}"""));
        });
        await bot.InteractAsync(DiscordTestServer.SlashCommand("members", "name", "BSN"));
        var first = await bot.Server.WaitForConnectionAsync(0);
        first.Abort();
        await bot.Server.WaitForConnectionAsync(1);
        await bot.InteractAsync(DiscordTestServer.Autocomplete("members", "name", "WeB"), connection: 1);

        Assert.NotEmpty(bot.Logs.Entries);
        Assert.Contains(bot.Logs.Entries, e => e.EventId.Id == 4001);
        Assert.DoesNotContain(DiscordTestHost.Token, bot.Logs.AllText, StringComparison.Ordinal);
        Assert.DoesNotContain("interaction-token-1", bot.Logs.AllText, StringComparison.Ordinal);
    }
}

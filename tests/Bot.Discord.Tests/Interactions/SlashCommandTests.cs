using System.Text.Json.Nodes;
using Bot.Core.Replies;
using Bot.Testing.Discord;
using Bot.Testing.Fakes;

namespace Bot.Discord.Tests.Interactions;

public sealed class SlashCommandTests
{
    [Fact]
    public async Task Members_BsnSlashCommand_AnsweredWithEmbedListingMembersWithSources()
    {
        await using var bot = await DiscordTestHost.StartAsync();

        var response = await bot.InteractAsync(DiscordTestServer.SlashCommand("members", "name", "BSN"));

        Assert.Equal("POST", response.Method);
        Assert.Equal("interactions/1100000000000000001/interaction-token-1/callback", response.Path);
        Assert.Equal(4, response.Body!["type"]!.GetValue<int>());
        var embed = response.Body["data"]!["embeds"]![0]!;
        Assert.Equal("Members of Blockchain Services Network (BSN)", embed["title"]!.GetValue<string>());
        var description = embed["description"]!.GetValue<string>();
        foreach (var member in new[] { "State Information Center", "China Mobile", "China UnionPay", "China Telecom", "China Merchants Bank", "Huobi China", "WeBank" })
        {
            Assert.Contains("• **" + member + "**", description, StringComparison.Ordinal);
        }

        Assert.Contains("**Sources**", description, StringComparison.Ordinal);
        Assert.Contains("[China's Blockchain Service Network to launch globally](https://news.example/bsn-launch)", description, StringComparison.Ordinal);
        Assert.Contains("[BSN opens to developers](https://news.example/bsn-developers)", description, StringComparison.Ordinal);
        Assert.Equal("Based on 3 articles, 1 Aug 2019 – 9 Nov 2019", embed["footer"]!["text"]!.GetValue<string>());
        Assert.Empty(response.Body["data"]!["allowed_mentions"]!["parse"]!.AsArray());

        var request = Assert.Single(bot.Engine.Requests);
        Assert.Equal("/members BSN", request.Text);
        Assert.Equal("discord", request.Platform);
        Assert.Equal("1300000000000000001", request.ChatId);
        Assert.Equal("1600000000000000001", request.UserId);
    }

    [Fact]
    public async Task Autocomplete_WeB_OffersWeBankWithinTwentyFiveChoices()
    {
        var engine = new FakeCommandEngine { Names = [.. Enumerable.Range(0, 40).Select(i => $"Web Company {i}"), "WeBank", "Weizhong Bank"] };
        await using var bot = await DiscordTestHost.StartAsync(engine: engine);

        var response = await bot.InteractAsync(DiscordTestServer.Autocomplete("members", "name", "WeB"));

        Assert.Equal(8, response.Body!["type"]!.GetValue<int>());
        var choices = response.Body["data"]!["choices"]!.AsArray();
        Assert.InRange(choices.Count, 1, 25);
        Assert.Contains(choices, c => c!["name"]!.GetValue<string>() == "WeBank" && c["value"]!.GetValue<string>() == "WeBank");
        Assert.Empty(bot.Engine.Requests);
    }

    [Fact]
    public async Task Autocomplete_WeBWithRealisticNames_OffersWeBankFirstAmongMatches()
    {
        await using var bot = await DiscordTestHost.StartAsync();

        var response = await bot.InteractAsync(DiscordTestServer.Autocomplete("about", "name", "WeB"));

        var names = response.Body!["data"]!["choices"]!.AsArray().Select(c => c!["name"]!.GetValue<string>()).ToList();
        Assert.Equal(["WeBank", "Webank AI Lab"], names);
    }

    [Fact]
    public async Task Commands_OnStart_BulkOverwrittenForTheGuildWithAutocompleteNameOption()
    {
        await using var bot = await DiscordTestHost.StartAsync();

        var put = await bot.Server.WaitForRequestAsync(r => r.Method == "PUT", "command registration");

        Assert.Equal($"applications/{DiscordTestHost.ApplicationId}/guilds/{DiscordTestHost.GuildId}/commands", put.Path);
        var commands = put.Body!.AsArray();
        Assert.Equal(["members", "about", "search", "latest", "help"], commands.Select(c => c!["name"]!.GetValue<string>()));
        foreach (var name in new[] { "members", "about" })
        {
            var option = Assert.Single(commands.Single(c => c!["name"]!.GetValue<string>() == name)!["options"]!.AsArray())!;
            Assert.Equal("name", option["name"]!.GetValue<string>());
            Assert.Equal(3, option["type"]!.GetValue<int>());
            Assert.True(option["autocomplete"]!.GetValue<bool>());
            Assert.True(option["required"]!.GetValue<bool>());
        }

        var latest = commands.Single(c => c!["name"]!.GetValue<string>() == "latest")!["options"]![0]!;
        Assert.Equal(4, latest["type"]!.GetValue<int>());
        Assert.False(latest["required"]!.GetValue<bool>());
        Assert.Null(commands.Single(c => c!["name"]!.GetValue<string>() == "help")!["options"]);
    }

    [Fact]
    public async Task Commands_WithoutGuildId_RegisteredGlobally()
    {
        await using var bot = await DiscordTestHost.StartAsync(settings: new Dictionary<string, string?> { ["Discord:GuildId"] = "" });

        var put = await bot.Server.WaitForRequestAsync(r => r.Method == "PUT", "command registration");

        Assert.Equal($"applications/{DiscordTestHost.ApplicationId}/commands", put.Path);
    }

    [Fact]
    public async Task Members_SlowCore_DefersThenEditsOriginalResponse()
    {
        var engine = new FakeCommandEngine { Gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously) };
        await using var bot = await DiscordTestHost.StartAsync(engine: engine, settings: new Dictionary<string, string?> { ["Discord:DeferAfter"] = "00:00:00.100" });

        var first = await bot.InteractAsync(DiscordTestServer.SlashCommand("members", "name", "BSN"));
        Assert.Equal(5, first.Body!["type"]!.GetValue<int>());

        engine.Gate.SetResult();
        var edit = await bot.Server.WaitForRequestAsync(r => r.Method == "PATCH", "the edit of the original response");

        Assert.Equal($"webhooks/{DiscordTestHost.ApplicationId}/interaction-token-1/messages/@original", edit.Path);
        Assert.Contains("China Mobile", edit.Body!["embeds"]![0]!["description"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Empty(edit.Body["allowed_mentions"]!["parse"]!.AsArray());
    }

    [Fact]
    public async Task Ambiguous_Choices_BecomeButtonsThatRunTheChosenCommand()
    {
        await using var bot = await DiscordTestHost.StartAsync();

        var response = await bot.InteractAsync(DiscordTestServer.SlashCommand("members", "name", "Bank"));
        var buttons = response.Body!["data"]!["components"]![0]!["components"]!.AsArray();
        Assert.Equal(["WeBank", "China Merchants Bank"], buttons.Select(b => b!["label"]!.GetValue<string>()));
        var customId = buttons[0]!["custom_id"]!.GetValue<string>();
        Assert.InRange(customId.Length, 1, 100);

        var click = await bot.InteractAsync(DiscordTestServer.ButtonClick(customId));

        Assert.Equal(4, click.Body!["type"]!.GetValue<int>());
        Assert.Equal("/members WeBank", bot.Engine.Requests[^1].Text);
        Assert.Equal("Not found", click.Body["data"]!["embeds"]![0]!["title"]!.GetValue<string>());
    }

    [Fact]
    public async Task Reply_OverEmbedLimits_IsSplitIntoFollowUpsWithinLimits()
    {
        var items = Enumerable.Range(1, 80).Select(i => new ReplyItem($"Member {i:D3}", new string('x', 150) + $" end{i:D3}", [1])).ToList();
        var engine = new FakeCommandEngine { Respond = _ => new Reply(ReplyKind.Answer, "Members of a big network", [new Section("Members", items)], [new Citation(1, "Source", "https://news.example/a", "a.txt", null)], []) };
        await using var bot = await DiscordTestHost.StartAsync(engine: engine);

        var first = await bot.InteractAsync(DiscordTestServer.SlashCommand("members", "name", "Big"));
        await DiscordTestServer.WaitUntilAsync(() => bot.Server.Requests.Any(r => r.Method == "POST" && r.Path.StartsWith("webhooks/", StringComparison.Ordinal)), "follow-ups");
        await DiscordTestServer.WaitUntilAsync(() => AllText(bot).Contains("end080", StringComparison.Ordinal), "the last member in some message");

        var messages = new List<JsonNode> { first.Body!["data"]! };
        messages.AddRange(bot.Server.Requests.Where(r => r.Method == "POST" && r.Path.StartsWith("webhooks/", StringComparison.Ordinal)).Select(r => r.Body!));
        Assert.InRange(messages.Count, 3, 5);
        foreach (var message in messages)
        {
            var embeds = message["embeds"]!.AsArray();
            Assert.InRange(embeds.Count, 1, 10);
            var total = 0;
            foreach (var embed in embeds)
            {
                var description = embed!["description"]!.GetValue<string>();
                Assert.InRange(description.Length, 1, 4096);
                Assert.InRange(embed["title"]!.GetValue<string>().Length, 1, 256);
                Assert.True((embed["fields"]?.AsArray().Count ?? 0) <= 25);
                total += description.Length + embed["title"]!.GetValue<string>().Length + (embed["footer"]?["text"]?.GetValue<string>().Length ?? 0);
            }

            Assert.InRange(total, 1, 6000);
            Assert.Empty(message["allowed_mentions"]!["parse"]!.AsArray());
        }

        var text = string.Join("\n", messages.Select(m => m["embeds"]![0]!["description"]!.GetValue<string>()));
        var positions = Enumerable.Range(1, 80).Select(i => text.IndexOf($"**Member {i:D3}**", StringComparison.Ordinal)).ToList();
        Assert.DoesNotContain(-1, positions);
        Assert.Equal(positions.Order(), positions);
    }

    [Fact]
    public async Task Mentions_EveryoneInArticleText_GoesOutWithEmptyAllowedMentionsParse()
    {
        var engine = new FakeCommandEngine
        {
            Respond = _ => new Reply(
                ReplyKind.Answer,
                "About @everyone",
                [new Paragraph("Ping @everyone and @here, and <@123> and <@&456>."), new Section("People", [new ReplyItem("@everyone", "<@123> said *so*", [1])])],
                [new Citation(1, "@here news", "https://news.example/x", "x.txt", null)],
                []),
        };
        await using var bot = await DiscordTestHost.StartAsync(engine: engine);

        var response = await bot.InteractAsync(DiscordTestServer.SlashCommand("about", "name", "everyone"));

        var data = response.Body!["data"]!;
        var allowed = data["allowed_mentions"]!.AsObject();
        Assert.Empty(allowed["parse"]!.AsArray());
        Assert.False(allowed.ContainsKey("users"));
        Assert.False(allowed.ContainsKey("roles"));
        var description = data["embeds"]![0]!["description"]!.GetValue<string>();
        Assert.Contains("@everyone", description, StringComparison.Ordinal);
        Assert.Contains("\\<@123\\>", description, StringComparison.Ordinal);
        Assert.Contains("\\*so\\*", description, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TextCommands_Enabled_AnswersBangMembersInChannelWithMessageContentIntent()
    {
        await using var bot = await DiscordTestHost.StartAsync(settings: new Dictionary<string, string?> { ["Discord:EnableTextCommands"] = "true" });
        var connection = await bot.Server.WaitForConnectionAsync(0);
        var identify = connection.Received.First(p => p["op"]!.GetValue<int>() == 2);
        Assert.Equal(1 | (1 << 9) | (1 << 12) | (1 << 15), identify["d"]!["intents"]!.GetValue<int>());

        await connection.SendDispatchAsync("MESSAGE_CREATE", DiscordTestServer.UserMessage("!members BSN"));
        var sent = await bot.Server.WaitForRequestAsync(r => r.Path == "channels/1300000000000000001/messages", "the channel reply");

        Assert.Contains("China Telecom", sent.Body!["embeds"]![0]!["description"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Empty(sent.Body["allowed_mentions"]!["parse"]!.AsArray());
        Assert.Equal("1400000000000000001", sent.Body["message_reference"]!["message_id"]!.GetValue<string>());
        Assert.Equal("/members BSN", Assert.Single(bot.Engine.Requests).Text);
    }

    [Fact]
    public async Task TextCommands_Disabled_IdentifiesWithGuildsOnlyAndIgnoresMessages()
    {
        await using var bot = await DiscordTestHost.StartAsync();
        var connection = await bot.Server.WaitForConnectionAsync(0);
        var identify = connection.Received.First(p => p["op"]!.GetValue<int>() == 2);
        Assert.Equal(1, identify["d"]!["intents"]!.GetValue<int>());

        await connection.SendDispatchAsync("MESSAGE_CREATE", DiscordTestServer.UserMessage("!members BSN"));
        await bot.InteractAsync(DiscordTestServer.SlashCommand("help"));

        Assert.DoesNotContain(bot.Server.Requests, r => r.Path.StartsWith("channels/", StringComparison.Ordinal));
        Assert.Equal("/help", Assert.Single(bot.Engine.Requests).Text);
    }

    private static string AllText(DiscordTestHost bot) =>
        string.Join("\n", bot.Server.Requests.Select(r => r.Body?.ToJsonString() ?? ""));
}

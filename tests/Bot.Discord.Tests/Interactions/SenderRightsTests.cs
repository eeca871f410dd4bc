using Bot.Core.Commands;
using Bot.Discord.Interactions;
using Bot.Testing.Discord;

namespace Bot.Discord.Tests.Interactions;

/// <summary>What a command learns about its channel and sender: a guild channel or a DM, and in guilds the member's rights.</summary>
public sealed class SenderRightsTests
{
    [Theory]
    [InlineData(DiscordTestServer.AllPermissions, true)]
    [InlineData("8", true)]
    [InlineData("32", true)]
    [InlineData(DiscordTestServer.MemberPermissions, false)]
    [InlineData("0", false)]
    public async Task SlashCommandInGuild_MemberPermissions_DecideWhetherTheyManageTheChannel(string permissions, bool canManage)
    {
        await using var bot = await DiscordTestHost.StartAsync();

        await bot.InteractAsync(DiscordTestServer.SlashCommand("subscribe", "schedule", "daily 09:00", permissions: permissions));

        var request = Assert.Single(bot.Engine.Requests);
        Assert.Equal(ChatKind.Group, request.Chat);
        Assert.NotNull(request.Rights);
        Assert.Equal(canManage, await request.Rights.CanManageChatAsync(CancellationToken.None));
    }

    [Fact]
    public async Task SlashCommandInDm_PrivateWithNoCheck()
    {
        await using var bot = await DiscordTestHost.StartAsync();

        await bot.InteractAsync(DiscordTestServer.SlashCommand("subscribe", inDm: true, channelId: "1300000000000000099", userId: "1600000000000000077"));

        var request = Assert.Single(bot.Engine.Requests);
        Assert.Equal(ChatKind.Private, request.Chat);
        Assert.Null(request.Rights);
        Assert.Equal("1300000000000000099", request.ChatId);
        Assert.Equal("1600000000000000077", request.UserId);
    }

    [Fact]
    public async Task TextCommandInGuild_GroupWithoutRights()
    {
        await using var bot = await DiscordTestHost.StartAsync(settings: new Dictionary<string, string?> { ["Discord:EnableTextCommands"] = "true" });
        var connection = await bot.Server.WaitForConnectionAsync();

        await connection.SendDispatchAsync("MESSAGE_CREATE", DiscordTestServer.UserMessage("!help"));
        await DiscordTestServer.WaitUntilAsync(() => bot.Engine.Requests.Count > 0, "the text command");

        var request = Assert.Single(bot.Engine.Requests);
        Assert.Equal(ChatKind.Group, request.Chat);
        Assert.Null(request.Rights);
    }

    [Fact]
    public async Task TextCommandInDm_Private()
    {
        await using var bot = await DiscordTestHost.StartAsync(settings: new Dictionary<string, string?> { ["Discord:EnableTextCommands"] = "true" });
        var connection = await bot.Server.WaitForConnectionAsync();
        var message = DiscordTestServer.UserMessage("!help");
        message.Remove("guild_id");

        await connection.SendDispatchAsync("MESSAGE_CREATE", message);
        await DiscordTestServer.WaitUntilAsync(() => bot.Engine.Requests.Count > 0, "the text command");

        Assert.Equal(ChatKind.Private, Assert.Single(bot.Engine.Requests).Chat);
    }

    [Theory]
    [InlineData("""{"guild_id":"1","member":{"permissions":"40"}}""", ChatKind.Group, true)]
    [InlineData("""{"guild_id":"1","member":{"permissions":"not a number"}}""", ChatKind.Group, false)]
    [InlineData("""{"guild_id":"1","member":{}}""", ChatKind.Group, false)]
    [InlineData("""{"guild_id":"1"}""", ChatKind.Group, false)]
    [InlineData("""{"guild_id":"1","member":{"permissions":"18446744073709551615"}}""", ChatKind.Group, true)]
    public void Of_Interaction_ReadsKindAndPermissions(string json, ChatKind kind, bool canManage)
    {
        using var document = System.Text.Json.JsonDocument.Parse(json);

        var (chat, rights) = MemberPermissions.Of(document.RootElement);

        Assert.Equal(kind, chat);
        Assert.Equal(canManage, Assert.IsType<MemberPermissions>(rights).CanManageChat);
    }

    [Fact]
    public void Of_DmInteraction_PrivateAndNoRights()
    {
        using var document = System.Text.Json.JsonDocument.Parse("""{"user":{"id":"5"},"channel_id":"7"}""");

        Assert.Equal((ChatKind.Private, null), MemberPermissions.Of(document.RootElement));
    }
}

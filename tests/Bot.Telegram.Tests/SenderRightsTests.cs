using Bot.Core.Commands;
using Bot.Telegram.Api;
using Bot.Testing.Fakes;
using Bot.Testing.Telegram;

namespace Bot.Telegram.Tests;

/// <summary>What a command learns about its chat and sender: the chat kind, and in groups whether the sender administers it (getChatMember).</summary>
public sealed class SenderRightsTests
{
    [Theory]
    [InlineData("creator", true)]
    [InlineData("administrator", true)]
    [InlineData("member", false)]
    [InlineData("restricted", false)]
    [InlineData("left", false)]
    [InlineData("kicked", false)]
    public async Task GroupCommand_SenderStatus_DecidesWhetherTheyManageTheChat(string status, bool canManage)
    {
        await using var server = await TelegramTestServer.StartAsync();
        server.SetMemberStatus(-1007001, 7001, status);
        var engine = new FakeCommandEngine();
        await using var bot = await TelegramBotHost.StartAsync(server, engine);

        var request = await CommandAsync(server, engine, TelegramUpdates.GroupMessage(-1007001, 7001, "/subscribe daily 09:00"));

        Assert.Equal(ChatKind.Group, request.Chat);
        Assert.NotNull(request.Rights);
        Assert.Equal(canManage, await request.Rights.CanManageChatAsync(CancellationToken.None));
        var call = Assert.Single(server.Calls, c => c.Method == "getChatMember");
        Assert.Equal("-1007001", call.Parameters["chat_id"]!.ToString());
        Assert.Equal("7001", call.Parameters["user_id"]!.ToString());
    }

    [Fact]
    public async Task GroupCommand_RightsAskedTwice_OneGetChatMember()
    {
        await using var server = await TelegramTestServer.StartAsync();
        server.SetMemberStatus(-1007002, 7002, "administrator");
        var engine = new FakeCommandEngine();
        await using var bot = await TelegramBotHost.StartAsync(server, engine);

        var request = await CommandAsync(server, engine, TelegramUpdates.GroupMessage(-1007002, 7002, "/follow Acme", type: "group"));

        Assert.True(await request.Rights!.CanManageChatAsync(CancellationToken.None));
        Assert.True(await request.Rights.CanManageChatAsync(CancellationToken.None));
        Assert.Single(server.Calls, c => c.Method == "getChatMember");
    }

    [Fact]
    public async Task GroupCommand_NotAskedAboutRights_NoGetChatMember()
    {
        await using var server = await TelegramTestServer.StartAsync();
        var engine = new FakeCommandEngine();
        await using var bot = await TelegramBotHost.StartAsync(server, engine);

        var request = await CommandAsync(server, engine, TelegramUpdates.GroupMessage(-1007003, 7003, "/members BSN"));
        await server.WaitForSentAsync(1);

        Assert.Equal(ChatKind.Group, request.Chat);
        Assert.DoesNotContain(server.Calls, c => c.Method == "getChatMember");
    }

    [Fact]
    public async Task PrivateCommand_NeedsNoCheck()
    {
        await using var server = await TelegramTestServer.StartAsync();
        var engine = new FakeCommandEngine();
        await using var bot = await TelegramBotHost.StartAsync(server, engine);

        var request = await CommandAsync(server, engine, TelegramUpdates.PrivateMessage(7004, "/subscribe"));

        Assert.Equal(ChatKind.Private, request.Chat);
        Assert.Null(request.Rights);
        Assert.Equal("7004", request.UserId);
    }

    [Fact]
    public async Task ChannelPost_IsAChannelCommand()
    {
        await using var server = await TelegramTestServer.StartAsync();
        var engine = new FakeCommandEngine();
        await using var bot = await TelegramBotHost.StartAsync(server, engine);

        var request = await CommandAsync(server, engine, TelegramUpdates.ChannelPost(-1007005, "/subscribe"));

        Assert.Equal(ChatKind.Channel, request.Chat);
        Assert.Null(request.Rights);
    }

    [Fact]
    public async Task AnonymousAdministrator_PostingAsTheGroup_ManagesItWithoutACheck()
    {
        await using var server = await TelegramTestServer.StartAsync();
        var engine = new FakeCommandEngine();
        await using var bot = await TelegramBotHost.StartAsync(server, engine);

        var request = await CommandAsync(server, engine, TelegramUpdates.AnonymousAdminMessage(-1007006, "/subscribe"));

        Assert.Equal(ChatKind.Group, request.Chat);
        Assert.True(await request.Rights!.CanManageChatAsync(CancellationToken.None));
        Assert.DoesNotContain(server.Calls, c => c.Method == "getChatMember");
    }

    [Fact]
    public async Task LinkedChannelPostingInTheGroup_DoesNotManageIt()
    {
        await using var server = await TelegramTestServer.StartAsync();
        var engine = new FakeCommandEngine();
        await using var bot = await TelegramBotHost.StartAsync(server, engine);
        var update = TelegramUpdates.GroupMessage(-1007007, 136817688, "/subscribe");
        update["message"]!["sender_chat"] = TelegramUpdates.Chat(-1009999, "channel", "Some channel");

        var request = await CommandAsync(server, engine, update);

        Assert.False(await request.Rights!.CanManageChatAsync(CancellationToken.None));
        Assert.DoesNotContain(server.Calls, c => c.Method == "getChatMember");
    }

    [Fact]
    public async Task GroupCommand_CheckFails_ThrowsAndLogs()
    {
        await using var server = await TelegramTestServer.StartAsync();
        server.FailNext("getChatMember", 400, "Bad Request: chat not found");
        var engine = new FakeCommandEngine();
        await using var bot = await TelegramBotHost.StartAsync(server, engine);

        var request = await CommandAsync(server, engine, TelegramUpdates.GroupMessage(-1007008, 7008, "/unsubscribe"));

        var error = await Assert.ThrowsAsync<TelegramApiException>(() => request.Rights!.CanManageChatAsync(CancellationToken.None).AsTask());
        Assert.Equal(400, error.ErrorCode);
        var logged = Assert.Single(bot.Logs.Entries, e => e.EventId.Id == 3030);
        Assert.Same(error, logged.Exception);
        Assert.DoesNotContain(TelegramTestServer.DefaultToken, logged.Message, StringComparison.Ordinal);

        // Not remembered as an answer: the next ask tries again.
        server.SetMemberStatus(-1007008, 7008, "creator");
        Assert.True(await request.Rights!.CanManageChatAsync(CancellationToken.None));
    }

    [Theory]
    [InlineData("private", ChatKind.Private)]
    [InlineData("group", ChatKind.Group)]
    [InlineData("supergroup", ChatKind.Group)]
    [InlineData("channel", ChatKind.Channel)]
    public void KindOf_ChatType_MapsToTheCoresChatKind(string type, ChatKind kind) =>
        Assert.Equal(kind, Receiving.UpdateProcessor.KindOf(type));

    private static async Task<CommandRequest> CommandAsync(TelegramTestServer server, FakeCommandEngine engine, System.Text.Json.Nodes.JsonObject update)
    {
        server.EnqueueUpdate(update);
        for (var i = 0; i < 500 && engine.Requests.Count == 0; i++)
        {
            await Task.Delay(20);
        }

        return Assert.Single(engine.Requests);
    }
}

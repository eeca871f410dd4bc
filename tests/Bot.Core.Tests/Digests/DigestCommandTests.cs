using Bot.Core.Commands;
using Bot.Core.Digests;
using Bot.Core.Replies;
using Bot.Core.Tests.Acceptance;
using Bot.Testing.Time;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Bot.Core.Tests.Digests;

/// <summary>The digest commands as a chat sees them: who may change what, bad input, and what /settings tells.</summary>
public sealed class DigestCommandTests(DatasetKnowledge dataset) : IClassFixture<DatasetKnowledge>
{
    private readonly InMemorySubscriptionStore _store = new();
    private readonly RecordingScheduler _scheduler = new();
    private readonly ManualTimeProvider _time = new(Feed.Start.AddHours(1));

    private CommandEngine Engine()
    {
        var commandOptions = Options.Create(new CommandOptions());
        var options = Options.Create(new DigestOptions());
        var reader = dataset.Knowledge.Reader;
        var service = new DigestService(_store, new ListNewsFeed(Feed.FourArticles()), reader, commandOptions, options, _time, NullLogger<DigestService>.Instance);
        var chats = new DigestChats(_store, _scheduler, service, reader, commandOptions, options, _time);
        IChatCommand[] commands = [new SubscribeCommand(chats), new UnsubscribeCommand(chats), new FollowCommand(chats), new UnfollowCommand(chats), new DigestNowCommand(chats), new SettingsCommand(chats)];
        return new CommandEngine(reader, commandOptions, NullLogger<CommandEngine>.Instance, commands);
    }

    private static CommandRequest Private(string text) => new(text, "telegram", "1001", "1001");

    private static CommandRequest Group(string text, bool admin) => new(text, "telegram", "-1002", "1001", Chat: ChatKind.Group, Rights: new FixedRights(admin));

    private async Task<(Reply Reply, string Text)> Send(CommandRequest request)
    {
        var reply = await Engine().HandleAsync(request, default);
        return (reply, PlainTextRenderer.Render(reply));
    }

    [Fact]
    public async Task Help_ListsTheDigestCommands()
    {
        var (_, text) = await Send(Private("/help"));

        foreach (var command in new[] { "/subscribe", "/unsubscribe", "/follow <name>", "/unfollow <name>", "/digest", "/settings" })
        {
            Assert.Contains(command, text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Subscribe_PrivateChat_SchedulesTheDigestAndSaysWhen()
    {
        var (reply, text) = await Send(Private("/subscribe daily 07:30 Europe/Berlin"));

        Assert.Equal(ReplyKind.Answer, reply.Kind);
        Assert.Contains("daily 07:30 (Europe/Berlin)", text, StringComparison.Ordinal);
        var scheduled = Assert.Single(_scheduler.Scheduled);
        Assert.Equal("0 30 7 ? * *", scheduled.Schedule.Cron);
        Assert.Equal("Europe/Berlin", scheduled.Schedule.TimeZone);
        Assert.Equal(scheduled, _store.Get("chat:telegram:1001"));
    }

    [Fact]
    public async Task Subscribe_GroupNonAdmin_IsRefusedAndChangesNothing()
    {
        var (reply, text) = await Send(Group("/subscribe daily 09:00", admin: false));

        Assert.Equal(ReplyKind.Refusal, reply.Kind);
        Assert.Contains("Only administrators", text, StringComparison.Ordinal);
        Assert.Empty(_store.List());
        Assert.Empty(_scheduler.Scheduled);
    }

    [Fact]
    public async Task Subscribe_GroupAdmin_Subscribes()
    {
        var (reply, _) = await Send(Group("/subscribe weekly Mon 09:00 UTC", admin: true));

        Assert.Equal(ReplyKind.Answer, reply.Kind);
        Assert.Equal("0 0 9 ? * MON", _store.Get("chat:telegram:-1002")!.Schedule.Cron);
    }

    [Fact]
    public async Task Subscribe_GroupWithoutAWayToCheckRights_IsRefused()
    {
        var (reply, _) = await Send(new CommandRequest("/subscribe", "discord", "55", "7", Chat: ChatKind.Group));

        Assert.Equal(ReplyKind.Refusal, reply.Kind);
        Assert.Empty(_store.List());
    }

    [Fact]
    public async Task Subscribe_RightsCheckFails_SaysSoAndChangesNothing()
    {
        var (reply, text) = await Send(new CommandRequest("/subscribe", "telegram", "-1002", "7", Chat: ChatKind.Group, Rights: new FailingRights()));

        Assert.Equal(ReplyKind.Refusal, reply.Kind);
        Assert.Contains("could not check", text, StringComparison.Ordinal);
        Assert.Empty(_store.List());
    }

    [Theory]
    [InlineData("/subscribe daily 9am", "HH:MM")]
    [InlineData("/subscribe weekly Someday 09:00", "weekly")]
    [InlineData("/subscribe daily 09:00 Mars/Olympus_Mons", "time zone")]
    [InlineData("/subscribe every now and then", "not a schedule")]
    public async Task Subscribe_BadScheduleOrZone_ExplainsAndChangesNothing(string command, string hint)
    {
        var (reply, text) = await Send(Private(command));

        Assert.Equal(ReplyKind.Usage, reply.Kind);
        Assert.Contains(hint, text, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("Nothing was changed", text, StringComparison.Ordinal);
        Assert.Empty(_store.List());
    }

    [Fact]
    public async Task Follow_AnAlias_FollowsTheEntityByItsNameAndSubscribes()
    {
        var (reply, text) = await Send(Private("/follow BSN"));

        Assert.Equal(ReplyKind.Answer, reply.Kind);
        var subscription = _store.Get("chat:telegram:1001")!;
        var followed = Assert.Single(subscription.Follows);
        Assert.NotEqual("BSN", followed);
        Assert.Contains(followed, text, StringComparison.Ordinal);
        Assert.Single(_scheduler.Scheduled);
        Assert.Contains("was not subscribed", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Follow_SameEntityByAnotherName_IsAlreadyFollowed()
    {
        await Send(Private("/follow BSN"));
        var (_, text) = await Send(Private("/follow Blockchain-based Service Network"));

        Assert.Contains("already follows", text, StringComparison.Ordinal);
        Assert.Single(_store.Get("chat:telegram:1001")!.Follows);
    }

    [Fact]
    public async Task Follow_UnknownName_SaysSoAndSuggests()
    {
        var (reply, text) = await Send(Private("/follow Webank Holdings Group Ltd"));

        Assert.Contains(reply.Kind, new[] { ReplyKind.Suggestion, ReplyKind.NotFound });
        Assert.Contains("know nothing", text, StringComparison.Ordinal);
        Assert.Empty(_store.List());
    }

    [Fact]
    public async Task Follow_NoName_ShowsUsage()
    {
        var (reply, text) = await Send(Private("/follow"));

        Assert.Equal(ReplyKind.Usage, reply.Kind);
        Assert.Contains("/follow <name>", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unfollow_ByAlias_RemovesTheFollow()
    {
        await Send(Private("/follow Blockchain Services Network"));
        var (reply, text) = await Send(Private("/unfollow bsn"));

        Assert.Equal(ReplyKind.Answer, reply.Kind);
        Assert.Empty(_store.Get("chat:telegram:1001")!.Follows);
        Assert.Contains("all news", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unfollow_NotFollowed_ListsWhatIs()
    {
        await Send(Private("/follow BSN"));
        var (reply, text) = await Send(Private("/unfollow WeBank"));

        Assert.Equal(ReplyKind.NotFound, reply.Kind);
        Assert.Contains("does not follow", text, StringComparison.Ordinal);
        Assert.Single(_store.Get("chat:telegram:1001")!.Follows);
    }

    [Fact]
    public async Task Unsubscribe_RemovesAndUnschedules()
    {
        await Send(Private("/subscribe"));
        var (reply, _) = await Send(Private("/unsubscribe"));

        Assert.Equal(ReplyKind.Answer, reply.Kind);
        Assert.Empty(_store.List());
        Assert.Equal(["chat:telegram:1001"], _scheduler.Unscheduled);
        Assert.Equal(ReplyKind.NotFound, (await Send(Private("/unsubscribe"))).Reply.Kind);
    }

    [Fact]
    public async Task Settings_TellsScheduleFollowsAndPause()
    {
        Assert.Contains("gets no digests", (await Send(Private("/settings"))).Text, StringComparison.Ordinal);
        await Send(Private("/subscribe weekly Fri 17:00 America/New_York always"));
        await Send(Private("/follow BSN"));
        _store.Pause("chat:telegram:1001", "Forbidden: bot was blocked by the user");

        var (_, text) = await Send(Private("/settings"));

        Assert.Contains("weekly Fri 17:00 (America/New_York)", text, StringComparison.Ordinal);
        Assert.Contains("only stories that name", text, StringComparison.Ordinal);
        Assert.Contains("Says so when there is nothing new", text, StringComparison.Ordinal);
        Assert.Contains("Paused: Forbidden: bot was blocked by the user", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Subscribe_PausedSubscription_Resumes()
    {
        await Send(Private("/subscribe"));
        _store.Pause("chat:telegram:1001", "blocked");

        var (reply, _) = await Send(Private("/subscribe"));

        Assert.Equal("Resumed", reply.Title);
        Assert.False(_store.Get("chat:telegram:1001")!.IsPaused);
    }

    [Fact]
    public async Task Digest_NoSubscription_ShowsTheNewsNowWithoutStoringAnything()
    {
        var (reply, text) = await Send(Group("/digest", admin: false));

        Assert.Equal(ReplyKind.Answer, reply.Kind);
        Assert.Contains("Kestrel Exchange Joins State Ledger Network", text, StringComparison.Ordinal);
        Assert.Empty(_store.List());
    }

    private sealed class FixedRights(bool admin) : ISenderRights
    {
        public ValueTask<bool> CanManageChatAsync(CancellationToken cancellationToken) => ValueTask.FromResult(admin);
    }

    private sealed class FailingRights : ISenderRights
    {
        public ValueTask<bool> CanManageChatAsync(CancellationToken cancellationToken) => throw new HttpRequestException("503 from the platform");
    }

    /// <summary>Records what the commands schedule; the fire times are Quartz's business, tested in Bot.Scheduling.Tests.</summary>
    private sealed class RecordingScheduler : IDigestScheduler
    {
        public List<Subscription> Scheduled { get; } = [];

        public List<string> Unscheduled { get; } = [];

        public string? ValidateCron(string cron) => null;

        public DateTimeOffset? NextFire(DigestSchedule schedule, DateTimeOffset after) => after.AddDays(1);

        public Task ScheduleAsync(Subscription subscription, CancellationToken cancellationToken)
        {
            Scheduled.Add(subscription);
            return Task.CompletedTask;
        }

        public Task UnscheduleAsync(string subscriptionId, CancellationToken cancellationToken)
        {
            Unscheduled.Add(subscriptionId);
            return Task.CompletedTask;
        }
    }
}

using Bot.Core.Digests;
using Bot.Core.Tests.Acceptance;
using Bot.Testing.Logging;
using Bot.Testing.Time;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Bot.Core.Tests.Digests;

/// <summary>Composing into the outbox once per fire time, the misfire grace, and sending with the outcomes a platform reports.</summary>
public sealed class DigestServiceTests(DatasetKnowledge dataset) : IClassFixture<DatasetKnowledge>, IDisposable
{
    private readonly InMemorySubscriptionStore _store = new();
    private readonly ListNewsFeed _feed = new(Feed.FourArticles());
    private readonly ManualTimeProvider _time = new(Feed.Start.AddHours(1));
    private readonly RecordingLoggerProvider _logs = new();
    private readonly DigestOptions _options = new() { MisfireGrace = TimeSpan.FromMinutes(30) };

    private DigestService Service() => new(_store, _feed, dataset.Knowledge.Reader, Options.Create(new Bot.Core.Commands.CommandOptions()), Options.Create(_options), _time, new Logger<DigestService>(new LoggerFactory([_logs])));

    private DigestOutbox Outbox(params IDigestPublisher[] publishers) => new(_store, publishers, Options.Create(_options), _time, NullLogger<DigestOutbox>.Instance);

    public void Dispose() => _logs.Dispose();

    private Subscription Subscribe(string chat = "42", params string[] follows)
    {
        var subscription = new Subscription(Subscription.ChatSubscriptionId("console", chat), "console", chat, SubscriptionOrigin.Chat,
            new DigestSchedule("daily 09:00", "0 0 9 ? * *", "UTC"), follows, false, Feed.Start.AddDays(-30));
        _store.Upsert(subscription);
        return subscription;
    }

    [Fact]
    public async Task RunScheduled_SameFireTwice_ComposesOnce()
    {
        var s = Subscribe();
        var fire = _time.GetUtcNow();

        Assert.Equal(DigestRunOutcome.Queued, await Service().RunScheduledAsync(s.Id, fire, default));
        Assert.Equal(DigestRunOutcome.AlreadyComposed, await Service().RunScheduledAsync(s.Id, fire, default));

        var delivery = Assert.Single(_store.Deliveries);
        Assert.Equal(DigestDelivery.IdOf(s.Id, fire), delivery.Id);
        Assert.Equal(2, delivery.Digest.Stories.Count);
        Assert.Equal(fire, _store.Get(s.Id)!.CoveredUntil);
    }

    [Fact]
    public async Task RunScheduled_NextFire_HoldsOnlyArticlesSeenSince()
    {
        var s = Subscribe();
        await Service().RunScheduledAsync(s.Id, _time.GetUtcNow(), default);
        _time.Advance(TimeSpan.FromDays(1));
        _feed.Articles.Add(Feed.Article(9, "Lakeside Innovation University opens lab", "The university opened a lab.", null, Feed.University) with
        {
            Article = Feed.Article(9, "Lakeside Innovation University opens lab", "The university opened a lab.", null, Feed.University).Article with { FirstSeen = _time.GetUtcNow().AddMinutes(-5) },
        });

        Assert.Equal(DigestRunOutcome.Queued, await Service().RunScheduledAsync(s.Id, _time.GetUtcNow(), default));

        var second = _store.Deliveries.OrderBy(d => d.ScheduledFor).Last();
        Assert.Equal("Lakeside Innovation University opens lab", Assert.Single(second.Digest.Stories).Headline);
    }

    [Fact]
    public async Task RunScheduled_DuringADatasetSync_WaitsForItsArticles()
    {
        var s = Subscribe();
        _feed.Articles.Clear();
        using var gate = new Bot.Core.Knowledge.KnowledgeSyncGate();
        var service = new DigestService(_store, _feed, dataset.Knowledge.Reader, Options.Create(new Bot.Core.Commands.CommandOptions()), Options.Create(_options), _time, NullLogger<DigestService>.Instance, gate);
        var sync = gate.Hold();

        var run = service.RunScheduledAsync(s.Id, _time.GetUtcNow(), default);
        await Task.Delay(100);
        Assert.False(run.IsCompleted);

        // The sync stores an article first seen before the fire time, then lets go.
        _feed.Articles.AddRange(Feed.FourArticles());
        sync.Dispose();

        Assert.Equal(DigestRunOutcome.Queued, await run);
        Assert.Equal(4, Assert.Single(_store.Deliveries).Digest.ArticleCount);
    }

    [Fact]
    public async Task RunScheduled_NothingNew_PostsNothing()
    {
        var s = Subscribe();
        await Service().RunScheduledAsync(s.Id, _time.GetUtcNow(), default);
        _time.Advance(TimeSpan.FromDays(1));

        Assert.Equal(DigestRunOutcome.NothingNew, await Service().RunScheduledAsync(s.Id, _time.GetUtcNow(), default));
        Assert.Single(_store.Deliveries);
    }

    [Fact]
    public async Task RunScheduled_NothingNewButNoticesAsked_QueuesANotice()
    {
        var s = Subscribe();
        _store.Upsert(s with { NotifyWhenEmpty = true, CoveredUntil = _time.GetUtcNow() });

        Assert.Equal(DigestRunOutcome.Queued, await Service().RunScheduledAsync(s.Id, _time.GetUtcNow(), default));
        Assert.True(Assert.Single(_store.Deliveries).Digest.IsEmpty);
    }

    [Fact]
    public async Task RunScheduled_BeyondTheGrace_IsSkippedAndLogged()
    {
        var s = Subscribe();
        var fire = _time.GetUtcNow();
        _time.Advance(TimeSpan.FromHours(2));

        Assert.Equal(DigestRunOutcome.TooLate, await Service().RunScheduledAsync(s.Id, fire, default));
        Assert.Empty(_store.Deliveries);
        Assert.Null(_store.Get(s.Id)!.CoveredUntil);
        Assert.Contains(_logs.Entries, e => e.Level == LogLevel.Warning && e.Message.Contains("beyond the grace", StringComparison.Ordinal));
    }

    [Fact]
    public async Task RunScheduled_WithinTheGrace_IsComposedForItsOriginalTime()
    {
        var s = Subscribe();
        var fire = _time.GetUtcNow();
        _time.Advance(TimeSpan.FromMinutes(20));

        // Logged by the Quartz job, which knows when it fired (Bot.Scheduling.Tests: "sent late").
        Assert.Equal(DigestRunOutcome.Queued, await Service().RunScheduledAsync(s.Id, fire, default));
        Assert.Equal(fire, Assert.Single(_store.Deliveries).ScheduledFor);
    }

    [Fact]
    public void ResolveFollows_AnyAlias_SameEntity()
    {
        // The dataset's knowledge: an acronym resolves to the same entity as the full name.
        var service = Service();
        var byAcronym = service.ResolveFollows(["BSN"]);
        var byName = service.ResolveFollows(["Blockchain Services Network"]);

        Assert.NotEmpty(byAcronym);
        Assert.True(byAcronym.SetEquals(byName));
        Assert.Empty(service.ResolveFollows(["No Such Alliance Anywhere"]));
    }

    [Fact]
    public async Task Outbox_Sent_MarksSentAndRecordsParts()
    {
        var s = Subscribe();
        await Service().RunScheduledAsync(s.Id, _time.GetUtcNow(), default);
        var publisher = new RecordingPublisher { Parts = 2 };
        var delivery = Assert.Single(_store.Deliveries);

        Assert.Equal(PublishStatus.Sent, await Outbox(publisher).DeliverAsync(delivery, default));

        var sent = _store.GetDelivery(delivery.Id)!;
        Assert.Equal(DeliveryStatus.Sent, sent.Status);
        Assert.Equal(2, sent.PartsSent);
        Assert.Contains("News digest", Assert.Single(publisher.Messages).Reply.Title, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Outbox_ResumedDelivery_StartsAfterThePartsSent()
    {
        var s = Subscribe();
        await Service().RunScheduledAsync(s.Id, _time.GetUtcNow(), default);
        var delivery = Assert.Single(_store.Deliveries);
        _store.MarkPartsSent(delivery.Id, 1);
        var publisher = new RecordingPublisher { Parts = 2 };

        await Outbox(publisher).DeliverAsync(_store.GetDelivery(delivery.Id)!, default);

        Assert.Equal(1, Assert.Single(publisher.Messages).PartsAlreadySent);
    }

    [Fact]
    public async Task Outbox_ChatGone_PausesTheSubscription()
    {
        var s = Subscribe();
        await Service().RunScheduledAsync(s.Id, _time.GetUtcNow(), default);
        var publisher = new RecordingPublisher();
        publisher.Script.Enqueue(new PublishResult(PublishStatus.ChatUnavailable, "Forbidden: bot was blocked by the user"));

        await Outbox(publisher).DeliverAsync(Assert.Single(_store.Deliveries), default);

        Assert.Equal("Forbidden: bot was blocked by the user", _store.Get(s.Id)!.PausedReason);
        Assert.Equal(DeliveryStatus.Failed, Assert.Single(_store.Deliveries).Status);
        _time.Advance(TimeSpan.FromDays(1));
        Assert.Equal(DigestRunOutcome.Paused, await Service().RunScheduledAsync(s.Id, _time.GetUtcNow(), default));
    }

    [Fact]
    public async Task Outbox_TransientFailure_RetriesLaterThenGivesUp()
    {
        _options.MaxDeliveryAttempts = 2;
        var s = Subscribe();
        await Service().RunScheduledAsync(s.Id, _time.GetUtcNow(), default);
        var publisher = new RecordingPublisher();
        publisher.Script.Enqueue(new PublishResult(PublishStatus.RetryLater, "HTTP 502"));
        publisher.Script.Enqueue(new PublishResult(PublishStatus.RetryLater, "HTTP 502"));
        var outbox = Outbox(publisher);

        await outbox.DeliverAsync(Assert.Single(_store.Deliveries), default);
        var retry = Assert.Single(_store.Deliveries);
        Assert.Equal(DeliveryStatus.Pending, retry.Status);
        Assert.Empty(_store.DuePending(_time.GetUtcNow(), 10));
        _time.Advance(DigestOutbox.Backoff(1));
        Assert.Single(_store.DuePending(_time.GetUtcNow(), 10));

        await outbox.DeliverAsync(retry, default);

        Assert.Equal(DeliveryStatus.Failed, Assert.Single(_store.Deliveries).Status);
        Assert.Null(_store.Get(s.Id)!.PausedReason);
    }

    [Fact]
    public async Task Outbox_Run_SendsEveryPendingDeliveryOnce()
    {
        for (var i = 0; i < 50; i++)
        {
            var s = Subscribe(i.ToString(System.Globalization.CultureInfo.InvariantCulture));
            await Service().RunScheduledAsync(s.Id, _time.GetUtcNow(), default);
        }

        var publisher = new RecordingPublisher();
        using var outbox = Outbox(publisher);
        using var stop = new CancellationTokenSource();
        var run = outbox.RunAsync(stop.Token);
        var deadline = Task.Delay(TimeSpan.FromSeconds(30));
        while (_store.Deliveries.Any(d => d.Status != DeliveryStatus.Sent) && !deadline.IsCompleted)
        {
            await Task.Delay(20);
        }

        await stop.CancelAsync();
        await run;

        Assert.All(_store.Deliveries, d => Assert.Equal(DeliveryStatus.Sent, d.Status));
        Assert.Equal(50, publisher.Messages.Count);
        Assert.Equal(50, publisher.Messages.Select(m => m.ChatId).Distinct().Count());
    }

    [Fact]
    public void SyncConfiguredChannels_CreatesUpdatesAndRemoves()
    {
        var channel = new ChannelDigestOptions { Platform = "Telegram", ChatId = "-100123", Schedule = "weekly Mon 08:30", TimeZone = "Europe/Berlin" };
        channel.Follow.Add("Veltora Bank");
        _options.Channels.Add(channel);
        var service = Service();

        var first = Assert.Single(service.SyncConfiguredChannels());
        Assert.Equal("config:Telegram:-100123", first.Id);
        Assert.Equal("telegram", first.Platform);
        Assert.Equal("0 30 8 ? * MON", first.Schedule.Cron);
        Assert.Equal(["Veltora Bank"], first.Follows);

        _store.Cover(first.Id, Feed.Start);
        channel.Schedule = "daily 07:00";
        var second = Assert.Single(service.SyncConfiguredChannels());
        Assert.Equal("0 0 7 ? * *", second.Schedule.Cron);
        Assert.Equal(Feed.Start, second.CoveredUntil);

        _options.Channels.Clear();
        Assert.Empty(service.SyncConfiguredChannels());
    }
}

using System.Text.Json;
using Bot.Core.Digests;
using Bot.Storage.Sqlite;
using Bot.Testing.Time;
using Microsoft.Data.Sqlite;

namespace Bot.Scheduling.Tests.Storage;

public sealed class SqliteDigestStoreTests : IDisposable
{
    private static readonly DateTimeOffset Nine = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "newsbot-digests-" + Guid.NewGuid().ToString("N"));
    private readonly ManualTimeProvider _clock = new(Nine);

    private string DbPath => Path.Combine(_folder, "digests.db");

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private SqliteDigestStore Open() => new(DbPath, _clock);

    private (SqliteDigestStore Store, Subscription Subscription) OpenWithChat()
    {
        var store = Open();
        var subscription = Chat();
        store.Upsert(subscription);
        return (store, subscription);
    }

    private static Subscription Chat(string chat = "42", DateTimeOffset? covered = null) =>
        new(Subscription.ChatSubscriptionId("telegram", chat), "telegram", chat, SubscriptionOrigin.Chat,
            new DigestSchedule("daily 09:00", "0 0 9 ? * *", "Europe/Berlin"), ["Acme Alliance", "Globex"], NotifyWhenEmpty: true,
            Nine.AddDays(-3), covered);

    private static Digest SampleDigest(DateTimeOffset from, DateTimeOffset to) => new(
        from,
        to,
        [
            new DigestStory("Acme joins the Example Network", "Acme said on Monday it joined the network.", ["Acme", "Example Network"],
            [
                new DigestSource(7, "Acme joins", "https://example.org/a", "007_a.txt", new DateOnly(2019, 11, 9), "Example Times", new DateTimeOffset(2026, 3, 1, 8, 30, 15, 123, TimeSpan.FromHours(2)).AddTicks(4567)),
                new DigestSource(8, "Network grows", null, "008_b.txt", null, null, to.AddMinutes(-5)),
            ]),
        ],
        2,
        ["Acme"],
        MoreStories: 3);

    private static DigestDelivery Delivery(Subscription s, DateTimeOffset at, DateTimeOffset? from = null) =>
        new(DigestDelivery.IdOf(s.Id, at), s.Id, s.Platform, s.ChatId, at, SampleDigest(from ?? at.AddDays(-1), at));

    [Fact]
    public void Upsert_ThenGet_RoundTripsEveryField()
    {
        var store = Open();
        var subscription = Chat(covered: Nine.AddHours(-1).AddTicks(1));

        store.Upsert(subscription);
        var read = store.Get(subscription.Id)!;

        Assert.Equal(subscription.Id, read.Id);
        Assert.Equal(subscription.Schedule, read.Schedule);
        Assert.Equal(subscription.Follows, read.Follows);
        Assert.Equal(subscription.CreatedAt, read.CreatedAt);
        Assert.Equal(subscription.CoveredUntil, read.CoveredUntil);
        Assert.True(read.NotifyWhenEmpty);
        Assert.Equal(SubscriptionOrigin.Chat, read.Origin);
        Assert.Null(read.PausedReason);
        Assert.Single(store.List());
    }

    [Fact]
    public void Upsert_OlderCoveredUntil_NeverMovesItBack()
    {
        // A command read the subscription before a digest moved it forward, and writes its old copy back.
        var store = Open();
        store.Upsert(Chat(covered: Nine));
        var stale = store.Get(Chat().Id)!;
        store.Cover(Chat().Id, Nine.AddDays(1));

        store.Upsert(stale with { Follows = ["Veltora Bank"] });

        var read = store.Get(Chat().Id)!;
        Assert.Equal(Nine.AddDays(1), read.CoveredUntil);
        Assert.Equal(["Veltora Bank"], read.Follows);
    }

    [Fact]
    public void Upsert_WithoutCoveredUntil_KeepsTheStoredOne()
    {
        var store = Open();
        store.Upsert(Chat(covered: Nine));

        store.Upsert(Chat() with { Schedule = new DigestSchedule("weekly Mon 09:00", "0 0 9 ? * MON", "UTC") });

        var read = store.Get(Chat().Id)!;
        Assert.Equal(Nine, read.CoveredUntil);
        Assert.Equal("weekly Mon 09:00", read.Schedule.Text);
    }

    [Fact]
    public void AddDelivery_SameIdTwice_StoresOnceAndMovesCoveredUntilOnce()
    {
        var (store, subscription) = OpenWithChat();
        var delivery = Delivery(subscription, Nine);

        Assert.True(store.AddDelivery(delivery));
        store.Cover(subscription.Id, Nine.AddHours(1));
        Assert.False(store.AddDelivery(delivery with { Digest = SampleDigest(Nine.AddDays(-2), Nine.AddHours(5)) }));

        // The second add changed nothing: neither the stored digest nor the covered time it would have set.
        Assert.Equal(Nine.AddHours(1), store.Get(subscription.Id)!.CoveredUntil);
        Assert.Equal(Nine, store.GetDelivery(delivery.Id)!.Digest.To);
        Assert.Single(store.DuePending(Nine.AddDays(1), 10));
    }

    [Fact]
    public void AddDelivery_MovesCoveredUntilToTheDigestsEnd()
    {
        var (store, subscription) = OpenWithChat();

        store.AddDelivery(Delivery(subscription, Nine));

        Assert.Equal(Nine, store.Get(subscription.Id)!.CoveredUntil);
    }

    [Fact]
    public void GetDelivery_RoundTripsTheDigestExactly()
    {
        var (store, subscription) = OpenWithChat();
        var delivery = Delivery(subscription, Nine);
        store.AddDelivery(delivery);

        var read = store.GetDelivery(delivery.Id)!;

        Assert.Equal(JsonSerializer.Serialize(delivery), JsonSerializer.Serialize(read));
        var source = read.Digest.Stories[0].Sources[0];
        Assert.Equal(TimeSpan.FromHours(2), source.FirstSeen.Offset);
        Assert.Equal(delivery.Digest.Stories[0].Sources[0].FirstSeen.Ticks, source.FirstSeen.Ticks);
        Assert.Equal(new DateOnly(2019, 11, 9), source.Published);
        Assert.Equal(3, read.Digest.MoreStories);
    }

    [Fact]
    public void Pause_FailsPendingDeliveriesButNotSentOnes()
    {
        var (store, subscription) = OpenWithChat();
        var sent = Delivery(subscription, Nine.AddDays(-1));
        var pending = Delivery(subscription, Nine);
        store.AddDelivery(sent);
        store.AddDelivery(pending);
        store.MarkSent(sent.Id, Nine.AddDays(-1).AddMinutes(1));

        store.Pause(subscription.Id, "the bot was blocked by the user");

        Assert.Equal("the bot was blocked by the user", store.Get(subscription.Id)!.PausedReason);
        Assert.True(store.Get(subscription.Id)!.IsPaused);
        var failed = store.GetDelivery(pending.Id)!;
        Assert.Equal(DeliveryStatus.Failed, failed.Status);
        Assert.Equal("the bot was blocked by the user", failed.Error);
        Assert.Equal(DeliveryStatus.Sent, store.GetDelivery(sent.Id)!.Status);
        Assert.Empty(store.DuePending(Nine.AddDays(1), 10));
        Assert.Null(store.NextPendingDue());
    }

    [Fact]
    public void PartsAndAttempts_PersistAcrossReopeningTheFile()
    {
        var subscription = Chat();
        var delivery = Delivery(subscription, Nine);
        var first = Open();
        first.Upsert(subscription);
        first.AddDelivery(delivery);
        first.MarkPartsSent(delivery.Id, 2);
        first.MarkAttemptFailed(delivery.Id, "HTTP 502", Nine.AddMinutes(1));
        SqliteConnection.ClearAllPools();

        var reopened = Open().GetDelivery(delivery.Id)!;

        Assert.Equal(2, reopened.PartsSent);
        Assert.Equal(1, reopened.Attempts);
        Assert.Equal("HTTP 502", reopened.Error);
        Assert.Equal(Nine.AddMinutes(1), reopened.NextAttemptAt);
        Assert.Equal(DeliveryStatus.Pending, reopened.Status);
    }

    [Fact]
    public void MarkAttemptFailed_WithoutRetry_FailsForGood()
    {
        var (store, subscription) = OpenWithChat();
        var delivery = Delivery(subscription, Nine);
        store.AddDelivery(delivery);

        store.MarkAttemptFailed(delivery.Id, "400 Bad Request: message is too long", retryAt: null);
        store.MarkSent(delivery.Id, Nine);

        Assert.Equal(DeliveryStatus.Failed, store.GetDelivery(delivery.Id)!.Status);
    }

    [Fact]
    public void DuePending_RespectsNextAttemptAndOrdersByFireTime()
    {
        var store = Open();
        var a = Chat("1");
        var b = Chat("2");
        store.Upsert(a);
        store.Upsert(b);
        var later = Delivery(a, Nine);
        var earlier = Delivery(b, Nine.AddHours(-1));
        var retrying = Delivery(b, Nine.AddHours(-2));
        store.AddDelivery(later);
        store.AddDelivery(earlier);
        store.AddDelivery(retrying);
        store.MarkAttemptFailed(retrying.Id, "timeout", Nine.AddMinutes(10));

        Assert.Equal([earlier.Id, later.Id], store.DuePending(Nine, 10).Select(d => d.Id));
        Assert.Equal([earlier.Id], store.DuePending(Nine, 1).Select(d => d.Id));
        Assert.Equal([retrying.Id, earlier.Id, later.Id], store.DuePending(Nine.AddMinutes(10), 10).Select(d => d.Id));
        Assert.Equal(Nine.AddHours(-1), store.NextPendingDue());

        store.MarkSent(earlier.Id, Nine);
        store.MarkSent(later.Id, Nine);
        Assert.Equal(Nine.AddMinutes(10), store.NextPendingDue());
    }

    [Fact]
    public void Delete_RemovesTheSubscriptionAndItsPendingDeliveries()
    {
        var (store, subscription) = OpenWithChat();
        var sent = Delivery(subscription, Nine.AddDays(-1));
        var pending = Delivery(subscription, Nine);
        store.AddDelivery(sent);
        store.AddDelivery(pending);
        store.MarkSent(sent.Id, Nine);

        Assert.True(store.Delete(subscription.Id));
        Assert.False(store.Delete(subscription.Id));

        Assert.Null(store.Get(subscription.Id));
        Assert.Null(store.GetDelivery(pending.Id));
        Assert.NotNull(store.GetDelivery(sent.Id));
    }
}

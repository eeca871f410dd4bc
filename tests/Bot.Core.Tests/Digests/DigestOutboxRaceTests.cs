using System.Collections.Concurrent;
using Bot.Core.Digests;
using Bot.Testing.Time;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Bot.Core.Tests.Digests;

/// <summary>The outbox's send loop with deliveries finishing while it works through a list it read earlier.</summary>
public sealed class DigestOutboxRaceTests
{
    private static readonly DateTimeOffset Fire = new(2026, 3, 1, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Run_DeliveryFinishesWhileTheLoopWaitsForASlot_NotSentAgain()
    {
        var store = new WatchedStore();
        var publisher = new GatedPublisher();
        using var outbox = new DigestOutbox(store, [publisher], Options.Create(new DigestOptions { MaxConcurrentDeliveries = 2 }), new ManualTimeProvider(Fire), NullLogger<DigestOutbox>.Instance);
        Add(store, "b");
        Add(store, "d");
        using var stop = new CancellationTokenSource();
        var run = outbox.RunAsync(stop.Token);
        await publisher.Started("b").WaitAsync(TimeSpan.FromSeconds(10));
        await publisher.Started("d").WaitAsync(TimeSpan.FromSeconds(10));

        // Two more are composed, ordered before and between the two being sent: the loop reads [a, b, c, d] and waits
        // for a slot for "a" while "b" and "d" still go out.
        var listed = store.WhenListed(4);
        Add(store, "a");
        Add(store, "c");
        outbox.Notify();
        await listed.WaitAsync(TimeSpan.FromSeconds(10));

        publisher.Finish("b");
        await publisher.Started("a").WaitAsync(TimeSpan.FromSeconds(10));
        publisher.Finish("a");
        publisher.Finish("d");
        await publisher.Started("c").WaitAsync(TimeSpan.FromSeconds(10));
        publisher.Finish("c");
        await WaitUntilAsync(() => store.DuePending(Fire, 10).Count == 0 && outbox.InFlight == 0);
        await stop.CancelAsync();
        await run.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(["a", "b", "c", "d"], publisher.Calls.Order(StringComparer.Ordinal));
    }

    private static void Add(WatchedStore store, string chat)
    {
        var subscription = new Subscription(Subscription.ChatSubscriptionId("console", chat), "console", chat, SubscriptionOrigin.Chat,
            new DigestSchedule("daily 09:00", "0 0 9 ? * *", "UTC"), [], false, Fire.AddDays(-1));
        store.Upsert(subscription);
        store.AddDelivery(new DigestDelivery(DigestDelivery.IdOf(subscription.Id, Fire), subscription.Id, "console", chat, Fire, new Digest(Fire.AddDays(-1), Fire, [], 0, [])));
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        for (var i = 0; i < 500 && !condition(); i++)
        {
            await Task.Delay(10);
        }

        Assert.True(condition());
    }

    /// <summary>The in-memory store, telling when the loop has read a list of pending deliveries of a given length.</summary>
    private sealed class WatchedStore : ISubscriptionStore
    {
        private readonly InMemorySubscriptionStore _inner = new();
        private readonly ConcurrentDictionary<int, TaskCompletionSource> _listed = new();

        public Task WhenListed(int count) => _listed.GetOrAdd(count, _ => new(TaskCreationOptions.RunContinuationsAsynchronously)).Task;

        public IReadOnlyList<DigestDelivery> DuePending(DateTimeOffset now, int max)
        {
            var due = _inner.DuePending(now, max);
            _listed.GetOrAdd(due.Count, _ => new(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
            return due;
        }

        public Subscription? Get(string id) => _inner.Get(id);

        public IReadOnlyList<Subscription> List() => _inner.List();

        public void Upsert(Subscription subscription) => _inner.Upsert(subscription);

        public bool Delete(string id) => _inner.Delete(id);

        public void Pause(string id, string reason) => _inner.Pause(id, reason);

        public bool AddDelivery(DigestDelivery delivery) => _inner.AddDelivery(delivery);

        public void Cover(string subscriptionId, DateTimeOffset coveredUntil) => _inner.Cover(subscriptionId, coveredUntil);

        public DigestDelivery? GetDelivery(string id) => _inner.GetDelivery(id);

        public DateTimeOffset? NextPendingDue() => _inner.NextPendingDue();

        public void MarkPartsSent(string deliveryId, int partsSent) => _inner.MarkPartsSent(deliveryId, partsSent);

        public void MarkSent(string deliveryId, DateTimeOffset sentAt) => _inner.MarkSent(deliveryId, sentAt);

        public void MarkAttemptFailed(string deliveryId, string error, DateTimeOffset? retryAt) => _inner.MarkAttemptFailed(deliveryId, error, retryAt);
    }

    /// <summary>A publisher whose sends go out only when the test says so.</summary>
    private sealed class GatedPublisher : IDigestPublisher
    {
        private readonly ConcurrentDictionary<string, TaskCompletionSource> _started = new();
        private readonly ConcurrentDictionary<string, TaskCompletionSource> _finish = new();
        private readonly ConcurrentQueue<string> _calls = new();

        public string Platform => "console";

        public IReadOnlyList<string> Calls => [.. _calls];

        public Task Started(string chat) => Gate(_started, chat).Task;

        public void Finish(string chat) => Gate(_finish, chat).TrySetResult();

        public async Task<PublishResult> PublishAsync(DigestMessage message, CancellationToken cancellationToken)
        {
            _calls.Enqueue(message.ChatId);
            Gate(_started, message.ChatId).TrySetResult();
            await Gate(_finish, message.ChatId).Task.WaitAsync(cancellationToken);
            await message.PartSent(1);
            return PublishResult.Sent;
        }

        private static TaskCompletionSource Gate(ConcurrentDictionary<string, TaskCompletionSource> gates, string chat) =>
            gates.GetOrAdd(chat, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
    }
}

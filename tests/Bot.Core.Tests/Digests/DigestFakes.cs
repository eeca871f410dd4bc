using System.Collections.Concurrent;
using Bot.Core.Digests;
using Bot.Core.Extraction;
using Bot.Core.Knowledge;

namespace Bot.Core.Tests.Digests;

/// <summary>An in-memory subscription store with the same contract as the SQLite one (tested against it in Bot.Scheduling.Tests).</summary>
internal sealed class InMemorySubscriptionStore : ISubscriptionStore
{
    private readonly ConcurrentDictionary<string, Subscription> _subscriptions = new();
    private readonly ConcurrentDictionary<string, DigestDelivery> _deliveries = new();
    private readonly Lock _lock = new();

    public IReadOnlyCollection<DigestDelivery> Deliveries => [.. _deliveries.Values];

    public Subscription? Get(string id) => _subscriptions.GetValueOrDefault(id);

    public IReadOnlyList<Subscription> List() => [.. _subscriptions.Values.OrderBy(s => s.Id, StringComparer.Ordinal)];

    public void Upsert(Subscription subscription) =>
        _subscriptions[subscription.Id] = subscription.CoveredUntil is null && Get(subscription.Id)?.CoveredUntil is { } covered
            ? subscription with { CoveredUntil = covered }
            : subscription;

    public bool Delete(string id)
    {
        foreach (var pending in _deliveries.Values.Where(d => d.SubscriptionId == id && d.Status == DeliveryStatus.Pending))
        {
            _deliveries.TryRemove(pending.Id, out _);
        }

        return _subscriptions.TryRemove(id, out _);
    }

    public void Pause(string id, string reason)
    {
        if (Get(id) is { } s)
        {
            _subscriptions[id] = s with { PausedReason = reason };
        }

        foreach (var pending in _deliveries.Values.Where(d => d.SubscriptionId == id && d.Status == DeliveryStatus.Pending))
        {
            _deliveries[pending.Id] = pending with { Status = DeliveryStatus.Failed, Error = reason };
        }
    }

    public bool AddDelivery(DigestDelivery delivery)
    {
        lock (_lock)
        {
            if (!_deliveries.TryAdd(delivery.Id, delivery))
            {
                return false;
            }

            Cover(delivery.SubscriptionId, delivery.Digest.To);
            return true;
        }
    }

    public void Cover(string subscriptionId, DateTimeOffset coveredUntil)
    {
        if (Get(subscriptionId) is { } s)
        {
            _subscriptions[subscriptionId] = s with { CoveredUntil = coveredUntil };
        }
    }

    public DigestDelivery? GetDelivery(string id) => _deliveries.GetValueOrDefault(id);

    public IReadOnlyList<DigestDelivery> DuePending(DateTimeOffset now, int max) =>
        [.. _deliveries.Values.Where(d => d.Status == DeliveryStatus.Pending && (d.NextAttemptAt is null || d.NextAttemptAt <= now))
            .OrderBy(d => d.ScheduledFor).ThenBy(d => d.Id, StringComparer.Ordinal).Take(max)];

    public DateTimeOffset? NextPendingDue()
    {
        var pending = _deliveries.Values.Where(d => d.Status == DeliveryStatus.Pending).ToList();
        return pending.Count == 0 ? null : pending.Min(d => d.NextAttemptAt ?? DateTimeOffset.MinValue);
    }

    public void MarkPartsSent(string deliveryId, int partsSent) => Update(deliveryId, d => d with { PartsSent = partsSent });

    public void MarkSent(string deliveryId, DateTimeOffset sentAt) => Update(deliveryId, d => d with { Status = DeliveryStatus.Sent });

    public void MarkAttemptFailed(string deliveryId, string error, DateTimeOffset? retryAt) =>
        Update(deliveryId, d => d with { Attempts = d.Attempts + 1, Error = error, NextAttemptAt = retryAt, Status = retryAt is null ? DeliveryStatus.Failed : DeliveryStatus.Pending });

    private void Update(string id, Func<DigestDelivery, DigestDelivery> change)
    {
        lock (_lock)
        {
            if (_deliveries.TryGetValue(id, out var d))
            {
                _deliveries[id] = change(d);
            }
        }
    }
}

/// <summary>A news feed over a fixed list of articles.</summary>
internal sealed class ListNewsFeed(params FeedArticle[] articles) : INewsFeed
{
    public List<FeedArticle> Articles { get; } = [.. articles];

    public IReadOnlyList<FeedArticle> SeenBetween(DateTimeOffset after, DateTimeOffset upTo, int max) =>
        [.. Articles.Where(a => a.Article.FirstSeen > after && a.Article.FirstSeen <= upTo).OrderByDescending(a => a.Article.FirstSeen).Take(max)];
}

/// <summary>A publisher that records what it is asked to send and answers with a scripted status.</summary>
internal sealed class RecordingPublisher(string platform = "console") : IDigestPublisher
{
    public string Platform => platform;

    public List<DigestMessage> Messages { get; } = [];

    /// <summary>The result of the next calls, in order; <see cref="PublishResult.Sent"/> when none is left.</summary>
    public Queue<PublishResult> Script { get; } = new();

    /// <summary>Parts each message has (the publisher reports each one as sent).</summary>
    public int Parts { get; set; } = 1;

    public async Task<PublishResult> PublishAsync(DigestMessage message, CancellationToken cancellationToken)
    {
        lock (Messages)
        {
            Messages.Add(message);
        }

        var result = Script.Count > 0 ? Script.Dequeue() : PublishResult.Sent;
        if (result.Status == PublishStatus.Sent)
        {
            for (var part = message.PartsAlreadySent + 1; part <= Parts; part++)
            {
                await message.PartSent(part);
            }
        }

        return result;
    }
}

/// <summary>Articles and entities for digest tests: invented names.</summary>
internal static class Feed
{
    public static readonly DateTimeOffset Start = new(2026, 3, 1, 8, 0, 0, TimeSpan.Zero);

    public static FeedArticle Article(long id, string title, string lead, DateOnly? published, params (long Id, string Name, EntityKind Kind)[] entities) =>
        new(new ArticleRecord(id, $"{id:000}.txt", title, $"https://news.example/{id}", published, "Example News", Start.AddMinutes(id)),
            lead,
            [.. entities.Select(e => new FeedEntity(e.Id, e.Name, e.Kind, 2))]);

    public static readonly (long, string, EntityKind) Network = (1, "Orbis Ledger Network", EntityKind.Group);
    public static readonly (long, string, EntityKind) Exchange = (2, "Kestrel Exchange", EntityKind.Organisation);
    public static readonly (long, string, EntityKind) Bank = (3, "Veltora Bank", EntityKind.Organisation);
    public static readonly (long, string, EntityKind) Telecom = (4, "Nordpol Telecom", EntityKind.Organisation);
    public static readonly (long, string, EntityKind) Alliance = (5, "Harbour Bay Chain Alliance", EntityKind.Group);
    public static readonly (long, string, EntityKind) University = (6, "Lakeside Innovation University", EntityKind.Organisation);
    public static readonly (long, string, EntityKind) Person = (7, "Mira Talvik", EntityKind.Person);
    public static readonly (long, string, EntityKind) Place = (8, "Portvale", EntityKind.Place);

    /// <summary>Three reports of one story (the exchange joins the network), one unrelated story.</summary>
    public static FeedArticle[] FourArticles() =>
    [
        Article(1, "Kestrel Exchange Joins State Ledger Network", "Kestrel Exchange has joined the Orbis Ledger Network as one of its first members.", new DateOnly(2026, 2, 20), Network, Exchange, Bank, Telecom, Person),
        Article(2, "Crypto exchange becomes member of national chain", "The Orbis Ledger Network named Kestrel Exchange a member on Monday.", new DateOnly(2026, 2, 21), Network, Exchange, Bank, Place),
        Article(3, "Veltora Bank to run the ledger network's infrastructure", "Veltora Bank will be the technical provider of the Orbis Ledger Network.", new DateOnly(2026, 2, 22), Network, Exchange, Bank, Telecom),
        Article(4, "Harbour Bay alliance formed to promote chain technology", "The Harbour Bay Chain Alliance was formed on Friday.", new DateOnly(2026, 2, 25), Alliance, University, Place),
    ];
}

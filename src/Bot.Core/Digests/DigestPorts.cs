using Bot.Core.Replies;

namespace Bot.Core.Digests;

/// <summary>Subscriptions and the delivery outbox. Implemented by the storage layer (SQLite); every method is one short transaction.</summary>
public interface ISubscriptionStore
{
    /// <summary>A subscription by id, or null.</summary>
    Subscription? Get(string id);

    /// <summary>Every subscription, paused ones included.</summary>
    IReadOnlyList<Subscription> List();

    /// <summary>Creates or replaces a subscription (keeping its <see cref="Subscription.CoveredUntil"/> when the new one has none).</summary>
    void Upsert(Subscription subscription);

    /// <summary>Deletes a subscription and its pending deliveries; false when there was none.</summary>
    bool Delete(string id);

    /// <summary>Pauses a subscription (the chat is gone); its pending deliveries fail with the same reason.</summary>
    void Pause(string id, string reason);

    /// <summary>
    /// Stores a composed delivery and moves its subscription's <see cref="Subscription.CoveredUntil"/> to
    /// <see cref="Digest.To"/>, in one transaction. False (and nothing changed) when a delivery with this id exists:
    /// a fire time is composed once, however often it is retried.
    /// </summary>
    bool AddDelivery(DigestDelivery delivery);

    /// <summary>Moves a subscription's <see cref="Subscription.CoveredUntil"/> forward with no delivery (nothing new was found).</summary>
    void Cover(string subscriptionId, DateTimeOffset coveredUntil);

    /// <summary>A delivery by id, or null.</summary>
    DigestDelivery? GetDelivery(string id);

    /// <summary>Pending deliveries whose next attempt is due at <paramref name="now"/>, oldest fire time first.</summary>
    IReadOnlyList<DigestDelivery> DuePending(DateTimeOffset now, int max);

    /// <summary>When the next pending delivery is due, or null when none is pending.</summary>
    DateTimeOffset? NextPendingDue();

    /// <summary>Records that the first <paramref name="partsSent"/> messages of a delivery went out.</summary>
    void MarkPartsSent(string deliveryId, int partsSent);

    /// <summary>Marks a delivery sent.</summary>
    void MarkSent(string deliveryId, DateTimeOffset sentAt);

    /// <summary>Records a failed attempt: pending again from <paramref name="retryAt"/>, or failed for good when it is null.</summary>
    void MarkAttemptFailed(string deliveryId, string error, DateTimeOffset? retryAt);
}

/// <summary>The articles digests are made of. Implemented by the storage layer over the knowledge store.</summary>
public interface INewsFeed
{
    /// <summary>Articles first seen in (<paramref name="after"/>, <paramref name="upTo"/>], newest first, at most <paramref name="max"/>.</summary>
    IReadOnlyList<FeedArticle> SeenBetween(DateTimeOffset after, DateTimeOffset upTo, int max);
}

/// <summary>Schedules digests. Implemented with Quartz (cron triggers in a persistent job store); the core only asks.</summary>
public interface IDigestScheduler
{
    /// <summary>Null when <paramref name="cron"/> is a valid cron expression (Quartz syntax, seconds first), else why not.</summary>
    string? ValidateCron(string cron);

    /// <summary>The first fire time after <paramref name="after"/>, or null when the schedule never fires again.</summary>
    DateTimeOffset? NextFire(DigestSchedule schedule, DateTimeOffset after);

    /// <summary>Creates or replaces the subscription's trigger.</summary>
    Task ScheduleAsync(Subscription subscription, CancellationToken cancellationToken);

    /// <summary>Removes the subscription's trigger, if any.</summary>
    Task UnscheduleAsync(string subscriptionId, CancellationToken cancellationToken);
}

/// <summary>Sends digests to one platform's chats. Each transport implements it; the console's prints.</summary>
public interface IDigestPublisher
{
    /// <summary>The platform this publisher sends to ("telegram", "discord", "console").</summary>
    string Platform { get; }

    /// <summary>
    /// Renders <see cref="DigestMessage.Reply"/> within the platform's limits (split at item boundaries), skips the
    /// first <see cref="DigestMessage.PartsAlreadySent"/> parts, and sends the rest in order, calling
    /// <see cref="DigestMessage.PartSent"/> after each. Never throws for a platform error: the result says what happened.
    /// </summary>
    Task<PublishResult> PublishAsync(DigestMessage message, CancellationToken cancellationToken);
}

/// <summary>A digest to send.</summary>
/// <param name="DeliveryId">The outbox id (platforms with idempotency keys use it: Discord's nonce).</param>
/// <param name="ChatId">The chat or channel.</param>
/// <param name="Reply">The digest as a reply.</param>
/// <param name="PartsAlreadySent">Messages of it that went out before a restart.</param>
/// <param name="PartSent">Called with the number of parts sent so far, after each part.</param>
public sealed record DigestMessage(string DeliveryId, string ChatId, Reply Reply, int PartsAlreadySent, Func<int, ValueTask> PartSent);

/// <summary>What sending a digest came to.</summary>
public enum PublishStatus
{
    /// <summary>Every part went out.</summary>
    Sent,
    /// <summary>The chat is gone: blocked the bot, deleted, the bot was removed, or it may not post there. Pause the subscription.</summary>
    ChatUnavailable,
    /// <summary>A transient failure (network, 5xx, rate limits beyond retries): try again later.</summary>
    RetryLater,
    /// <summary>The platform refused the message for good (a bad request): do not retry.</summary>
    Failed,
}

/// <summary>The result of <see cref="IDigestPublisher.PublishAsync"/>.</summary>
/// <param name="Status">What happened.</param>
/// <param name="Detail">The platform's reason, for logs and /settings (never a token).</param>
public sealed record PublishResult(PublishStatus Status, string? Detail = null)
{
    /// <summary>Every part went out.</summary>
    public static PublishResult Sent { get; } = new(PublishStatus.Sent);
}

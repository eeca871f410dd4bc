using Bot.Core.Commands;
using Bot.Core.Knowledge;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Bot.Core.Digests;

/// <summary>What a scheduled run came to.</summary>
public enum DigestRunOutcome
{
    /// <summary>A digest was composed and stored in the outbox.</summary>
    Queued,
    /// <summary>Nothing new, and the subscription does not ask for notices: no post.</summary>
    NothingNew,
    /// <summary>This fire time was composed before (a retried or duplicate fire): nothing done.</summary>
    AlreadyComposed,
    /// <summary>The fire time passed more than the grace period ago: skipped, the next occurrence will carry the news.</summary>
    TooLate,
    /// <summary>The subscription is paused.</summary>
    Paused,
    /// <summary>No such subscription (it was removed).</summary>
    NoSubscription,
}

/// <summary>
/// Composes digests: for a subscription's fire time, the stories of the articles first seen since its last digest,
/// filtered by what it follows, stored in the outbox under an id derived from (subscription, fire time), so a fire is
/// composed once however often it runs. Sending is <see cref="DigestOutbox"/>'s.
/// </summary>
public sealed partial class DigestService(
    ISubscriptionStore store,
    INewsFeed feed,
    IKnowledgeReader knowledge,
    IOptions<CommandOptions> commandOptions,
    IOptions<DigestOptions> options,
    TimeProvider time,
    ILogger<DigestService> logger,
    KnowledgeSyncGate? syncGate = null)
{
    private readonly DigestOptions _options = options.Value;
    private readonly EntityLookup _lookup = new(knowledge, commandOptions);
    private readonly Lock _feedLock = new();
    private FeedRead? _lastRead;

    /// <summary>Composes and stores the digest of <paramref name="subscriptionId"/> for the fire time <paramref name="scheduledFor"/>.</summary>
    public async Task<DigestRunOutcome> RunScheduledAsync(string subscriptionId, DateTimeOffset scheduledFor, CancellationToken cancellationToken)
    {
        // Lateness is the bot's, not the wait for a dataset sync below: a long sync does not turn digests into misfires.
        var late = time.GetUtcNow() - scheduledFor;

        // Not while articles are being stored: their first-seen times would be passed without them.
        using var held = syncGate is null ? null : await syncGate.HoldAsync(cancellationToken);
        return Run(subscriptionId, scheduledFor, late);
    }

    private DigestRunOutcome Run(string subscriptionId, DateTimeOffset scheduledFor, TimeSpan late)
    {
        var subscription = store.Get(subscriptionId);
        if (subscription is null)
        {
            LogRun(logger, subscriptionId, scheduledFor, DigestRunOutcome.NoSubscription);
            return DigestRunOutcome.NoSubscription;
        }

        if (subscription.IsPaused)
        {
            LogRun(logger, subscriptionId, scheduledFor, DigestRunOutcome.Paused);
            return DigestRunOutcome.Paused;
        }

        var deliveryId = DigestDelivery.IdOf(subscriptionId, scheduledFor);
        if (store.GetDelivery(deliveryId) is not null)
        {
            LogRun(logger, subscriptionId, scheduledFor, DigestRunOutcome.AlreadyComposed);
            return DigestRunOutcome.AlreadyComposed;
        }

        if (late > _options.MisfireGrace)
        {
            LogTooLate(logger, subscriptionId, scheduledFor, late, _options.MisfireGrace);
            return DigestRunOutcome.TooLate;
        }

        var digest = Compose(subscription, scheduledFor);
        if (digest.IsEmpty && !subscription.NotifyWhenEmpty)
        {
            store.Cover(subscriptionId, digest.To);
            LogRun(logger, subscriptionId, scheduledFor, DigestRunOutcome.NothingNew);
            return DigestRunOutcome.NothingNew;
        }

        var delivery = new DigestDelivery(deliveryId, subscriptionId, subscription.Platform, subscription.ChatId, scheduledFor, digest);
        var outcome = store.AddDelivery(delivery) ? DigestRunOutcome.Queued : DigestRunOutcome.AlreadyComposed;
        LogComposed(logger, subscriptionId, scheduledFor, digest.Stories.Count, digest.ArticleCount, outcome);
        return outcome;
    }

    /// <summary>
    /// The digest of <paramref name="subscription"/> up to <paramref name="upTo"/>: articles first seen since its last
    /// digest (or within the first-digest lookback), stories it follows. Stores nothing.
    /// </summary>
    public Digest Compose(Subscription subscription, DateTimeOffset upTo)
    {
        ArgumentNullException.ThrowIfNull(subscription);
        var from = subscription.CoveredUntil ?? upTo - _options.FirstDigestLookback;
        if (from > upTo)
        {
            from = upTo;
        }

        var articles = Read(from, upTo);
        var followed = subscription.Follows.Count == 0 ? null : ResolveFollows(subscription.Follows);
        return DigestComposer.Compose(articles, from, upTo, _options.MaxStories, subscription.Follows, followed);
    }

    /// <summary>
    /// The feed's articles of a window. Subscriptions on one schedule ask for the same window at the same fire time (a
    /// fan-out to thousands of chats), so the last read is kept while the knowledge is unchanged.
    /// </summary>
    private IReadOnlyList<FeedArticle> Read(DateTimeOffset from, DateTimeOffset upTo)
    {
        var version = knowledge.Version;
        lock (_feedLock)
        {
            if (_lastRead is { } last && last.From == from && last.UpTo == upTo && last.Version == version)
            {
                return last.Articles;
            }
        }

        var articles = feed.SeenBetween(from, upTo, _options.MaxArticles);
        lock (_feedLock)
        {
            _lastRead = new FeedRead(from, upTo, version, articles);
        }

        return articles;
    }

    private sealed record FeedRead(DateTimeOffset From, DateTimeOffset UpTo, long Version, IReadOnlyList<FeedArticle> Articles);

    /// <summary>The entity ids that followed names stand for, through every alias (a name that fits several entities follows them all).</summary>
    public IReadOnlySet<long> ResolveFollows(IReadOnlyList<string> follows)
    {
        ArgumentNullException.ThrowIfNull(follows);
        var ids = new HashSet<long>();
        foreach (var name in follows)
        {
            ids.UnionWith(IdsOf(name));
        }

        return ids;
    }

    /// <summary>The entity ids one name stands for, as /about would find it.</summary>
    internal IReadOnlySet<long> IdsOf(string name) => _lookup.Find(name) switch
    {
        Found found => new HashSet<long> { found.Entity.Id },
        Ambiguous ambiguous => ambiguous.Entities.Select(e => e.Id).ToHashSet(),
        _ => new HashSet<long>(),
    };

    /// <summary>
    /// Makes the subscriptions of <c>Digests:Channels</c> match configuration (created, updated, removed) and returns
    /// every subscription there is, for the scheduler to set up.
    /// </summary>
    public IReadOnlyList<Subscription> SyncConfiguredChannels()
    {
        var now = time.GetUtcNow();
        var configured = new HashSet<string>(StringComparer.Ordinal);
        foreach (var channel in _options.Channels)
        {
            if (!ScheduleText.TryParse(channel.Schedule, _options.DefaultSchedule, string.IsNullOrWhiteSpace(channel.TimeZone) ? _options.DefaultTimeZone : channel.TimeZone.Trim(), out var parsed, out var error) || parsed is null)
            {
                // Validation at start refuses this; a subscription that cannot be scheduled is not created.
                LogBadChannel(logger, channel.SubscriptionId, error ?? "bad schedule");
                continue;
            }

            var id = channel.SubscriptionId;
            configured.Add(id);
            var existing = store.Get(id);
            var subscription = new Subscription(
                id,
                channel.Platform.Trim().ToLowerInvariant(),
                channel.ChatId.Trim(),
                SubscriptionOrigin.Config,
                parsed.Schedule,
                [.. channel.Follow.Where(f => !string.IsNullOrWhiteSpace(f)).Select(f => f.Trim())],
                channel.NotifyWhenEmpty || parsed.NotifyWhenEmpty,
                existing?.CreatedAt ?? now,
                existing?.CoveredUntil,
                existing?.PausedReason);
            if (existing is null || existing != subscription with { Follows = existing.Follows } || !existing.Follows.SequenceEqual(subscription.Follows))
            {
                store.Upsert(subscription);
                LogChannelConfigured(logger, id, subscription.Platform, subscription.Schedule.Text, subscription.Schedule.TimeZone);
            }
        }

        foreach (var stale in store.List().Where(s => s.Origin == SubscriptionOrigin.Config && !configured.Contains(s.Id)))
        {
            store.Delete(stale.Id);
            LogChannelRemoved(logger, stale.Id);
        }

        return store.List();
    }

    [LoggerMessage(EventId = 1300, Level = LogLevel.Information, Message = "Digest for {Subscription} at {ScheduledFor:o}: {Outcome}")]
    private static partial void LogRun(ILogger logger, string subscription, DateTimeOffset scheduledFor, DigestRunOutcome outcome);

    [LoggerMessage(EventId = 1301, Level = LogLevel.Information, Message = "Digest for {Subscription} at {ScheduledFor:o}: {Stories} stories from {Articles} articles, {Outcome}")]
    private static partial void LogComposed(ILogger logger, string subscription, DateTimeOffset scheduledFor, int stories, int articles, DigestRunOutcome outcome);

    [LoggerMessage(EventId = 1302, Level = LogLevel.Warning, Message = "Digest for {Subscription} due at {ScheduledFor:o} is {Late} late, beyond the grace of {Grace}: skipped; its news goes into the next digest")]
    private static partial void LogTooLate(ILogger logger, string subscription, DateTimeOffset scheduledFor, TimeSpan late, TimeSpan grace);

    [LoggerMessage(EventId = 1304, Level = LogLevel.Error, Message = "Configured digest channel {Subscription} is not scheduled: {Error}")]
    private static partial void LogBadChannel(ILogger logger, string subscription, string error);

    [LoggerMessage(EventId = 1305, Level = LogLevel.Information, Message = "Configured digest channel {Subscription} on {Platform}: {Schedule} ({TimeZone})")]
    private static partial void LogChannelConfigured(ILogger logger, string subscription, string platform, string schedule, string timeZone);

    [LoggerMessage(EventId = 1306, Level = LogLevel.Information, Message = "Digest channel {Subscription} is no longer configured: removed")]
    private static partial void LogChannelRemoved(ILogger logger, string subscription);
}

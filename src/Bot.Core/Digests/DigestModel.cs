using Bot.Core.Extraction;
using Bot.Core.Knowledge;

namespace Bot.Core.Digests;

/// <summary>Where a subscription came from: the operator's configuration or a chat's /subscribe.</summary>
public enum SubscriptionOrigin
{
    /// <summary>A channel listed under <c>Digests:Channels</c>; configuration owns it.</summary>
    Config,
    /// <summary>A chat that sent /subscribe or /follow; the chat's administrators own it.</summary>
    Chat,
}

/// <summary>When digests go out.</summary>
/// <param name="Text">How the schedule reads ("daily 09:00", "weekly Mon 09:00", "cron 0 0 9 ? * MON-FRI").</param>
/// <param name="Cron">The Quartz cron expression (seconds first) it stands for.</param>
/// <param name="TimeZone">The IANA time zone the cron runs in ("Europe/Berlin", "UTC").</param>
public sealed record DigestSchedule(string Text, string Cron, string TimeZone);

/// <summary>Who gets digests, when, and about what.</summary>
/// <param name="Id">Stable id: "chat:{platform}:{chat}" or "config:{name}". Quartz job and trigger keys derive from it.</param>
/// <param name="Platform">"telegram", "discord", "console".</param>
/// <param name="ChatId">The chat or channel id on that platform.</param>
/// <param name="Origin">Configuration or chat.</param>
/// <param name="Schedule">When.</param>
/// <param name="Follows">Entity names followed (best names at follow time); empty means every story.</param>
/// <param name="NotifyWhenEmpty">True to post a "nothing new" notice when a digest would be empty.</param>
/// <param name="CreatedAt">When it was created.</param>
/// <param name="CoveredUntil">The first-seen time up to which articles went into a digest already; null before the first.</param>
/// <param name="PausedReason">Why deliveries are paused (the chat blocked the bot, was deleted), or null when active.</param>
public sealed record Subscription(
    string Id,
    string Platform,
    string ChatId,
    SubscriptionOrigin Origin,
    DigestSchedule Schedule,
    IReadOnlyList<string> Follows,
    bool NotifyWhenEmpty,
    DateTimeOffset CreatedAt,
    DateTimeOffset? CoveredUntil = null,
    string? PausedReason = null)
{
    /// <summary>The id of a chat's own subscription.</summary>
    public static string ChatSubscriptionId(string platform, string chatId) => $"chat:{platform}:{chatId}";

    /// <summary>True when deliveries are paused.</summary>
    public bool IsPaused => PausedReason is not null;
}

/// <summary>A composed digest: the stories of the articles first seen in (<see cref="From"/>, <see cref="To"/>].</summary>
/// <param name="From">Articles first seen after this went in.</param>
/// <param name="To">…up to and including this.</param>
/// <param name="Stories">The stories, newest first.</param>
/// <param name="ArticleCount">How many articles the stories hold.</param>
/// <param name="Follows">The names the subscription follows (empty: all news).</param>
/// <param name="MoreStories">Stories left out beyond the most a digest lists.</param>
public sealed record Digest(DateTimeOffset From, DateTimeOffset To, IReadOnlyList<DigestStory> Stories, int ArticleCount, IReadOnlyList<string> Follows, int MoreStories = 0)
{
    /// <summary>True when there is nothing to tell.</summary>
    public bool IsEmpty => Stories.Count == 0;
}

/// <summary>One story: near-duplicate articles that report the same news, as one item.</summary>
/// <param name="Headline">The headline of the article that tells it best.</param>
/// <param name="Summary">One sentence from that article's lead.</param>
/// <param name="Organisations">The organisations and groups the story names, most named first.</param>
/// <param name="Sources">Every article that reports it, newest first.</param>
public sealed record DigestStory(string Headline, string Summary, IReadOnlyList<string> Organisations, IReadOnlyList<DigestSource> Sources);

/// <summary>An article a story cites.</summary>
public sealed record DigestSource(long ArticleId, string Title, string? Url, string SourceName, DateOnly? Published, string? Publisher, DateTimeOffset FirstSeen)
{
    /// <summary>The source of an article record.</summary>
    public static DigestSource Of(ArticleRecord a) => new(a.Id, a.Title, a.Url, a.SourceName, a.Published, a.Publisher, a.FirstSeen);
}

/// <summary>An article as the digest reads it: the record, its lead sentence and the entities it names.</summary>
/// <param name="Article">The article.</param>
/// <param name="Lead">Its first sentence of body text (boilerplate already removed), or empty.</param>
/// <param name="Entities">The knowledge base's entities the article names, with how often.</param>
public sealed record FeedArticle(ArticleRecord Article, string Lead, IReadOnlyList<FeedEntity> Entities);

/// <summary>An entity an article names.</summary>
public sealed record FeedEntity(long Id, string Name, EntityKind Kind, int Mentions);

/// <summary>What happens to a delivery in the outbox.</summary>
public enum DeliveryStatus
{
    /// <summary>Composed and stored, not (fully) sent.</summary>
    Pending = 0,
    /// <summary>Every part sent.</summary>
    Sent = 1,
    /// <summary>Given up: the chat is gone or the platform refused it for good.</summary>
    Failed = 2,
}

/// <summary>One digest for one subscription, in the outbox.</summary>
/// <param name="Id">"{subscription}@{scheduled fire time, UTC, ISO 8601}": the same fire never makes two deliveries.</param>
/// <param name="SubscriptionId">Whose.</param>
/// <param name="Platform">Where to.</param>
/// <param name="ChatId">Which chat.</param>
/// <param name="ScheduledFor">The fire time it was composed for.</param>
/// <param name="Digest">What it says.</param>
/// <param name="Status">Where it is.</param>
/// <param name="PartsSent">How many messages of it went out (a long digest is several): a resumed delivery starts after them.</param>
/// <param name="Attempts">How many times sending was tried.</param>
/// <param name="Error">The last failure, when any.</param>
/// <param name="NextAttemptAt">Not before this time (after a transient failure), or null.</param>
public sealed record DigestDelivery(
    string Id,
    string SubscriptionId,
    string Platform,
    string ChatId,
    DateTimeOffset ScheduledFor,
    Digest Digest,
    DeliveryStatus Status = DeliveryStatus.Pending,
    int PartsSent = 0,
    int Attempts = 0,
    string? Error = null,
    DateTimeOffset? NextAttemptAt = null)
{
    /// <summary>The delivery id of a subscription's fire time.</summary>
    public static string IdOf(string subscriptionId, DateTimeOffset scheduledFor) =>
        subscriptionId + "@" + scheduledFor.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture);
}

using System.ComponentModel.DataAnnotations;

namespace Bot.Core.Digests;

/// <summary>The <c>Digests</c> section: defaults for chat subscriptions, the misfire grace, and the operator's channels.</summary>
public sealed class DigestOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Digests";

    /// <summary>False turns scheduled digests off (the commands then say so).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>The schedule of a bare /subscribe (or a /follow without a subscription).</summary>
    [Required]
    public string DefaultSchedule { get; set; } = "daily 09:00";

    /// <summary>The IANA time zone of a /subscribe that names none.</summary>
    [Required]
    public string DefaultTimeZone { get; set; } = "UTC";

    /// <summary>How far back a subscription's first digest reaches (articles first seen within this before it).</summary>
    [Range(typeof(TimeSpan), "00:00:00", "365.00:00:00")]
    public TimeSpan FirstDigestLookback { get; set; } = TimeSpan.FromDays(7);

    /// <summary>A digest whose time passed while the bot was down is sent once on start when it is at most this late, else skipped to the next occurrence.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "7.00:00:00")]
    public TimeSpan MisfireGrace { get; set; } = TimeSpan.FromHours(1);

    /// <summary>The most stories one digest lists (the newest); the rest are counted.</summary>
    [Range(1, 100)]
    public int MaxStories { get; set; } = 10;

    /// <summary>The most articles one digest reads.</summary>
    [Range(1, 100_000)]
    public int MaxArticles { get; set; } = 1_000;

    /// <summary>How many deliveries are sent at once (the transports' rate limits pace them).</summary>
    [Range(1, 1_000)]
    public int MaxConcurrentDeliveries { get; set; } = 64;

    /// <summary>How many times a delivery is tried before it fails for good.</summary>
    [Range(1, 100)]
    public int MaxDeliveryAttempts { get; set; } = 8;

    /// <summary>Channels the operator wants digests in.</summary>
    [Microsoft.Extensions.Options.ValidateEnumeratedItems]
    public IList<ChannelDigestOptions> Channels { get; } = [];
}

/// <summary>One operator-configured digest channel.</summary>
public sealed class ChannelDigestOptions
{
    /// <summary>A name that tells several digests of one channel apart (the subscription id is "config:{Name}"); defaults to "{Platform}:{ChatId}".</summary>
    public string? Name { get; set; }

    /// <summary>"telegram", "discord" or "console".</summary>
    [Required]
    public string Platform { get; set; } = "";

    /// <summary>The chat id (Telegram: a number or @channelusername) or channel id (Discord).</summary>
    [Required]
    public string ChatId { get; set; } = "";

    /// <summary>"daily 09:00", "weekly Mon 09:00", or a cron expression.</summary>
    [Required]
    public string Schedule { get; set; } = "daily 09:00";

    /// <summary>The IANA time zone; the default time zone when empty.</summary>
    public string? TimeZone { get; set; }

    /// <summary>Entity names to follow (any alias); empty for all news.</summary>
    public IList<string> Follow { get; } = [];

    /// <summary>True to post a "nothing new" notice instead of staying silent.</summary>
    public bool NotifyWhenEmpty { get; set; }

    /// <summary>The subscription id of this channel.</summary>
    public string SubscriptionId => "config:" + (string.IsNullOrWhiteSpace(Name) ? Platform + ":" + ChatId : Name.Trim());
}

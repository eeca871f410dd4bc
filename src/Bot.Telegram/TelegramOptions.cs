namespace Bot.Telegram;

/// <summary>How the bot receives updates.</summary>
public enum TelegramMode
{
    /// <summary>Long polling with getUpdates (the default; needs no public address).</summary>
    Polling,
    /// <summary>Telegram posts updates to <see cref="TelegramOptions.WebhookUrl"/>.</summary>
    Webhook,
}

/// <summary>The <c>Telegram</c> configuration section. The token comes from the environment or user secrets, never from a file in the repo.</summary>
public sealed class TelegramOptions
{
    /// <summary>The configuration section name.</summary>
    public const string SectionName = "Telegram";

    /// <summary>The bot token BotFather gave ("123456789:AA...").</summary>
    public string Token { get; set; } = "";

    /// <summary>The Bot API server (the public one, a self-hosted one or a test server).</summary>
    public Uri ApiBaseUrl { get; set; } = new("https://api.telegram.org");

    /// <summary>Polling (default) or Webhook.</summary>
    public TelegramMode Mode { get; set; } = TelegramMode.Polling;

    /// <summary>The public HTTPS URL Telegram posts updates to (webhook mode).</summary>
    public Uri? WebhookUrl { get; set; }

    /// <summary>The secret Telegram sends back in X-Telegram-Bot-Api-Secret-Token (1–256 of A-Z a-z 0-9 _ -; webhook mode).</summary>
    public string? WebhookSecret { get; set; }

    /// <summary>Where the webhook endpoint listens (Kestrel URL; behind a TLS-terminating proxy).</summary>
    public string WebhookListenUrl { get; set; } = "http://0.0.0.0:8080";

    /// <summary>The path of the webhook endpoint.</summary>
    public string WebhookPath { get; set; } = "/telegram/webhook";

    /// <summary>The getUpdates long-poll timeout in seconds (0–50; 0 is short polling, for tests).</summary>
    public int PollTimeoutSeconds { get; set; } = 30;

    /// <summary>The least time between two polls that returned nothing, so a server that answers at once never makes the loop spin.</summary>
    public TimeSpan MinEmptyPollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>The SQLite file holding the polling offset, inactive chats, migrations and reply pages.</summary>
    public string StatePath { get; set; } = "state/telegram.db";

    /// <summary>Messages per second over all chats.</summary>
    public double GlobalMessagesPerSecond { get; set; } = 30;

    /// <summary>Messages per second to one private chat.</summary>
    public double PrivateChatMessagesPerSecond { get; set; } = 1;

    /// <summary>Messages per minute to one group, supergroup or channel.</summary>
    public double GroupMessagesPerMinute { get; set; } = 20;

    /// <summary>How many messages a long reply is sent as before the rest is paged behind a "More" button.</summary>
    public int MaxMessagesPerReply { get; set; } = 3;

    /// <summary>Attempts for one message on 5xx and network failures before it is dropped.</summary>
    public int MaxSendAttempts { get; set; } = 5;

    /// <summary>The first retry delay after a 5xx or network failure (doubles each attempt, with jitter, capped at 30 s).</summary>
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromMilliseconds(500);
}

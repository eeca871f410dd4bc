using System.Text.Json.Serialization;

namespace Bot.Discord.Rest;

/// <summary><c>GET /gateway/bot</c>.</summary>
internal sealed record GatewayBotInfo(string Url, int Shards, SessionStartLimit? SessionStartLimit);

/// <summary>How many identifies remain and how many may run at once.</summary>
internal sealed record SessionStartLimit(int Total, int Remaining, long ResetAfter, int MaxConcurrency);

/// <summary>An application command for bulk overwrite.</summary>
internal sealed record ApplicationCommand(string Name, string Description, IReadOnlyList<ApplicationCommandOption>? Options, int Type = 1);

/// <summary>A command option (3 STRING, 4 INTEGER).</summary>
internal sealed record ApplicationCommandOption(int Type, string Name, string Description, bool Required, bool? Autocomplete = null);

/// <summary>
/// <c>allowed_mentions</c>. Every message we send carries one with an empty parse list, so article
/// text with <c>@everyone</c>, <c>@here</c> or <c>&lt;@123&gt;</c> pings nobody.
/// </summary>
internal sealed record AllowedMentions
{
    public static AllowedMentions None { get; } = new();

    public IReadOnlyList<string> Parse { get; init; } = [];
}

/// <summary>A message body (create message, interaction response data, webhook edit and follow-up).</summary>
internal sealed record MessagePayload
{
    public string? Content { get; init; }

    public IReadOnlyList<Embed>? Embeds { get; init; }

    public IReadOnlyList<ActionRow>? Components { get; init; }

    /// <summary>Always present: never ping from content we did not write.</summary>
    public AllowedMentions AllowedMentions { get; init; } = AllowedMentions.None;

    public MessageReference? MessageReference { get; init; }

    public int? Flags { get; init; }

    /// <summary>Create message only: up to 25 characters that identify the message (an idempotency key with <see cref="EnforceNonce"/>).</summary>
    public string? Nonce { get; init; }

    /// <summary>With a <see cref="Nonce"/>: Discord returns the message created with the same nonce in the past few minutes instead of a second one.</summary>
    public bool? EnforceNonce { get; init; }
}

internal sealed record MessageReference(string MessageId, bool FailIfNotExists = false);

internal sealed record Embed
{
    public string? Title { get; init; }

    public string? Description { get; init; }

    public int? Color { get; init; }

    public IReadOnlyList<EmbedField>? Fields { get; init; }

    public EmbedFooter? Footer { get; init; }
}

internal sealed record EmbedField(string Name, string Value, bool Inline = false);

internal sealed record EmbedFooter(string Text);

/// <summary>A row of up to five buttons.</summary>
internal sealed record ActionRow(IReadOnlyList<Button> Components)
{
    public int Type => 1;
}

/// <summary>A button (style 2 secondary) whose custom id names the command it runs.</summary>
internal sealed record Button(string Label, string CustomId, int Style = 2)
{
    public int Type => 2;
}

/// <summary>An interaction response: 4 message, 5 deferred, 7 update message, 8 autocomplete result.</summary>
internal sealed record InteractionResponse(int Type, object? Data = null)
{
    public const int ChannelMessageWithSource = 4;
    public const int DeferredChannelMessageWithSource = 5;
    public const int AutocompleteResult = 8;
}

internal sealed record AutocompleteData(IReadOnlyList<AutocompleteChoice> Choices);

internal sealed record AutocompleteChoice(string Name, string Value);

/// <summary>Discord's error body.</summary>
internal sealed record DiscordErrorBody(int? Code, string? Message);

/// <summary>A 429 body.</summary>
internal sealed record RateLimitBody(string? Message, double RetryAfter, bool Global);

/// <summary>What Discord returned for a created message (only the id matters here).</summary>
internal sealed record CreatedMessage([property: JsonPropertyName("id")] string Id);

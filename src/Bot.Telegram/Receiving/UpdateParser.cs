using System.Text.Json;
using Bot.Telegram.Api;

namespace Bot.Telegram.Receiving;

/// <summary>Reads one update from JSON and rejects what Telegram never sends: missing fields, impossible dates, huge text.</summary>
internal static class UpdateParser
{
    /// <summary>Telegram's own limits are 4096 for text and 1024 for captions; anything longer is not a real update.</summary>
    public const int MaxTextLength = 4096;

    /// <summary>The largest Unix time a date can be (year 9999).</summary>
    private const long MaxUnixSeconds = 253_402_300_799;

    /// <summary>The update_id, when the element has a usable one.</summary>
    public static long? TryGetUpdateId(JsonElement element) =>
        element.ValueKind == JsonValueKind.Object
        && element.TryGetProperty("update_id", out var id)
        && id.ValueKind == JsonValueKind.Number
        && id.TryGetInt64(out var value)
            ? value
            : null;

    public static bool TryParse(JsonElement element, out Update? update, out string? reason)
    {
        update = null;
        reason = null;
        if (TryGetUpdateId(element) is null)
        {
            reason = "no numeric update_id";
            return false;
        }

        try
        {
            update = element.Deserialize<Update>(BotApiJson.Options);
        }
        catch (JsonException ex)
        {
            reason = "does not match the Update type at " + (ex.Path ?? "?");
            return false;
        }

        if (update is null)
        {
            reason = "null";
            return false;
        }

        foreach (var message in new[] { update.Message, update.EditedMessage, update.ChannelPost, update.EditedChannelPost })
        {
            if (message is not null && !IsValid(message, out reason))
            {
                return false;
            }
        }

        if (update.CallbackQuery is { } callback && (callback.Data?.Length > MaxTextLength || (callback.Message is { } m && m.Date is < 0 or > MaxUnixSeconds)))
        {
            reason = "callback query with odd data or date";
            return false;
        }

        return true;
    }

    private static bool IsValid(Message message, out string? reason)
    {
        reason = null;
        if (message.Chat is null)
        {
            reason = "message without chat";
        }
        else if (message.Chat.Type is not ("private" or "group" or "supergroup" or "channel"))
        {
            reason = "unknown chat type";
        }
        else if (message.Date is <= 0 or > MaxUnixSeconds)
        {
            reason = "odd date";
        }
        else if (message.Text?.Length > MaxTextLength || message.Caption?.Length > MaxTextLength)
        {
            reason = "text longer than Telegram allows";
        }

        return reason is null;
    }
}

using Bot.Telegram.Api;
using Microsoft.Extensions.Logging;

namespace Bot.Telegram;

/// <summary>The transport's source-generated log messages (event ids 3000–3999). None ever carries the token or a Bot API URL.</summary>
internal static partial class Log
{
    [LoggerMessage(3000, LogLevel.Information, "Telegram bot @{Username} ({BotId}) connected; receiving by {Mode}")]
    public static partial void Connected(ILogger logger, string? username, long botId, TelegramMode mode);

    [LoggerMessage(3001, LogLevel.Critical, "Telegram stopped the application: {Reason}")]
    public static partial void Fatal(ILogger logger, string reason);

    [LoggerMessage(3002, LogLevel.Warning, "Telegram refused setMyCommands; the command menu is not updated")]
    public static partial void SetCommandsRefused(ILogger logger, Exception exception);

    [LoggerMessage(3003, LogLevel.Information, "Registered {Count} commands in the Telegram menu")]
    public static partial void CommandsRegistered(ILogger logger, int count);

    [LoggerMessage(3004, LogLevel.Warning, "Telegram getMe failed, retrying in {Delay}")]
    public static partial void GetMeFailed(ILogger logger, TimeSpan delay, Exception exception);

    [LoggerMessage(3005, LogLevel.Warning, "Telegram deleteWebhook failed; polling may get 409 until the webhook is removed")]
    public static partial void DeleteWebhookFailed(ILogger logger, Exception exception);

    [LoggerMessage(3006, LogLevel.Information, "Telegram webhook set; listening on {ListenUrl}{Path}")]
    public static partial void WebhookSet(ILogger logger, string listenUrl, string path);

    [LoggerMessage(3010, LogLevel.Warning, "Telegram getUpdates failed, backing off {Delay}")]
    public static partial void PollFailed(ILogger logger, TimeSpan delay, Exception exception);

    [LoggerMessage(3011, LogLevel.Warning, "Skipped a malformed Telegram update ({UpdateId}): {Reason}")]
    public static partial void MalformedUpdate(ILogger logger, long? updateId, string reason);

    [LoggerMessage(3012, LogLevel.Debug, "Ignored update: {Reason}")]
    public static partial void Ignored(ILogger logger, string reason);

    [LoggerMessage(3013, LogLevel.Error, "Handling a Telegram update failed")]
    public static partial void HandlingFailed(ILogger logger, Exception exception);

    [LoggerMessage(3014, LogLevel.Debug, "Duplicate webhook update {UpdateId} ignored")]
    public static partial void DuplicateUpdate(ILogger logger, long updateId);

    [LoggerMessage(3015, LogLevel.Warning, "Rejected a webhook request without the right secret token")]
    public static partial void WebhookForbidden(ILogger logger);

    [LoggerMessage(3016, LogLevel.Information, "Command {Command} from chat {ChatId} answered with {Kind} in {Parts} message(s)")]
    public static partial void Answered(ILogger logger, string command, long chatId, string kind, int parts);

    [LoggerMessage(3017, LogLevel.Warning, "Answering a callback query failed")]
    public static partial void AnswerCallbackFailed(ILogger logger, Exception exception);

    [LoggerMessage(3020, LogLevel.Warning, "Telegram asked to slow down (429) for chat {ChatId}; retrying after {RetryAfter}s")]
    public static partial void RateLimited(ILogger logger, ChatRef chatId, int retryAfter);

    [LoggerMessage(3021, LogLevel.Warning, "Sending to chat {ChatId} failed (attempt {Attempt}), retrying in {Delay}")]
    public static partial void SendRetry(ILogger logger, ChatRef chatId, int attempt, TimeSpan delay, Exception exception);

    [LoggerMessage(3022, LogLevel.Error, "Dropped a message to chat {ChatId}: {Reason}")]
    public static partial void SendDropped(ILogger logger, ChatRef chatId, string reason);

    [LoggerMessage(3023, LogLevel.Warning, "Chat {ChatId} is inactive ({Reason}); not sending to it until it writes again")]
    public static partial void ChatInactive(ILogger logger, ChatRef chatId, string reason);

    [LoggerMessage(3024, LogLevel.Information, "Chat {OldChatId} migrated to {NewChatId}; resending there")]
    public static partial void ChatMigrated(ILogger logger, long oldChatId, long newChatId);

    [LoggerMessage(3025, LogLevel.Information, "Chat {ChatId} is active again")]
    public static partial void ChatActive(ILogger logger, long chatId);

    [LoggerMessage(3030, LogLevel.Warning, "Checking the sender's rights in chat {ChatId} (getChatMember) failed")]
    public static partial void RightsCheckFailed(ILogger logger, long chatId, Exception exception);

    [LoggerMessage(EventId = 3040, Message = "Digest {DeliveryId} to chat {ChatId}: {Status} ({PartsSent} part(s) sent) {Detail}")]
    public static partial void DigestOutcome(ILogger logger, LogLevel level, string deliveryId, string chatId, Bot.Core.Digests.PublishStatus status, int partsSent, string? detail);
}

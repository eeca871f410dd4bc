using System.Text.Json;
using System.Text.Json.Serialization;

namespace Bot.Telegram.Api;

// The subset of the Bot API types the transport reads and writes. Property names map to the
// reference's snake_case field names through BotApiJson.Options.

/// <summary>The envelope of every Bot API answer.</summary>
internal sealed record ApiResponse<T>(bool Ok, T? Result = default, int? ErrorCode = null, string? Description = null, ResponseParameters? Parameters = null);

/// <summary>Extra data of a failed call.</summary>
public sealed record ResponseParameters(long? MigrateToChatId = null, int? RetryAfter = null);

internal sealed record User(long Id, bool IsBot = false, string? FirstName = null, string? Username = null);

internal sealed record Chat(long Id, string Type, string? Title = null, string? Username = null, bool? IsForum = null);

internal sealed record MessageEntity(string Type, int Offset, int Length);

internal sealed record Message(
    long MessageId,
    Chat Chat,
    long Date,
    int? MessageThreadId = null,
    User? From = null,
    Chat? SenderChat = null,
    string? Text = null,
    string? Caption = null,
    IReadOnlyList<MessageEntity>? Entities = null,
    IReadOnlyList<MessageEntity>? CaptionEntities = null,
    bool? IsTopicMessage = null);

/// <summary>CallbackQuery.message may be an InaccessibleMessage: only chat, message_id and date 0.</summary>
internal sealed record CallbackMessage(long MessageId, Chat Chat, long Date = 0, int? MessageThreadId = null, bool? IsTopicMessage = null);

internal sealed record CallbackQuery(string Id, User From, CallbackMessage? Message = null, string? ChatInstance = null, string? Data = null);

/// <summary>A chat member: <c>status</c> is creator, administrator, member, restricted, left or kicked.</summary>
internal sealed record ChatMember(string Status);

internal sealed record ChatMemberUpdated(Chat Chat, User From, long Date, ChatMember NewChatMember);

internal sealed record Update(
    long UpdateId,
    Message? Message = null,
    Message? EditedMessage = null,
    Message? ChannelPost = null,
    Message? EditedChannelPost = null,
    CallbackQuery? CallbackQuery = null,
    ChatMemberUpdated? MyChatMember = null);

internal sealed record BotCommand(string Command, string Description);

internal sealed record InlineKeyboardButton(string Text, string CallbackData);

internal sealed record InlineKeyboardMarkup(IReadOnlyList<IReadOnlyList<InlineKeyboardButton>> InlineKeyboard);

internal sealed record ReplyParameters(long MessageId, bool AllowSendingWithoutReply = true);

internal sealed record LinkPreviewOptions(bool IsDisabled);

internal sealed record SendMessageRequest(
    ChatRef ChatId,
    string Text,
    string? ParseMode = "HTML",
    int? MessageThreadId = null,
    ReplyParameters? ReplyParameters = null,
    InlineKeyboardMarkup? ReplyMarkup = null,
    LinkPreviewOptions? LinkPreviewOptions = null);

internal sealed record SentMessage(long MessageId, Chat Chat, long Date = 0);

/// <summary>JSON settings for the Bot API: snake_case names, nulls left out.</summary>
internal static class BotApiJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        NumberHandling = JsonNumberHandling.Strict,
        RespectNullableAnnotations = true,
        RespectRequiredConstructorParameters = true,
    };
}

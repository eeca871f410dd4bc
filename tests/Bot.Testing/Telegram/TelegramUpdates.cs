using System.Text.Json.Nodes;

namespace Bot.Testing.Telegram;

/// <summary>Builds updates as the Bot API sends them (snake_case JSON), for the test server's queue or a webhook.</summary>
public static class TelegramUpdates
{
    private static long _messageId = 100;

    /// <summary>A fixed, plausible message date (Unix seconds).</summary>
    public const long Date = 1_760_000_000;

    /// <summary>A text message in a private chat with user <paramref name="userId"/>.</summary>
    public static JsonObject PrivateMessage(long userId, string text, long? messageId = null) =>
        new() { ["message"] = Message(Chat(userId, "private"), User(userId), text, messageId) };

    /// <summary>A text message in a group or supergroup (negative ids).</summary>
    public static JsonObject GroupMessage(long chatId, long userId, string text, string type = "supergroup", int? topicThreadId = null, long? messageId = null)
    {
        var message = Message(Chat(chatId, type, "Newsroom"), User(userId), text, messageId);
        if (topicThreadId is { } thread)
        {
            message["message_thread_id"] = thread;
            message["is_topic_message"] = true;
            message["chat"]!["is_forum"] = true;
        }

        return new() { ["message"] = message };
    }

    /// <summary>The user id Telegram puts in <c>from</c> of messages an anonymous group administrator sends (GroupAnonymousBot).</summary>
    public const long GroupAnonymousBotId = 1087968824;

    /// <summary>A message an anonymous administrator sends: as the group itself (<c>sender_chat</c> is the group).</summary>
    public static JsonObject AnonymousAdminMessage(long chatId, string text, string type = "supergroup")
    {
        var message = Message(Chat(chatId, type, "Newsroom"), User(GroupAnonymousBotId), text, null);
        message["from"]!["is_bot"] = true;
        message["from"]!["first_name"] = "Group";
        message["from"]!["username"] = "GroupAnonymousBot";
        message["sender_chat"] = Chat(chatId, type, "Newsroom");
        return new() { ["message"] = message };
    }

    /// <summary>A post in a channel: channel_post, no from.</summary>
    public static JsonObject ChannelPost(long chatId, string text, long? messageId = null)
    {
        var message = Message(Chat(chatId, "channel", "News channel"), null, text, messageId);
        message["sender_chat"] = Chat(chatId, "channel", "News channel");
        return new() { ["channel_post"] = message };
    }

    /// <summary>A photo whose caption holds the command.</summary>
    public static JsonObject PhotoWithCaption(long chatId, long userId, string caption, string type = "private")
    {
        var message = Message(Chat(chatId, type), User(userId), null, null);
        message["photo"] = new JsonArray(new JsonObject { ["file_id"] = "AgAD", ["file_unique_id"] = "u1", ["width"] = 90, ["height"] = 90 });
        message["caption"] = caption;
        if (caption.StartsWith('/'))
        {
            message["caption_entities"] = CommandEntity(caption);
        }

        return new() { ["message"] = message };
    }

    /// <summary>A press of an inline button under message <paramref name="messageId"/>.</summary>
    public static JsonObject CallbackQuery(long chatId, long userId, long messageId, string data, string chatType = "private") => new()
    {
        ["callback_query"] = new JsonObject
        {
            ["id"] = "cbq" + Interlocked.Increment(ref _messageId),
            ["from"] = User(userId),
            ["message"] = new JsonObject
            {
                ["message_id"] = messageId,
                ["date"] = Date,
                ["chat"] = Chat(chatId, chatType),
                ["text"] = "…",
            },
            ["chat_instance"] = "ci-" + chatId,
            ["data"] = data,
        },
    };

    /// <summary>A chat object.</summary>
    public static JsonObject Chat(long id, string type, string? title = null)
    {
        var chat = new JsonObject { ["id"] = id, ["type"] = type };
        if (type == "private")
        {
            chat["first_name"] = "Ada";
        }
        else
        {
            chat["title"] = title ?? "Group";
        }

        return chat;
    }

    /// <summary>A user object.</summary>
    public static JsonObject User(long id) => new() { ["id"] = id, ["is_bot"] = false, ["first_name"] = "Ada", ["language_code"] = "en" };

    private static JsonObject Message(JsonObject chat, JsonObject? from, string? text, long? messageId)
    {
        var message = new JsonObject
        {
            ["message_id"] = messageId ?? Interlocked.Increment(ref _messageId),
            ["date"] = Date,
            ["chat"] = chat,
        };
        if (from is not null)
        {
            message["from"] = from;
        }

        if (text is not null)
        {
            message["text"] = text;
            if (text.StartsWith('/'))
            {
                message["entities"] = CommandEntity(text);
            }
        }

        return message;
    }

    private static JsonArray CommandEntity(string text)
    {
        var end = text.AsSpan().IndexOfAny(' ', '\n');
        return [new JsonObject { ["type"] = "bot_command", ["offset"] = 0, ["length"] = end < 0 ? text.Length : end }];
    }
}

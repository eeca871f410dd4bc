using System.Globalization;
using System.Text.Json;
using Bot.Core.Commands;
using Bot.Core.Replies;
using Bot.Telegram.Api;
using Bot.Telegram.Sending;
using Bot.Telegram.State;
using Microsoft.Extensions.Logging;

namespace Bot.Telegram.Receiving;

/// <summary>
/// Turns one update into a command request for the core, and the core's reply into queued messages.
/// Shared by the polling and webhook receivers. Never throws for a bad update: it is logged and skipped.
/// </summary>
internal sealed class UpdateProcessor(
    ICommandEngine engine,
    BotIdentity identity,
    ReplyComposer composer,
    OutboundQueue queue,
    TelegramStateStore state,
    TelegramBotClient client,
    ILogger<UpdateProcessor> logger)
{
    public const string Platform = "telegram";

    /// <summary>Handles one raw update; OperationCanceledException on shutdown is the only exception that escapes.</summary>
    public async Task ProcessAsync(JsonElement element, CancellationToken ct)
    {
        var updateId = UpdateParser.TryGetUpdateId(element);
        if (!UpdateParser.TryParse(element, out var update, out var reason))
        {
            Log.MalformedUpdate(logger, updateId, reason ?? "unreadable");
            return;
        }

        var chatId = update!.Message?.Chat.Id ?? update.ChannelPost?.Chat.Id ?? update.CallbackQuery?.Message?.Chat.Id ?? update.MyChatMember?.Chat.Id;
        using var scope = logger.BeginScope(new Dictionary<string, object?>
        {
            ["Platform"] = Platform,
            ["ChatId"] = chatId,
            ["UpdateId"] = update.UpdateId,
        });
        try
        {
            await HandleAsync(update, ct);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception ex)
        {
            Log.HandlingFailed(logger, ex);
        }
    }

    private async Task HandleAsync(Update update, CancellationToken ct)
    {
        if ((update.Message ?? update.ChannelPost) is { } message)
        {
            await HandleMessageAsync(message, ct);
        }
        else if (update.CallbackQuery is { } callback)
        {
            await HandleCallbackAsync(callback, ct);
        }
        else if (update.MyChatMember is { } member)
        {
            HandleMembership(member);
        }
        else
        {
            Log.Ignored(logger, update.EditedMessage is not null || update.EditedChannelPost is not null ? "edited message" : "unhandled update kind");
        }
    }

    private async Task HandleMessageAsync(Message message, CancellationToken ct)
    {
        var chatId = message.Chat.Id;
        if (state.IsInactive(chatId))
        {
            state.MarkActive(chatId);
            Log.ChatActive(logger, chatId);
        }

        var text = message.Text ?? message.Caption;
        if (string.IsNullOrWhiteSpace(text) || !text.StartsWith('/'))
        {
            Log.Ignored(logger, "not a command");
            return;
        }

        var me = await identity.WhenKnown.WaitAsync(ct);
        if (!engine.IsCommandFor(text, me.Username))
        {
            Log.Ignored(logger, "command for another bot");
            return;
        }

        var threadId = message.IsTopicMessage == true ? message.MessageThreadId : null;
        // A message sent as a chat (anonymous admin: the group itself; or a linked channel) has no member to ask about.
        var sender = message.SenderChat is { } senderChat
            ? new Sender(null, senderChat.Id == chatId)
            : new Sender(message.From?.Id, false);
        await AnswerAsync(text, message.Chat, sender, new ReplyTarget(chatId, message.MessageId, threadId), me.Username, ct);
    }

    private async Task HandleCallbackAsync(CallbackQuery callback, CancellationToken ct)
    {
        // Answer first: the client shows a spinner until we do, and late answers are refused.
        string? notice = null;
        var data = callback.Data ?? "";
        var source = callback.Message;
        if (source is null)
        {
            notice = "This button no longer works.";
        }

        OutboundBatch? more = null;
        string? command = null;
        if (source is not null)
        {
            var threadId = source.IsTopicMessage == true ? source.MessageThreadId : null;
            var target = new ReplyTarget(source.Chat.Id, source.MessageId, threadId);
            if (data.StartsWith(ReplyComposer.MorePrefix, StringComparison.Ordinal))
            {
                more = composer.ComposeMore(data[ReplyComposer.MorePrefix.Length..], target);
                notice = more is null ? "That list has expired; ask again." : null;
            }
            else
            {
                command = composer.ResolveCommand(data);
                notice = command is null ? "This button has expired; ask again." : null;
            }
        }

        try
        {
            await client.AnswerCallbackQueryAsync(callback.Id, notice, ct);
        }
        catch (Exception ex) when (ex is TelegramApiException or TelegramTransportException)
        {
            Log.AnswerCallbackFailed(logger, ex);
        }

        if (more is not null)
        {
            queue.Enqueue(more);
            return;
        }

        if (command is not null && source is not null)
        {
            var me = await identity.WhenKnown.WaitAsync(ct);
            if (!command.StartsWith('/') || !engine.IsCommandFor(command, me.Username))
            {
                Log.Ignored(logger, "callback data is not a command");
                return;
            }

            var threadId = source.IsTopicMessage == true ? source.MessageThreadId : null;
            await AnswerAsync(command, source.Chat, new Sender(callback.From.Id, false), new ReplyTarget(source.Chat.Id, source.MessageId, threadId), me.Username, ct);
        }
    }

    private void HandleMembership(ChatMemberUpdated member)
    {
        var status = member.NewChatMember.Status;
        if (status is "kicked" or "left")
        {
            state.MarkInactive(member.Chat.Id, "bot status " + status);
            Log.ChatInactive(logger, member.Chat.Id, "bot status " + status);
        }
        else if (status is "member" or "administrator" or "creator" or "restricted")
        {
            state.MarkActive(member.Chat.Id);
        }
    }

    private async Task AnswerAsync(string text, Chat chat, Sender sender, ReplyTarget target, string? botUsername, CancellationToken ct)
    {
        var kind = KindOf(chat.Type);

        // Only groups ask: a private chat is its sender's own, and only a channel's administrators can post in it.
        var rights = kind == ChatKind.Group ? new TelegramSenderRights(client, chat.Id, sender.UserId, sender.IsTheChat, logger) : null;
        var request = new CommandRequest(
            text,
            Platform,
            chat.Id.ToString(CultureInfo.InvariantCulture),
            sender.UserId?.ToString(CultureInfo.InvariantCulture),
            botUsername,
            kind,
            rights);
        Reply reply;
        try
        {
            reply = await engine.HandleAsync(request, ct);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception ex)
        {
            Log.HandlingFailed(logger, ex);
            reply = Reply.Text(ReplyKind.Refusal, "Sorry", "Something went wrong while answering; please try again later.");
        }

        var batch = composer.Compose(reply, target);
        queue.Enqueue(batch);
        Log.Answered(logger, FirstWord(text), target.ChatId.Id, reply.Kind.ToString(), batch.Messages.Count);
    }

    /// <summary>private → Private; group and supergroup → Group; channel → Channel.</summary>
    internal static ChatKind KindOf(string chatType) => chatType switch
    {
        "private" => ChatKind.Private,
        "channel" => ChatKind.Channel,
        _ => ChatKind.Group,
    };

    private static string FirstWord(string text)
    {
        var end = text.AsSpan().IndexOfAny(' ', '\n');
        var word = end < 0 ? text : text[..end];
        return word.Length > 40 ? word[..40] : word;
    }

    /// <summary>Who sent a command: a user, or a chat (<paramref name="IsTheChat"/> when the group itself, an anonymous admin).</summary>
    private sealed record Sender(long? UserId, bool IsTheChat);
}

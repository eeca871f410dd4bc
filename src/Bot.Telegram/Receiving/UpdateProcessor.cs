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
        await AnswerAsync(text, message.Chat, message.From?.Id, new ReplyTarget(chatId, message.MessageId, threadId), me.Username, ct);
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
            await AnswerAsync(command, source.Chat, callback.From.Id, new ReplyTarget(source.Chat.Id, source.MessageId, threadId), me.Username, ct);
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

    private async Task AnswerAsync(string text, Chat chat, long? userId, ReplyTarget target, string? botUsername, CancellationToken ct)
    {
        var request = new CommandRequest(
            text,
            Platform,
            chat.Id.ToString(CultureInfo.InvariantCulture),
            userId?.ToString(CultureInfo.InvariantCulture),
            botUsername);
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
        Log.Answered(logger, FirstWord(text), target.ChatId, reply.Kind.ToString(), batch.Messages.Count);
    }

    private static string FirstWord(string text)
    {
        var end = text.AsSpan().IndexOfAny(' ', '\n');
        var word = end < 0 ? text : text[..end];
        return word.Length > 40 ? word[..40] : word;
    }
}

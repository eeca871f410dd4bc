using System.Text;
using System.Text.Json;
using Bot.Core.Replies;
using Bot.Telegram.Api;
using Bot.Telegram.Rendering;
using Bot.Telegram.State;
using Microsoft.Extensions.Options;

namespace Bot.Telegram.Sending;

/// <summary>Where a reply goes: the chat (a numeric id, or a channel's @username for digests), the message it answers and the forum topic, if any.</summary>
internal sealed record ReplyTarget(ChatRef ChatId, long? ReplyToMessageId, int? MessageThreadId);

/// <summary>
/// Turns a rendered reply into the messages to send: the first parts as messages (the first one replying to the
/// asking message), the rest stored and reached with a "More" button; choices become inline buttons whose
/// callback_data (≤64 UTF-8 bytes) names the command, or a stored key when the command is too long.
/// </summary>
internal sealed class ReplyComposer(TelegramStateStore state, IOptions<TelegramOptions> options, TimeProvider time)
{
    public const int MaxCallbackDataBytes = 64;
    public const string CommandPrefix = "c:";
    public const string StoredCommandPrefix = "k:";
    public const string MorePrefix = "m:";
    public const string MoreLabel = "More ▸";
    private const string PagesKind = "pages";
    private const string CommandKind = "command";

    public OutboundBatch Compose(Reply reply, ReplyTarget target)
    {
        var parts = ReplyRenderer.Render(reply);
        var keyboard = ChoicesKeyboard(reply.Choices, target.ChatId.Id);
        return ComposeParts(parts, keyboard, target, disablePreview: !reply.IsAboutOneArticle);
    }

    /// <summary>
    /// A digest: every part as a message (no "More" paging: nobody asked, so nobody would press it), the choices as
    /// buttons under the last part, and the first <paramref name="skip"/> parts left out (they went out before a
    /// restart; rendering is deterministic, so the parts are the same ones). No parts at all when every part went out.
    /// </summary>
    public OutboundBatch ComposeDigest(Reply reply, ChatRef chat, int skip, OutboundCompletion completion)
    {
        ArgumentNullException.ThrowIfNull(reply);
        var parts = ReplyRenderer.Render(reply).Skip(skip).ToList();

        // No keyboard when nothing is left to send: long commands would be stored for buttons nobody sees.
        var keyboard = parts.Count > 0 ? ChoicesKeyboard(reply.Choices, chat.Id) : null;
        return ComposeParts(parts, keyboard, new ReplyTarget(chat, null, null), disablePreview: !reply.IsAboutOneArticle, maxMessages: int.MaxValue, completion);
    }

    /// <summary>The next page of a reply whose "More" button was pressed; null when the page expired.</summary>
    public OutboundBatch? ComposeMore(string key, ReplyTarget target)
    {
        var json = state.GetPayload(key, PagesKind);
        if (json is null)
        {
            return null;
        }

        var stored = JsonSerializer.Deserialize<StoredPages>(json, BotApiJson.Options);
        if (stored is null || stored.Parts.Count == 0)
        {
            return null;
        }

        return ComposeParts(stored.Parts, stored.Keyboard, target with { ReplyToMessageId = null }, stored.DisablePreview, maxMessages: 1);
    }

    /// <summary>The command a callback_data stands for, or null when it is not one of ours or expired. The data is untrusted.</summary>
    public string? ResolveCommand(string data)
    {
        if (data.StartsWith(CommandPrefix, StringComparison.Ordinal))
        {
            return data[CommandPrefix.Length..];
        }

        return data.StartsWith(StoredCommandPrefix, StringComparison.Ordinal)
            ? state.GetPayload(data[StoredCommandPrefix.Length..], CommandKind)
            : null;
    }

    /// <summary>
    /// The first <paramref name="maxMessages"/> parts (the options' limit by default) as messages, the first replying to
    /// the target's message; the keyboard under the last, or a "More" button that pages through the stored rest.
    /// </summary>
    private OutboundBatch ComposeParts(IReadOnlyList<string> parts, IReadOnlyList<IReadOnlyList<InlineKeyboardButton>>? keyboard, ReplyTarget target, bool disablePreview, int? maxMessages = null, OutboundCompletion? completion = null)
    {
        var max = maxMessages ?? options.Value.MaxMessagesPerReply;
        var sendNow = parts.Count <= max ? parts : parts.Take(max).ToList();
        var messages = new List<SendMessageRequest>(sendNow.Count);
        for (var i = 0; i < sendNow.Count; i++)
        {
            var last = i == sendNow.Count - 1;
            InlineKeyboardMarkup? markup = null;
            if (last)
            {
                var rows = new List<IReadOnlyList<InlineKeyboardButton>>();
                if (parts.Count > sendNow.Count)
                {
                    var rest = new StoredPages(parts.Skip(sendNow.Count).ToList(), keyboard, disablePreview);
                    var key = state.SavePayload(target.ChatId.Id, PagesKind, JsonSerializer.Serialize(rest, BotApiJson.Options));
                    rows.Add([new InlineKeyboardButton($"{MoreLabel} ({parts.Count - sendNow.Count} more)", MorePrefix + key)]);
                }
                else if (keyboard is not null)
                {
                    rows.AddRange(keyboard);
                }

                markup = rows.Count > 0 ? new InlineKeyboardMarkup(rows) : null;
            }

            messages.Add(new SendMessageRequest(
                target.ChatId,
                sendNow[i],
                "HTML",
                target.MessageThreadId,
                i == 0 && target.ReplyToMessageId is { } replyTo ? new ReplyParameters(replyTo) : null,
                markup,
                new LinkPreviewOptions(disablePreview)));
        }

        return new OutboundBatch(target.ChatId, messages, time.GetTimestamp(), completion);
    }

    /// <remarks><paramref name="chatId"/> keys stored commands for migrations; 0 for a chat named by its username.</remarks>
    private List<IReadOnlyList<InlineKeyboardButton>>? ChoicesKeyboard(IReadOnlyList<ReplyChoice> choices, long chatId)
    {
        if (choices.Count == 0)
        {
            return null;
        }

        var rows = new List<IReadOnlyList<InlineKeyboardButton>>();
        foreach (var choice in choices.Take(20))
        {
            var data = CommandPrefix + choice.Command;
            if (Encoding.UTF8.GetByteCount(data) > MaxCallbackDataBytes)
            {
                data = StoredCommandPrefix + state.SavePayload(chatId, CommandKind, choice.Command);
            }

            var label = string.IsNullOrWhiteSpace(choice.Label) ? choice.Command : choice.Label;
            rows.Add([new InlineKeyboardButton(label.Length > 60 ? label[..59] + "…" : label, data)]);
        }

        return rows;
    }

    private sealed record StoredPages(IReadOnlyList<string> Parts, IReadOnlyList<IReadOnlyList<InlineKeyboardButton>>? Keyboard = null, bool DisablePreview = true);
}

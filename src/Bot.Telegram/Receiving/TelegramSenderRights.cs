using Bot.Core.Commands;
using Bot.Telegram.Api;
using Microsoft.Extensions.Logging;

namespace Bot.Telegram.Receiving;

/// <summary>
/// Whether the sender of one command administers its group: getChatMember, asked at most once per command and only
/// when a command needs it; creator and administrator may. An anonymous administrator posts as the group itself
/// (<c>sender_chat.id == chat.id</c>) and is one without asking. A failed check is logged and thrown, so the core
/// can say the rights could not be checked rather than guess.
/// </summary>
internal sealed class TelegramSenderRights(TelegramBotClient client, long chatId, long? userId, bool postedAsTheChat, ILogger logger) : ISenderRights
{
    private readonly Lock _lock = new();
    private Task<bool>? _answer;

    public ValueTask<bool> CanManageChatAsync(CancellationToken cancellationToken)
    {
        if (postedAsTheChat)
        {
            return ValueTask.FromResult(true);
        }

        if (userId is not { } user)
        {
            // Posted on behalf of another chat (a linked channel): no member to ask about.
            return ValueTask.FromResult(false);
        }

        lock (_lock)
        {
            // A failed or cancelled check is asked again next time; an answer is kept for the command.
            if (_answer is null || _answer.IsFaulted || _answer.IsCanceled)
            {
                _answer = AskAsync(user, cancellationToken);
            }

            return new ValueTask<bool>(_answer);
        }
    }

    /// <summary>True for the statuses that may change a chat's settings.</summary>
    internal static bool IsAdministrator(string status) => status is "creator" or "administrator";

    private async Task<bool> AskAsync(long user, CancellationToken cancellationToken)
    {
        try
        {
            var member = await client.GetChatMemberAsync(chatId, user, cancellationToken);
            return IsAdministrator(member.Status);
        }
        catch (Exception ex) when (ex is TelegramApiException or TelegramTransportException)
        {
            Log.RightsCheckFailed(logger, chatId, ex);
            throw;
        }
    }
}

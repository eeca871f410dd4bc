using Bot.Core.Digests;
using Bot.Telegram.Api;
using Microsoft.Extensions.Logging;

namespace Bot.Telegram.Sending;

/// <summary>
/// Sends digests to Telegram chats through the same outbound queue as replies, so the same flood limits, retries and
/// migrations apply: the digest is rendered as HTML messages of at most 4096 characters split at item boundaries,
/// the parts sent before a restart are skipped, and the sender reports each part the server confirmed and the outcome.
/// Chat ids are numeric ("-1001234567890") or a public channel's "@username".
/// </summary>
internal sealed class TelegramDigestPublisher(ReplyComposer composer, OutboundQueue queue, ILogger<TelegramDigestPublisher> logger) : IDigestPublisher
{
    public string Platform => "telegram";

    public async Task<PublishResult> PublishAsync(DigestMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        cancellationToken.ThrowIfCancellationRequested();
        if (!ChatRef.TryParse(message.ChatId, out var chat))
        {
            var invalid = new PublishResult(PublishStatus.Failed, "not a Telegram chat id: a number or an @username is expected");
            Log.DigestOutcome(logger, LogLevel.Error, message.DeliveryId, message.ChatId, invalid.Status, message.PartsAlreadySent, invalid.Detail);
            return invalid;
        }

        var completion = new OutboundCompletion(message.PartsAlreadySent, message.PartSent, cancellationToken);
        var batch = composer.ComposeDigest(message.Reply, chat, message.PartsAlreadySent, completion);
        if (batch.Messages.Count == 0)
        {
            return PublishResult.Sent;
        }

        queue.Enqueue(batch);

        // The sender always completes the batch: sent, failed, or "retry later" when it stops or we cancel.
        var result = await completion.Result;
        if (result.Status != PublishStatus.Sent)
        {
            cancellationToken.ThrowIfCancellationRequested();
        }

        Log.DigestOutcome(logger, LogLevel.Debug, message.DeliveryId, message.ChatId, result.Status, completion.PartsSent, result.Detail);
        return result;
    }
}

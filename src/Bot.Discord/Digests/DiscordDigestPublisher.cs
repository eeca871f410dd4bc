using System.Net;
using System.Security.Cryptography;
using System.Text;
using Bot.Core.Digests;
using Bot.Discord.Rendering;
using Bot.Discord.Rest;
using Microsoft.Extensions.Logging;

namespace Bot.Discord.Digests;

/// <summary>
/// Posts digests to Discord channels: <c>POST /channels/{id}/messages</c> through the REST client (per-route buckets,
/// 429 retry_after, the global limit), the reply as embeds split between items over as many messages as it takes,
/// <c>allowed_mentions</c> empty, and a nonce per (delivery, part) with <c>enforce_nonce</c>, so a part resent after a
/// crash within Discord's few minutes comes back as the message already made instead of a second one.
/// </summary>
internal sealed partial class DiscordDigestPublisher(DiscordRestClient rest, ILogger<DiscordDigestPublisher> logger) : IDigestPublisher
{
    /// <summary>Discord takes nonces of up to 25 characters.</summary>
    internal const int NonceLength = 25;

    public string Platform => "discord";

    public async Task<PublishResult> PublishAsync(DigestMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (!ulong.TryParse(message.ChatId, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out _))
        {
            var invalid = new PublishResult(PublishStatus.Failed, "not a Discord channel id (a snowflake)");
            LogOutcome(LogLevel.Error, message.DeliveryId, message.ChatId, invalid.Status, message.PartsAlreadySent, invalid.Detail);
            return invalid;
        }

        var parts = EmbedRenderer.Render(message.Reply, int.MaxValue);
        var sent = Math.Max(0, message.PartsAlreadySent);
        var result = PublishResult.Sent;
        for (var part = sent; part < parts.Count; part++)
        {
            var payload = parts[part] with { Nonce = Nonce(message.DeliveryId, part), EnforceNonce = true };
            result = await SendAsync(message.ChatId, payload, cancellationToken).ConfigureAwait(false);
            if (result.Status != PublishStatus.Sent)
            {
                break;
            }

            sent = part + 1;
            await message.PartSent(sent).ConfigureAwait(false);
        }

        LogOutcome(LogLevel.Debug, message.DeliveryId, message.ChatId, result.Status, sent, result.Detail);
        return result;
    }

    /// <summary>The nonce of one part: 25 URL-safe characters of SHA-256 over the delivery id and the part index, the same on every attempt.</summary>
    internal static string Nonce(string deliveryId, int part)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(deliveryId + "#" + part.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        return System.Buffers.Text.Base64Url.EncodeToString(hash)[..NonceLength];
    }

    /// <summary>What an error means for the delivery: the channel is gone or closed to us, try again later, or give up.</summary>
    internal static PublishResult Classify(DiscordApiException error)
    {
        ArgumentNullException.ThrowIfNull(error);
        var detail = $"{(int)error.Status} {error.Message}";
        return error switch
        {
            { Status: HttpStatusCode.Forbidden, Code: DiscordApiException.MissingAccess or DiscordApiException.MissingPermissions or DiscordApiException.CannotMessageUser } => new(PublishStatus.ChatUnavailable, detail),
            { Status: HttpStatusCode.NotFound, Code: DiscordApiException.UnknownChannel } => new(PublishStatus.ChatUnavailable, detail),

            // 5xx and 429 after the client's retries; 401 is the token, not the message: the gateway stops the host.
            { Status: >= HttpStatusCode.InternalServerError or HttpStatusCode.TooManyRequests or HttpStatusCode.Unauthorized } => new(PublishStatus.RetryLater, detail),
            _ => new(PublishStatus.Failed, detail),
        };
    }

    private async Task<PublishResult> SendAsync(string channelId, MessagePayload payload, CancellationToken cancellationToken)
    {
        try
        {
            await rest.CreateMessageAsync(channelId, payload, cancellationToken).ConfigureAwait(false);
            return PublishResult.Sent;
        }
        catch (DiscordApiException ex)
        {
            return Classify(ex);
        }
        catch (HttpRequestException ex)
        {
            return new PublishResult(PublishStatus.RetryLater, "network: " + ex.Message);
        }
        catch (TaskCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            return new PublishResult(PublishStatus.RetryLater, "timed out: " + ex.Message);
        }
    }

    [LoggerMessage(EventId = 4400, Message = "Digest {DeliveryId} to channel {ChannelId}: {Status} ({PartsSent} part(s) sent) {Detail}")]
    private partial void LogOutcome(LogLevel level, string deliveryId, string channelId, PublishStatus status, int partsSent, string? detail);
}

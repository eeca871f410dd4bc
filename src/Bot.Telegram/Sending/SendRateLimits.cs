using System.Threading.RateLimiting;

namespace Bot.Telegram.Sending;

/// <summary>
/// Token buckets for outbound messages: one over all chats, one per chat (private chats and groups differ).
/// Buckets hold a short burst (Telegram lets short bursts pass) and refill at the sustained rate. With the defaults:
/// at most 30 in any second overall, 20 in any minute per group, and about 1 per second per private chat
/// (a burst of 3, then 1/s: at most 4 in any second).
/// </summary>
internal sealed class SendRateLimits : IAsyncDisposable
{
    private const int QueueLimit = 100_000;
    private readonly TokenBucketRateLimiter _global;
    private readonly PartitionedRateLimiter<long> _perChat;

    public SendRateLimits(TelegramOptions options)
    {
        // A bucket of B tokens refilled at r lets at most B + r·W through in any window W, so the burst is taken out
        // of the sustained rate: the limits hold over any sliding second (overall, private chats) or minute (groups).
        var globalBurst = Math.Max(1, (int)Math.Ceiling(options.GlobalMessagesPerSecond / 6));
        _global = new TokenBucketRateLimiter(BucketOptions(Math.Max(options.GlobalMessagesPerSecond - globalBurst, options.GlobalMessagesPerSecond / 2), globalBurst));
        var privateBurst = 3;
        var privateRate = options.PrivateChatMessagesPerSecond;
        var groupBurst = options.GroupMessagesPerMinute >= 6 ? 3 : 1;
        var groupRate = Math.Max(options.GroupMessagesPerMinute - groupBurst, options.GroupMessagesPerMinute / 2) / 60.0;
        _perChat = PartitionedRateLimiter.Create<long, long>(chatId =>
            RateLimitPartition.GetTokenBucketLimiter(chatId, id => id > 0 ? BucketOptions(privateRate, privateBurst) : BucketOptions(groupRate, groupBurst)));
    }

    /// <summary>Waits for the chat's bucket, then the global one.</summary>
    public async ValueTask<IDisposable> AcquireAsync(long chatId, CancellationToken ct)
    {
        var chatLease = await _perChat.AcquireAsync(chatId, 1, ct);
        var globalLease = await _global.AcquireAsync(1, ct);
        return new Leases(chatLease, globalLease);
    }

    public async ValueTask DisposeAsync()
    {
        await _global.DisposeAsync();
        await _perChat.DisposeAsync();
    }

    /// <summary>A bucket of <paramref name="burst"/> tokens refilled at <paramref name="perSecond"/>, in small steps so the rate is smooth.</summary>
    internal static TokenBucketRateLimiterOptions BucketOptions(double perSecond, int burst)
    {
        // Refill about every 100 ms when the rate allows, otherwise one token per 1/rate seconds.
        var tokensPerPeriod = Math.Max(1, (int)Math.Floor(perSecond / 10));
        var period = TimeSpan.FromSeconds(tokensPerPeriod / perSecond);
        return new TokenBucketRateLimiterOptions
        {
            TokenLimit = Math.Max(burst, tokensPerPeriod),
            TokensPerPeriod = tokensPerPeriod,
            ReplenishmentPeriod = period < TimeSpan.FromMilliseconds(1) ? TimeSpan.FromMilliseconds(1) : period,
            QueueLimit = QueueLimit,
            QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
            AutoReplenishment = true,
        };
    }

    private sealed class Leases(RateLimitLease chat, RateLimitLease global) : IDisposable
    {
        public void Dispose()
        {
            chat.Dispose();
            global.Dispose();
        }
    }
}

using System.Threading.RateLimiting;
using Bot.Telegram.Api;

namespace Bot.Telegram.Sending;

/// <summary>
/// The limits outbound messages wait for: per chat, token buckets (private chats and groups differ) that hold a short
/// burst (Telegram lets short bursts pass) and refill at the sustained rate; overall, an exact sliding window
/// (<see cref="SlidingWindowLimit"/>) so a fan-out runs at the full overall rate with no 429. With the defaults: at
/// most 30 in any second overall, 20 in any minute per group, and about 1 per second per private chat (a burst of 3,
/// then 1/s: at most 4 in any second).
/// </summary>
internal sealed class SendRateLimits : IAsyncDisposable
{
    /// <summary>
    /// Added to the overall window: timer and clock granularity (about a millisecond), so the server never counts one
    /// too many. Network delay needs none: the window already counts from the answer.
    /// </summary>
    internal static readonly TimeSpan GlobalMargin = TimeSpan.FromMilliseconds(5);

    private const int QueueLimit = 100_000;
    private readonly SlidingWindowLimit _global;
    private readonly PartitionedRateLimiter<ChatRef> _perChat;

    public SendRateLimits(TelegramOptions options, TimeProvider time)
    {
        _global = GlobalLimit(options.GlobalMessagesPerSecond, time);

        // A bucket of B tokens refilled at r lets at most B + r·W through in any window W, so the burst is taken out
        // of the sustained rate: the limits hold over any sliding second (private chats) or minute (groups).
        var privateBurst = 3;
        var privateRate = options.PrivateChatMessagesPerSecond;
        var groupBurst = options.GroupMessagesPerMinute >= 6 ? 3 : 1;
        var groupRate = Math.Max(options.GroupMessagesPerMinute - groupBurst, options.GroupMessagesPerMinute / 2) / 60.0;
        _perChat = PartitionedRateLimiter.Create<ChatRef, ChatRef>(chat =>
            RateLimitPartition.GetTokenBucketLimiter(chat, c => c.IsPrivate ? BucketOptions(privateRate, privateBurst) : BucketOptions(groupRate, groupBurst)));
    }

    /// <summary>The overall limit: ⌊rate⌋ in any second, or one in any 1/rate seconds below one a second.</summary>
    internal static SlidingWindowLimit GlobalLimit(double perSecond, TimeProvider time) =>
        perSecond >= 1
            ? new SlidingWindowLimit((int)Math.Min(int.MaxValue, Math.Floor(perSecond)), TimeSpan.FromSeconds(1), GlobalMargin, time)
            : new SlidingWindowLimit(1, TimeSpan.FromSeconds(1 / perSecond), GlobalMargin, time);

    /// <summary>Waits for the chat's bucket, then the global one.</summary>
    /// <remarks>Dispose the leases when the request's answer is in: the overall window counts from then.</remarks>
    public async ValueTask<IDisposable> AcquireAsync(ChatRef chat, CancellationToken ct)
    {
        var chatLease = await _perChat.AcquireAsync(chat, 1, ct);
        try
        {
            var globalLease = await _global.AcquireAsync(ct);
            return new Leases(chatLease, globalLease);
        }
        catch
        {
            chatLease.Dispose();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        _global.Dispose();
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

    private sealed class Leases(RateLimitLease chat, IDisposable global) : IDisposable
    {
        public void Dispose()
        {
            chat.Dispose();
            global.Dispose();
        }
    }
}

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
/// <remarks>
/// Telegram counts per bot, not per process. The overall window therefore starts full for this process: nothing
/// leaves in the first second (plus the margin) after the process started, so a process restarted right after a crash
/// never adds its messages to those its predecessor sent in its last second, overall or to one private chat. Start-up
/// takes most of that second anyway. A group's minute is not covered: a restart within a minute of a burst to one
/// group can still meet a 429, which waits retry_after.
/// </remarks>
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
        _global = GlobalLimit(options.GlobalMessagesPerSecond, time, ProcessAge());

        // A bucket of B tokens refilled at r lets at most B + r·W through in any window W, so the burst is taken out
        // of the sustained rate: the limits hold over any sliding second (private chats) or minute (groups).
        var privateBurst = 3;
        var privateRate = options.PrivateChatMessagesPerSecond;
        var groupBurst = options.GroupMessagesPerMinute >= 6 ? 3 : 1;
        var groupRate = Math.Max(options.GroupMessagesPerMinute - groupBurst, options.GroupMessagesPerMinute / 2) / 60.0;
        _perChat = PartitionedRateLimiter.Create<ChatRef, ChatRef>(chat =>
            RateLimitPartition.GetTokenBucketLimiter(chat, c => c.IsPrivate ? BucketOptions(privateRate, privateBurst) : BucketOptions(groupRate, groupBurst)));
    }

    /// <summary>
    /// The overall limit: ⌊rate⌋ in any second, or one in any 1/rate seconds below one a second; held until the
    /// process is one window (plus the margin) old.
    /// </summary>
    internal static SlidingWindowLimit GlobalLimit(double perSecond, TimeProvider time, TimeSpan processAge)
    {
        var (limit, window) = perSecond >= 1
            ? ((int)Math.Min(int.MaxValue, Math.Floor(perSecond)), TimeSpan.FromSeconds(1))
            : (1, TimeSpan.FromSeconds(1 / perSecond));
        return new SlidingWindowLimit(limit, window, GlobalMargin, time, heldFor: window + GlobalMargin - processAge);
    }

    /// <summary>
    /// How long ago this process started, by the wall clock (a fact about this machine, not the injected clock); zero
    /// when the platform cannot tell, and the whole window is then held.
    /// </summary>
    private static TimeSpan ProcessAge()
    {
        try
        {
            using var process = System.Diagnostics.Process.GetCurrentProcess();
            var age = TimeProvider.System.GetUtcNow() - process.StartTime.ToUniversalTime();
            return age > TimeSpan.Zero ? age : TimeSpan.Zero;
        }
        catch (Exception e) when (e is InvalidOperationException or NotSupportedException or PlatformNotSupportedException or System.ComponentModel.Win32Exception)
        {
            return TimeSpan.Zero;
        }
    }

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

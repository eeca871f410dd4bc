using System.Net.Http.Headers;
using Bot.Discord.Rest;
using Bot.Testing.Time;

namespace Bot.Discord.Tests.Rest;

public sealed class RateLimiterTests
{
    private static HttpResponseHeaders Headers(string bucket, int remaining, double resetAfter)
    {
        using var response = new HttpResponseMessage();
        response.Headers.Add("X-RateLimit-Bucket", bucket);
        response.Headers.Add("X-RateLimit-Remaining", remaining.ToString(System.Globalization.CultureInfo.InvariantCulture));
        response.Headers.Add("X-RateLimit-Reset-After", resetAfter.ToString(System.Globalization.CultureInfo.InvariantCulture));
        return response.Headers;
    }

    [Fact]
    public async Task Bucket_RemainingZero_WaitsUntilResetAfter()
    {
        var clock = new ManualTimeProvider();
        var limiter = new RateLimiter(clock);
        var bucket = limiter.BucketFor("POST channels/{channel}/messages", "1");
        await limiter.WaitAsync(bucket, false, CancellationToken.None);
        limiter.Update("POST channels/{channel}/messages", "1", bucket, Headers("abc", 0, 2.5));

        var next = limiter.WaitAsync(limiter.BucketFor("POST channels/{channel}/messages", "1"), false, CancellationToken.None);
        var otherChannel = limiter.WaitAsync(limiter.BucketFor("POST channels/{channel}/messages", "2"), false, CancellationToken.None);

        Assert.True(otherChannel.IsCompleted);
        Assert.False(next.IsCompleted);
        clock.Advance(TimeSpan.FromSeconds(2.4));
        Assert.False(next.IsCompleted);
        clock.Advance(TimeSpan.FromSeconds(0.1));
        await next;
    }

    [Fact]
    public async Task Global429_BlocksEveryBucketButInteractionsForRetryAfter()
    {
        var clock = new ManualTimeProvider();
        var limiter = new RateLimiter(clock);
        var bucket = limiter.BucketFor("PUT applications/{app}/commands", "app");
        limiter.OnTooManyRequests(bucket, TimeSpan.FromSeconds(1), global: true);

        var other = limiter.WaitAsync(limiter.BucketFor("POST channels/{channel}/messages", "1"), false, CancellationToken.None);
        var interaction = limiter.WaitAsync(limiter.BucketFor("POST interactions/{id}/{token}/callback", "9"), true, CancellationToken.None);

        Assert.True(interaction.IsCompleted);
        Assert.False(other.IsCompleted);
        clock.Advance(TimeSpan.FromSeconds(1));
        await other;
    }

    [Fact]
    public async Task Global_FiftyPerSecond_FiftyFirstWaits()
    {
        var clock = new ManualTimeProvider();
        var limiter = new RateLimiter(clock);
        for (var i = 0; i < 50; i++)
        {
            await limiter.WaitAsync(limiter.BucketFor("GET x", i.ToString(System.Globalization.CultureInfo.InvariantCulture)), false, CancellationToken.None);
        }

        var fiftyFirst = limiter.WaitAsync(limiter.BucketFor("GET x", "51"), false, CancellationToken.None);

        Assert.False(fiftyFirst.IsCompleted);
        clock.Advance(TimeSpan.FromSeconds(1));
        await fiftyFirst;
    }
}

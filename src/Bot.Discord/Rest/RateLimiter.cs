using System.Collections.Concurrent;
using System.Globalization;
using System.Net.Http.Headers;

namespace Bot.Discord.Rest;

/// <summary>
/// Discord's REST rate limits as the headers describe them: a queue per bucket (one request in
/// flight per bucket, waiting out <c>Remaining: 0</c> until <c>Reset-After</c>), the global limit
/// (50 requests per second, interaction endpoints exempt) and 429s (<c>retry_after</c>, <c>global</c>).
/// Buckets are learnt from <c>X-RateLimit-Bucket</c> per route and keyed with the route's top-level
/// resource, never hard-coded.
/// </summary>
internal sealed class RateLimiter(TimeProvider time)
{
    private const int GlobalPerSecond = 50;
    private readonly ConcurrentDictionary<string, string> _routeBuckets = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Bucket> _buckets = new(StringComparer.Ordinal);
    private readonly Lock _globalLock = new();
    private readonly Queue<DateTimeOffset> _recent = new();
    private DateTimeOffset _globalUntil = DateTimeOffset.MinValue;

    /// <summary>The bucket a request on <paramref name="route"/> for <paramref name="major"/> waits in.</summary>
    public Bucket BucketFor(string route, string major)
    {
        var hash = _routeBuckets.TryGetValue(route, out var known) ? known : route;
        return _buckets.GetOrAdd(hash + "|" + major, static key => new Bucket(key));
    }

    /// <summary>Waits until <paramref name="bucket"/> has a request left and, unless exempt, the global limit allows one.</summary>
    public async Task WaitAsync(Bucket bucket, bool globalExempt, CancellationToken cancellationToken)
    {
        while (true)
        {
            var now = time.GetUtcNow();
            var until = bucket.Remaining <= 0 && bucket.ResetAt > now ? bucket.ResetAt : now;
            if (!globalExempt)
            {
                lock (_globalLock)
                {
                    if (_globalUntil > until)
                    {
                        until = _globalUntil;
                    }

                    while (_recent.Count > 0 && _recent.Peek() <= now - TimeSpan.FromSeconds(1))
                    {
                        _recent.Dequeue();
                    }

                    if (_recent.Count >= GlobalPerSecond)
                    {
                        var free = _recent.Peek() + TimeSpan.FromSeconds(1);
                        if (free > until)
                        {
                            until = free;
                        }
                    }

                    if (until <= now)
                    {
                        _recent.Enqueue(now);
                    }
                }
            }

            if (until <= now)
            {
                if (bucket.Remaining <= 0 && bucket.ResetAt <= now)
                {
                    bucket.Remaining = 1;
                }

                bucket.Remaining--;
                return;
            }

            await Task.Delay(until - now, time, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Learns from a response's rate limit headers.</summary>
    public void Update(string route, string major, Bucket bucket, HttpResponseHeaders headers)
    {
        var now = time.GetUtcNow();
        var target = bucket;
        if (Header(headers, "X-RateLimit-Bucket") is { Length: > 0 } hash)
        {
            _routeBuckets[route] = hash;
            target = _buckets.GetOrAdd(hash + "|" + major, static key => new Bucket(key));
        }

        if (int.TryParse(Header(headers, "X-RateLimit-Remaining"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var remaining))
        {
            target.Remaining = remaining;
            bucket.Remaining = remaining;
        }

        if (double.TryParse(Header(headers, "X-RateLimit-Reset-After"), NumberStyles.Float, CultureInfo.InvariantCulture, out var resetAfter))
        {
            target.ResetAt = now + TimeSpan.FromSeconds(resetAfter);
            bucket.ResetAt = target.ResetAt;
        }
    }

    /// <summary>A 429: waits the bucket (or everything, when global) for <paramref name="retryAfter"/>.</summary>
    public void OnTooManyRequests(Bucket bucket, TimeSpan retryAfter, bool global)
    {
        var until = time.GetUtcNow() + retryAfter;
        if (global)
        {
            lock (_globalLock)
            {
                if (until > _globalUntil)
                {
                    _globalUntil = until;
                }
            }
        }
        else
        {
            bucket.Remaining = 0;
            bucket.ResetAt = until;
        }
    }

    private static string? Header(HttpResponseHeaders headers, string name) =>
        headers.TryGetValues(name, out var values) ? values.FirstOrDefault() : null;

    /// <summary>One bucket: a gate so requests queue, and what the last response said.</summary>
    internal sealed class Bucket(string key)
    {
        public string Key { get; } = key;

        public SemaphoreSlim Gate { get; } = new(1, 1);

        public int Remaining { get; set; } = 1;

        public DateTimeOffset ResetAt { get; set; } = DateTimeOffset.MinValue;
    }
}

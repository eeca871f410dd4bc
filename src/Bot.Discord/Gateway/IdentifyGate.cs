namespace Bot.Discord.Gateway;

/// <summary>Lets at most <c>max_concurrency</c> shards identify per 5 seconds: one per rate limit key per window.</summary>
internal sealed class IdentifyGate(int maxConcurrency, TimeProvider time)
{
    public static readonly TimeSpan Window = TimeSpan.FromSeconds(5);
    private readonly Dictionary<int, (SemaphoreSlim Gate, DateTimeOffset Last)> _keys = [];
    private readonly Lock _lock = new();

    public int MaxConcurrency { get; } = Math.Max(1, maxConcurrency);

    public async Task WaitAsync(int shardId, CancellationToken cancellationToken)
    {
        var key = ShardRouting.RateLimitKey(shardId, MaxConcurrency);
        SemaphoreSlim gate;
        lock (_lock)
        {
            if (!_keys.TryGetValue(key, out var entry))
            {
                entry = (new SemaphoreSlim(1, 1), DateTimeOffset.MinValue);
                _keys[key] = entry;
            }

            gate = entry.Gate;
        }

        await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            DateTimeOffset last;
            lock (_lock)
            {
                last = _keys[key].Last;
            }

            var wait = last == DateTimeOffset.MinValue ? TimeSpan.Zero : last + Window - time.GetUtcNow();
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait, time, cancellationToken).ConfigureAwait(false);
            }

            lock (_lock)
            {
                _keys[key] = (gate, time.GetUtcNow());
            }
        }
        finally
        {
            gate.Release();
        }
    }
}

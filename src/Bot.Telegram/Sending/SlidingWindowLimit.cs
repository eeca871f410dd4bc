namespace Bot.Telegram.Sending;

/// <summary>
/// At most <c>limit</c> requests in any sliding <c>window</c> as the server counts them, with no burst taken out of
/// the rate. The server counts a request when it arrives, which is somewhere between our release and its answer; so
/// a permit is held from the release until <c>window</c> plus a small margin after the answer (or the failure) came
/// back. Any <c>window</c> of arrivals then falls inside a stretch where each of its requests still held a permit, so
/// there are never more than <c>limit</c> of them, however the network delays each one; and a steady stream runs at
/// <c>limit</c> per (<c>window</c> + margin + round trip + timer latency): about 96–97% of the bound on a
/// loaded 2-core machine over loopback.
/// </summary>
internal sealed class SlidingWindowLimit : IDisposable
{
    private readonly SemaphoreSlim _permits;
    private readonly TimeSpan _hold;
    private readonly TimeProvider _time;
    private int _disposed;

    /// <param name="limit">Requests allowed in any window.</param>
    /// <param name="window">The window (1 s for Telegram's overall limit).</param>
    /// <param name="margin">Added to the window: timer resolution and clock granularity, so the server never sees limit + 1.</param>
    /// <param name="time">The clock the holds are timed with.</param>
    /// <param name="heldFor">
    /// How long every permit is held at first, as if <c>limit</c> requests had been answered just before (zero or less:
    /// all are free at once). The server counts per bot, not per process: a process started right after another one
    /// stopped (a crash and a quick restart) leaves room for what its predecessor sent in its last window.
    /// </param>
    public SlidingWindowLimit(int limit, TimeSpan window, TimeSpan margin, TimeProvider time, TimeSpan heldFor)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        var held = heldFor > TimeSpan.Zero;
        _permits = new SemaphoreSlim(held ? 0 : limit, limit);
        _hold = window + margin;
        _time = time;
        Limit = limit;
        if (held)
        {
            _ = ReturnAfterAsync(heldFor, limit);
        }
    }

    /// <summary>The most requests in any window.</summary>
    public int Limit { get; }

    /// <summary>Permits free right now (for tests and diagnostics).</summary>
    public int Available => _permits.CurrentCount;

    /// <summary>Waits for a permit; dispose the returned lease when the request's answer (or failure) is in.</summary>
    public async ValueTask<IDisposable> AcquireAsync(CancellationToken ct)
    {
        await _permits.WaitAsync(ct).ConfigureAwait(false);
        return new Lease(this);
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            _permits.Dispose();
        }
    }

    private async Task ReturnAfterAsync(TimeSpan delay, int permits)
    {
        await Task.Delay(delay, _time).ConfigureAwait(false);
        if (Volatile.Read(ref _disposed) == 0)
        {
            try
            {
                _permits.Release(permits);
            }
            catch (ObjectDisposedException)
            {
                // Disposed while the hold ran: nobody waits any more.
            }
        }
    }

    private sealed class Lease(SlidingWindowLimit owner) : IDisposable
    {
        private int _returned;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _returned, 1) == 0)
            {
                _ = owner.ReturnAfterAsync(owner._hold, 1);
            }
        }
    }
}

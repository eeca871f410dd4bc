using Bot.Telegram.Sending;
using Bot.Testing.Time;

namespace Bot.Telegram.Tests;

/// <summary>
/// The overall flood limit (<see cref="SlidingWindowLimit"/>): exact counts on a manual clock, so nothing depends on
/// how fast the machine is. The server side of the same rule is checked end to end in <see cref="DigestPublisherTests"/>.
/// </summary>
public sealed class GlobalLimitTests
{
    private static readonly TimeSpan Margin = SendRateLimits.GlobalMargin;

    [Fact]
    public async Task Acquire_LimitReached_NextWaitsUntilWindowAfterFirstAnswerPlusMargin()
    {
        var clock = new ManualTimeProvider();
        using var limit = new SlidingWindowLimit(30, TimeSpan.FromSeconds(1), Margin, clock, heldFor: TimeSpan.Zero);
        var leases = new List<IDisposable>();
        for (var i = 0; i < 30; i++)
        {
            var acquired = limit.AcquireAsync(CancellationToken.None);
            Assert.True(acquired.IsCompleted, $"permit {i + 1} of 30 is free at once: no burst is taken out of the rate");
            leases.Add(await acquired);
        }

        var next = limit.AcquireAsync(CancellationToken.None).AsTask();
        clock.Advance(TimeSpan.FromMilliseconds(200));
        leases[0].Dispose();
        Assert.False(next.IsCompleted, "an answered request still counts for a whole window");

        clock.Advance(TimeSpan.FromSeconds(1));
        await Task.Yield();
        Assert.False(next.IsCompleted, "the margin is not over yet");

        clock.Advance(Margin);
        (await next.WaitAsync(TimeSpan.FromSeconds(10))).Dispose();
        Assert.Equal(0, limit.Available);
    }

    [Fact]
    public async Task Acquire_RequestStillInFlight_HoldsItsPermitPastTheWindow()
    {
        var clock = new ManualTimeProvider();
        using var limit = new SlidingWindowLimit(2, TimeSpan.FromSeconds(1), Margin, clock, heldFor: TimeSpan.Zero);
        var slow = await limit.AcquireAsync(CancellationToken.None);
        (await limit.AcquireAsync(CancellationToken.None)).Dispose();
        var third = limit.AcquireAsync(CancellationToken.None).AsTask();

        // The slow request has been on the wire for 5 s: the server may count it now, so it still holds its permit. The
        // third stays on the wire too until the fourth is checked: answered, it would give its permit back a window later,
        // and the fourth would rightly get it (the check passed only while that grant's continuation had not yet run).
        clock.Advance(TimeSpan.FromSeconds(5));
        var thirdLease = await third.WaitAsync(TimeSpan.FromSeconds(10));
        var fourth = limit.AcquireAsync(CancellationToken.None).AsTask();
        clock.Advance(TimeSpan.FromSeconds(5));

        // A permit wrongly given back would reach the fourth on a continuation: give that a moment to show.
        await Task.WhenAny(fourth, Task.Delay(200));
        Assert.False(fourth.IsCompleted);

        slow.Dispose();
        clock.Advance(TimeSpan.FromSeconds(1) + Margin);
        (await fourth.WaitAsync(TimeSpan.FromSeconds(10))).Dispose();
        thirdLease.Dispose();
    }

    [Fact]
    public async Task Acquire_SteadyStream_RunsAtTheFullRateAndNeverMoreInAnySlidingWindow()
    {
        // Each request is answered the moment it is let go (arrival = release = answer, as the server counts it); the
        // clock moves in 5 ms steps for 6 s. The grant time is the clock when the release is seen and the lease given
        // back at that same instant, so the window rule holds between recorded times however late a grant is seen.
        var clock = new ManualTimeProvider();
        using var limit = new SlidingWindowLimit(30, TimeSpan.FromSeconds(1), Margin, clock, heldFor: TimeSpan.Zero);
        var step = TimeSpan.FromMilliseconds(5);
        var grants = new List<DateTimeOffset>();
        var start = clock.GetUtcNow();
        var waiting = limit.AcquireAsync(CancellationToken.None).AsTask();
        while (clock.GetUtcNow() - start < TimeSpan.FromSeconds(6))
        {
            while (waiting.IsCompletedSuccessfully)
            {
                grants.Add(clock.GetUtcNow());
                (await waiting).Dispose();
                waiting = limit.AcquireAsync(CancellationToken.None).AsTask();
            }

            clock.Advance(step);
            await Task.WhenAny(waiting, Task.Delay(2));
        }

        for (var i = 30; i < grants.Count; i++)
        {
            Assert.True(grants[i] - grants[i - 30] > TimeSpan.FromSeconds(1), $"grant {i} came within a second of grant {i - 30}");
        }

        // Bursts of 30 every window + margin (+ at most a clock step): from the first burst to the last, ≥ 95% of 30/s.
        Assert.True(grants.Count >= 150, $"{grants.Count} grants in 6 s");
        var cycles = (grants.Count / 30) - 1;
        var perSecond = cycles * 30 / (grants[cycles * 30] - grants[0]).TotalSeconds;
        Assert.InRange(perSecond, 0.95 * 30, 30);
    }

    [Fact]
    public async Task Acquire_Cancelled_LeavesThePermitsAlone()
    {
        var clock = new ManualTimeProvider();
        using var limit = new SlidingWindowLimit(1, TimeSpan.FromSeconds(1), Margin, clock, heldFor: TimeSpan.Zero);
        var only = await limit.AcquireAsync(CancellationToken.None);
        using var cts = new CancellationTokenSource();
        var waiting = limit.AcquireAsync(cts.Token).AsTask();
        await cts.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting);
        only.Dispose();
        only.Dispose();
        clock.Advance(TimeSpan.FromSeconds(2));

        // The permit comes back from the timer's continuation, which may run a moment after Advance returns.
        for (var i = 0; i < 1000 && limit.Available == 0; i++)
        {
            await Task.Delay(10);
        }

        Assert.Equal(1, limit.Available);
    }

    [Theory]
    [InlineData(30, 30)]
    [InlineData(30.9, 30)]
    [InlineData(10_000, 10_000)]
    [InlineData(0.5, 1)]
    public async Task GlobalLimit_NewProcess_CountsWholeMessagesPerWindowAndWaitsOutItsFirstWindow(double perSecond, int limit)
    {
        var clock = new ManualTimeProvider();
        var window = perSecond >= 1 ? TimeSpan.FromSeconds(1) : TimeSpan.FromSeconds(1 / perSecond);
        var processAge = TimeSpan.FromMilliseconds(300);
        using var global = SendRateLimits.GlobalLimit(perSecond, clock, processAge);
        Assert.Equal(limit, global.Limit);

        // A process restarted right after a crash leaves its predecessor's last window alone: nothing goes out until the
        // process is a window (and the margin) old.
        var first = global.AcquireAsync(CancellationToken.None).AsTask();
        clock.Advance(window - processAge);
        await Task.WhenAny(first, Task.Delay(200));
        Assert.False(first.IsCompleted, "a permit is free before the first window and its margin are over");
        Assert.Equal(0, global.Available);

        clock.Advance(Margin);
        (await first.WaitAsync(TimeSpan.FromSeconds(10))).Dispose();

        // The permits come back from the timer's continuation, which may run a moment after Advance returns.
        for (var i = 0; i < 1000 && global.Available < limit - 1; i++)
        {
            await Task.Delay(10);
        }

        Assert.Equal(limit - 1, global.Available);
    }

    [Fact]
    public void GlobalLimit_ProcessOlderThanAWindow_AllPermitsFreeAtOnce()
    {
        using var global = SendRateLimits.GlobalLimit(30, new ManualTimeProvider(), TimeSpan.FromSeconds(1) + Margin);
        Assert.Equal(30, global.Available);
    }
}

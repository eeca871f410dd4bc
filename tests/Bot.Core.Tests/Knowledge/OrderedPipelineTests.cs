using Bot.Core.Knowledge;

namespace Bot.Core.Tests.Knowledge;

/// <summary>
/// The streaming stage of ingestion: files are loaded and extracted on every core, and the single writer takes them in
/// file order, with a bounded number in flight; a failure or a cancellation stops every worker and reaches the caller.
/// </summary>
public sealed class OrderedPipelineTests
{
    [Fact]
    public void Results_ComeInTheItemsOrder_WhateverOrderTheWorkersFinishIn()
    {
        // Even items take longer than odd ones, so workers finish out of order all the time.
        var results = OrderedPipeline.Run(
            Enumerable.Range(0, 600),
            i =>
            {
                Thread.SpinWait(i % 2 == 0 ? 20_000 : 10);
                return i.ToString(System.Globalization.CultureInfo.InvariantCulture);
            },
            window: 16,
            workers: 4,
            CancellationToken.None).ToList();

        Assert.Equal(Enumerable.Range(0, 600).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)), results);
    }

    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    /// <summary>Runs <paramref name="take"/> on another thread and fails the test if it has not ended in time (a lost wake-up hangs, it does not fail).</summary>
    private static T Within<T>(Func<T> take)
    {
        var task = Task.Run(take);
        Assert.True(task.Wait(Patience), "the pipeline did not end: a thread waits for a wake-up that never comes");
        return task.Result;
    }

    [Theory]
    [InlineData(1, 1024)] // fewer items than the run a waiting caller is woken for, in a wide window
    [InlineData(15, 1024)]
    [InlineData(17, 1024)]
    [InlineData(50, 4)] // a window narrower than the run
    [InlineData(1000, 64)]
    public void EveryResultReachesTheCaller_HoweverManyItemsAndHoweverWideTheWindow(int count, int window)
    {
        var results = Within(() => OrderedPipeline.Run(Enumerable.Range(0, count), i => (object)i, window, workers: 2, CancellationToken.None).Cast<int>().ToList());

        Assert.Equal(Enumerable.Range(0, count), results);
    }

    [Theory]
    [InlineData(40, 1024)] // the items all taken before the run is ready: the caller goes at the source's end
    [InlineData(2000, 64)] // the window full before the run is ready: the caller goes when the workers cannot
    public void ACallerWaitingForAResult_GetsItWhileTheNextItemIsHeldUntilItTakesIt(int count, int window)
    {
        // Item 1 is held until the caller has taken item 0: the caller must not wait for a run of results that cannot come.
        // Item 0 takes a moment, so the caller is already waiting (with no result ready) when it is done.
        using var tookFirst = new ManualResetEventSlim();
        var results = Within(() =>
        {
            var taken = new List<int>();
            foreach (var r in OrderedPipeline.Run(Enumerable.Range(0, count), i => { if (i == 0) { Thread.Sleep(200); } if (i == 1) { Assert.True(tookFirst.Wait(Patience)); } return (object)i; }, window, workers: 2, CancellationToken.None))
            {
                taken.Add((int)r);
                tookFirst.Set();
            }

            return taken;
        });

        Assert.Equal(Enumerable.Range(0, count), results);
    }

    [Fact]
    public void Workers_RunBelowTheCallersPriority_TheCallerKeepsItsOwn()
    {
        // Priorities are set on Linux only (the nice value is read from /proc); elsewhere the workers keep the caller's.
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        var callers = CurrentNice();

        var seen = OrderedPipeline.Run(Enumerable.Range(0, 8), _ => (object)CurrentNice(), window: 4, workers: 2, CancellationToken.None).Cast<int>().ToList();

        // Lower than the caller by WorkerPriority.Steps, whatever the caller's own (a test run under "nice 10" too).
        Assert.All(seen, nice => Assert.Equal(Math.Min(19, callers + WorkerPriority.Steps), nice));
        Assert.Equal(callers, CurrentNice());
    }

    [Fact]
    public void Workers_NeverRunFurtherAheadOfTheCallerThanTheWindow()
    {
        var started = 0;
        var maxAhead = 0;
        var handed = 0;
        foreach (var _ in OrderedPipeline.Run(Enumerable.Range(0, 300), i => { Interlocked.Increment(ref started); return new object(); }, window: 8, workers: 3, CancellationToken.None))
        {
            // The caller is slow: the workers fill the window and wait.
            Thread.Sleep(1);
            handed++;
            maxAhead = Math.Max(maxAhead, Volatile.Read(ref started) - handed);
        }

        Assert.Equal(300, handed);
        Assert.InRange(maxAhead, 1, 8);
    }

    [Fact]
    public void AFailingItem_ReachesTheCallerAsItself_AndNoWorkerGoesOn()
    {
        var processed = 0;
        var error = Assert.Throws<InvalidDataException>(() =>
        {
            foreach (var _ in OrderedPipeline.Run(
                Enumerable.Range(0, 10_000),
                i =>
                {
                    Interlocked.Increment(ref processed);
                    return i == 50 ? throw new InvalidDataException("item 50 is broken") : new object();
                },
                window: 32,
                workers: 2,
                CancellationToken.None))
            {
            }
        });

        Assert.Equal("item 50 is broken", error.Message);

        // Run waits for its workers before it throws: nothing is processed after the caller has the failure.
        var after = Volatile.Read(ref processed);
        Thread.Sleep(100);
        Assert.Equal(after, Volatile.Read(ref processed));
        Assert.InRange(after, 51, 50 + 32 + 2);
    }

    [Fact]
    public void ACancellationMidway_StopsTheWorkers_AndTheCallerSeesIt()
    {
        using var cancel = new CancellationTokenSource();
        var processed = 0;
        var handed = 0;
        Assert.ThrowsAny<OperationCanceledException>(() =>
        {
            foreach (var _ in OrderedPipeline.Run(Enumerable.Range(0, 100_000), i => { Interlocked.Increment(ref processed); return new object(); }, window: 16, workers: 2, cancel.Token))
            {
                if (++handed == 100)
                {
                    cancel.Cancel();
                }
            }
        });

        var after = Volatile.Read(ref processed);
        Thread.Sleep(100);
        Assert.Equal(after, Volatile.Read(ref processed));
        Assert.InRange(handed, 100, 100 + 16);
        Assert.True(after < 100_000);
    }

    [Fact]
    public void ACallerThatStopsEarly_LeavesNoWorkerRunning()
    {
        var processed = 0;
        var first = OrderedPipeline.Run(Enumerable.Range(0, 100_000), i => { Interlocked.Increment(ref processed); return new object(); }, window: 16, workers: 2, CancellationToken.None)
            .Take(10)
            .ToList();

        Assert.Equal(10, first.Count);
        var after = Volatile.Read(ref processed);
        Thread.Sleep(100);
        Assert.Equal(after, Volatile.Read(ref processed));
        Assert.InRange(after, 10, 10 + 16);
    }

    [Fact]
    public void AFailingSource_ReachesTheCaller()
    {
        static IEnumerable<int> Source()
        {
            yield return 1;
            yield return 2;
            throw new IOException("the folder went away");
        }

        var error = Assert.Throws<IOException>(() => OrderedPipeline.Run(Source(), i => new object(), window: 4, workers: 2, CancellationToken.None).ToList());

        Assert.Equal("the folder went away", error.Message);
    }

    [Fact]
    public void AnEmptySource_EndsAtOnce()
    {
        Assert.Empty(OrderedPipeline.Run(Enumerable.Empty<int>(), i => new object(), window: 4, workers: 2, CancellationToken.None));
    }

    /// <summary>The calling thread's nice value: /proc/thread-self/stat's 19th field (the command name, field 2 in parentheses, may hold spaces).</summary>
    private static int CurrentNice()
    {
        var stat = File.ReadAllText("/proc/thread-self/stat");
        return int.Parse(stat[(stat.LastIndexOf(')') + 2)..].Split(' ')[16], System.Globalization.CultureInfo.InvariantCulture);
    }
}

using Bot.Core.Knowledge;

namespace Bot.Core.Tests.Knowledge;

/// <summary>
/// Resolution's hand-over between threads: the mapped articles and the answer rows are produced on another thread, a
/// few chunks ahead of the store's writer, in order; a failure reaches the writer, and a writer that stops early stops
/// the producer.
/// </summary>
public sealed class ReadAheadTests
{
    [Fact]
    public void Items_ComeInTheSourcesOrder_ProducedOnAnotherThread()
    {
        var caller = Environment.CurrentManagedThreadId;
        var producers = new HashSet<int>();
        var items = ReadAhead.Run(Enumerable.Range(0, 1000).Select(i => { lock (producers) { producers.Add(Environment.CurrentManagedThreadId); } return i; }), chunk: 7, chunksAhead: 2).ToList();

        Assert.Equal(Enumerable.Range(0, 1000), items);
        Assert.DoesNotContain(caller, producers);
    }

    [Fact]
    public void Producer_NeverRunsMoreThanTheChunksAheadOfTheCaller()
    {
        var produced = 0;
        var taken = 0;
        var maxAhead = 0;
        foreach (var _ in ReadAhead.Run(Enumerable.Range(0, 200).Select(i => Interlocked.Increment(ref produced)), chunk: 5, chunksAhead: 2))
        {
            Thread.Sleep(1);
            taken++;
            maxAhead = Math.Max(maxAhead, Volatile.Read(ref produced) - taken);
        }

        // Two chunks queued, one being filled, the one the caller reads: never more than four chunks' items.
        Assert.InRange(maxAhead, 1, 4 * 5);
    }

    [Fact]
    public void SourceFailure_ReachesTheCaller_AfterTheItemsBeforeIt()
    {
        var taken = new List<int>();
        var failure = Assert.Throws<InvalidOperationException>(() =>
        {
            foreach (var i in ReadAhead.Run(Enumerable.Range(0, 100).Select(i => i == 42 ? throw new InvalidOperationException("item 42") : i), chunk: 4, chunksAhead: 2))
            {
                taken.Add(i);
            }
        });

        Assert.Equal("item 42", failure.Message);
        Assert.Equal(Enumerable.Range(0, 40), taken);
    }

    [Fact]
    public void NextAtHand_FalseWhileTheProducerIsBehind_TrueOnceAnItemWaitsAndAtTheEnd()
    {
        using var release = new SemaphoreSlim(0);
        IEnumerable<int> Items()
        {
            yield return 1;
            release.Wait();
            yield return 2;
        }

        using var items = ReadAhead.Run(Items(), chunk: 1, chunksAhead: 1).GetEnumerator();
        var ahead = Assert.IsAssignableFrom<IReadAheadEnumerator>(items);
        Assert.True(items.MoveNext());
        Assert.Equal(1, items.Current);

        // The producer waits before the second item: the consumer would wait too.
        Thread.Sleep(50);
        Assert.False(ahead.NextAtHand);

        release.Release();
        SpinWait.SpinUntil(() => ahead.NextAtHand, TimeSpan.FromSeconds(10));
        Assert.True(ahead.NextAtHand);
        Assert.True(items.MoveNext());
        Assert.Equal(2, items.Current);

        // The end is at hand too: MoveNext answers at once.
        SpinWait.SpinUntil(() => ahead.NextAtHand, TimeSpan.FromSeconds(10));
        Assert.True(ahead.NextAtHand);
        Assert.False(items.MoveNext());
    }

    [Fact]
    public void CallerStoppingEarly_StopsTheProducer()
    {
        var produced = 0;
        var first = ReadAhead.Run(Enumerable.Range(0, 1_000_000).Select(i => Interlocked.Increment(ref produced)), chunk: 10, chunksAhead: 2).Take(15).ToList();

        Assert.Equal(Enumerable.Range(1, 15), first);
        var afterStop = Volatile.Read(ref produced);
        Thread.Sleep(50);
        Assert.Equal(afterStop, Volatile.Read(ref produced));
        Assert.True(afterStop < 100, $"{afterStop} items were produced for 15 taken.");
    }
}

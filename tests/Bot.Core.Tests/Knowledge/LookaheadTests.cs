using Bot.Core.Knowledge;

namespace Bot.Core.Tests.Knowledge;

/// <summary>
/// Ingestion's read-ahead: the files are handed to the workers in order while another thread asks for the next ones
/// ahead of them, never further than the distance, never for a file already taken, and not after the workers stop.
/// </summary>
public sealed class LookaheadTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    [Fact]
    public void Items_ComeInOrder_AndEachIsTouchedAtMostOnce_OnAnotherThread()
    {
        var caller = Environment.CurrentManagedThreadId;
        var touched = new List<int>();
        var threads = new HashSet<int>();
        using var firstTouch = new ManualResetEventSlim();
        var items = new List<int>();
        using (var e = Lookahead.Run(Enumerable.Range(0, 1000).ToList(), i => { lock (touched) { touched.Add(i); threads.Add(Environment.CurrentManagedThreadId); } firstTouch.Set(); }, distance: 16).GetEnumerator())
        {
            Assert.True(firstTouch.Wait(Patience)); // the toucher is under way before the first item is taken
            while (e.MoveNext())
            {
                items.Add(e.Current);
            }
        }

        Assert.Equal(Enumerable.Range(0, 1000), items);
        lock (touched)
        {
            Assert.Contains(0, touched);
            Assert.Equal(touched.Distinct().Count(), touched.Count);
            Assert.Equal(touched.Order(), touched);
            Assert.DoesNotContain(caller, threads);
        }
    }

    [Fact]
    public void Toucher_StaysAtLeastHalfTheDistanceAhead_WhileTheConsumerWaits_AndNeverFurther()
    {
        const int Count = 200, Distance = 8;
        var touchedEvents = Enumerable.Range(0, Count).Select(_ => new ManualResetEventSlim()).ToArray();
        var taken = 0;
        var tooFar = new List<int>();
        void Touch(int i)
        {
            // The consumer counts an item before it asks for it: it has taken at most `taken` items.
            if (i >= Volatile.Read(ref taken) + Distance)
            {
                lock (tooFar) { tooFar.Add(i); }
            }

            touchedEvents[i].Set();
        }

        using (var items = Lookahead.Run(Enumerable.Range(0, Count).ToList(), Touch, Distance).GetEnumerator())
        {
            while (true)
            {
                Volatile.Write(ref taken, taken + 1);
                if (!items.MoveNext())
                {
                    break;
                }

                // With the consumer waiting, the items up to half the distance ahead are asked for (the toucher refills
                // the distance half at a time).
                var farthest = Math.Min(taken - 1 + (Distance / 2), Count - 1);
                Assert.True(touchedEvents[farthest].Wait(Patience), $"item {farthest} not touched while item {taken - 1} was being worked on");
            }
        }

        Assert.Empty(tooFar);
        Assert.All(touchedEvents.Skip(Distance), e => Assert.True(e.IsSet));
    }

    [Fact]
    public void ItemsAlreadyTaken_AreNotTouched()
    {
        var touched = new List<int>();
        using var firstTouch = new ManualResetEventSlim();
        using var release = new ManualResetEventSlim();
        void Touch(int i)
        {
            lock (touched) { touched.Add(i); }
            firstTouch.Set();
            release.Wait(Patience); // the toucher is held on its first item while the consumer takes the next ones
        }

        using (var items = Lookahead.Run(Enumerable.Range(0, 100).ToList(), Touch, distance: 4).GetEnumerator())
        {
            Assert.True(firstTouch.Wait(Patience));
            for (var i = 0; i < 50; i++)
            {
                Assert.True(items.MoveNext());
            }

            release.Set();
            while (items.MoveNext())
            {
            }
        }

        // Item 0 was touched before it was taken; the toucher then went on from the first item not yet taken (50 or later).
        lock (touched)
        {
            Assert.Equal(0, touched[0]);
            Assert.All(touched.Skip(1), i => Assert.InRange(i, 50, 99));
        }
    }

    [Fact]
    public void ConsumerStoppingEarly_StopsTheToucher()
    {
        var touched = 0;
        foreach (var _ in Lookahead.Run(Enumerable.Range(0, 10_000).ToList(), _ => Interlocked.Increment(ref touched), distance: 10))
        {
            // On the first item: the toucher is under way (at least half the distance ahead), then the consumer stops.
            Assert.True(SpinWait.SpinUntil(() => Volatile.Read(ref touched) >= 5, Patience));
            break;
        }

        // Disposed: the toucher has ended, never past the distance from the one item taken (items 0 to 10).
        var after = Volatile.Read(ref touched);
        Thread.Sleep(50);
        Assert.Equal(after, Volatile.Read(ref touched));
        Assert.InRange(after, 5, 11);
    }

    [Fact]
    public void TouchFailure_ReachesTheConsumer_WhenItIsDone()
    {
        using var failing = new ManualResetEventSlim();
        var taken = new List<int>();
        var failure = Assert.Throws<InvalidOperationException>(() =>
        {
            var items = Lookahead.Run(Enumerable.Range(0, 50).ToList(), i =>
            {
                if (i == 5)
                {
                    failing.Set();
                    throw new InvalidOperationException("touch 5");
                }
            }, distance: 10);
            foreach (var i in items)
            {
                // The consumer holds its first item until the toucher has reached the item that fails.
                Assert.True(i > 0 || failing.Wait(Patience));
                taken.Add(i);
            }
        });

        // Every item reached the consumer before the failure did.
        Assert.Equal("touch 5", failure.Message);
        Assert.Equal(Enumerable.Range(0, 50), taken);
    }

    [Fact]
    public void TouchFailure_DoesNotReachAConsumerThatStopsEarly()
    {
        using var failing = new ManualResetEventSlim();
        foreach (var i in Lookahead.Run(Enumerable.Range(0, 50).ToList(), i => { failing.Set(); throw new InvalidOperationException("touch"); }, distance: 10))
        {
            Assert.True(failing.Wait(Patience));
            break; // disposing the enumerator does not throw
        }
    }
}

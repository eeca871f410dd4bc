using System.Collections.Concurrent;

namespace Bot.Core.Knowledge;

/// <summary>
/// Runs a sequence on another thread a little ahead of the caller, so producing the items and consuming them share the
/// cores: items are handed over in chunks, at most a few chunks wait, and they arrive in the source's order.
/// </summary>
public static class ReadAhead
{
    /// <summary>
    /// The items of <paramref name="source"/>, in order, enumerated on another thread at most
    /// <paramref name="chunksAhead"/> chunks of <paramref name="chunk"/> items ahead of the caller. A failure of the source
    /// reaches the caller as itself once the items before it are taken; a caller that stops early stops the source at its
    /// next chunk. The source has been enumerated to its end (and everything it did is visible) when this sequence ends.
    /// </summary>
    public static IEnumerable<T> Run<T>(IEnumerable<T> source, int chunk, int chunksAhead)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentOutOfRangeException.ThrowIfLessThan(chunk, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(chunksAhead, 1);
        return Iterate(source, chunk, chunksAhead);
    }

    private static IEnumerable<T> Iterate<T>(IEnumerable<T> source, int chunk, int chunksAhead)
    {
        using var queue = new BlockingCollection<T[]>(boundedCapacity: chunksAhead);
        using var stop = new CancellationTokenSource();

        // A thread of its own, as it blocks while the queue is full: a pool thread held so would starve other work.
        var producer = Task.Factory.StartNew(
            () =>
            {
                try
                {
                    foreach (var items in source.Chunk(chunk))
                    {
                        queue.Add(items, stop.Token);
                    }
                }
                finally
                {
                    queue.CompleteAdding();
                }
            },
            CancellationToken.None,
            TaskCreationOptions.LongRunning,
            TaskScheduler.Default);
        try
        {
            foreach (var items in queue.GetConsumingEnumerable(CancellationToken.None))
            {
                foreach (var item in items)
                {
                    yield return item;
                }
            }

            // A failure of the source ends the queue early: it is the caller's failure too.
            producer.GetAwaiter().GetResult();
        }
        finally
        {
            // The caller stopped early (or failed): the producer stops at its next chunk.
            stop.Cancel();
            try
            {
                producer.Wait(CancellationToken.None);
            }
            catch (AggregateException)
            {
            }
        }
    }
}

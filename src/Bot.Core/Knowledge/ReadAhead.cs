using System.Collections;
using System.Collections.Concurrent;

namespace Bot.Core.Knowledge;

/// <summary>
/// What the enumerator of a <see cref="ReadAhead.Run{T}"/> sequence tells its consumer: whether the next item is at
/// hand. A consumer with other work it can do in small steps (a store merging its search index) does a step instead of
/// waiting for the producer.
/// </summary>
public interface IReadAheadEnumerator
{
    /// <summary>True when <see cref="IEnumerator.MoveNext"/> will not wait for the producer: an item is at hand, or the sequence has ended (or failed).</summary>
    bool NextAtHand { get; }
}

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
    /// Its enumerator is an <see cref="IReadAheadEnumerator"/>; the producer starts when the enumerator is made.
    /// </summary>
    public static IEnumerable<T> Run<T>(IEnumerable<T> source, int chunk, int chunksAhead)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentOutOfRangeException.ThrowIfLessThan(chunk, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(chunksAhead, 1);
        return new Sequence<T>(source, chunk, chunksAhead);
    }

    private sealed class Sequence<T>(IEnumerable<T> source, int chunk, int chunksAhead) : IEnumerable<T>
    {
        public IEnumerator<T> GetEnumerator() => new Enumerator<T>(source, chunk, chunksAhead);

        IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
    }

    private sealed class Enumerator<T> : IEnumerator<T>, IReadAheadEnumerator
    {
        private readonly BlockingCollection<T[]> _queue;
        private readonly CancellationTokenSource _stop = new();
        private readonly Task _producer;
        private T[] _items = [];
        private int _next;
        private bool _ended;
        private bool _disposed;

        public Enumerator(IEnumerable<T> source, int chunk, int chunksAhead)
        {
            _queue = new BlockingCollection<T[]>(boundedCapacity: chunksAhead);

            // A thread of its own, as it blocks while the queue is full: a pool thread held so would starve other work.
            _producer = Task.Factory.StartNew(
                () =>
                {
                    try
                    {
                        foreach (var items in source.Chunk(chunk))
                        {
                            _queue.Add(items, _stop.Token);
                        }
                    }
                    finally
                    {
                        _queue.CompleteAdding();
                    }
                },
                CancellationToken.None,
                TaskCreationOptions.LongRunning,
                TaskScheduler.Default);
        }

        public T Current { get; private set; } = default!;

        object? IEnumerator.Current => Current;

        public bool NextAtHand => _ended || _next < _items.Length || _queue.Count > 0 || _queue.IsCompleted;

        public bool MoveNext()
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (_next < _items.Length)
            {
                Current = _items[_next++];
                return true;
            }

            // Chunks are never empty.
            if (!_ended && _queue.TryTake(out var items, Timeout.Infinite))
            {
                _items = items;
                _next = 1;
                Current = items[0];
                return true;
            }

            // A failure of the source ends the queue early: it is the caller's failure too.
            _ended = true;
            _items = [];
            Current = default!;
            _producer.GetAwaiter().GetResult();
            return false;
        }

        public void Reset() => throw new NotSupportedException();

        public void Dispose()
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;

            // The caller stopped early (or failed): the producer stops at its next chunk.
            _stop.Cancel();
            try
            {
                _producer.Wait(CancellationToken.None);
            }
            catch (AggregateException)
            {
            }

            _queue.Dispose();
            _stop.Dispose();
        }
    }
}

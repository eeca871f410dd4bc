using System.Collections;

namespace Bot.Core.Knowledge;

/// <summary>
/// Hands out a list's items in order while a thread of its own runs an action on the items a bounded distance ahead of
/// the last one taken: ingestion asks the operating system to start reading the files the workers will load next, so a
/// worker finds its file in the cache instead of waiting for the disk while a core idles.
/// </summary>
internal static class Lookahead
{
    /// <summary>
    /// The items of <paramref name="items"/>, in order; while they are taken, <paramref name="touch"/> runs on another
    /// thread on each item at most <paramref name="distance"/> items ahead of the last one taken (an item the consumer
    /// took before the toucher reached it is not touched). <paramref name="touch"/> is not expected to fail: a failure
    /// stops the touching and is thrown to the consumer when it asks for the item after the last (it has had every item
    /// by then); disposing never throws. The thread has stopped when the enumerator is disposed.
    /// </summary>
    public static IEnumerable<T> Run<T>(IReadOnlyList<T> items, Action<T> touch, int distance)
    {
        ArgumentNullException.ThrowIfNull(items);
        ArgumentNullException.ThrowIfNull(touch);
        ArgumentOutOfRangeException.ThrowIfLessThan(distance, 1);
        return new Sequence<T>(items, touch, distance);
    }

    private sealed class Sequence<T>(IReadOnlyList<T> items, Action<T> touch, int distance) : IEnumerable<T>
    {
        public IEnumerator<T> GetEnumerator() => new Enumerator<T>(items, touch, distance);

        IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
    }

    private sealed class Enumerator<T> : IEnumerator<T>
    {
        private readonly object _sync = new();
        private readonly IReadOnlyList<T> _items;
        private readonly Action<T> _touch;
        private readonly int _distance;
        private readonly Task _toucher;
        private int _taken; // items handed out
        private int _wakeAt = -1; // the toucher waits until this many items are taken (-1: it is not waiting)
        private bool _stopped;
        private bool _disposed;
        private Exception? _failure; // the toucher's

        public Enumerator(IReadOnlyList<T> items, Action<T> touch, int distance)
        {
            _items = items;
            _touch = touch;
            _distance = distance;

            // A thread of its own: it waits for the consumer most of the time (and for the disk, when touching reads).
            _toucher = Task.Factory.StartNew(Touch, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        }

        public T Current { get; private set; } = default!;

        object? IEnumerator.Current => Current;

        public bool MoveNext()
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            lock (_sync)
            {
                if (_taken >= _items.Count)
                {
                    Current = default!;
                    if (_failure is { } failure)
                    {
                        System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(failure);
                    }

                    return false;
                }

                Current = _items[_taken++];
                if (_wakeAt >= 0 && _taken >= _wakeAt)
                {
                    Monitor.Pulse(_sync);
                }

                return true;
            }
        }

        public void Reset() => throw new NotSupportedException();

        public void Dispose()
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            lock (_sync)
            {
                _stopped = true;
                Monitor.Pulse(_sync);
            }

            _toucher.Wait(CancellationToken.None); // Touch catches its failures: it never ends faulted
        }

        private void Touch()
        {
            var next = 0;
            while (true)
            {
                lock (_sync)
                {
                    // Items already taken are not touched. At the distance, the toucher waits until half of it is free
                    // again (not woken for every item taken).
                    next = Math.Max(next, _taken);
                    while (!_stopped && next < _items.Count && next >= _taken + _distance)
                    {
                        _wakeAt = next - (_distance / 2);
                        Monitor.Wait(_sync);
                        _wakeAt = -1;
                    }

                    if (_stopped || next >= _items.Count)
                    {
                        return;
                    }
                }

                try
                {
                    _touch(_items[next++]);
                }
                catch (Exception e)
                {
                    lock (_sync)
                    {
                        _failure = e;
                    }

                    return;
                }
            }
        }
    }
}

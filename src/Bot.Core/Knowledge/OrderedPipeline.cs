namespace Bot.Core.Knowledge;

/// <summary>
/// A bounded ordered pipeline: workers take the items in turn and process them in parallel, and the caller takes the
/// results in the items' order as soon as each is ready (no barrier at the end of a batch). At most
/// <c>window</c> items are taken and not yet handed to the caller, so a slow item holds back the workers only when
/// the others are that far ahead. The first failure (or cancellation) stops the workers and is the caller's. The
/// workers are threads of their own, at a lower priority than the caller (<see cref="WorkerPriority"/>).
/// </summary>
internal static class OrderedPipeline
{
    public static IEnumerable<TOut> Run<TIn, TOut>(IEnumerable<TIn> source, Func<TIn, TOut> work, int window, int workers, CancellationToken cancellationToken)
        where TOut : class
    {
        var state = new State<TIn, TOut>(source, work, window);
        using var registration = cancellationToken.Register(state.Stop);
        var tasks = new Task[Math.Max(1, workers)];
        for (var i = 0; i < tasks.Length; i++)
        {
            tasks[i] = Task.Factory.StartNew(state.Work, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        }

        try
        {
            while (state.Next() is { } result)
            {
                cancellationToken.ThrowIfCancellationRequested();
                yield return result;
            }

            cancellationToken.ThrowIfCancellationRequested();
        }
        finally
        {
            // The caller stopped early or failed: the workers stop after the item each is on.
            state.Stop();
            Task.WaitAll(tasks, CancellationToken.None);
            state.Dispose();
        }
    }

    private sealed class State<TIn, TOut>(IEnumerable<TIn> source, Func<TIn, TOut> work, int window) : IDisposable
        where TOut : class
    {
        private readonly object _sync = new();
        private readonly IEnumerator<TIn> _items = source.GetEnumerator();
        private readonly TOut?[] _slots = new TOut?[window];
        private long _taken;
        private long _handed;
        private long _total = -1;
        private bool _stopped;
        private System.Runtime.ExceptionServices.ExceptionDispatchInfo? _failure;

        public void Stop()
        {
            lock (_sync)
            {
                _stopped = true;
                Monitor.PulseAll(_sync);
            }
        }

        public void Work()
        {
            // The caller takes the results (in ingestion, the store's one writer): it runs first when it can.
            WorkerPriority.Lower();
            while (true)
            {
                TIn item;
                long index;
                lock (_sync)
                {
                    while (!_stopped && _total < 0 && _taken - _handed >= window)
                    {
                        Monitor.Wait(_sync);
                    }

                    if (_stopped || _total >= 0)
                    {
                        return;
                    }

                    try
                    {
                        if (!_items.MoveNext())
                        {
                            _total = _taken;
                            Monitor.PulseAll(_sync);
                            return;
                        }

                        item = _items.Current;
                    }
                    catch (Exception e)
                    {
                        Fail(e);
                        return;
                    }

                    index = _taken++;
                }

                TOut result;
                try
                {
                    result = work(item);
                }
                catch (Exception e)
                {
                    lock (_sync)
                    {
                        Fail(e);
                    }

                    return;
                }

                lock (_sync)
                {
                    _slots[index % window] = result;
                    Monitor.PulseAll(_sync);
                }
            }
        }

        /// <summary>The next result in order, null after the last; throws the first failure.</summary>
        public TOut? Next()
        {
            lock (_sync)
            {
                var slot = (int)(_handed % window);
                while (_failure is null && !_stopped && _slots[slot] is null && _total != _handed)
                {
                    Monitor.Wait(_sync);
                }

                _failure?.Throw();
                if (_stopped || _slots[slot] is not { } result)
                {
                    return null;
                }

                _slots[slot] = null;
                _handed++;
                Monitor.PulseAll(_sync);
                return result;
            }
        }

        public void Dispose() => _items.Dispose();

        /// <summary>Records the first failure and stops the workers (called holding the lock).</summary>
        private void Fail(Exception e)
        {
            _failure ??= System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(e);
            _stopped = true;
            Monitor.PulseAll(_sync);
        }
    }
}

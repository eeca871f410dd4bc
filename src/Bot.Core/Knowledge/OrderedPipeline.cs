namespace Bot.Core.Knowledge;

/// <summary>
/// A bounded ordered pipeline: workers take the items in turn and process them in parallel, and the caller takes the
/// results in the items' order as they are ready (no barrier at the end of a batch; a caller that ran out of results
/// waits for a short run of them, or for the last ones). At most
/// <c>window</c> items are taken and not yet handed to the caller, so a slow item holds back the workers only when
/// the others are that far ahead. The first failure (or cancellation) stops the workers and is the caller's. The
/// workers are threads of their own, at a lower priority than the caller (<see cref="WorkerPriority"/>).
/// </summary>
internal static class OrderedPipeline
{
    /// <summary>
    /// How many results in order a caller that ran out of them is woken for. In a 100,000-article build, waking the writer
    /// for each result (and every waiting thread for each result) switched threads some 200,000 times; woken for runs of
    /// 16, some 57,000, and in three alternating pairs the build took 2–8 % less CPU time.
    /// </summary>
    private const int CallerRun = 16;

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

        // Who waits on the lock, so a result or a free place wakes only a thread that needs it: the workers finish items
        // thousands of times a second, and waking a thread for each cost context switches for nothing. A caller that ran
        // out of results is woken when a run of them is ready in order (see CallerRun), not for each.
        private bool _callerWaiting;
        private int _workersWaiting;

        /// <summary>Results ready in order from the next one to hand: slots _handed to _handed + _ready - 1 are filled.</summary>
        private long _ready;
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
                        _workersWaiting++;
                        Monitor.Wait(_sync);
                        _workersWaiting--;
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
                    while (_handed + _ready < _taken && _slots[(_handed + _ready) % window] is not null)
                    {
                        _ready++;
                    }

                    if (_callerWaiting && CallerMayGo())
                    {
                        Monitor.PulseAll(_sync);
                    }
                }
            }
        }

        /// <summary>The next result in order, null after the last; throws the first failure.</summary>
        public TOut? Next()
        {
            lock (_sync)
            {
                var slot = (int)(_handed % window);
                while (_failure is null && !_stopped && _ready == 0 && _total != _handed)
                {
                    _callerWaiting = true;
                    Monitor.Wait(_sync);
                    _callerWaiting = false;
                }

                _failure?.Throw();
                if (_stopped || _slots[slot] is not { } result)
                {
                    return null;
                }

                _slots[slot] = null;
                _handed++;
                _ready--;

                // A place in the window is free: a worker waiting for one may take the next item.
                if (_workersWaiting > 0)
                {
                    Monitor.PulseAll(_sync);
                }

                return result;
            }
        }

        public void Dispose() => _items.Dispose();

        /// <summary>
        /// True when a caller out of results should take the ones ready: a run of <see cref="CallerRun"/> (or a full
        /// window's), or any once no more are coming soon (the items have all been taken, or the window is full).
        /// </summary>
        private bool CallerMayGo() =>
            _ready >= Math.Min(CallerRun, window) || (_ready > 0 && (_total >= 0 || _taken - _handed >= window));

        /// <summary>Records the first failure and stops the workers (called holding the lock).</summary>
        private void Fail(Exception e)
        {
            _failure ??= System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(e);
            _stopped = true;
            Monitor.PulseAll(_sync);
        }
    }
}

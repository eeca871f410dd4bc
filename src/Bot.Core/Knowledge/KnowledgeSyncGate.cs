namespace Bot.Core.Knowledge;

/// <summary>
/// Held while the dataset is synchronised, so a digest never composes while articles are being stored: an article's
/// first-seen time is set before its batch is committed, and a digest that read the store in between would move its
/// subscription past that time without the article, which would then never be in any digest.
/// </summary>
public sealed class KnowledgeSyncGate : IDisposable
{
    private readonly SemaphoreSlim _semaphore = new(1, 1);

    /// <summary>Holds the gate until the result is disposed (synchronously: the ingestion is synchronous).</summary>
    public IDisposable Hold(CancellationToken cancellationToken = default)
    {
        _semaphore.Wait(cancellationToken);
        return new Release(_semaphore);
    }

    /// <summary>Holds the gate until the result is disposed.</summary>
    public async Task<IDisposable> HoldAsync(CancellationToken cancellationToken = default)
    {
        await _semaphore.WaitAsync(cancellationToken);
        return new Release(_semaphore);
    }

    /// <inheritdoc />
    public void Dispose() => _semaphore.Dispose();

    private sealed class Release(SemaphoreSlim semaphore) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                semaphore.Release();
            }
        }
    }
}

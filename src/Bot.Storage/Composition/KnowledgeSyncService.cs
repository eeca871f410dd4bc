using Bot.Core.Knowledge;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Bot.Storage.Composition;

/// <summary>
/// Synchronises the knowledge store with the dataset folder at start, then again every Knowledge:RescanMinutes. Over an
/// empty store (or one whose answer lines an older resolver wrote) the first synchronisation runs before the
/// transports start, so the first answer already has the articles; over a store an earlier run built, the transports start at once and answer from that knowledge while the
/// folder is checked in the background (a folder that did not change costs one listing; a changed one is read, and the
/// new knowledge replaces the old in one transaction). A failed synchronisation is logged and retried at the next one.
/// </summary>
public sealed partial class KnowledgeSyncService(KnowledgeIngestor ingestor, IOptions<KnowledgeOptions> options, TimeProvider time, ILogger<KnowledgeSyncService> logger)
    : BackgroundService
{
    private bool _synced;

    /// <inheritdoc />
    public override Task StartAsync(CancellationToken cancellationToken)
    {
        if (!ingestor.HasKnowledge)
        {
            ingestor.Sync(cancellationToken: cancellationToken);
            _synced = true;
        }

        return base.StartAsync(cancellationToken);
    }

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!_synced)
        {
            // Off the start-up path: StartAsync of the other services goes on meanwhile.
            await Task.Yield();
            SyncLogged(stoppingToken);
        }

        var minutes = options.Value.RescanMinutes;
        if (minutes <= 0)
        {
            return;
        }

        using var timer = new PeriodicTimer(TimeSpan.FromMinutes(minutes), time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            SyncLogged(stoppingToken);
        }
    }

    private void SyncLogged(CancellationToken stoppingToken)
    {
        try
        {
            ingestor.Sync(cancellationToken: stoppingToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogRescanFailed(logger, e);
        }
    }

    [LoggerMessage(EventId = 1101, Level = LogLevel.Error, Message = "Rescanning the dataset failed; the previous knowledge stays in use")]
    private static partial void LogRescanFailed(ILogger logger, Exception exception);
}

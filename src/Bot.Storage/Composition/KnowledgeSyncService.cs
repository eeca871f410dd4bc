using Bot.Core.Knowledge;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Bot.Storage.Composition;

/// <summary>
/// Synchronises the knowledge store with the dataset folder before the transports start (so the first answer already
/// has the articles), then again every Knowledge:RescanMinutes. A failed rescan is logged and retried at the next one.
/// </summary>
public sealed partial class KnowledgeSyncService(KnowledgeIngestor ingestor, IOptions<KnowledgeOptions> options, TimeProvider time, ILogger<KnowledgeSyncService> logger)
    : BackgroundService
{
    /// <inheritdoc />
    public override Task StartAsync(CancellationToken cancellationToken)
    {
        ingestor.Sync(cancellationToken: cancellationToken);
        return base.StartAsync(cancellationToken);
    }

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var minutes = options.Value.RescanMinutes;
        if (minutes <= 0)
        {
            return;
        }

        using var timer = new PeriodicTimer(TimeSpan.FromMinutes(minutes), time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
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
    }

    [LoggerMessage(EventId = 1101, Level = LogLevel.Error, Message = "Rescanning the dataset failed; the previous knowledge stays in use")]
    private static partial void LogRescanFailed(ILogger logger, Exception exception);
}

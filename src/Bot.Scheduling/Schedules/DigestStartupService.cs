using Bot.Core.Digests;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Bot.Scheduling.Schedules;

/// <summary>
/// At start, before the scheduler runs: makes the configured channels' subscriptions match configuration, gives every
/// active subscription its trigger (an unchanged one is kept with its stored next fire time, so misfires are seen
/// across restarts) and removes the triggers of subscriptions that are gone or paused.
/// </summary>
public sealed partial class DigestStartupService(DigestService digests, QuartzDigestScheduler scheduler, ILogger<DigestStartupService> logger) : IHostedService
{
    /// <inheritdoc />
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var subscriptions = digests.SyncConfiguredChannels();
        var created = 0;
        var active = new HashSet<string>(StringComparer.Ordinal);
        foreach (var subscription in subscriptions.Where(s => !s.IsPaused))
        {
            try
            {
                if (await scheduler.EnsureScheduledAsync(subscription, cancellationToken))
                {
                    created++;
                }

                active.Add(subscription.Id);
            }
            catch (Exception e) when (e is ArgumentException or Quartz.SchedulerException)
            {
                LogNotScheduled(logger, subscription.Id, e.Message);
            }
        }

        var removed = 0;
        foreach (var id in (await scheduler.ScheduledAsync(cancellationToken)).Where(id => !active.Contains(id)))
        {
            await scheduler.UnscheduleAsync(id, cancellationToken);
            removed++;
        }

        LogSynced(logger, active.Count, created, removed);
    }

    /// <inheritdoc />
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(EventId = 5020, Level = LogLevel.Information, Message = "Digest schedules: {Active} active, {Created} created or changed, {Removed} removed")]
    private static partial void LogSynced(ILogger logger, int active, int created, int removed);

    [LoggerMessage(EventId = 5021, Level = LogLevel.Error, Message = "Digest subscription {Subscription} cannot be scheduled: {Reason}")]
    private static partial void LogNotScheduled(ILogger logger, string subscription, string reason);
}

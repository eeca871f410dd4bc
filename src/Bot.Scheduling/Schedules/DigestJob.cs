using Bot.Core.Digests;
using Microsoft.Extensions.Logging;
using Quartz;

namespace Bot.Scheduling.Schedules;

/// <summary>
/// The digest job: composes the digest of the subscription in its job data for the trigger's scheduled fire time (the
/// original one, also when it fires late after a restart), then wakes the outbox. Thin: the work is the core's.
/// </summary>
[DisallowConcurrentExecution]
public sealed partial class DigestJob(DigestService digests, DigestOutbox outbox, ILogger<DigestJob> logger) : IJob
{
    /// <summary>Later than this after its scheduled time, a run is logged as late.</summary>
    internal static readonly TimeSpan LateAfter = TimeSpan.FromSeconds(1);

    /// <inheritdoc />
    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        var subscriptionId = context.MergedJobDataMap.TryGetValue(QuartzDigestScheduler.SubscriptionKey, out var value) ? value as string : null;
        subscriptionId ??= QuartzDigestScheduler.SubscriptionOf(context.JobDetail.Key.Name);
        if (subscriptionId is null)
        {
            LogNoSubscription(logger, context.JobDetail.Key.ToString());
            return;
        }

        var scheduledFor = context.ScheduledFireTimeUtc ?? context.FireTimeUtc;
        try
        {
            var outcome = await digests.RunScheduledAsync(subscriptionId, scheduledFor, cancellationToken);
            var late = context.FireTimeUtc - scheduledFor;
            if (late > LateAfter && outcome is DigestRunOutcome.Queued or DigestRunOutcome.NothingNew)
            {
                LogSentLate(logger, subscriptionId, scheduledFor, late, outcome);
            }
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Nothing was stored: the next occurrence covers the same articles.
            LogFailed(logger, subscriptionId, scheduledFor, e);
        }

        outbox.Notify();
    }

    [LoggerMessage(EventId = 5001, Level = LogLevel.Information, Message = "Digest for {Subscription} due at {Time:o} fired {Late} late, within the grace period: sent late ({Outcome})")]
    private static partial void LogSentLate(ILogger logger, string subscription, DateTimeOffset time, TimeSpan late, DigestRunOutcome outcome);

    [LoggerMessage(EventId = 5002, Level = LogLevel.Error, Message = "Digest for {Subscription} due at {Time:o} failed; the next one covers its news")]
    private static partial void LogFailed(ILogger logger, string subscription, DateTimeOffset time, Exception exception);

    [LoggerMessage(EventId = 5003, Level = LogLevel.Warning, Message = "Digest job {Job} names no subscription: nothing done")]
    private static partial void LogNoSubscription(ILogger logger, string job);
}

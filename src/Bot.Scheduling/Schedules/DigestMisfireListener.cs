using Microsoft.Extensions.Logging;
using Quartz;

namespace Bot.Scheduling.Schedules;

/// <summary>Logs digests Quartz skipped because their time passed more than the grace period ago (the bot was down).</summary>
public sealed partial class DigestMisfireListener(TimeProvider time, ILogger<DigestMisfireListener> logger) : ITriggerListener
{
    /// <inheritdoc />
    public string Name => "digest-misfires";

    /// <inheritdoc />
    public ValueTask TriggerMisfired(ITrigger trigger, IScheduler scheduler, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(trigger);
        var subscription = QuartzDigestScheduler.SubscriptionOf(trigger.Key.Name) ?? trigger.Key.ToString();

        // The listener hears of the misfire before the trigger is moved on: its next fire time is still the missed one.
        var now = time.GetUtcNow();
        var missed = trigger.NextFireTimeUtc;
        var next = trigger.GetFireTimeAfter(missed is { } m && m > now ? m : now);
        LogMisfired(logger, subscription, missed, next);
        return ValueTask.CompletedTask;
    }

    /// <inheritdoc />
    public ValueTask TriggerFired(ITrigger trigger, IJobExecutionContext context, CancellationToken cancellationToken = default) => ValueTask.CompletedTask;

    /// <inheritdoc />
    public ValueTask<bool> VetoJobExecution(ITrigger trigger, IJobExecutionContext context, CancellationToken cancellationToken = default) => ValueTask.FromResult(false);

    /// <inheritdoc />
    public ValueTask TriggerSkipped(ITrigger trigger, IScheduler scheduler, CancellationToken cancellationToken = default) => ValueTask.CompletedTask;

    /// <inheritdoc />
    public ValueTask TriggerComplete(ITrigger trigger, IJobExecutionContext context, SchedulerInstruction triggerInstructionCode, CancellationToken cancellationToken = default) => ValueTask.CompletedTask;

    /// <inheritdoc />
    public ValueTask TriggerRetriesExhausted(ITrigger trigger, IJobExecutionContext context, JobExecutionException exception, CancellationToken cancellationToken = default) => ValueTask.CompletedTask;

    [LoggerMessage(EventId = 5010, Level = LogLevel.Warning, Message = "digest for {Subscription} due at {Time:o} was missed by more than the grace period; skipped to {Next:o}")]
    private static partial void LogMisfired(ILogger logger, string subscription, DateTimeOffset? time, DateTimeOffset? next);
}

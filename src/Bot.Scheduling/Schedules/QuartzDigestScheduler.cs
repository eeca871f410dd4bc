using Bot.Core.Digests;
using Quartz;
using TimeZones = Bot.Core.Digests.TimeZones;

namespace Bot.Scheduling.Schedules;

/// <summary>
/// Digest schedules as Quartz cron triggers: one job and one trigger a subscription, both keyed
/// <c>digest:{subscription id}</c> in the <see cref="Group"/> group, the cron in the subscription's time zone. A
/// trigger whose time passed while the bot was down fires once when it is within the job store's misfire threshold
/// (the digest grace period) and is otherwise skipped to its next occurrence.
/// </summary>
public sealed class QuartzDigestScheduler(ISchedulerFactory schedulers, TimeProvider time) : IDigestScheduler
{
    /// <summary>The job and trigger group of every digest.</summary>
    public const string Group = "digests";

    /// <summary>The job data key that holds the subscription id.</summary>
    public const string SubscriptionKey = "subscription";

    private const string KeyPrefix = "digest:";

    /// <summary>The job key of a subscription's digest.</summary>
    public static JobKey JobKeyOf(string subscriptionId) => new(KeyPrefix + subscriptionId, Group);

    /// <summary>The trigger key of a subscription's digest.</summary>
    public static TriggerKey TriggerKeyOf(string subscriptionId) => new(KeyPrefix + subscriptionId, Group);

    /// <summary>The subscription id of a digest job or trigger name, or null for another name.</summary>
    public static string? SubscriptionOf(string keyName) =>
        keyName.StartsWith(KeyPrefix, StringComparison.Ordinal) ? keyName[KeyPrefix.Length..] : null;

    /// <inheritdoc />
    public string? ValidateCron(string cron) => CronError(cron, time.GetUtcNow());

    /// <summary>Null when <paramref name="cron"/> parses and fires again after <paramref name="now"/>, else why not, in words a user can act on.</summary>
    internal static string? CronError(string cron, DateTimeOffset now)
    {
        if (string.IsNullOrWhiteSpace(cron))
        {
            return "The cron expression is empty.";
        }

        CronExpression expression;
        try
        {
            expression = new CronExpression(cron);
        }
        catch (FormatException e)
        {
            return $"“{Shorten(cron)}” is not a valid cron expression: {e.Message}";
        }

        return expression.GetNextValidTimeAfter(now) is null ? $"“{Shorten(cron)}” never fires again." : null;
    }

    /// <inheritdoc />
    public DateTimeOffset? NextFire(DigestSchedule schedule, DateTimeOffset after) => NextFireOf(schedule, after);

    /// <summary>The first fire time of <paramref name="schedule"/> after <paramref name="after"/> in its time zone, or null when there is none.</summary>
    internal static DateTimeOffset? NextFireOf(DigestSchedule schedule, DateTimeOffset after)
    {
        ArgumentNullException.ThrowIfNull(schedule);
        if (!TimeZones.TryFind(schedule.TimeZone, out var zone) || CronError(schedule.Cron, after) is not null)
        {
            return null;
        }

        return new CronExpression(schedule.Cron, zone!).GetNextValidTimeAfter(after);
    }

    /// <inheritdoc />
    public async Task ScheduleAsync(Subscription subscription, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(subscription);
        var scheduler = await schedulers.GetScheduler(cancellationToken);
        var (job, trigger) = Build(subscription);
        await scheduler.ScheduleJob(job, [trigger], ScheduleJobOptions.Replacing, cancellationToken);
    }

    /// <summary>
    /// Schedules <paramref name="subscription"/> unless its trigger already runs its cron in its time zone: an unchanged
    /// trigger keeps its stored next fire time, so a digest missed while the bot was down is still seen as missed.
    /// True when the trigger was (re)created.
    /// </summary>
    public async Task<bool> EnsureScheduledAsync(Subscription subscription, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(subscription);
        var scheduler = await schedulers.GetScheduler(cancellationToken);
        if (await scheduler.GetTrigger(TriggerKeyOf(subscription.Id), cancellationToken) is ICronTrigger existing
            && existing.CronExpressionString == subscription.Schedule.Cron
            && TimeZones.TryFind(subscription.Schedule.TimeZone, out var zone)
            && existing.TimeZone.Id == zone!.Id)
        {
            return false;
        }

        await ScheduleAsync(subscription, cancellationToken);
        return true;
    }

    /// <inheritdoc />
    public async Task UnscheduleAsync(string subscriptionId, CancellationToken cancellationToken)
    {
        var scheduler = await schedulers.GetScheduler(cancellationToken);
        await scheduler.DeleteJob(JobKeyOf(subscriptionId), cancellationToken);
    }

    /// <summary>The subscription ids that have a digest trigger.</summary>
    public async Task<IReadOnlyList<string>> ScheduledAsync(CancellationToken cancellationToken)
    {
        var scheduler = await schedulers.GetScheduler(cancellationToken);
        var page = await scheduler.QueryTriggers(new TriggerQuery { Group = GroupMatcher<TriggerKey>.GroupEquals(Group), Take = PagedQuery.All }, cancellationToken);
        return [.. page.Items.Select(t => SubscriptionOf(t.Key.Name)).OfType<string>()];
    }

    private (IJobDetail Job, ITrigger Trigger) Build(Subscription subscription)
    {
        if (!TimeZones.TryFind(subscription.Schedule.TimeZone, out var zone))
        {
            throw new ArgumentException($"Unknown time zone “{subscription.Schedule.TimeZone}” for {subscription.Id}.", nameof(subscription));
        }

        if (CronError(subscription.Schedule.Cron, time.GetUtcNow()) is { } error)
        {
            throw new ArgumentException(error, nameof(subscription));
        }

        var job = JobBuilder.Create<DigestJob>()
            .WithIdentity(JobKeyOf(subscription.Id))
            .WithDescription("Digest of " + subscription.Id)
            .UsingJobData(SubscriptionKey, subscription.Id)
            .Build();
        var trigger = TriggerBuilder.Create(time)
            .WithIdentity(TriggerKeyOf(subscription.Id))
            .ForJob(job)
            .WithDescription(subscription.Schedule.Text + " " + subscription.Schedule.TimeZone)
            .UsingJobData(SubscriptionKey, subscription.Id)
            .StartAt(time.GetUtcNow())
            .WithCronSchedule(subscription.Schedule.Cron, x => x.InTimeZone(zone!).WithMisfireInstruction(CronTriggerMisfireInstruction.DoNothing))
            .Build();
        return (job, trigger);
    }

    private static string Shorten(string s) => s.Length <= 60 ? s : s[..60] + "…";
}

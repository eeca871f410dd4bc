using System.Globalization;
using Bot.Core.Digests;
using Bot.Scheduling.Schedules;
using Bot.Testing.Time;
using Microsoft.Extensions.DependencyInjection;
using Quartz;

namespace Bot.Scheduling.Tests.Hosting;

[CollectionDefinition(nameof(QuartzCollection), DisableParallelization = true)]
public sealed class QuartzCollection;

/// <summary>
/// The real host with Quartz's SQLite job store: schedules survive a restart, and a digest whose time passed while the
/// bot was down is sent once when within the grace period, else skipped to its next occurrence and logged.
/// </summary>
[Collection(nameof(QuartzCollection))]
public sealed class QuartzPersistenceTests : IDisposable
{
    private const string Channel = "config:desk";
    private readonly string _state = Path.Combine(Path.GetTempPath(), "newsbot-quartz-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        try
        {
            Directory.Delete(_state, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    /// <summary>A configured console channel whose digest is due daily at <paramref name="at"/> (UTC, to the second).</summary>
    private static Dictionary<string, string?> Settings(DateTimeOffset at, TimeSpan grace) => new()
    {
        ["Digests:MisfireGrace"] = grace.ToString("c", CultureInfo.InvariantCulture),
        ["Digests:Channels:0:Name"] = "desk",
        ["Digests:Channels:0:Platform"] = "console",
        ["Digests:Channels:0:ChatId"] = "desk-1",
        ["Digests:Channels:0:Schedule"] = string.Create(CultureInfo.InvariantCulture, $"cron {at.Second} {at.Minute} {at.Hour} ? * *"),
        ["Digests:Channels:0:TimeZone"] = "UTC",
    };

    private static DateTimeOffset Whole(DateTimeOffset t) => new(t.Year, t.Month, t.Day, t.Hour, t.Minute, t.Second, TimeSpan.Zero);

    private static async Task<ITrigger?> TriggerAsync(DigestHost host, string subscription)
    {
        var scheduler = await host.Host.Services.GetRequiredService<ISchedulerFactory>().GetScheduler();
        return await scheduler.GetTrigger(QuartzDigestScheduler.TriggerKeyOf(subscription));
    }

    /// <summary>
    /// The clock of a run that goes down before its digest is due: it stands still at the moment the test begins, so the
    /// run schedules the channel for its next occurrence after that moment and, to it and its Quartz scheduler, the
    /// digest never falls due, however long its start and stop take on a loaded machine (on the system clock a slow start
    /// scheduled the digest for the next day, and a slow stop let the first run send it itself).
    /// </summary>
    private static ManualTimeProvider FirstRunClock() => new(TimeProvider.System.GetUtcNow());

    private static async Task WaitUntilAsync(DateTimeOffset time)
    {
        var wait = time - TimeProvider.System.GetUtcNow();
        if (wait > TimeSpan.Zero)
        {
            await Task.Delay(wait);
        }
    }

    [Fact]
    public async Task Triggers_SurviveARestart_WithTheirNextFireTime()
    {
        var settings = Settings(Whole(TimeProvider.System.GetUtcNow()).AddHours(2), TimeSpan.FromMinutes(5));

        // Weekly on the day three days from now in Tokyo: the chat's digest never falls due while the test runs (a fixed
        // Monday did, for the few seconds of the test that straddled Monday 09:00 in Tokyo).
        var day = TimeProvider.System.GetUtcNow().ToOffset(TimeSpan.FromHours(9)).AddDays(3).DayOfWeek.ToString()[..3];
        var chat = new Subscription(Subscription.ChatSubscriptionId("console", "reader"), "console", "reader", SubscriptionOrigin.Chat,
            new DigestSchedule($"weekly {day} 09:00", $"0 0 9 ? * {day.ToUpperInvariant()}", "Asia/Tokyo"), [], false, TimeProvider.System.GetUtcNow());
        DateTimeOffset? channelNext, chatNext;
        await using (var first = await DigestHost.StartAsync(_state, settings))
        {
            first.Store.Upsert(chat);
            await first.Host.Services.GetRequiredService<IDigestScheduler>().ScheduleAsync(chat, CancellationToken.None);
            channelNext = (await TriggerAsync(first, Channel))?.NextFireTimeUtc;
            chatNext = (await TriggerAsync(first, chat.Id))?.NextFireTimeUtc;
        }

        Assert.NotNull(channelNext);
        Assert.Equal(QuartzDigestScheduler.NextFireOf(chat.Schedule, TimeProvider.System.GetUtcNow()), chatNext);

        await using (var second = await DigestHost.StartAsync(_state, settings))
        {
            var channel = Assert.IsAssignableFrom<ICronTrigger>(await TriggerAsync(second, Channel));
            Assert.Equal(channelNext, channel.NextFireTimeUtc);
            Assert.Equal("UTC", channel.TimeZone.Id);
            var reader = Assert.IsAssignableFrom<ICronTrigger>(await TriggerAsync(second, chat.Id));
            Assert.Equal(chatNext, reader.NextFireTimeUtc);
            Assert.Equal("Asia/Tokyo", reader.TimeZone.Id);
            Assert.Equal(CronTriggerMisfireInstruction.DoNothing, reader.MisfireInstruction);
            Assert.Contains("2 active, 0 created or changed, 0 removed", Assert.Single(second.Logged(5020)).Message, StringComparison.Ordinal);
        }

        // The operator removes the channel: its trigger goes, the chat's stays.
        settings.Remove("Digests:Channels:0:Name");
        foreach (var key in settings.Keys.Where(k => k.StartsWith("Digests:Channels", StringComparison.Ordinal)).ToList())
        {
            settings.Remove(key);
        }

        await using (var third = await DigestHost.StartAsync(_state, settings))
        {
            Assert.Null(await TriggerAsync(third, Channel));
            Assert.Null(third.Store.Get(Channel));
            Assert.Equal(chatNext, (await TriggerAsync(third, chat.Id))?.NextFireTimeUtc);
        }
    }

    [Fact]
    public async Task ChangedSchedule_ReplacesTheTrigger()
    {
        var at = Whole(TimeProvider.System.GetUtcNow()).AddHours(3);
        await using (var first = await DigestHost.StartAsync(_state, Settings(at, TimeSpan.FromMinutes(5))))
        {
            Assert.Equal(at, (await TriggerAsync(first, Channel))?.NextFireTimeUtc);
        }

        var settings = Settings(at, TimeSpan.FromMinutes(5));
        settings["Digests:Channels:0:TimeZone"] = "Asia/Tokyo";
        await using var second = await DigestHost.StartAsync(_state, settings);

        var trigger = Assert.IsAssignableFrom<ICronTrigger>(await TriggerAsync(second, Channel));
        Assert.Equal("Asia/Tokyo", trigger.TimeZone.Id);
        Assert.Equal(at.AddHours(-9) > TimeProvider.System.GetUtcNow() ? at.AddHours(-9) : at.AddHours(15), trigger.NextFireTimeUtc);
        Assert.Equal("Asia/Tokyo", second.Store.Get(Channel)!.Schedule.TimeZone);
    }

    [Fact]
    public async Task MissedWithinGrace_IsSentOnceOnStart_ForItsOriginalTime()
    {
        var clock = FirstRunClock();
        var due = Whole(clock.GetUtcNow()).AddSeconds(6);
        // A minute's grace: the restart below is within it however slowly the runs start on a loaded machine.
        var settings = Settings(due, TimeSpan.FromMinutes(1));
        await using (var first = await DigestHost.StartAsync(_state, settings, clock))
        {
            Assert.Equal(due, (await TriggerAsync(first, Channel))?.NextFireTimeUtc);
        }

        // The bot is down when the digest is due, and back three seconds later.
        await WaitUntilAsync(due.AddSeconds(3));
        await using var second = await DigestHost.StartAsync(_state, settings);

        // The publisher records the message before the job marks the delivery sent and logs it: wait for all three.
        var id = DigestDelivery.IdOf(Channel, due);
        Assert.True(await DigestHost.EventuallyAsync(() => second.Publisher.Messages.Count > 0
            && second.Store.GetDelivery(id)?.Status == DeliveryStatus.Sent && second.Store.Get(Channel)?.CoveredUntil == due && second.Logged(5001).Count > 0, 15),
            "the missed digest was not sent");
        var message = Assert.Single(second.Publisher.Messages);
        Assert.Equal(id, message.DeliveryId);
        Assert.Equal("desk-1", message.ChatId);
        Assert.Equal(DeliveryStatus.Sent, second.Store.GetDelivery(message.DeliveryId)!.Status);
        Assert.Equal(due, second.Store.Get(Channel)!.CoveredUntil);
        Assert.Contains("sent late", Assert.Single(second.Logged(5001)).Message, StringComparison.Ordinal);
        Assert.Empty(second.Logged(5010));

        // Fired once: the trigger moved on to tomorrow.
        Assert.Equal(due.AddDays(1), (await TriggerAsync(second, Channel))?.NextFireTimeUtc);
        await Task.Delay(1000);
        Assert.Single(second.Publisher.Messages);
    }

    [Fact]
    public async Task MissedBeyondGrace_IsSkippedToTheNextOccurrence_AndLogged()
    {
        var clock = FirstRunClock();
        var due = Whole(clock.GetUtcNow()).AddSeconds(6);
        var settings = Settings(due, TimeSpan.FromSeconds(2));
        await using (var first = await DigestHost.StartAsync(_state, settings, clock))
        {
            Assert.Equal(due, (await TriggerAsync(first, Channel))?.NextFireTimeUtc);
        }

        // Back six seconds after the digest was due: beyond the two-second grace.
        await WaitUntilAsync(due.AddSeconds(6));
        await using var second = await DigestHost.StartAsync(_state, settings);

        Assert.True(await DigestHost.EventuallyAsync(() => second.Logged(5010).Count > 0, 15), "the misfire was not logged");
        var logged = Assert.Single(second.Logged(5010)).Message;
        Assert.Contains($"digest for {Channel} due at {due:o} was missed by more than the grace period; skipped to {due.AddDays(1):o}", logged, StringComparison.Ordinal);
        Assert.Equal(due.AddDays(1), (await TriggerAsync(second, Channel))?.NextFireTimeUtc);
        await Task.Delay(1000);
        Assert.Empty(second.Publisher.Messages);
        Assert.Null(second.Store.GetDelivery(DigestDelivery.IdOf(Channel, due)));
    }
}

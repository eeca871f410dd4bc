using Bot.Core.Digests;
using Bot.Scheduling.Schedules;

namespace Bot.Scheduling.Tests.Schedules;

/// <summary>The schedules people write, and when they fire, across time zones and daylight-saving changes.</summary>
public sealed class ScheduleTextTests
{
    private static ScheduleText.Parsed Parse(string text, string defaultZone = "UTC")
    {
        Assert.True(ScheduleText.TryParse(text, "daily 09:00", defaultZone, out var parsed, out var error), error);
        Assert.NotNull(parsed);
        Assert.Null(QuartzDigestScheduler.CronError(parsed.Schedule.Cron, new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero)));
        return parsed;
    }

    private static string Error(string text)
    {
        Assert.False(ScheduleText.TryParse(text, "daily 09:00", "UTC", out var parsed, out var error));
        Assert.Null(parsed);
        Assert.NotNull(error);
        return error;
    }

    /// <summary>The fire times after <paramref name="after"/>, in UTC.</summary>
    private static List<DateTimeOffset> Fires(DigestSchedule schedule, DateTimeOffset after, int count)
    {
        var fires = new List<DateTimeOffset>();
        for (var i = 0; i < count; i++)
        {
            after = QuartzDigestScheduler.NextFireOf(schedule, after) ?? throw new InvalidOperationException("never fires");
            fires.Add(after.ToUniversalTime());
        }

        return fires;
    }

    private static DateTimeOffset Utc(int month, int day, int hour, int minute = 0) => new(2026, month, day, hour, minute, 0, TimeSpan.Zero);

    [Theory]
    [InlineData("daily 09:00", "daily 09:00", "0 0 9 ? * *")]
    [InlineData("daily 9:05", "daily 09:05", "0 5 9 ? * *")]
    [InlineData("weekly mon 09:00", "weekly Mon 09:00", "0 0 9 ? * MON")]
    [InlineData("weekly Friday 17:30", "weekly Fri 17:30", "0 30 17 ? * FRI")]
    [InlineData("cron 0 0 9 ? * MON-FRI", "cron 0 0 9 ? * MON-FRI", "0 0 9 ? * MON-FRI")]
    [InlineData("0 9 * * mon-fri", "cron 0 0 9 ? * MON-FRI", "0 0 9 ? * MON-FRI")]
    [InlineData("30 8 * * 1-5", "cron 0 30 8 ? * 2,3,4,5,6", "0 30 8 ? * 2,3,4,5,6")]
    [InlineData("0 9 1 * *", "cron 0 0 9 1 * ?", "0 0 9 1 * ?")]
    public void TryParse_Forms_GiveTheirCron(string text, string expectedText, string expectedCron)
    {
        var parsed = Parse(text);

        Assert.Equal(expectedText, parsed.Schedule.Text);
        Assert.Equal(expectedCron, parsed.Schedule.Cron);
        Assert.Equal("UTC", parsed.Schedule.TimeZone);
        Assert.False(parsed.NotifyWhenEmpty);
    }

    [Fact]
    public void TryParse_ZoneAndAlways_AreRead()
    {
        var parsed = Parse("weekly Mon 09:00 Asia/Tokyo always");

        Assert.Equal(new DigestSchedule("weekly Mon 09:00", "0 0 9 ? * MON", "Asia/Tokyo"), parsed.Schedule);
        Assert.True(parsed.NotifyWhenEmpty);
    }

    [Fact]
    public void TryParse_Empty_IsTheDefaultScheduleInTheGivenZone()
    {
        Assert.Equal(new DigestSchedule("daily 09:00", "0 0 9 ? * *", "Europe/Berlin"), Parse("", "Europe/Berlin").Schedule);
        Assert.Equal(new DigestSchedule("daily 09:00", "0 0 9 ? * *", "America/New_York"), Parse("America/New_York").Schedule);
    }

    [Fact]
    public void TryParse_ZoneInAnyCase_IsTheCanonicalId()
    {
        Assert.Equal("Europe/Berlin", Parse("daily 09:00 europe/berlin").Schedule.TimeZone);
        Assert.Equal("UTC", Parse("daily 09:00 utc").Schedule.TimeZone);
    }

    [Theory]
    [InlineData("daily 09:00 Mars/Olympus_Mons", "I don't know the time zone “Mars/Olympus_Mons”")]
    [InlineData("daily 09:00 Berlin", "Write a daily time as HH:MM")]
    [InlineData("daily 25:00", "Write a daily time as HH:MM")]
    [InlineData("daily", "Write a daily time as HH:MM")]
    [InlineData("weekly Someday 09:00", "Write a weekly time as a day and HH:MM")]
    [InlineData("weekly Mon", "Write a weekly time as a day and HH:MM")]
    [InlineData("every morning", "That is not a schedule I understand")]
    [InlineData("cron 0 9 *", "That is not a schedule I understand")]
    public void TryParse_BadInput_SaysWhatToWrite(string text, string expected)
    {
        Assert.Contains(expected, Error(text), StringComparison.Ordinal);
    }

    [Fact]
    public void CronError_InvalidField_IsReadable()
    {
        Assert.True(ScheduleText.TryParse("cron 0 0 25 ? * *", "daily 09:00", "UTC", out var parsed, out _));

        var error = QuartzDigestScheduler.CronError(parsed!.Schedule.Cron, Utc(1, 1, 0));

        Assert.NotNull(error);
        Assert.Contains("is not a valid cron expression", error, StringComparison.Ordinal);
        Assert.Contains("Hour", error, StringComparison.Ordinal);
        Assert.Contains("never fires again", QuartzDigestScheduler.CronError("0 0 9 ? * * 2020", Utc(1, 1, 0)), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("0 9 * * 0", "SUN")]
    [InlineData("0 9 * * 7", "SUN")]
    [InlineData("0 9 * * 1", "MON")]
    [InlineData("0 9 * * 6", "SAT")]
    public void Crontab_WeekdayNumbers_AreCrontabs(string crontab, string day)
    {
        var numbered = Parse(crontab + " UTC").Schedule;
        var named = Parse("cron 0 0 9 ? * " + day + " UTC").Schedule;

        Assert.Equal(Fires(named, Utc(3, 1, 0), 4), Fires(numbered, Utc(3, 1, 0), 4));
    }

    [Theory]
    [InlineData("0 9 * * 0-7")]
    [InlineData("0 9 * * 1-7,0")]
    [InlineData("0 9 * * *")]
    public void Crontab_RangesThatEndOnSunday7_MeanEveryDay(string crontab)
    {
        var schedule = Parse(crontab).Schedule;

        Assert.Equal(Enumerable.Range(0, 8).Select(d => Utc(3, 2 + d, 9)), Fires(schedule, Utc(3, 1, 12), 8));
    }

    [Fact]
    public void Crontab_WeekendRangeToSunday7_IsFridayToSunday()
    {
        var schedule = Parse("0 9 * * 5-7").Schedule;

        // 2026-03-06 is a Friday.
        Assert.Equal([Utc(3, 6, 9), Utc(3, 7, 9), Utc(3, 8, 9), Utc(3, 13, 9)], Fires(schedule, Utc(3, 2, 0), 4));
    }

    [Fact]
    public void NextFire_Weekdays_SkipTheWeekend()
    {
        var schedule = Parse("30 8 * * 1-5 Europe/Berlin").Schedule;

        // Friday 2026-03-06 after 08:30 Berlin: the next is Monday 08:30 CET (07:30 UTC).
        Assert.Equal([Utc(3, 9, 7, 30), Utc(3, 10, 7, 30)], Fires(schedule, Utc(3, 6, 8), 2));
    }

    [Fact]
    public void NextFire_WeeklyMondayInTokyo_IsSundayNightUtc_AndInUtcIsMondayMorning()
    {
        var tokyo = Parse("weekly Mon 09:00 Asia/Tokyo").Schedule;
        var utc = Parse("weekly Mon 09:00 UTC").Schedule;
        var saturday = Utc(3, 7, 12);

        // Monday 09:00 in Tokyo (UTC+9, no daylight saving) is Monday 00:00 UTC.
        Assert.Equal([Utc(3, 9, 0), Utc(3, 16, 0)], Fires(tokyo, saturday, 2));
        Assert.Equal([Utc(3, 9, 9), Utc(3, 16, 9)], Fires(utc, saturday, 2));
    }

    [Fact]
    public void NextFire_DailyInBerlin_FollowsDaylightSaving()
    {
        var schedule = Parse("daily 09:00 Europe/Berlin").Schedule;

        // 2026-03-29 Berlin moves from CET (UTC+1) to CEST (UTC+2): 09:00 local is 08:00 UTC before, 07:00 UTC after.
        Assert.Equal([Utc(3, 28, 8), Utc(3, 29, 7), Utc(3, 30, 7)], Fires(schedule, Utc(3, 28, 0), 3));
    }

    [Fact]
    public void NextFire_BerlinSpringForward_AMissingTimeStillFiresOnce()
    {
        var schedule = Parse("daily 02:30 Europe/Berlin").Schedule;

        // 2026-03-29 02:00 CET jumps to 03:00 CEST: 02:30 does not exist that day. The digest still goes out that
        // day, once, as the clock reaches it (03:00 CEST = 01:00 UTC), and at 02:30 CEST (00:30 UTC) after.
        var fires = Fires(schedule, Utc(3, 27, 12), 4);

        Assert.Equal([Utc(3, 28, 1, 30), Utc(3, 29, 1), Utc(3, 30, 0, 30), Utc(3, 31, 0, 30)], fires);
    }

    [Fact]
    public void NextFire_NewYorkFallBack_ARepeatedTimeFiresOnce()
    {
        var schedule = Parse("daily 01:30 America/New_York").Schedule;

        // 2026-11-01 02:00 EDT falls back to 01:00 EST: 01:30 happens twice (05:30 and 06:30 UTC). One digest, the first.
        var fires = Fires(schedule, Utc(10, 31, 12), 3);

        Assert.Equal([Utc(11, 1, 5, 30), Utc(11, 2, 6, 30), Utc(11, 3, 6, 30)], fires);
    }

    [Fact]
    public void NextFire_UnknownZoneOrBadCron_IsNull()
    {
        Assert.Null(QuartzDigestScheduler.NextFireOf(new DigestSchedule("daily 09:00", "0 0 9 ? * *", "Mars/Olympus_Mons"), Utc(1, 1, 0)));
        Assert.Null(QuartzDigestScheduler.NextFireOf(new DigestSchedule("cron x", "not a cron", "UTC"), Utc(1, 1, 0)));
    }
}

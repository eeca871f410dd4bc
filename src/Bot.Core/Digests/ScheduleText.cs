using System.Globalization;
using System.Text.RegularExpressions;

namespace Bot.Core.Digests;

/// <summary>
/// Reads the schedules people write: "daily 09:00", "weekly Mon 9:00", a cron expression (five fields as in crontab,
/// or Quartz's six or seven with seconds first, optionally after the word "cron"), each optionally followed by an
/// IANA time zone ("Europe/Berlin") and the word "always" (post "nothing new" notices too).
/// </summary>
public static partial class ScheduleText
{
    private static readonly string[] DayNames = ["SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"];

    /// <summary>What the text asked for.</summary>
    /// <param name="Schedule">The schedule (its cron not yet checked by the scheduler).</param>
    /// <param name="NotifyWhenEmpty">True when the text ends with "always".</param>
    public sealed record Parsed(DigestSchedule Schedule, bool NotifyWhenEmpty);

    /// <summary>Parses <paramref name="text"/>; an empty text is the default schedule. False with a reason the user can act on.</summary>
    public static bool TryParse(string text, string defaultSchedule, string defaultTimeZone, out Parsed? parsed, out string? error)
    {
        parsed = null;
        var words = text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).ToList();
        var always = false;
        if (words.Count > 0 && words[^1].Equals("always", StringComparison.OrdinalIgnoreCase))
        {
            always = true;
            words.RemoveAt(words.Count - 1);
        }

        var zone = defaultTimeZone;
        if (words.Count > 0)
        {
            // "Area/City" must be a zone; a single word ("UTC", "Japan") is one when the system knows it.
            var last = words[^1];
            if (TimeZones.TryFind(last, out var found))
            {
                zone = found!.Id;
                words.RemoveAt(words.Count - 1);
            }
            else if (last.Contains('/', StringComparison.Ordinal) && !CronField().IsMatch(last))
            {
                error = $"I don't know the time zone “{Shorten(last)}”. Use an IANA name such as Europe/Berlin, America/New_York or UTC.";
                return false;
            }
        }

        if (words.Count == 0)
        {
            if (!TryParse(defaultSchedule, "?", zone, out var fallback, out error) || fallback is null)
            {
                return false;
            }

            parsed = new Parsed(fallback.Schedule with { TimeZone = zone }, always);
            return true;
        }

        if (!TryParseWhen(words, out var textForm, out var cron, out error))
        {
            return false;
        }

        parsed = new Parsed(new DigestSchedule(textForm!, cron!, zone), always);
        return true;
    }

    private static bool TryParseWhen(List<string> words, out string? text, out string? cron, out string? error)
    {
        text = cron = null;
        error = null;
        var first = words[0].ToLowerInvariant();
        if (first == "daily")
        {
            if (words.Count != 2 || !TryTime(words[1], out var h, out var m))
            {
                error = "Write a daily time as HH:MM, e.g. daily 09:00.";
                return false;
            }

            text = string.Create(CultureInfo.InvariantCulture, $"daily {h:00}:{m:00}");
            cron = string.Create(CultureInfo.InvariantCulture, $"0 {m} {h} ? * *");
            return true;
        }

        if (first == "weekly")
        {
            if (words.Count != 3 || DayOf(words[1]) is not { } day || !TryTime(words[2], out var h, out var m))
            {
                error = "Write a weekly time as a day and HH:MM, e.g. weekly Mon 09:00.";
                return false;
            }

            text = string.Create(CultureInfo.InvariantCulture, $"weekly {Title(DayNames[day])} {h:00}:{m:00}");
            cron = string.Create(CultureInfo.InvariantCulture, $"0 {m} {h} ? * {DayNames[day]}");
            return true;
        }

        var fields = first == "cron" ? words.Skip(1).ToList() : words;
        if (fields.Count is < 5 or > 7 || !fields.All(f => CronField().IsMatch(f)))
        {
            error = "That is not a schedule I understand. Use daily HH:MM, weekly DAY HH:MM, or a cron expression such as 0 9 * * MON-FRI.";
            return false;
        }

        cron = fields.Count == 5 ? FromCrontab(fields) : string.Join(' ', fields).ToUpperInvariant();
        text = "cron " + cron;
        return true;
    }

    /// <summary>A crontab expression (minute hour day month weekday, Sunday 0 or 7) as Quartz's (seconds first, Sunday 1, one of day and weekday '?').</summary>
    internal static string FromCrontab(IReadOnlyList<string> f)
    {
        var dayOfMonth = f[2];
        var dayOfWeek = ShiftWeekdays(f[4].ToUpperInvariant());
        if (dayOfWeek == "*")
        {
            dayOfWeek = "?";
        }
        else if (dayOfMonth == "*")
        {
            dayOfMonth = "?";
        }

        return string.Join(' ', "0", f[0], f[1], dayOfMonth, f[3], dayOfWeek).ToUpperInvariant();
    }

    /// <summary>
    /// Crontab weekday numbers (0–7, Sunday 0 and 7) to Quartz's (1–7, Sunday 1); names pass through. A field of numbers,
    /// ranges and steps is expanded to the days it means first, so a range that ends on Sunday 7 ("0-7", "5-7/2") keeps
    /// its meaning; every day is "*".
    /// </summary>
    private static string ShiftWeekdays(string field)
    {
        if (NumericWeekdays().IsMatch(field) && ExpandCrontabDays(field) is { } days)
        {
            return days.Count == 7 ? "*" : string.Join(',', days.Order().Select(d => (d + 1).ToString(CultureInfo.InvariantCulture)));
        }

        return WeekdayNumber().Replace(field, m => (int.Parse(m.Value, CultureInfo.InvariantCulture) % 7 + 1).ToString(CultureInfo.InvariantCulture));
    }

    /// <summary>The crontab days (0 Sunday … 6 Saturday) a numeric weekday field names, or null when it is malformed.</summary>
    private static HashSet<int>? ExpandCrontabDays(string field)
    {
        var days = new HashSet<int>();
        foreach (var part in field.Split(','))
        {
            var slash = part.Split('/');
            var step = 1;
            if (slash.Length > 2 || (slash.Length == 2 && (!int.TryParse(slash[1], CultureInfo.InvariantCulture, out step) || step < 1)))
            {
                return null;
            }

            int first, last;
            if (slash[0] == "*")
            {
                (first, last) = (0, 6);
            }
            else
            {
                var range = slash[0].Split('-');
                if (range.Length > 2 || !int.TryParse(range[0], CultureInfo.InvariantCulture, out first))
                {
                    return null;
                }

                last = range.Length == 2 ? (int.TryParse(range[1], CultureInfo.InvariantCulture, out var end) ? end : -1) : slash.Length == 2 ? 7 : first;
            }

            if (first is < 0 or > 7 || last is < 0 or > 7 || first > last)
            {
                return null;
            }

            for (var d = first; d <= last; d += step)
            {
                days.Add(d % 7);
            }
        }

        return days;
    }

    private static bool TryTime(string s, out int hour, out int minute)
    {
        hour = minute = 0;
        var match = TimeOfDay().Match(s);
        return match.Success
            && int.TryParse(match.Groups[1].Value, CultureInfo.InvariantCulture, out hour)
            && int.TryParse(match.Groups[2].Value, CultureInfo.InvariantCulture, out minute)
            && hour is >= 0 and <= 23 && minute is >= 0 and <= 59;
    }

    private static int? DayOf(string s)
    {
        if (s.Length < 3)
        {
            return null;
        }

        var prefix = s[..3].ToUpperInvariant();
        var index = Array.IndexOf(DayNames, prefix);
        var full = CultureInfo.InvariantCulture.DateTimeFormat.DayNames;
        return index >= 0 && (s.Length == 3 || full[index].Equals(s, StringComparison.OrdinalIgnoreCase)) ? index : null;
    }

    private static string Title(string day) => day[..1] + day[1..].ToLowerInvariant();

    private static string Shorten(string s) => s.Length <= 40 ? s : s[..40] + "…";

    [GeneratedRegex(@"^([01]?\d|2[0-3])[:.h]([0-5]\d)$", RegexOptions.CultureInvariant)]
    private static partial Regex TimeOfDay();

    // Digits, names of days and months, and the operators of cron fields.
    [GeneratedRegex(@"^[0-9*?/,\-#LW]+$|^(?:[A-Za-z]{3}(?:[-,][A-Za-z]{3})*)(?:/\d+)?$", RegexOptions.CultureInvariant)]
    private static partial Regex CronField();

    [GeneratedRegex(@"(?<![A-Za-z#/])\d(?![0-9])")]
    private static partial Regex WeekdayNumber();

    [GeneratedRegex(@"^[0-9*,/\-]+$", RegexOptions.CultureInvariant)]
    private static partial Regex NumericWeekdays();
}

/// <summary>IANA time zones (tzdata on Linux, ICU elsewhere).</summary>
public static class TimeZones
{
    /// <summary>The zone of an IANA id (case-insensitive), or false.</summary>
    public static bool TryFind(string id, out TimeZoneInfo? zone)
    {
        zone = null;
        if (string.IsNullOrWhiteSpace(id) || id.Length > 64 || id.Contains("..", StringComparison.Ordinal) || id.StartsWith('/') || !id.All(c => char.IsAsciiLetterOrDigit(c) || c is '/' or '_' or '-' or '+'))
        {
            return false;
        }

        if (id.Equals("UTC", StringComparison.OrdinalIgnoreCase) || id.Equals("GMT", StringComparison.OrdinalIgnoreCase))
        {
            zone = TimeZoneInfo.Utc;
            return true;
        }

        try
        {
            zone = TimeZoneInfo.FindSystemTimeZoneById(id);
        }
        catch (TimeZoneNotFoundException)
        {
            // tzdata ids are case-sensitive on disk; try the canonical spelling of what was typed.
            var match = TimeZoneInfo.GetSystemTimeZones().FirstOrDefault(z => z.Id.Equals(id, StringComparison.OrdinalIgnoreCase));
            zone = match;
        }
        catch (Exception ex) when (ex is InvalidTimeZoneException or ArgumentException or IOException or UnauthorizedAccessException or System.Security.SecurityException)
        {
            return false;
        }

        return zone is not null;
    }
}

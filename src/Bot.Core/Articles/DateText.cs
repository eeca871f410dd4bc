using System.Globalization;
using System.Text.RegularExpressions;

namespace Bot.Core.Articles;

/// <summary>Dates as news text writes them ("June 8, 2019", "8 June 2019", "Nov. 9, 2019", "1st November 2024", "2019-06-08"), parsed with the invariant culture.</summary>
internal static partial class DateText
{
    /// <summary>Finds the first date written in the text.</summary>
    public static bool TryFind(string text, out DateOnly date, out Match match)
    {
        // Every date has ASCII digits (a day, a year), and only those parse: a line without one has none.
        if (!text.AsSpan().ContainsAnyInRange('0', '9'))
        {
            date = default;
            match = Match.Empty;
            return false;
        }

        foreach (Match candidate in DatePattern().Matches(text))
        {
            if (TryRead(candidate, out date))
            {
                match = candidate;
                return true;
            }
        }

        date = default;
        match = Match.Empty;
        return false;
    }

    /// <summary>
    /// True when the line is a date line: a date with at most a few words of furniture around it
    /// ("June 8, 2019", "Published: Nov 9, 2019 10:30 UTC", "Monday, 8 June 2019"), and no sentence.
    /// </summary>
    public static bool IsDateLine(string line, out DateOnly date)
    {
        date = default;
        if (line.Length > 80 || TextShape.EndsWithPeriod(line) && !line.EndsWith("m.", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        if (!TryFind(line, out date, out var match))
        {
            return false;
        }

        var rest = (line[..match.Index] + " " + line[(match.Index + match.Length)..]).Trim();
        rest = DateFurniture().Replace(rest, " ");
        return TextShape.WordCount(rest, 0) == 0;
    }

    /// <summary>Parses a date value from metadata: ISO dates and timestamps (the date as written, offset ignored) or news-style dates.</summary>
    public static DateOnly? ParseValue(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        value = value.Trim();
        var iso = IsoDate().Match(value);
        if (iso.Success
            && DateOnly.TryParseExact(iso.Value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var isoDate))
        {
            return isoDate;
        }

        if (DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var timestamp))
        {
            return DateOnly.FromDateTime(timestamp.DateTime);
        }

        return TryFind(value, out var date, out _) ? date : null;
    }

    private static bool TryRead(Match match, out DateOnly date)
    {
        date = default;
        if (match.Groups["iso"].Success)
        {
            return DateOnly.TryParseExact(match.Groups["iso"].Value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date)
                && date.Year is >= 1900 and <= 2100;
        }

        var monthName = match.Groups["m1"].Success ? match.Groups["m1"].Value : match.Groups["m2"].Value;
        var day = match.Groups["d1"].Success ? match.Groups["d1"].Value : match.Groups["d2"].Value;
        var year = match.Groups["y1"].Success ? match.Groups["y1"].Value : match.Groups["y2"].Value;
        var month = monthName[..3];
        var text = $"{day} {Capitalised(month)} {year}";
        return DateOnly.TryParseExact(text, "d MMM yyyy", CultureInfo.InvariantCulture, DateTimeStyles.None, out date)
            && date.Year is >= 1900 and <= 2100;
    }

    private static string Capitalised(string month) =>
        string.Concat(month[..1].ToUpperInvariant(), month[1..].ToLowerInvariant());

    private const string Month = "(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)";

    [GeneratedRegex(
        @"\b(?:(?<m1>" + Month + @")\.?\s+(?<d1>\d{1,2})(?:st|nd|rd|th)?,?\s+(?<y1>\d{4})"
        + @"|(?<d2>\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?(?<m2>" + Month + @")\.?,?\s+(?<y2>\d{4})"
        + @"|(?<iso>\d{4}-\d{2}-\d{2}))\b",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex DatePattern();

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}")]
    private static partial Regex IsoDate();

    // What may stand around a date on a date line: a label, a weekday, a time, an author ("by Jane Doe"), separators.
    [GeneratedRegex(
        @"\b(?:published|posted|updated|last updated|date|dated|on|at|mon(?:day)?|tue(?:s(?:day)?)?|wed(?:nesday)?|thu(?:rs(?:day)?)?|fri(?:day)?|sat(?:urday)?|sun(?:day)?|am|pm|a\.m\.|p\.m\.|utc|gmt|[ecmp][sd]t|\d{1,2}[:.]\d{2}(?::\d{2})?)\b|\bby\s+[^|,]{1,40}$|[|:,•·—–\-/()]",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex DateFurniture();
}

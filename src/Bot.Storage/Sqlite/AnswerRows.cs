using System.Globalization;
using System.Text;
using Bot.Core.Knowledge;

namespace Bot.Storage.Sqlite;

/// <summary>
/// The lines of one answer section as one text value: a line per record separator (U+001E), its fields split by the
/// unit separator (U+001F), a text field "=" + its value or empty for none. Several times faster to read than JSON,
/// which is what an uncached answer spent most of its time on. Control characters in a value are kept as spaces.
/// </summary>
internal static class AnswerRows
{
    private const char LineSeparator = '\u001e';
    private const char FieldSeparator = '\u001f';
    private const int Fields = 9;

    public static string Write(IReadOnlyList<AnswerLine> lines)
    {
        var text = new StringBuilder();
        foreach (var line in lines)
        {
            if (text.Length > 0)
            {
                text.Append(LineSeparator);
            }

            Text(text, line.Label).Append(FieldSeparator);
            Text(text, line.Detail).Append(FieldSeparator);
            Text(text, line.Link).Append(FieldSeparator);
            text.Append(line.LinkEntity?.ToString(CultureInfo.InvariantCulture)).Append(FieldSeparator);
            text.Append(line.Articles.ToString(CultureInfo.InvariantCulture)).Append(FieldSeparator);
            text.AppendJoin(',', line.Cited).Append(FieldSeparator);
            text.Append(((int)line.Flags).ToString(CultureInfo.InvariantCulture)).Append(FieldSeparator);
            Text(text, line.Group).Append(FieldSeparator);
            text.Append(line.GroupLines.ToString(CultureInfo.InvariantCulture));
        }

        return text.ToString();
    }

    public static void Read(string text, AnswerSection section, List<AnswerLine> into)
    {
        if (text.Length == 0)
        {
            return;
        }

        var rank = 0;
        Span<Range> fields = stackalloc Range[Fields + 1];
        foreach (var range in text.AsSpan().Split(LineSeparator))
        {
            var line = text.AsSpan()[range];
            if (line.Split(fields, FieldSeparator) != Fields)
            {
                throw new InvalidDataException($"An answer line of section {section} has not {Fields} fields.");
            }

            into.Add(new AnswerLine(
                section, rank++, Text(line[fields[0]]) ?? string.Empty, Text(line[fields[1]]), Text(line[fields[2]]),
                line[fields[3]].IsEmpty ? null : long.Parse(line[fields[3]], NumberStyles.None, CultureInfo.InvariantCulture),
                int.Parse(line[fields[4]], NumberStyles.None, CultureInfo.InvariantCulture),
                Ids(line[fields[5]]),
                (AnswerFlags)int.Parse(line[fields[6]], NumberStyles.None, CultureInfo.InvariantCulture),
                Text(line[fields[7]]),
                int.Parse(line[fields[8]], NumberStyles.None, CultureInfo.InvariantCulture)));
        }
    }

    private static StringBuilder Text(StringBuilder text, string? value)
    {
        if (value is null)
        {
            return text;
        }

        text.Append('=');
        foreach (var c in value)
        {
            text.Append(c is LineSeparator or FieldSeparator ? ' ' : c);
        }

        return text;
    }

    private static string? Text(ReadOnlySpan<char> field) => field.IsEmpty ? null : field[1..].ToString();

    private static long[] Ids(ReadOnlySpan<char> field)
    {
        if (field.IsEmpty)
        {
            return [];
        }

        var ids = new long[field.Count(',') + 1];
        var i = 0;
        foreach (var range in field.Split(','))
        {
            ids[i++] = long.Parse(field[range], NumberStyles.None, CultureInfo.InvariantCulture);
        }

        return ids;
    }
}

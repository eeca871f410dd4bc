using System.Globalization;
using System.Numerics;
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

    /// <summary>
    /// Adds the lines of <paramref name="utf8"/> (the value as SQLite stores it: the separators are single bytes in UTF-8)
    /// to <paramref name="into"/>. Read from the bytes, not from a string of the whole value: a section of a hundred
    /// members is 9 KB of text, and only its fields become strings.
    /// </summary>
    public static void Read(ReadOnlySpan<byte> utf8, AnswerSection section, List<AnswerLine> into)
    {
        if (utf8.IsEmpty)
        {
            return;
        }

        var rank = 0;
        Span<Range> fields = stackalloc Range[Fields];
        for (var more = true; more;)
        {
            // Every line has its fields, the last one too: a value ending in a separator is refused, not cut short.
            var end = utf8.IndexOf((byte)LineSeparator);
            more = end >= 0;
            var line = more ? utf8[..end] : utf8;
            utf8 = more ? utf8[(end + 1)..] : [];
            if (!Split(line, fields))
            {
                throw new InvalidDataException($"An answer line of section {section} has not {Fields} fields.");
            }

            // A line's link is most often its label: one string for both.
            var label = Text(line[fields[0]]) ?? string.Empty;
            var link = !line[fields[2]].IsEmpty && line[fields[2]].SequenceEqual(line[fields[0]]) ? label : Text(line[fields[2]]);
            into.Add(new AnswerLine(
                section, rank++, label, Text(line[fields[1]]), link,
                line[fields[3]].IsEmpty ? null : Number<long>(line[fields[3]]),
                Number<int>(line[fields[4]]),
                Ids(line[fields[5]]),
                (AnswerFlags)Number<int>(line[fields[6]]),
                Text(line[fields[7]]),
                Number<int>(line[fields[8]])));
        }
    }

    /// <summary>The ranges of a line's <see cref="Fields"/> fields; false when it has another number of them.</summary>
    private static bool Split(ReadOnlySpan<byte> line, Span<Range> fields)
    {
        var start = 0;
        for (var i = 0; i < fields.Length - 1; i++)
        {
            var next = line[start..].IndexOf((byte)FieldSeparator);
            if (next < 0)
            {
                return false;
            }

            fields[i] = new Range(start, start + next);
            start += next + 1;
        }

        fields[^1] = new Range(start, line.Length);
        return line[start..].IndexOf((byte)FieldSeparator) < 0;
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

    private static string? Text(ReadOnlySpan<byte> field) => field.IsEmpty ? null : Encoding.UTF8.GetString(field[1..]);

    private static T Number<T>(ReadOnlySpan<byte> field)
        where T : IUtf8SpanParsable<T>, INumberBase<T> =>
        T.Parse(field, NumberStyles.None, CultureInfo.InvariantCulture);

    private static long[] Ids(ReadOnlySpan<byte> field)
    {
        if (field.IsEmpty)
        {
            return [];
        }

        var ids = new long[field.Count((byte)',') + 1];
        for (var i = 0; i < ids.Length; i++)
        {
            var end = field.IndexOf((byte)',');
            ids[i] = Number<long>(end < 0 ? field : field[..end]);
            field = end < 0 ? [] : field[(end + 1)..];
        }

        return ids;
    }
}

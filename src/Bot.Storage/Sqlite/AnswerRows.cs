using System.Buffers;
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

    /// <summary>
    /// The value of <paramref name="lines"/> as UTF-8, what SQLite stores: encoded straight into a buffer kept per
    /// thread, so a section costs one array (resolution writes one per entity and section).
    /// </summary>
    public static byte[] Write(IReadOnlyList<AnswerLine> lines)
    {
        var buffer = _buffer ??= new ArrayBufferWriter<byte>(4096);
        buffer.ResetWrittenCount();
        foreach (var line in lines)
        {
            if (buffer.WrittenCount > 0)
            {
                Byte(buffer, LineSeparator);
            }

            Text(buffer, line.Label);
            Text(buffer, line.Detail);
            Text(buffer, line.Link);
            if (line.LinkEntity is { } entity)
            {
                Number(buffer, entity);
            }

            Byte(buffer, FieldSeparator);
            Number(buffer, line.Articles);
            Byte(buffer, FieldSeparator);
            for (var i = 0; i < line.Cited.Count; i++)
            {
                if (i > 0)
                {
                    Byte(buffer, ',');
                }

                Number(buffer, line.Cited[i]);
            }

            Byte(buffer, FieldSeparator);
            Number(buffer, (int)line.Flags);
            Byte(buffer, FieldSeparator);
            Text(buffer, line.Group);
            Number(buffer, line.GroupLines);
        }

        var value = buffer.WrittenSpan.ToArray();
        if (buffer.Capacity > MaxKeptBuffer)
        {
            _buffer = null;
        }

        return value;
    }

    /// <summary>The largest buffer a thread keeps for the next section.</summary>
    private const int MaxKeptBuffer = 1 << 20;

    [ThreadStatic]
    private static ArrayBufferWriter<byte>? _buffer;

    private static void Byte(ArrayBufferWriter<byte> buffer, char ascii)
    {
        buffer.GetSpan(1)[0] = (byte)ascii;
        buffer.Advance(1);
    }

    private static void Number<T>(ArrayBufferWriter<byte> buffer, T value)
        where T : IUtf8SpanFormattable
    {
        if (!value.TryFormat(buffer.GetSpan(32), out var written, default, CultureInfo.InvariantCulture))
        {
            throw new InvalidOperationException("A number did not fit in 32 bytes.");
        }

        buffer.Advance(written);
    }

    /// <summary>A text field and the separator after it: "=" and the value, separator characters in it written as spaces (each is one byte in UTF-8, never part of another character's bytes); nothing for null.</summary>
    private static void Text(ArrayBufferWriter<byte> buffer, string? value)
    {
        if (value is not null)
        {
            var span = buffer.GetSpan(2 + Encoding.UTF8.GetMaxByteCount(value.Length));
            span[0] = (byte)'=';
            var encoded = span.Slice(1, Encoding.UTF8.GetBytes(value, span[1..]));
            encoded.Replace((byte)LineSeparator, (byte)' ');
            encoded.Replace((byte)FieldSeparator, (byte)' ');
            buffer.Advance(1 + encoded.Length);
        }

        Byte(buffer, FieldSeparator);
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

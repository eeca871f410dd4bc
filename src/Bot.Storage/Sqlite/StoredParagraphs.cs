using System.Buffers;
using System.Globalization;
using System.Text.Json;

namespace Bot.Storage.Sqlite;

/// <summary>
/// The <c>paragraphs</c> column of an article. The body is its cleaned parts (headline, subheadings, paragraphs) joined by
/// blank lines, so the paragraphs are most often a selection of the body's parts: the column then holds only which parts
/// they are, "~" and the part numbers as ranges ("~1-6,8-12"), instead of the same text a second time. It is written so
/// only when reading it back gives exactly the paragraphs (none of them holds a blank line, each one is a part of the
/// body); otherwise, and in stores written before, it holds the paragraphs as a JSON array of strings, which is read as
/// it always was.
/// </summary>
internal static class StoredParagraphs
{
    private const char MapMark = '~';
    private const string PartSeparator = Bot.Core.Articles.ArticleDocument.PartSeparator;

    /// <summary>
    /// Writes the parts of <paramref name="body"/> that are the <paramref name="paragraphs"/> into <paramref name="into"/>
    /// (ASCII); false, with nothing written, when the paragraphs are not parts of the body in order.
    /// </summary>
    public static bool TryWriteMap(IReadOnlyList<string> paragraphs, ReadOnlySpan<char> body, ArrayBufferWriter<byte> into)
    {
        into.ResetWrittenCount();
        Span<byte> digits = stackalloc byte[11];
        into.Write("~"u8);
        int part = 0, start = 0, runStart = -1, runEnd = -1;
        foreach (var paragraph in paragraphs)
        {
            // The first part from here on that is this paragraph (the earliest gives the same text as any later one).
            while (true)
            {
                if (start < 0)
                {
                    into.ResetWrittenCount();
                    return false;
                }

                var text = Part(body, start, out var next);
                var index = part++;
                start = next;
                if (text.SequenceEqual(paragraph))
                {
                    if (index == runEnd + 1 && runStart >= 0)
                    {
                        runEnd = index;
                    }
                    else
                    {
                        WriteRun(into, runStart, runEnd, digits);
                        runStart = runEnd = index;
                    }

                    break;
                }
            }
        }

        WriteRun(into, runStart, runEnd, digits);
        return true;
    }

    /// <summary>The paragraphs of a stored column, given the article's body.</summary>
    public static List<string> Read(string stored, string body)
    {
        if (!stored.StartsWith(MapMark))
        {
            return JsonSerializer.Deserialize(stored, StoreJson.Default.ListString) ?? [];
        }

        var paragraphs = new List<string>();
        int part = 0, start = 0;
        foreach (var range in stored.AsSpan(1).Split(','))
        {
            var run = stored.AsSpan(1)[range];
            if (run.IsEmpty)
            {
                continue;
            }

            var dash = run.IndexOf('-');
            var first = Number(dash < 0 ? run : run[..dash]);
            var last = dash < 0 ? first : Number(run[(dash + 1)..]);
            if (first < part || last < first)
            {
                throw new InvalidDataException($"Stored paragraphs \"{stored}\": the parts are not in order.");
            }

            for (; part <= last; part++)
            {
                if (start < 0)
                {
                    throw new InvalidDataException($"Stored paragraphs \"{stored}\": the body has no part {part}.");
                }

                var text = Part(body, start, out var next);
                start = next;
                if (part >= first)
                {
                    paragraphs.Add(text.ToString());
                }
            }
        }

        return paragraphs;
    }

    /// <summary>The part of the body that starts at <paramref name="start"/>, and where the next one starts (-1 after the last).</summary>
    private static ReadOnlySpan<char> Part(ReadOnlySpan<char> body, int start, out int next)
    {
        var end = body[start..].IndexOf(PartSeparator, StringComparison.Ordinal);
        next = end < 0 ? -1 : start + end + PartSeparator.Length;
        return end < 0 ? body[start..] : body.Slice(start, end);
    }

    private static void WriteRun(ArrayBufferWriter<byte> into, int first, int last, Span<byte> digits)
    {
        if (first < 0)
        {
            return;
        }

        if (into.WrittenCount > 1)
        {
            into.Write(","u8);
        }

        WriteNumber(into, first, digits);
        if (last > first)
        {
            into.Write("-"u8);
            WriteNumber(into, last, digits);
        }
    }

    private static void WriteNumber(ArrayBufferWriter<byte> into, int value, Span<byte> digits)
    {
        value.TryFormat(digits, out var length, default, CultureInfo.InvariantCulture);
        into.Write(digits[..length]);
    }

    private static int Number(ReadOnlySpan<char> text) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new InvalidDataException($"Stored paragraphs: \"{text}\" is not a part number.");
}

using System.Buffers;
using System.Collections.Frozen;
using System.Text;
using System.Text.RegularExpressions;

namespace Bot.Core.Articles;

/// <summary>What a line of text looks like: words, capitals, punctuation. Pure helpers for the cleaner.</summary>
internal static partial class TextShape
{
    private static readonly FrozenSet<string> SmallWords = new[]
    {
        "a", "an", "the", "and", "or", "nor", "but", "of", "to", "in", "on", "at", "for", "by", "with", "up",
        "as", "vs", "vs.", "from", "into", "onto", "over", "via", "per", "is", "are", "be", "its", "than", "off", "out",
    }.ToFrozenSet(StringComparer.Ordinal);

    private static readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> SmallWordLookup = SmallWords.GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>The longest of <see cref="SmallWords"/>.</summary>
    private static readonly int SmallWordMaxLength = SmallWords.Max(w => w.Length);

    /// <summary>What <see cref="CapitalisedShare"/> trims off a word.</summary>
    private const string WordTrim = "\"“”‘’'()[],:;!?.";

    /// <summary>
    /// The characters <see cref="NormalizeSpaces(string)"/> changes besides the plain space: zero-width marks (dropped),
    /// other white space and control characters (a space). A line without them, without a double space and not starting
    /// or ending with a space is already normalised: most lines are.
    /// </summary>
    private static readonly SearchValues<char> NotPlainText = SearchValues.Create(
        [.. Enumerable.Range(0, char.MaxValue + 1).Select(c => (char)c).Where(c => c != ' ' && (IsInvisible(c) || IsSpaceLike(c)))]);

    /// <summary>Collapses whitespace runs (including non-breaking and zero-width spaces) to single spaces and trims.</summary>
    public static string NormalizeSpaces(string text) => IsNormalized(text) ? text : Normalize(text);

    /// <summary><see cref="NormalizeSpaces(string)"/> of a slice of text (a line), as a new string.</summary>
    public static string NormalizeSpaces(ReadOnlySpan<char> text) => IsNormalized(text) ? text.ToString() : Normalize(text);

    private static bool IsNormalized(ReadOnlySpan<char> text) =>
        text.IsEmpty
        || (text[0] != ' ' && text[^1] != ' ' && !text.ContainsAny(NotPlainText) && !text.Contains("  ", StringComparison.Ordinal));

    private static bool IsInvisible(char c) => c is '\u200B' or '\u200C' or '\u200D' or '\u2060' or '\uFEFF' or '\u00AD';

    private static bool IsSpaceLike(char c) => char.IsWhiteSpace(c) || char.IsControl(c);

    private static string Normalize(ReadOnlySpan<char> text)
    {
        var builder = new StringBuilder(text.Length);
        var pendingSpace = false;
        foreach (var c in text)
        {
            if (IsInvisible(c))
            {
                continue;
            }

            if (IsSpaceLike(c))
            {
                pendingSpace = builder.Length > 0;
                continue;
            }

            if (pendingSpace)
            {
                builder.Append(' ');
                pendingSpace = false;
            }

            builder.Append(c);
        }

        return builder.ToString();
    }

    /// <summary>The words of a line: whitespace-separated tokens that hold a letter or a digit.</summary>
    public static string[] Words(string line) =>
        line.Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Where(w => w.Any(char.IsLetterOrDigit))
            .ToArray();

    /// <summary>
    /// <c>Words(line).Length</c>, counting no further than one past <paramref name="max"/>: a caller that asks whether a line
    /// has at most N words reads only as far as the N+1st word of a long paragraph.
    /// </summary>
    public static int WordCount(ReadOnlySpan<char> line, int max)
    {
        var count = 0;
        var inWord = false;
        var hasLetterOrDigit = false;
        foreach (var c in line)
        {
            if (c == ' ')
            {
                if (inWord && hasLetterOrDigit && ++count > max)
                {
                    return count;
                }

                inWord = false;
                hasLetterOrDigit = false;
                continue;
            }

            inWord = true;
            hasLetterOrDigit = hasLetterOrDigit || (char.IsAsciiLetterOrDigit(c) || (c >= 0x80 && char.IsLetterOrDigit(c)));
        }

        return inWord && hasLetterOrDigit ? count + 1 : count;
    }

    /// <summary>True when the line ends like a sentence or a quotation (. ! ? : ; … or a closing quote or bracket).</summary>
    public static bool EndsWithSentencePunctuation(string line) =>
        line.Length > 0 && line[^1] is '.' or '!' or '?' or ':' or ';' or '…' or '"' or '”' or '’' or '\'' or ')' or ']' or '»';

    /// <summary>True when the line ends with a period (not an ellipsis): the mark of a sentence, never of a headline.</summary>
    public static bool EndsWithPeriod(string line)
    {
        // A slice, not a trimmed copy: most lines end with a period, and this runs several times on each.
        var trimmed = line.AsSpan().TrimEnd(ClosingMarks);
        return trimmed.EndsWith('.') && !trimmed.EndsWith("...", StringComparison.Ordinal);
    }

    /// <summary>What <see cref="EndsWithPeriod"/> looks past at the end of a line.</summary>
    private const string ClosingMarks = "\"”’')»";

    /// <summary>True when the line ends with a truncation ellipsis ("…" or "...") outside a quotation.</summary>
    public static bool EndsWithEllipsis(string line) =>
        line.EndsWith('…') || line.EndsWith("...", StringComparison.Ordinal) || line.EndsWith("[…]", StringComparison.Ordinal);

    /// <summary>
    /// Share of the line's words (<see cref="Words"/>; small function words left out) that start with a capital letter,
    /// a digit or "$", read from slices of the line.
    /// </summary>
    public static double CapitalisedShare(ReadOnlySpan<char> line)
    {
        var counted = 0;
        var capitalised = 0;
        Span<char> lower = stackalloc char[SmallWordMaxLength];
        foreach (var word in EnumerateWords(line))
        {
            var core = word.Trim(WordTrim);
            if (core.Length == 0 || (core.Length <= SmallWordMaxLength && SmallWordLookup.Contains(lower[..core.ToLowerInvariant(lower)])))
            {
                continue;
            }

            counted++;
            if (char.IsUpper(core[0]) || char.IsDigit(core[0]) || core[0] == '$')
            {
                capitalised++;
            }
        }

        return counted == 0 ? 0 : (double)capitalised / counted;
    }

    /// <summary>True when every word of the line (<see cref="Words"/>) starts with a capital letter and holds no digit (a name: "Jane Q. Doe").</summary>
    public static bool IsNameLike(ReadOnlySpan<char> line)
    {
        var any = false;
        foreach (var word in EnumerateWords(line))
        {
            // A word holds a letter or a digit, so something is left after the opening marks.
            if (!char.IsUpper(word.TrimStart("\"“(")[0]) || HasDigit(word))
            {
                return false;
            }

            any = true;
        }

        return any;
    }

    /// <summary>True when the text holds a decimal digit (<see cref="char.IsDigit(char)"/>, any script).</summary>
    public static bool HasDigit(ReadOnlySpan<char> text)
    {
        foreach (var c in text)
        {
            if (char.IsDigit(c))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The last of <c>Words(line)</c>, or an empty span when there is none.</summary>
    public static ReadOnlySpan<char> LastWord(ReadOnlySpan<char> line)
    {
        var last = ReadOnlySpan<char>.Empty;
        foreach (var word in EnumerateWords(line))
        {
            last = word;
        }

        return last;
    }

    /// <summary>The words of <see cref="Words"/> as slices of the line: nothing is allocated.</summary>
    public static WordEnumerator EnumerateWords(ReadOnlySpan<char> line) => new(line);

    /// <summary>Enumerates the words of a line (whitespace-separated tokens that hold a letter or a digit) as slices.</summary>
    public ref struct WordEnumerator(ReadOnlySpan<char> line)
    {
        private ReadOnlySpan<char> _rest = line;

        public ReadOnlySpan<char> Current { get; private set; }

        public readonly WordEnumerator GetEnumerator() => this;

        public bool MoveNext()
        {
            while (!_rest.IsEmpty)
            {
                var space = _rest.IndexOf(' ');
                var token = space < 0 ? _rest : _rest[..space];
                _rest = space < 0 ? [] : _rest[(space + 1)..];
                if (HasLetterOrDigit(token))
                {
                    Current = token;
                    return true;
                }
            }

            return false;
        }

        private static bool HasLetterOrDigit(ReadOnlySpan<char> token)
        {
            foreach (var c in token)
            {
                if (char.IsLetterOrDigit(c))
                {
                    return true;
                }
            }

            return false;
        }
    }

    /// <summary>True when the text starts with a capital letter, a digit or an opening quote.</summary>
    public static bool StartsLikeText(string line) =>
        line.Length > 0 && (char.IsUpper(line[0]) || char.IsDigit(line[0]) || line[0] is '“' or '"' or '‘' or '\'' or '$' or '£' or '€');

    /// <summary>
    /// The first sentence of a paragraph, shortened at a word boundary with "…" when longer than
    /// <paramref name="maxLength"/>; a sentence that fits loses its final period.
    /// </summary>
    public static string ShortTitle(string paragraph, int maxLength = 90)
    {
        var sentence = FirstSentence(paragraph);
        if (sentence.Length <= maxLength)
        {
            return sentence.EndsWith('.') && !sentence.EndsWith("...", StringComparison.Ordinal) ? sentence[..^1] : sentence;
        }

        var cut = sentence.LastIndexOf(' ', maxLength - 1);
        var head = cut > maxLength / 2 ? sentence[..cut] : sentence[..(maxLength - 1)];
        return head.TrimEnd(',', ';', ':', '-', '–', '—', ' ', '(', '“', '"', '‘') + "…";
    }

    /// <summary>The text up to the first sentence end (". " followed by a capital, not after an initial or a common abbreviation).</summary>
    public static string FirstSentence(string paragraph)
    {
        foreach (Match match in SentenceEnd().Matches(paragraph))
        {
            var before = paragraph[..match.Index];
            var lastWord = before[(before.LastIndexOf(' ') + 1)..];
            if (match.Value[0] == '.' && IsAbbreviation(lastWord))
            {
                continue;
            }

            return paragraph[..(match.Index + 1)].Trim();
        }

        return paragraph.Trim();
    }

    private static bool IsAbbreviation(string word) =>
        word.Length <= 1
        || word.Contains('.', StringComparison.Ordinal)
        || word is "Mr" or "Mrs" or "Ms" or "Dr" or "Prof" or "St" or "Jr" or "Sr" or "Inc" or "Corp" or "Ltd" or "Co" or "No" or "vs" or "Gen" or "Gov" or "Sen" or "Rep"
            or "Jan" or "Feb" or "Mar" or "Apr" or "Jun" or "Jul" or "Aug" or "Sep" or "Sept" or "Oct" or "Nov" or "Dec";

    [GeneratedRegex(@"[.!?](?=[”""’)]?\s+[“""‘(]?[\p{Lu}\d])")]
    private static partial Regex SentenceEnd();
}

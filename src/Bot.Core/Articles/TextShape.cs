using System.Text;
using System.Text.RegularExpressions;

namespace Bot.Core.Articles;

/// <summary>What a line of text looks like: words, capitals, punctuation. Pure helpers for the cleaner.</summary>
internal static partial class TextShape
{
    private static readonly string[] SmallWords =
    [
        "a", "an", "the", "and", "or", "nor", "but", "of", "to", "in", "on", "at", "for", "by", "with", "up",
        "as", "vs", "vs.", "from", "into", "onto", "over", "via", "per", "is", "are", "be", "its", "than", "off", "out",
    ];

    /// <summary>Collapses whitespace runs (including non-breaking and zero-width spaces) to single spaces and trims.</summary>
    public static string NormalizeSpaces(string text)
    {
        var builder = new StringBuilder(text.Length);
        var pendingSpace = false;
        foreach (var c in text)
        {
            if (c is '\u200B' or '\u200C' or '\u200D' or '\u2060' or '\uFEFF' or '\u00AD')
            {
                continue;
            }

            if (char.IsWhiteSpace(c) || char.IsControl(c))
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

    /// <summary><c>Words(line).Length</c> without building the words: the cleaner asks it of every paragraph, several times.</summary>
    public static int WordCount(string line)
    {
        var count = 0;
        var inWord = false;
        var hasLetterOrDigit = false;
        foreach (var c in line)
        {
            if (c == ' ')
            {
                if (inWord && hasLetterOrDigit)
                {
                    count++;
                }

                inWord = false;
                hasLetterOrDigit = false;
                continue;
            }

            inWord = true;
            hasLetterOrDigit |= char.IsLetterOrDigit(c);
        }

        return inWord && hasLetterOrDigit ? count + 1 : count;
    }

    /// <summary>True when the line ends like a sentence or a quotation (. ! ? : ; … or a closing quote or bracket).</summary>
    public static bool EndsWithSentencePunctuation(string line) =>
        line.Length > 0 && line[^1] is '.' or '!' or '?' or ':' or ';' or '…' or '"' or '”' or '’' or '\'' or ')' or ']' or '»';

    /// <summary>True when the line ends with a period (not an ellipsis): the mark of a sentence, never of a headline.</summary>
    public static bool EndsWithPeriod(string line)
    {
        var trimmed = line.TrimEnd('"', '”', '’', '\'', ')', '»');
        return trimmed.EndsWith('.') && !trimmed.EndsWith("...", StringComparison.Ordinal);
    }

    /// <summary>True when the line ends with a truncation ellipsis ("…" or "...") outside a quotation.</summary>
    public static bool EndsWithEllipsis(string line) =>
        line.EndsWith('…') || line.EndsWith("...", StringComparison.Ordinal) || line.EndsWith("[…]", StringComparison.Ordinal);

    /// <summary>Share of the line's words (small function words left out) that start with a capital letter or a digit.</summary>
    public static double CapitalisedShare(string[] words)
    {
        var counted = 0;
        var capitalised = 0;
        foreach (var word in words)
        {
            var core = word.Trim('"', '“', '”', '‘', '’', '\'', '(', ')', '[', ']', ',', ':', ';', '!', '?', '.');
            if (core.Length == 0)
            {
                continue;
            }

            if (SmallWords.Contains(core.ToLowerInvariant()))
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

    /// <summary>True when every word of the line starts with a capital letter (a name: "Jane Q. Doe").</summary>
    public static bool IsNameLike(string[] words) =>
        words.Length > 0 && words.All(w => char.IsUpper(w.TrimStart('"', '“', '(')[0]) && !w.Any(char.IsDigit));

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

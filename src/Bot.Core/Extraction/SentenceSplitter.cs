using System.Buffers;
using System.Text;

namespace Bot.Core.Extraction;

/// <summary>
/// Splits a paragraph into sentences. A sentence ends at '.', '!' or '?' (and any closing quotes or brackets after it)
/// followed by white space and a capital letter, digit or opening quote, except after abbreviations ("Ltd.", "Inc.",
/// "Mr.", "U.S."), initials ("J. Smith"), and inside ellipses ("[…]", "...").
/// </summary>
public static class SentenceSplitter
{
    private static readonly HashSet<string> Abbreviations = new(StringComparer.OrdinalIgnoreCase)
    {
        "ltd", "inc", "co", "corp", "plc", "llc", "bros", "mr", "mrs", "ms", "dr", "prof", "st", "jr", "sr", "vs", "etc",
        "e.g", "i.e", "u.s", "u.k", "u.n", "e.u", "no", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept",
        "oct", "nov", "dec", "gov", "govt", "gen", "rep", "sen", "est", "approx", "dept", "univ", "assn", "intl", "fig",
        "mt", "ft", "vol", "ave", "rd", "blvd", "a.m", "p.m", "ph.d", "capt", "col", "lt", "sgt", "hon", "rev",
    };

    private static readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> AbbreviationLookup = Abbreviations.GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>The sentences of <paramref name="paragraph"/>, trimmed, in order.</summary>
    public static IReadOnlyList<string> Split(string paragraph)
    {
        var result = new List<string>();
        Split(paragraph, result);
        return result;
    }

    /// <summary>Adds the sentences of <paramref name="paragraph"/>, trimmed, in order, to <paramref name="result"/>.</summary>
    internal static void Split(string paragraph, List<string> result)
    {
        var text = paragraph.AsSpan().Trim();
        var start = 0;
        for (var i = 0; i < text.Length; i++)
        {
            var ahead = text[i..].IndexOfAny('.', '!', '?');
            if (ahead < 0)
            {
                break;
            }

            i += ahead;
            var c = text[i];
            var end = i + 1;
            while (end < text.Length && text[end] is '.' or '!' or '?')
            {
                end++;
            }

            while (end < text.Length && IsCloser(text[end]))
            {
                end++;
            }

            if (end >= text.Length)
            {
                break;
            }

            if (!char.IsWhiteSpace(text[end]))
            {
                continue;
            }

            var next = end;
            while (next < text.Length && char.IsWhiteSpace(text[next]))
            {
                next++;
            }

            if (next >= text.Length || !StartsSentence(text[next]))
            {
                continue;
            }

            if (c == '.' && end - i == 1 && IsAbbreviationBefore(text, i))
            {
                continue;
            }

            // "..." followed by a capital is usually a trailing ellipsis that ends the sentence; keep splitting there.
            var sentence = text[start..end].Trim();
            if (!sentence.IsEmpty)
            {
                result.Add(AsString(sentence, paragraph));
            }

            start = next;
            i = next - 1;
        }

        var last = text[start..].Trim();
        if (!last.IsEmpty)
        {
            result.Add(AsString(last, paragraph));
        }
    }

    /// <summary><paramref name="sentence"/> as a string: the paragraph itself when the sentence is all of it.</summary>
    private static string AsString(ReadOnlySpan<char> sentence, string paragraph) =>
        sentence.Length == paragraph.Length ? paragraph : sentence.ToString();

    private static bool IsCloser(char c) => c is '"' or '\'' or '”' or '’' or ')' or ']' or '»';

    private static bool StartsSentence(char c) =>
        char.IsUpper(c) || char.IsDigit(c) || c is '"' or '“' or '‘' or '\'' or '(' or '[' or '«';

    private static bool IsAbbreviationBefore(ReadOnlySpan<char> text, int dot)
    {
        var wordStart = dot;
        while (wordStart > 0 && (char.IsLetterOrDigit(text[wordStart - 1]) || text[wordStart - 1] == '.'))
        {
            wordStart--;
        }

        var word = text[wordStart..dot];
        if (word.IsEmpty)
        {
            return false;
        }

        // A single capital letter is an initial ("J. Smith", "U.S.").
        if (word.Length == 1 && char.IsUpper(word[0]))
        {
            return true;
        }

        // Dotted abbreviations like "U.S" or "e.g".
        if (word.Contains('.'))
        {
            return true;
        }

        return AbbreviationLookup.Contains(word);
    }

    /// <summary>
    /// Folds each run of white space (<see cref="char.IsWhiteSpace(char)"/>) to one space and trims both ends; every other
    /// character, curly apostrophes and quotes included, is kept as it is.
    /// </summary>
    public static string Normalize(string text)
    {
        if (IsNormal(text))
        {
            return text; // most sentences: nothing to fold, no copy
        }

        var sb = new StringBuilder(text.Length);
        var space = false;
        foreach (var c in text)
        {
            if (char.IsWhiteSpace(c))
            {
                space = true;
                continue;
            }

            if (space && sb.Length > 0)
            {
                sb.Append(' ');
            }

            space = false;
            sb.Append(c);
        }

        return sb.ToString();
    }

    /// <summary>The white space of char.IsWhiteSpace but the plain space.</summary>
    private static readonly SearchValues<char> OtherWhiteSpace = SearchValues.Create(
        "\t\n\v\f\r\u0085\u00A0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200A\u2028\u2029\u202F\u205F\u3000");

    /// <summary>True when <see cref="Normalize"/> would return the text as it is: no white space but single spaces between words.</summary>
    private static bool IsNormal(string text) =>
        text.Length == 0
        || (text[0] != ' ' && text[^1] != ' ' && !text.AsSpan().ContainsAny(OtherWhiteSpace) && !text.Contains("  ", StringComparison.Ordinal));
}

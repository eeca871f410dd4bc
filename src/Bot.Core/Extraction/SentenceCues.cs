using System.Buffers;

namespace Bot.Core.Extraction;

/// <summary>
/// Cheap tests of a masked sentence that the relation patterns need to pass before they can match: a literal, a literal
/// after white space, a ⟦name⟧ after a literal. Each test is a necessary condition of some pattern (never a sufficient one):
/// it looks only at characters a match of that pattern consumes, so it also holds for the text of the match alone, and a
/// text or a tail of it that fails the test holds no match. White space is <see cref="char.IsWhiteSpace(char)"/>, which is
/// what the patterns' \s matches; a digit is <see cref="char.IsDigit(char)"/>, their \d.
/// </summary>
internal static class SentenceCues
{
    /// <summary>True when a digit stands right after white space ("\s\d": "has 40", "of 2,000"); the digits of ⟦n⟧ follow "⟦".</summary>
    public static bool DigitAfterSpace(ReadOnlySpan<char> text)
    {
        for (var i = 1; i < text.Length; i++)
        {
            var c = text[i];
            if ((char.IsAsciiDigit(c) || (c > '\x7f' && char.IsDigit(c))) && char.IsWhiteSpace(text[i - 1]))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>True when some ⟦name⟧ is followed by "’s" or "'s", the s in either case ("⟧’s" compared ignoring case).</summary>
    public static bool NamePossessive(ReadOnlySpan<char> text)
    {
        for (var i = text.IndexOf('⟧'); i >= 0; i = IndexOf(text, '⟧', i + 1))
        {
            if (i + 2 < text.Length && text[i + 1] is '’' or '\'' && text.Slice(i + 2, 1).Equals("s", StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The first index at or after <paramref name="index"/> that is no white space.</summary>
    public static int SkipSpaces(ReadOnlySpan<char> text, int index)
    {
        while (index < text.Length && char.IsWhiteSpace(text[index]))
        {
            index++;
        }

        return index;
    }

    /// <summary>Where the white space that ends right before <paramref name="index"/> starts (<paramref name="index"/> itself when there is none).</summary>
    public static int SpacesBefore(ReadOnlySpan<char> text, int index)
    {
        while (index > 0 && char.IsWhiteSpace(text[index - 1]))
        {
            index--;
        }

        return index;
    }

    /// <summary>True when <paramref name="text"/> at <paramref name="index"/> is white space and, after it, starts with <paramref name="next"/>.</summary>
    public static bool SpacesThen(ReadOnlySpan<char> text, int index, string next, StringComparison comparison = StringComparison.Ordinal)
    {
        var after = SkipSpaces(text, index);
        return after > index && text[after..].StartsWith(next, comparison);
    }

    /// <summary>True when <paramref name="text"/> at <paramref name="index"/> is white space, then maybe "the" and white space, then a ⟦name⟧: "\s+(?:the\s+)?⟦".</summary>
    public static bool SpacesThenName(ReadOnlySpan<char> text, int index, StringComparison comparison = StringComparison.Ordinal)
    {
        var after = SkipSpaces(text, index);
        if (after == index || after >= text.Length)
        {
            return false;
        }

        if (text[after] == '⟦')
        {
            return true;
        }

        if (!text[after..].StartsWith("the", comparison))
        {
            return false;
        }

        var name = SkipSpaces(text, after + 3);
        return name > after + 3 && name < text.Length && text[name] == '⟦';
    }

    /// <summary>True when <paramref name="text"/> at <paramref name="index"/> is white space, then <paramref name="next"/>, then white space: "\s+next\s".</summary>
    public static bool SpacesThenWord(ReadOnlySpan<char> text, int index, string next, StringComparison comparison = StringComparison.Ordinal)
    {
        var after = SkipSpaces(text, index);
        return after > index && text[after..].StartsWith(next, comparison) && after + next.Length < text.Length && char.IsWhiteSpace(text[after + next.Length]);
    }

    /// <summary>True when some <paramref name="word"/> is followed by white space, <paramref name="next"/> and white space: "led by ", "grew to ".</summary>
    public static bool WordThenWord(ReadOnlySpan<char> text, string word, string next, StringComparison comparison = StringComparison.Ordinal)
    {
        for (var i = IndexOf(text, word, 0, comparison); i >= 0; i = IndexOf(text, word, i + 1, comparison))
        {
            if (SpacesThenWord(text, i + word.Length, next, comparison))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>True when one of <paramref name="words"/> is followed by white space, <paramref name="next"/> and white space.</summary>
    public static bool AnyWordThenWord(ReadOnlySpan<char> text, ReadOnlySpan<string> words, string next)
    {
        foreach (var word in words)
        {
            if (WordThenWord(text, word, next))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// True when the text right after some occurrence of one of <paramref name="words"/> passes <paramref name="after"/>
    /// ("added" then " to the ⟦", "provides" then " a").
    /// </summary>
    public static bool AnyWordFollowedBy(ReadOnlySpan<char> text, ReadOnlySpan<string> words, TextCue after)
    {
        foreach (var word in words)
        {
            for (var i = IndexOf(text, word, 0); i >= 0; i = IndexOf(text, word, i + 1))
            {
                if (after(text[(i + word.Length)..]))
                {
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary>True when some <paramref name="word"/> is followed by white space, maybe "the" and white space, and a ⟦name⟧.</summary>
    public static bool WordThenName(ReadOnlySpan<char> text, string word, StringComparison comparison = StringComparison.Ordinal)
    {
        for (var i = IndexOf(text, word, 0, comparison); i >= 0; i = IndexOf(text, word, i + 1, comparison))
        {
            if (SpacesThenName(text, i + word.Length, comparison))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>True when some <paramref name="word"/> stands between white space on both sides.</summary>
    public static bool SpacedWord(ReadOnlySpan<char> text, string word)
    {
        for (var i = text.IndexOf(word, StringComparison.Ordinal); i >= 0; i = IndexOf(text, word, i + 1, StringComparison.Ordinal))
        {
            if (i > 0 && char.IsWhiteSpace(text[i - 1]) && i + word.Length < text.Length && char.IsWhiteSpace(text[i + word.Length]))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>True when some <paramref name="word"/> is followed by white space and a digit ("of 40", "to 120").</summary>
    public static bool WordThenDigit(ReadOnlySpan<char> text, string word)
    {
        for (var i = text.IndexOf(word, StringComparison.Ordinal); i >= 0; i = IndexOf(text, word, i + 1, StringComparison.Ordinal))
        {
            var after = SkipSpaces(text, i + word.Length);
            if (after > i + word.Length && after < text.Length && char.IsDigit(text[after]))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>True when some ⟦name⟧ is followed by white space and then one of <paramref name="words"/>: "⟦X⟧ is", "⟦X⟧ was".</summary>
    public static bool NameThenWord(ReadOnlySpan<char> text, ReadOnlySpan<string> words)
    {
        for (var i = text.IndexOf('⟧'); i >= 0; i = IndexOf(text, '⟧', i + 1))
        {
            var after = SkipSpaces(text, i + 1);
            if (after > i + 1 && StartsWithAny(text[after..], words, StringComparison.Ordinal) >= 0)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>True when a ⟦name⟧ is followed by a comma after optional white space, and with <paramref name="thenName"/> by another ⟦name⟧ after it.</summary>
    public static bool NameThenComma(ReadOnlySpan<char> text, bool thenName)
    {
        for (var i = text.IndexOf('⟧'); i >= 0; i = IndexOf(text, '⟧', i + 1))
        {
            var comma = SkipSpaces(text, i + 1);
            if (comma < text.Length && text[comma] == ',')
            {
                var next = SkipSpaces(text, comma + 1);
                if (!thenName || (next < text.Length && text[next] == '⟦'))
                {
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary>
    /// True when a ⟦name⟧ is followed by optional white space, a comma, optional white space, one of <paramref name="words"/>,
    /// and white space: "⟦X⟧, which", "⟦X⟧, who".
    /// </summary>
    public static bool NameCommaThenWord(ReadOnlySpan<char> text, ReadOnlySpan<string> words)
    {
        for (var i = text.IndexOf('⟧'); i >= 0; i = IndexOf(text, '⟧', i + 1))
        {
            var comma = SkipSpaces(text, i + 1);
            if (comma < text.Length && text[comma] == ',')
            {
                var word = SkipSpaces(text, comma + 1);
                var length = StartsWithAny(text[word..], words, StringComparison.Ordinal);
                if (length >= 0 && word + length < text.Length && char.IsWhiteSpace(text[word + length]))
                {
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary>True when a comma is followed by a ⟦name⟧ after optional white space.</summary>
    public static bool CommaThenName(ReadOnlySpan<char> text)
    {
        for (var i = text.IndexOf(','); i >= 0; i = IndexOf(text, ',', i + 1))
        {
            var next = SkipSpaces(text, i + 1);
            if (next < text.Length && text[next] == '⟦')
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The length of the first of <paramref name="words"/> that <paramref name="text"/> starts with, or -1.</summary>
    public static int StartsWithAny(ReadOnlySpan<char> text, ReadOnlySpan<string> words, StringComparison comparison)
    {
        foreach (var word in words)
        {
            if (text.StartsWith(word, comparison))
            {
                return word.Length;
            }
        }

        return -1;
    }

    /// <summary>True when <paramref name="text"/> ends with one of <paramref name="words"/>.</summary>
    public static bool EndsWithAny(ReadOnlySpan<char> text, ReadOnlySpan<string> words, StringComparison comparison)
    {
        foreach (var word in words)
        {
            if (text.EndsWith(word, comparison))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The index of <paramref name="value"/> in <paramref name="text"/> at or after <paramref name="from"/>, or -1.</summary>
    public static int IndexOf(ReadOnlySpan<char> text, string value, int from, StringComparison comparison = StringComparison.Ordinal)
    {
        if (from > text.Length)
        {
            return -1;
        }

        var i = text[from..].IndexOf(value, comparison);
        return i < 0 ? -1 : i + from;
    }

    /// <summary>The index of <paramref name="value"/> in <paramref name="text"/> at or after <paramref name="from"/>, or -1.</summary>
    public static int IndexOf(ReadOnlySpan<char> text, char value, int from)
    {
        if (from > text.Length)
        {
            return -1;
        }

        var i = text[from..].IndexOf(value);
        return i < 0 ? -1 : i + from;
    }
}

/// <summary>
/// Literals looked for together (at most 128, ASCII, two characters or more, compared ordinally): which of them a text
/// holds, found in one pass over it, where before each reader searched the text again for its own words. Bit k of
/// <see cref="Find"/> is set exactly when <c>text.Contains(literals[k], StringComparison.Ordinal)</c> holds: at each index
/// the pair of characters there picks the literals that start with that pair, and each of those is compared there.
/// (One <see cref="SearchValues"/> of all the literals falls back to a slow automaton; groups of them to many false hits.)
/// </summary>
internal sealed class LiteralSet
{
    private readonly string[] _literals;

    /// <summary>The literals starting with each pair of ASCII characters, by first * 128 + second; null for none.</summary>
    private readonly int[]?[] _byPair = new int[]?[128 * 128];

    public LiteralSet(IReadOnlyList<string> literals)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(literals.Count, 128);
        _literals = [.. literals];
        foreach (var literal in _literals)
        {
            if (literal.Length < 2 || !System.Text.Ascii.IsValid(literal))
            {
                throw new ArgumentException($"A literal must be ASCII and two characters or more: '{literal}'.", nameof(literals));
            }
        }

        foreach (var group in Enumerable.Range(0, _literals.Length).GroupBy(k => (_literals[k][0] * 128) + _literals[k][1]))
        {
            _byPair[group.Key] = [.. group];
        }
    }

    /// <summary>The literals <paramref name="text"/> holds, as bits by their index.</summary>
    public UInt128 Find(ReadOnlySpan<char> text)
    {
        UInt128 found = 0;
        var byPair = _byPair;
        for (var i = 0; i + 1 < text.Length; i++)
        {
            int first = text[i], second = text[i + 1];
            if ((first | second) >= 128 || byPair[(first * 128) + second] is not { } starting)
            {
                continue;
            }

            var rest = text[i..];
            foreach (var k in starting)
            {
                if (rest.StartsWith(_literals[k], StringComparison.Ordinal))
                {
                    found |= UInt128.One << k;
                }
            }
        }

        return found;
    }
}

using System.Globalization;
using System.Text;

namespace Bot.Core.Extraction;

/// <summary>A word or punctuation mark of a sentence, with its place in the sentence and its shape, read once.</summary>
/// <param name="Text">The word without a possessive ending, or the punctuation mark.</param>
/// <param name="Start">Offset of the first character.</param>
/// <param name="End">Offset after the last character (possessive ending included).</param>
/// <param name="IsWord">True for words, false for punctuation.</param>
/// <param name="Possessive">True when the word ended in "'s" / "’s".</param>
internal readonly record struct Token(string Text, int Start, int End, bool IsWord, bool Possessive)
{
    /// <summary>True when the word starts with a capital letter (or is an all-capitals acronym).</summary>
    public bool IsCapitalised { get; } = IsWord && char.IsUpper(Text[0]);

    /// <summary>True when the word has a capital after its first letter ("CloudBank", "OLN", "DfT").</summary>
    public bool HasInnerCapital { get; } = IsWord && CountUpper(Text.AsSpan(1)) > 0;

    /// <summary>True for acronyms of two or more capitals, lowercase letters allowed between ("OLN", "DfT").</summary>
    public bool IsAcronym { get; } = IsWord && IsAcronymShape(Text);

    /// <summary>
    /// True for a capitalised word that can be part of a name: no calendar word or title, no function word unless an
    /// acronym ("IT" may be one).
    /// </summary>
    public bool IsNameWord { get; } = IsWord && char.IsUpper(Text[0]) && !Lexicon.CalendarWords.Contains(Text) && !Lexicon.ChunkBreakers.Contains(Text)
        && (IsAcronymShape(Text) || !Lexicon.FunctionWords.Contains(Text));

    /// <summary>True when <see cref="Text"/> in lowercase (invariant culture) is <paramref name="word"/>, a lowercase ASCII word; allocates nothing for ASCII text.</summary>
    public bool LowerIs(string word) =>
        Text.Length == word.Length
        && (Ascii.IsValid(Text) ? Text.Equals(word, StringComparison.OrdinalIgnoreCase) : string.Equals(Text.ToLowerInvariant(), word, StringComparison.Ordinal));

    private static bool IsAcronymShape(string text)
    {
        if (text.Length is < 2 or > 10 || !char.IsUpper(text[0]) || !char.IsUpper(text[^1]) || CountUpper(text) < 2)
        {
            return false;
        }

        foreach (var c in text)
        {
            if (!char.IsLetterOrDigit(c))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>How many capital letters <paramref name="text"/> holds.</summary>
    internal static int CountUpper(ReadOnlySpan<char> text)
    {
        var count = 0;
        foreach (var c in text)
        {
            if (char.IsUpper(c))
            {
                count++;
            }
        }

        return count;
    }
}

/// <summary>
/// Splits a sentence into word and punctuation tokens: a word is a letter or number, then letters and numbers, with
/// '-', apostrophes, '.' and '&amp;' inside it when a letter or number follows ("co-founder", "U.S", "AT&amp;T"); any
/// other character but white space is a token of its own.
/// </summary>
internal static class Tokenizer
{
    /// <summary>Words seen on this thread: most words recur ("the", "of", the names of an article), so each is made into a string once.</summary>
    [ThreadStatic]
    private static Dictionary<string, string>? _words;

    /// <summary>Bounds the words kept per thread (a few MB): the set starts again when it is full.</summary>
    private const int MaxWords = 1 << 16;

    public static List<Token> Tokenize(string sentence)
    {
        var tokens = new List<Token>((sentence.Length / 4) + 4); // short words and punctuation: room enough for most sentences without a resize
        var i = 0;
        while (i < sentence.Length)
        {
            if (char.IsWhiteSpace(sentence[i]))
            {
                i++;
                continue;
            }

            var start = i;
            if (IsLetterOrNumber(sentence[i]))
            {
                i++;
                while (i < sentence.Length
                    && (IsLetterOrNumber(sentence[i]) || (sentence[i] is '-' or '\'' or '’' or '.' or '&' && i + 1 < sentence.Length && IsLetterOrNumber(sentence[i + 1]))))
                {
                    i++;
                }
            }
            else
            {
                i++;
            }

            var text = sentence.AsSpan(start, i - start);
            var isWord = char.IsLetterOrDigit(text[0]);
            if (isWord && text.Length > 2 && (text.EndsWith("'s", StringComparison.Ordinal) || text.EndsWith("’s", StringComparison.Ordinal)))
            {
                tokens.Add(new Token(Word(text[..^2]), start, i, true, true));
                continue;
            }

            tokens.Add(new Token(Word(text), start, i, isWord, false));
        }

        return tokens;
    }

    private static string Word(ReadOnlySpan<char> text)
    {
        var words = _words ??= new Dictionary<string, string>(StringComparer.Ordinal);
        var lookup = words.GetAlternateLookup<ReadOnlySpan<char>>();
        if (lookup.TryGetValue(text, out var word))
        {
            return word;
        }

        if (words.Count >= MaxWords)
        {
            words.Clear();
        }

        word = text.ToString();
        words.Add(word, word);
        return word;
    }

    /// <summary>The regex class [\p{L}\p{N}]: a letter or any number (digits, Roman numerals, fractions).</summary>
    private static bool IsLetterOrNumber(char c) =>
        char.IsAscii(c) ? char.IsAsciiLetterOrDigit(c) : char.GetUnicodeCategory(c) is UnicodeCategory.UppercaseLetter or UnicodeCategory.LowercaseLetter or UnicodeCategory.TitlecaseLetter
            or UnicodeCategory.ModifierLetter or UnicodeCategory.OtherLetter or UnicodeCategory.DecimalDigitNumber
            or UnicodeCategory.LetterNumber or UnicodeCategory.OtherNumber;
}

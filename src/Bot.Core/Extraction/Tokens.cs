using System.Text.RegularExpressions;

namespace Bot.Core.Extraction;

/// <summary>A word or punctuation mark of a sentence, with its place in the sentence.</summary>
/// <param name="Text">The word without a possessive ending, or the punctuation mark.</param>
/// <param name="Start">Offset of the first character.</param>
/// <param name="End">Offset after the last character (possessive ending included).</param>
/// <param name="IsWord">True for words, false for punctuation.</param>
/// <param name="Possessive">True when the word ended in "'s" / "’s".</param>
internal readonly record struct Token(string Text, int Start, int End, bool IsWord, bool Possessive)
{
    /// <summary>True when the word starts with a capital letter (or is an all-capitals acronym).</summary>
    public bool IsCapitalised => IsWord && char.IsUpper(Text[0]);

    /// <summary>True when the word has a capital after its first letter ("CloudBank", "OLN", "DfT").</summary>
    public bool HasInnerCapital => IsWord && Text.Skip(1).Any(char.IsUpper);

    /// <summary>True for acronyms of two or more capitals, lowercase letters allowed between ("OLN", "DfT").</summary>
    public bool IsAcronym => IsWord && Text.Length is >= 2 and <= 10 && char.IsUpper(Text[0]) && char.IsUpper(Text[^1])
        && Text.Count(char.IsUpper) >= 2 && Text.All(char.IsLetterOrDigit);

    public string Lower => Text.ToLowerInvariant();
}

/// <summary>Splits a sentence into word and punctuation tokens.</summary>
internal static partial class Tokenizer
{
    [GeneratedRegex(@"[\p{L}\p{N}](?:[\p{L}\p{N}]|[-'’.&](?=[\p{L}\p{N}]))*|\S", RegexOptions.CultureInvariant)]
    private static partial Regex TokenPattern();

    public static List<Token> Tokenize(string sentence)
    {
        var tokens = new List<Token>((sentence.Length / 4) + 4); // short words and punctuation: room enough for most sentences without a resize
        foreach (var match in TokenPattern().EnumerateMatches(sentence))
        {
            var text = sentence.AsSpan(match.Index, match.Length);
            var isWord = char.IsLetterOrDigit(text[0]);
            if (isWord && text.Length > 2 && (text.EndsWith("'s", StringComparison.Ordinal) || text.EndsWith("’s", StringComparison.Ordinal)))
            {
                tokens.Add(new Token(text[..^2].ToString(), match.Index, match.Index + match.Length, true, true));
                continue;
            }

            tokens.Add(new Token(text.ToString(), match.Index, match.Index + match.Length, isWord, false));
        }

        return tokens;
    }
}

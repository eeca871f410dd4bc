namespace Bot.Core.Extraction;

/// <summary>
/// The key two spellings of one name share: case, punctuation, hyphens, a leading "the", plural tokens
/// ("Banks" / "Bank", "Services" / "Service") and British spellings ("Centre" / "Center") folded away.
/// </summary>
public static class NameKey
{
    /// <summary>The key of <paramref name="name"/>; empty when nothing of it is left.</summary>
    public static string Of(string name)
    {
        // The words of Tokens, each folded, joined by spaces, a leading "the" dropped: built in one buffer. A word is never
        // longer than the name, the key at most four times as long ("&" becomes " and ").
        var length = (name.Length * 4) + 4;
        var rented = length > 512 ? new char[length] : null;
        var key = rented ?? stackalloc char[length];
        var word = name.Length > 256 ? new char[name.Length] : stackalloc char[name.Length];
        var used = 0;
        var current = 0;
        foreach (var c in name)
        {
            if (char.IsLetterOrDigit(c))
            {
                word[current++] = char.ToLowerInvariant(c);
            }
            else if (c is '\'' or '’' or '‘' or '.')
            {
                // "People's" → "peoples"; "U.S." → "us".
            }
            else
            {
                used = AppendWord(key, used, word[..current]);
                current = 0;
                if (c == '&')
                {
                    used = AppendWord(key, used, "and");
                }
            }
        }

        used = AppendWord(key, used, word[..current]);
        return new string(key[..used]);
    }

    /// <summary>Appends one word of <see cref="Of"/>, folded, after a space; none for an empty word or a leading "the".</summary>
    private static int AppendWord(Span<char> key, int used, ReadOnlySpan<char> word)
    {
        if (word.IsEmpty || (used == 0 && word.SequenceEqual("the")))
        {
            return used;
        }

        if (used > 0)
        {
            key[used++] = ' ';
        }

        word.CopyTo(key[used..]);
        return used + FoldInPlace(key.Slice(used, word.Length));
    }

    /// <summary>
    /// The key with its words sorted when the name has three or more words besides "of", "the" and "and", so word-order
    /// variants meet ("Macau University Innovation Center" / "Innovation Centre of the University of Macau").
    /// </summary>
    public static string OrderFree(string name)
    {
        var key = Of(name);
        var text = key.AsSpan();
        var count = 0;
        foreach (var range in text.Split(' '))
        {
            if (!IsOrderFreeStopWord(text[range]))
            {
                count++;
            }
        }

        if (count < 3)
        {
            return key;
        }

        // The words but the stop words, sorted ordinally (an insertion sort: a name has a handful of words), then joined:
        // one string made, as this runs for every name of every article.
        var words = count <= 32 ? stackalloc Range[count] : new Range[count];
        count = 0;
        foreach (var range in text.Split(' '))
        {
            if (IsOrderFreeStopWord(text[range]))
            {
                continue;
            }

            var at = count++;
            while (at > 0 && text[words[at - 1]].SequenceCompareTo(text[range]) > 0)
            {
                words[at] = words[at - 1];
                at--;
            }

            words[at] = range;
        }

        var sorted = text.Length <= 512 ? stackalloc char[text.Length] : new char[text.Length];
        var used = 0;
        foreach (var range in words)
        {
            if (used > 0)
            {
                sorted[used++] = ' ';
            }

            text[range].CopyTo(sorted[used..]);
            used += text[range].Length;
        }

        return new string(sorted[..used]);
    }

    private static bool IsOrderFreeStopWord(ReadOnlySpan<char> word) => word is "of" or "the" or "and" or "for";

    /// <summary>Folds a lowercase word in place: "-tre" → "-ter", "isation" → "ization", a plain plural to its singular (every step keeps or shortens the word); returns the folded length.</summary>
    internal static int FoldInPlace(Span<char> token)
    {
        if (token.EndsWith("tre") && token.Length > 4)
        {
            "ter".CopyTo(token[^3..]);
        }

        for (var i = token.IndexOf("isation"); i >= 0; i = token[(i + 7)..].IndexOf("isation") is var next and >= 0 ? i + 7 + next : -1)
        {
            token[i + 1] = 'z'; // "isation" → "ization"
        }

        var length = token.Length;
        if (length > 3 && token.EndsWith("s") && !token.EndsWith("ss") && !token.EndsWith("us") && !token.EndsWith("is") && !token.EndsWith("os") && !token.EndsWith("ys"))
        {
            if (token.EndsWith("ies") && length > 4)
            {
                token[length - 3] = 'y';
                return length - 2;
            }

            return length - 1;
        }

        return length;
    }
}

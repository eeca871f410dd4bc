using System.Text;

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
        var sb = new StringBuilder(name.Length);
        foreach (var token in Tokens(name))
        {
            if (sb.Length == 0 && token is "the")
            {
                continue;
            }

            if (sb.Length > 0)
            {
                sb.Append(' ');
            }

            sb.Append(Fold(token));
        }

        return sb.ToString();
    }

    /// <summary>
    /// The key with its words sorted when the name has three or more words besides "of", "the" and "and", so word-order
    /// variants meet ("Macau University Innovation Center" / "Innovation Centre of the University of Macau").
    /// </summary>
    public static string OrderFree(string name)
    {
        var key = Of(name);
        var words = key.Split(' ').Where(w => w is not ("of" or "the" or "and" or "for")).ToList();
        if (words.Count < 3)
        {
            return key;
        }

        words.Sort(StringComparer.Ordinal);
        return string.Join(' ', words);
    }

    /// <summary>The lowercase word tokens of <paramref name="name"/> ('&amp;' becomes "and"; apostrophes and other punctuation split nothing and vanish).</summary>
    public static IEnumerable<string> Tokens(string name)
    {
        var current = new StringBuilder();
        foreach (var raw in name)
        {
            var c = raw;
            if (char.IsLetterOrDigit(c))
            {
                current.Append(char.ToLowerInvariant(c));
            }
            else if (c is '\'' or '’' or '‘' or '.')
            {
                // "People's" → "peoples"; "U.S." → "us".
            }
            else
            {
                if (c == '&')
                {
                    if (current.Length > 0)
                    {
                        yield return current.ToString();
                        current.Clear();
                    }

                    yield return "and";
                    continue;
                }

                if (current.Length > 0)
                {
                    yield return current.ToString();
                    current.Clear();
                }
            }
        }

        if (current.Length > 0)
        {
            yield return current.ToString();
        }
    }

    /// <summary>Folds one lowercase token: British "-tre"/"-isation" spellings and plain plurals.</summary>
    public static string Fold(string token)
    {
        if (token.EndsWith("tre", StringComparison.Ordinal) && token.Length > 4)
        {
            token = string.Concat(token.AsSpan(0, token.Length - 3), "ter");
        }

        if (token.Contains("isation", StringComparison.Ordinal))
        {
            token = token.Replace("isation", "ization", StringComparison.Ordinal);
        }

        if (token.Length > 3 && token.EndsWith('s') && !token.EndsWith("ss", StringComparison.Ordinal)
            && !token.EndsWith("us", StringComparison.Ordinal) && !token.EndsWith("is", StringComparison.Ordinal)
            && !token.EndsWith("os", StringComparison.Ordinal) && !token.EndsWith("ys", StringComparison.Ordinal))
        {
            token = token.EndsWith("ies", StringComparison.Ordinal) && token.Length > 4
                ? string.Concat(token.AsSpan(0, token.Length - 3), "y")
                : token[..^1];
        }

        return token;
    }
}

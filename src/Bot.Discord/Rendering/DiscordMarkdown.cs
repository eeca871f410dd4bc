using System.Text;

namespace Bot.Discord.Rendering;

/// <summary>Escapes plain text (article and user text) so Discord shows it literally.</summary>
internal static class DiscordMarkdown
{
    // Discord treats a backslash before any non-alphanumeric, non-space character as an escape, so over-escaping is invisible.
    private const string Everywhere = "\\*_~`|>[]<";

    /// <summary>Escapes markdown, masked links, mentions' angle brackets and line-start syntax (headings, lists, quotes).</summary>
    public static string Escape(string text)
    {
        var sb = new StringBuilder(text.Length + 16);
        var lineStart = true;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (lineStart)
            {
                // Headings (#), lists (- and 1.), subtext (-#) only act at a line's start.
                if (c is '#' or '-' or '+')
                {
                    sb.Append('\\');
                }
                else if (char.IsAsciiDigit(c))
                {
                    var j = i;
                    while (j < text.Length && char.IsAsciiDigit(text[j]))
                    {
                        j++;
                    }

                    if (j < text.Length && text[j] == '.')
                    {
                        sb.Append(text, i, j - i).Append("\\.");
                        i = j;
                        lineStart = false;
                        continue;
                    }
                }
            }

            if (Everywhere.Contains(c, StringComparison.Ordinal))
            {
                sb.Append('\\');
            }

            sb.Append(c);
            lineStart = c == '\n' || (lineStart && c == ' ');
        }

        return sb.ToString();
    }

    /// <summary>A URL safe inside a masked link's parentheses, or null when it is not an absolute http(s) URL.</summary>
    public static string? SafeUrl(string? url)
    {
        if (url is null || !Uri.TryCreate(url.Trim(), UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            return null;
        }

        return uri.AbsoluteUri.Replace("(", "%28", StringComparison.Ordinal).Replace(")", "%29", StringComparison.Ordinal)
            .Replace(" ", "%20", StringComparison.Ordinal).Replace("<", "%3C", StringComparison.Ordinal).Replace(">", "%3E", StringComparison.Ordinal);
    }

    /// <summary>Cuts <paramref name="text"/> to <paramref name="max"/> UTF-16 units with an ellipsis, never inside a surrogate pair.</summary>
    public static string Truncate(string text, int max)
    {
        if (text.Length <= max)
        {
            return text;
        }

        var cut = max - 1;
        if (cut > 0 && char.IsHighSurrogate(text[cut - 1]))
        {
            cut--;
        }

        // Do not leave a dangling escape backslash.
        var head = text[..cut];
        var trailing = head.Length - head.TrimEnd('\\').Length;
        if (trailing % 2 == 1)
        {
            head = head[..^1];
        }

        return head + "…";
    }
}

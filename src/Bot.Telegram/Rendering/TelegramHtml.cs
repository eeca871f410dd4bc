using System.Text;

namespace Bot.Telegram.Rendering;

/// <summary>Escaping for Telegram's HTML parse mode: only &amp;, &lt;, &gt; (and " in attributes) need it; named entities other than these fail.</summary>
internal static class TelegramHtml
{
    /// <summary>Escapes text for element content: &amp; first, then &lt; and &gt;.</summary>
    public static string Escape(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.AsSpan().IndexOfAny('&', '<', '>') < 0)
        {
            return text;
        }

        var sb = new StringBuilder(text.Length + 16);
        foreach (var c in text)
        {
            sb.Append(c switch
            {
                '&' => "&amp;",
                '<' => "&lt;",
                '>' => "&gt;",
                _ => null,
            });
            if (c is not ('&' or '<' or '>'))
            {
                sb.Append(c);
            }
        }

        return sb.ToString();
    }

    /// <summary>Escapes an attribute value (href): as content, plus the double quote.</summary>
    public static string EscapeAttribute(string text) => Escape(text).Replace("\"", "&quot;", StringComparison.Ordinal);

    /// <summary>A link is rendered only for absolute http(s) URLs; anything else would be refused or unsafe.</summary>
    public static bool IsLinkable(string? url) =>
        url is not null
        && Uri.TryCreate(url, UriKind.Absolute, out var uri)
        && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps);
}

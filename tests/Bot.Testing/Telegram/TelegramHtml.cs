using System.Globalization;
using System.Text;

namespace Bot.Testing.Telegram;

/// <summary>A link found in a message: its visible text and its target.</summary>
public sealed record HtmlLink(string Text, string Href);

/// <summary>What a Telegram client shows for a message sent with parse_mode HTML.</summary>
/// <param name="PlainText">The text after entity parsing (what the user reads).</param>
/// <param name="Links">The links, in order.</param>
/// <param name="BoldTexts">The texts shown in bold, in order.</param>
/// <param name="ItalicTexts">The texts shown in italics, in order.</param>
public sealed record ParsedHtml(string PlainText, IReadOnlyList<HtmlLink> Links, IReadOnlyList<string> BoldTexts, IReadOnlyList<string> ItalicTexts);

/// <summary>
/// Parses Telegram's HTML parse mode the way the Bot API does: only the documented tags, balanced and properly
/// nested; only &amp;lt; &amp;gt; &amp;amp; &amp;quot; and numeric entities. Errors carry Telegram's wording.
/// </summary>
public static class TelegramHtml
{
    private static readonly HashSet<string> AllowedTags =
        ["b", "strong", "i", "em", "u", "ins", "s", "strike", "del", "span", "tg-spoiler", "a", "tg-emoji", "code", "pre", "blockquote"];

    /// <summary>Parses <paramref name="html"/>; returns null and an error message when Telegram would refuse it.</summary>
    public static ParsedHtml? TryParse(string html, out string? error)
    {
        ArgumentNullException.ThrowIfNull(html);
        error = null;
        var plain = new StringBuilder();
        var stack = new Stack<(string Name, int Start, string? Href)>();
        var links = new List<HtmlLink>();
        var bold = new List<string>();
        var italic = new List<string>();
        var i = 0;
        while (i < html.Length)
        {
            var c = html[i];
            if (c == '<')
            {
                var end = html.IndexOf('>', i + 1);
                if (end < 0)
                {
                    error = $"Unclosed start tag at byte offset {i}";
                    return null;
                }

                var tag = html[(i + 1)..end].Trim();
                if (tag.StartsWith('/'))
                {
                    var name = tag[1..].Trim().ToLowerInvariant();
                    if (stack.Count == 0 || stack.Peek().Name != name)
                    {
                        error = $"Unmatched end tag at byte offset {i}, expected \"</{(stack.Count == 0 ? "" : stack.Peek().Name)}>\", found \"</{name}>\"";
                        return null;
                    }

                    var open = stack.Pop();
                    var inner = plain.ToString(open.Start, plain.Length - open.Start);
                    if (name is "b" or "strong")
                    {
                        bold.Add(inner);
                    }
                    else if (name is "i" or "em")
                    {
                        italic.Add(inner);
                    }
                    else if (name == "a")
                    {
                        links.Add(new HtmlLink(inner, open.Href ?? ""));
                    }
                }
                else
                {
                    var space = tag.IndexOfAny([' ', '\t', '\n']);
                    var name = (space < 0 ? tag : tag[..space]).ToLowerInvariant();
                    if (!AllowedTags.Contains(name))
                    {
                        error = $"Unsupported start tag \"{name}\" at byte offset {i}";
                        return null;
                    }

                    string? href = null;
                    if (space >= 0)
                    {
                        var attributes = tag[space..].Trim();
                        if (name == "a")
                        {
                            if (!attributes.StartsWith("href=\"", StringComparison.Ordinal) || !attributes.EndsWith('"') || attributes.Length < 7)
                            {
                                error = $"Can't parse attribute of tag \"a\" at byte offset {i}";
                                return null;
                            }

                            var raw = attributes[6..^1];
                            if (raw.Contains('"', StringComparison.Ordinal) || raw.Contains('<', StringComparison.Ordinal))
                            {
                                error = $"Unclosed attribute value at byte offset {i}";
                                return null;
                            }

                            href = DecodeEntities(raw, out error);
                            if (href is null)
                            {
                                return null;
                            }
                        }
                    }

                    stack.Push((name, plain.Length, href));
                }

                i = end + 1;
            }
            else if (c == '&')
            {
                var semi = html.IndexOf(';', i + 1);
                if (semi < 0 || semi - i > 10)
                {
                    // Telegram leaves a lone '&' as text only when no entity follows; we are strict: escape it.
                    error = $"Unsupported entity at byte offset {i}: a bare '&' must be written &amp;";
                    return null;
                }

                var decoded = DecodeEntity(html[(i + 1)..semi]);
                if (decoded is null)
                {
                    error = $"Unsupported entity \"&{html[(i + 1)..semi]};\" at byte offset {i}";
                    return null;
                }

                plain.Append(decoded);
                i = semi + 1;
            }
            else
            {
                plain.Append(c);
                i++;
            }
        }

        if (stack.Count > 0)
        {
            error = $"Can't find end tag corresponding to start tag \"{stack.Peek().Name}\"";
            return null;
        }

        return new ParsedHtml(plain.ToString(), links, bold, italic);
    }

    /// <summary>Parses or throws with Telegram's message.</summary>
    public static ParsedHtml Parse(string html) =>
        TryParse(html, out var error) ?? throw new FormatException("Bad Request: can't parse entities: " + error);

    private static string? DecodeEntities(string text, out string? error)
    {
        error = null;
        var sb = new StringBuilder();
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] != '&')
            {
                sb.Append(text[i]);
                continue;
            }

            var semi = text.IndexOf(';', i + 1);
            var decoded = semi < 0 ? null : DecodeEntity(text[(i + 1)..semi]);
            if (decoded is null)
            {
                error = "Unsupported entity in attribute";
                return null;
            }

            sb.Append(decoded);
            i = semi;
        }

        return sb.ToString();
    }

    private static string? DecodeEntity(string name)
    {
        switch (name)
        {
            case "lt": return "<";
            case "gt": return ">";
            case "amp": return "&";
            case "quot": return "\"";
            default:
                break;
        }

        if (name.StartsWith("#x", StringComparison.OrdinalIgnoreCase) && int.TryParse(name[2..], NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var hex))
        {
            return char.ConvertFromUtf32(hex);
        }

        return name.StartsWith('#') && int.TryParse(name[1..], NumberStyles.None, CultureInfo.InvariantCulture, out var dec)
            ? char.ConvertFromUtf32(dec)
            : null;
    }
}

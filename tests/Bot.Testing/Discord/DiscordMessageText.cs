using System.Text;
using System.Text.Json.Nodes;

namespace Bot.Testing.Discord;

/// <summary>
/// Reads a message payload the bot sent to Discord (an interaction response's data, an edit or a follow-up) as a user
/// sees it: content, then each embed's title, description, fields and footer, with Discord markdown undone (escapes,
/// bold and italics markers; masked links as "text (url)"). Also checks the payload against Discord's documented limits.
/// </summary>
public static class DiscordMessageText
{
    /// <summary>The plain text a user reads in <paramref name="message"/>.</summary>
    public static string PlainText(JsonNode message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var parts = new List<string>();
        if (message["content"]?.GetValue<string>() is { Length: > 0 } content)
        {
            parts.Add(Unmark(content));
        }

        foreach (var embed in message["embeds"]?.AsArray() ?? [])
        {
            parts.AddRange(EmbedTexts(embed).Select(Unmark));
        }

        return string.Join("\n", parts);
    }

    /// <summary>
    /// The texts of <paramref name="embed"/> in the order a reader sees them (title, description, each field's name and
    /// value, footer) as sent, markdown kept, empty ones left out: what Discord counts toward a message's 6000 characters.
    /// </summary>
    public static IEnumerable<string> EmbedTexts(JsonNode? embed)
    {
        var fields = (embed?["fields"]?.AsArray() ?? []).SelectMany(field => new[] { field?["name"], field?["value"] });
        return new[] { embed?["title"], embed?["description"] }
            .Concat(fields)
            .Append(embed?["footer"]?["text"])
            .Select(node => node?.GetValue<string>())
            .OfType<string>()
            .Where(text => text.Length > 0);
    }

    /// <summary>Every way <paramref name="message"/> breaks Discord's message and embed limits, or lets a mention ping.</summary>
    public static List<string> LimitViolations(JsonNode message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var problems = new List<string>();
        void Check(string what, int length, int limit)
        {
            if (length > limit)
            {
                problems.Add($"{what} has {length} characters (limit {limit})");
            }
        }

        Check("content", Length(message["content"]), 2000);
        var embeds = message["embeds"]?.AsArray() ?? [];
        Check("embeds", embeds.Count, 10);
        var total = 0;
        foreach (var embed in embeds)
        {
            var fields = embed?["fields"]?.AsArray() ?? [];
            Check("title", Length(embed?["title"]), 256);
            Check("description", Length(embed?["description"]), 4096);
            Check("fields", fields.Count, 25);
            Check("footer", Length(embed?["footer"]?["text"]), 2048);
            total += EmbedTexts(embed).Sum(text => text.Length);
            foreach (var field in fields)
            {
                Check("field name", Length(field?["name"]), 256);
                Check("field value", Length(field?["value"]), 1024);
            }
        }

        Check("the embeds together", total, 6000);
        if (message["allowed_mentions"]?["parse"] is not JsonArray { Count: 0 })
        {
            problems.Add("allowed_mentions.parse is not empty");
        }

        return problems;
    }

    /// <summary>Undoes the markdown the bot writes: backslash escapes, ** and * markers, masked links.</summary>
    public static string Unmark(string markdown)
    {
        ArgumentNullException.ThrowIfNull(markdown);
        var sb = new StringBuilder(markdown.Length);
        for (var i = 0; i < markdown.Length; i++)
        {
            var c = markdown[i];
            if (c == '\\' && i + 1 < markdown.Length)
            {
                sb.Append(markdown[++i]);
            }
            else if (c == '*')
            {
                // Bold and italic markers: escaped stars were handled above.
            }
            else if (c == '[' && MaskedLink(markdown, i) is { } link)
            {
                sb.Append(Unmark(link.Text)).Append(" (").Append(link.Url).Append(')');
                i = link.End;
            }
            else
            {
                sb.Append(c);
            }
        }

        return sb.ToString();
    }

    private static (string Text, string Url, int End)? MaskedLink(string text, int open)
    {
        for (var i = open + 1; i < text.Length; i++)
        {
            if (text[i] == '\\')
            {
                i++;
            }
            else if (text[i] == ']')
            {
                if (i + 1 >= text.Length || text[i + 1] != '(')
                {
                    return null;
                }

                var close = text.IndexOf(')', i + 2);
                return close < 0 ? null : (text[(open + 1)..i], text[(i + 2)..close], close);
            }
        }

        return null;
    }

    private static int Length(JsonNode? node) => node is JsonArray array ? array.Count : node?.GetValue<string>().Length ?? 0;
}

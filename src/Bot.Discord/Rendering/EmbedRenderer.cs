using System.Globalization;
using System.Text;
using Bot.Core.Replies;
using Bot.Discord.Rest;

namespace Bot.Discord.Rendering;

/// <summary>
/// Renders the core's <see cref="Reply"/> as Discord messages of one embed each: the title, the body as
/// paragraphs and bullet lines, the sources as masked links, the basis as footer. A reply over Discord's
/// limits (description 4096, 6000 per message) is split at line boundaries into follow-up messages;
/// choices become buttons on the last one. Every message carries <c>allowed_mentions: {parse: []}</c>.
/// <see cref="ReplyItem.Command"/> is not shown: slash commands typed in text are not clickable in Discord, and the
/// autocomplete of /about and /members already offers every name; the item's label, detail and sources are shown.
/// </summary>
internal static class EmbedRenderer
{
    public const int TitleLimit = 256;
    public const int DescriptionLimit = 4096;
    public const int FooterLimit = 2048;
    public const int MessageTotalLimit = 6000;
    public const int FieldLimit = 25;
    public const int FieldValueLimit = 1024;
    public const int ContentLimit = 2000;
    public const int CustomIdLimit = 100;
    public const int ButtonLabelLimit = 80;
    public const int MaxButtons = 25;

    /// <summary>The most messages one reply becomes; the rest is cut with a note.</summary>
    public const int MaxMessages = 5;

    /// <summary>The custom id prefix of buttons that run a command.</summary>
    public const string CommandPrefix = "cmd:";

    public static IReadOnlyList<MessagePayload> Render(Reply reply) => Render(reply, MaxMessages);

    /// <summary>
    /// Renders <paramref name="reply"/> in at most <paramref name="maxMessages"/> messages (the rest cut with a note);
    /// <see cref="int.MaxValue"/> for all of it, as digests are sent.
    /// </summary>
    public static IReadOnlyList<MessagePayload> Render(Reply reply, int maxMessages)
    {
        ArgumentNullException.ThrowIfNull(reply);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxMessages, 1);
        var lines = BodyLines(reply);
        var title = DiscordMarkdown.Truncate(DiscordMarkdown.Escape(reply.Title), TitleLimit);
        var footer = reply.Basis is { Length: > 0 } basis ? DiscordMarkdown.Truncate(basis, FooterLimit) : null;
        var color = ColorOf(reply.Kind);

        var descriptions = Pack(lines, DescriptionLimit - 1);
        var truncated = descriptions.Count > maxMessages;
        if (truncated)
        {
            descriptions = descriptions.Take(maxMessages).ToList();
            descriptions[^1] = DiscordMarkdown.Truncate(descriptions[^1], DescriptionLimit - 80) + "\n*(reply shortened: ask a narrower question)*";
        }

        var messages = new List<MessagePayload>(descriptions.Count);
        for (var i = 0; i < descriptions.Count; i++)
        {
            var last = i == descriptions.Count - 1;
            var embedTitle = i == 0 ? title : DiscordMarkdown.Truncate(title + string.Create(CultureInfo.InvariantCulture, $" ({i + 1}/{descriptions.Count})"), TitleLimit);
            var description = descriptions[i];
            EmbedFooter? embedFooter = null;
            if (last && footer is not null)
            {
                var room = MessageTotalLimit - embedTitle.Length - description.Length;
                if (room > 1)
                {
                    embedFooter = new EmbedFooter(DiscordMarkdown.Truncate(footer, Math.Min(room, FooterLimit)));
                }
            }

            messages.Add(new MessagePayload
            {
                Embeds = [new Embed { Title = embedTitle, Description = description.Length == 0 ? null : description, Color = color, Footer = embedFooter }],
                Components = last ? Buttons(reply.Choices) : null,
            });
        }

        return messages;
    }

    /// <summary>Choices as rows of up to five buttons whose custom id carries the command; commands too long for a custom id are left out.</summary>
    public static IReadOnlyList<ActionRow>? Buttons(IReadOnlyList<ReplyChoice> choices)
    {
        var buttons = choices
            .Where(c => CommandPrefix.Length + c.Command.Length <= CustomIdLimit && c.Label.Length > 0)
            .DistinctBy(c => c.Command, StringComparer.Ordinal)
            .Take(MaxButtons)
            .Select(c => new Button(DiscordMarkdown.Truncate(c.Label, ButtonLabelLimit), CommandPrefix + c.Command))
            .ToList();
        return buttons.Count == 0 ? null : buttons.Chunk(5).Select(row => new ActionRow(row)).ToList();
    }

    /// <summary>A plain message for errors, split at <see cref="ContentLimit"/>.</summary>
    public static IReadOnlyList<MessagePayload> PlainText(string text) =>
        Pack(SplitLong(DiscordMarkdown.Escape(text), ContentLimit), ContentLimit)
            .Select(chunk => new MessagePayload { Content = chunk })
            .ToList();

    private static List<string> BodyLines(Reply reply)
    {
        var lines = new List<string>();
        void Gap()
        {
            if (lines.Count > 0 && lines[^1].Length > 0)
            {
                lines.Add("");
            }
        }

        foreach (var block in reply.Blocks)
        {
            switch (block)
            {
                case Paragraph p:
                    Gap();
                    foreach (var line in p.Text.Split('\n'))
                    {
                        lines.AddRange(SplitLong(DiscordMarkdown.Escape(line.TrimEnd('\r')), DescriptionLimit - 1));
                    }

                    break;
                case Section s:
                    Gap();
                    if (s.Heading.Length > 0)
                    {
                        lines.Add("**" + DiscordMarkdown.Truncate(DiscordMarkdown.Escape(s.Heading), 200) + "**");
                    }

                    foreach (var item in s.Items)
                    {
                        lines.AddRange(SplitLong(ItemLine(item), DescriptionLimit - 1));
                    }

                    break;
                default:
                    break;
            }
        }

        if (reply.Citations.Count > 0)
        {
            Gap();
            lines.Add("**Sources**");
            foreach (var citation in reply.Citations)
            {
                lines.AddRange(SplitLong(CitationLine(citation), DescriptionLimit - 1));
            }
        }

        while (lines.Count > 0 && lines[^1].Length == 0)
        {
            lines.RemoveAt(lines.Count - 1);
        }

        return lines;
    }

    private static string ItemLine(ReplyItem item)
    {
        var sb = new StringBuilder("• **").Append(DiscordMarkdown.Escape(item.Label)).Append("**");
        if (item.Detail is { Length: > 0 } detail)
        {
            sb.Append(" — ").Append(DiscordMarkdown.Escape(detail.ReplaceLineEndings(" ")));
        }

        if (item.Citations.Count > 0)
        {
            sb.Append(' ');
            foreach (var n in item.Citations)
            {
                sb.Append(CultureInfo.InvariantCulture, $"\\[{n}\\]");
            }
        }

        return sb.ToString();
    }

    private static string CitationLine(Citation c)
    {
        var title = DiscordMarkdown.Truncate(DiscordMarkdown.Escape(c.Title.ReplaceLineEndings(" ")), 300);
        var url = DiscordMarkdown.SafeUrl(c.Url);
        var sb = new StringBuilder().Append(CultureInfo.InvariantCulture, $"\\[{c.Number}\\] ");
        sb.Append(url is null ? title : $"[{title}]({url})");
        var meta = new List<string>();
        if (c.Source.Length > 0)
        {
            meta.Add(DiscordMarkdown.Escape(c.Source));
        }

        if (c.Published is { } date)
        {
            meta.Add(date.ToString("d MMM yyyy", CultureInfo.InvariantCulture));
        }

        if (meta.Count > 0)
        {
            sb.Append(" — ").Append(string.Join(", ", meta));
        }

        return sb.ToString();
    }

    /// <summary>Joins lines into chunks of at most <paramref name="limit"/>, breaking only between lines.</summary>
    private static List<string> Pack(IEnumerable<string> lines, int limit)
    {
        var chunks = new List<string>();
        var current = new StringBuilder();
        foreach (var line in lines)
        {
            if (current.Length > 0 && current.Length + 1 + line.Length > limit)
            {
                chunks.Add(current.ToString().TrimEnd('\n'));
                current.Clear();
            }

            if (current.Length == 0 && line.Length == 0)
            {
                continue;
            }

            if (current.Length > 0)
            {
                current.Append('\n');
            }

            current.Append(line);
        }

        if (current.Length > 0)
        {
            chunks.Add(current.ToString().TrimEnd('\n'));
        }

        if (chunks.Count == 0)
        {
            chunks.Add("");
        }

        return chunks;
    }

    /// <summary>Splits one over-long line at spaces (or anywhere, as a last resort) into pieces of at most <paramref name="limit"/>.</summary>
    private static IEnumerable<string> SplitLong(string line, int limit)
    {
        while (line.Length > limit)
        {
            var cut = line.LastIndexOf(' ', limit - 1);
            if (cut < limit / 2)
            {
                cut = limit;
            }

            if (char.IsHighSurrogate(line[cut - 1]))
            {
                cut--;
            }

            // Never split an escape from the character it escapes.
            var backslashes = 0;
            while (cut - 1 - backslashes >= 0 && line[cut - 1 - backslashes] == '\\')
            {
                backslashes++;
            }

            if (backslashes % 2 == 1)
            {
                cut--;
            }

            yield return line[..cut].TrimEnd();
            line = line[cut..].TrimStart();
        }

        yield return line;
    }

    private static int ColorOf(ReplyKind kind) => kind switch
    {
        ReplyKind.Answer => 0x5865F2,
        ReplyKind.Help or ReplyKind.Usage => 0x57F287,
        ReplyKind.Suggestion or ReplyKind.Ambiguous => 0xFEE75C,
        _ => 0xED4245,
    };
}

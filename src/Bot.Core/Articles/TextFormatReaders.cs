using System.Text;
using System.Text.RegularExpressions;

namespace Bot.Core.Articles;

/// <summary>Plain text: paragraphs separated by blank lines or one per line; hard-wrapped lines are joined back.</summary>
internal static class PlainTextReader
{
    public static IReadOnlyList<SourceBlock> Read(string body)
    {
        var blocks = new List<SourceBlock>();
        string? pending = null;
        foreach (var raw in body.Split('\n'))
        {
            var line = TextShape.NormalizeSpaces(raw);
            if (line.Length == 0)
            {
                Flush(blocks, ref pending);
                continue;
            }

            if (pending is not null && LineJoining.Continues(pending, line))
            {
                pending += " " + line;
                continue;
            }

            Flush(blocks, ref pending);
            pending = line;
        }

        Flush(blocks, ref pending);
        return blocks;
    }

    private static void Flush(List<SourceBlock> blocks, ref string? pending)
    {
        if (pending is not null)
        {
            blocks.Add(new SourceBlock(pending, BlockKind.Text));
            pending = null;
        }
    }
}

/// <summary>When a line is the continuation of the line above (hard-wrapped text) rather than a line of its own.</summary>
internal static class LineJoining
{
    private const int WrappedLineLength = 50;

    public static bool Continues(string previous, string line) =>
        !TextShape.EndsWithSentencePunctuation(previous)
        && !TextShape.EndsWithEllipsis(previous)
        && (char.IsLower(line[0]) || previous.Length >= WrappedLineLength && previous[^1] is not '|');
}

/// <summary>
/// Markdown to blocks: ATX and setext headings, paragraphs, list items as lines, block quotes as text,
/// code fences and HTML comments dropped, links reduced to their text, images dropped, emphasis removed.
/// </summary>
internal static partial class MarkdownReader
{
    public static IReadOnlyList<SourceBlock> Read(string body)
    {
        var blocks = new List<SourceBlock>();
        var pending = new StringBuilder();
        var pendingKind = BlockKind.Text;
        var pendingLines = 0;
        string? fence = null;
        var inComment = false;

        void Flush()
        {
            var text = TextShape.NormalizeSpaces(Inline(pending.ToString()));
            if (text.Length > 0)
            {
                blocks.Add(new SourceBlock(text, pendingKind));
            }

            pending.Clear();
            pendingKind = BlockKind.Text;
            pendingLines = 0;
        }

        foreach (var raw in body.Split('\n'))
        {
            var line = raw.TrimEnd();
            var trimmed = line.TrimStart();

            if (fence is not null)
            {
                if (trimmed.StartsWith(fence, StringComparison.Ordinal))
                {
                    fence = null;
                }

                continue;
            }

            if (inComment)
            {
                inComment = !trimmed.Contains("-->", StringComparison.Ordinal);
                continue;
            }

            if (trimmed.StartsWith("```", StringComparison.Ordinal) || trimmed.StartsWith("~~~", StringComparison.Ordinal))
            {
                Flush();
                fence = trimmed[..3];
                continue;
            }

            if (trimmed.StartsWith("<!--", StringComparison.Ordinal))
            {
                Flush();
                inComment = !trimmed.Contains("-->", StringComparison.Ordinal);
                continue;
            }

            if (trimmed.Length == 0)
            {
                Flush();
                continue;
            }

            var heading = AtxHeading().Match(trimmed);
            if (heading.Success)
            {
                Flush();
                pending.Append(heading.Groups["text"].Value);
                pendingKind = BlockKind.Heading;
                Flush();
                continue;
            }

            if (SetextUnderline().IsMatch(trimmed) && pendingLines == 1 && pendingKind == BlockKind.Text)
            {
                pendingKind = BlockKind.Heading;
                Flush();
                continue;
            }

            if (Rule().IsMatch(trimmed) || LinkDefinition().IsMatch(trimmed) || TableSeparator().IsMatch(trimmed))
            {
                Flush();
                continue;
            }

            var item = ListItem().Match(line);
            if (item.Success)
            {
                Flush();
                pending.Append(item.Groups["text"].Value);
                pendingKind = BlockKind.ListItem;
                pendingLines = 1;
                continue;
            }

            var text = trimmed;
            while (text.StartsWith('>'))
            {
                text = text[1..].TrimStart();
            }

            if (text.StartsWith('|') && text.EndsWith('|'))
            {
                text = string.Join(" | ", text.Trim('|').Split('|').Select(cell => cell.Trim()));
            }

            if (pendingLines > 0)
            {
                var previous = TextShape.NormalizeSpaces(Inline(pending.ToString()));
                var hardBreak = raw.EndsWith("  ", StringComparison.Ordinal) || pending[^1] == '\\';
                var next = TextShape.NormalizeSpaces(Inline(text));
                var continuation = pendingKind == BlockKind.ListItem
                    ? raw.StartsWith(' ') || raw.StartsWith('\t')
                    : !hardBreak && previous.Length > 0 && next.Length > 0 && LineJoining.Continues(previous, next);
                if (continuation)
                {
                    pending.Append(' ').Append(text);
                    pendingLines++;
                    continue;
                }

                Flush();
            }

            pending.Append(text);
            pendingLines = 1;
        }

        Flush();
        return blocks;
    }

    /// <summary>Inline Markdown to plain text.</summary>
    internal static string Inline(string text)
    {
        text = Image().Replace(text, string.Empty);
        text = Link().Replace(text, "${text}");
        text = ReferenceLink().Replace(text, "${text}");
        text = AutoLink().Replace(text, "${url}");
        text = HtmlTag().Replace(text, string.Empty);
        text = Code().Replace(text, "${text}");
        text = Strong().Replace(text, "${text}");
        text = Emphasis().Replace(text, "${text}");
        text = Strike().Replace(text, "${text}");
        text = Escape().Replace(text, "${c}");
        return text.TrimEnd('\\');
    }

    [GeneratedRegex(@"^#{1,6}\s+(?<text>.*?)(?:\s+#+)?\s*$")]
    private static partial Regex AtxHeading();

    [GeneratedRegex(@"^(?:=+|-+)$")]
    private static partial Regex SetextUnderline();

    [GeneratedRegex(@"^(?:(?:\*\s*){3,}|(?:-\s*){3,}|(?:_\s*){3,})$")]
    private static partial Regex Rule();

    [GeneratedRegex(@"^\[[^\]]+\]:\s*\S+")]
    private static partial Regex LinkDefinition();

    [GeneratedRegex(@"^\|?\s*:?-{3,}:?\s*(?:\|\s*:?-{3,}:?\s*)*\|?$")]
    private static partial Regex TableSeparator();

    [GeneratedRegex(@"^\s{0,3}(?:[-*+]|\d{1,3}[.)])\s+(?:\[[ xX]\]\s+)?(?<text>.+)$")]
    private static partial Regex ListItem();

    [GeneratedRegex(@"!\[[^\]]*\]\([^)]*\)|!\[[^\]]*\]\[[^\]]*\]")]
    private static partial Regex Image();

    [GeneratedRegex(@"\[(?<text>[^\]]*)\]\((?:[^()\s]+|\([^)]*\))*(?:\s+""[^""]*"")?\)")]
    private static partial Regex Link();

    [GeneratedRegex(@"\[(?<text>[^\]]+)\]\[[^\]]*\]")]
    private static partial Regex ReferenceLink();

    [GeneratedRegex(@"<(?<url>(?:https?|mailto):[^>\s]+)>")]
    private static partial Regex AutoLink();

    [GeneratedRegex(@"</?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?/?>")]
    private static partial Regex HtmlTag();

    [GeneratedRegex(@"`+(?<text>[^`]+)`+")]
    private static partial Regex Code();

    [GeneratedRegex(@"(\*\*|__)(?=\S)(?<text>.+?)(?<=\S)\1")]
    private static partial Regex Strong();

    [GeneratedRegex(@"(?<![\w*])\*(?=\S)(?<text>[^*]+?)(?<=\S)\*(?![\w*])|(?<![\w_])_(?=\S)(?<text>[^_]+?)(?<=\S)_(?![\w_])")]
    private static partial Regex Emphasis();

    [GeneratedRegex(@"~~(?<text>.+?)~~")]
    private static partial Regex Strike();

    [GeneratedRegex(@"\\(?<c>[\\`*_{}\[\]()#+\-.!>|])")]
    private static partial Regex Escape();
}

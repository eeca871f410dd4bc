using System.Text.RegularExpressions;

namespace Bot.Core.Articles;

/// <summary>Plain text: paragraphs separated by blank lines or one per line; hard-wrapped paragraphs are joined back.</summary>
internal static class PlainTextReader
{
    /// <summary>The blocks of <paramref name="body"/>, whose lines end with "\n", "\r\n" or "\r".</summary>
    public static IReadOnlyList<SourceBlock> Read(ReadOnlySpan<char> body)
    {
        var blocks = new List<SourceBlock>();
        var chunk = new List<string>();
        while (true)
        {
            var end = body.IndexOfAny('\n', '\r');
            var line = TextShape.NormalizeSpaces(end < 0 ? body : body[..end]);
            if (line.Length > 0)
            {
                chunk.Add(line);
            }
            else
            {
                Flush(blocks, chunk);
            }

            if (end < 0)
            {
                break;
            }

            body = body[(end + (body[end] == '\r' && end + 1 < body.Length && body[end + 1] == '\n' ? 2 : 1))..];
        }

        Flush(blocks, chunk);
        return blocks;
    }

    private static void Flush(List<SourceBlock> blocks, List<string> chunk)
    {
        if (chunk.Count == 1)
        {
            // A line between blank lines is its own block (what LineJoining.Join gives it), without the lists.
            blocks.Add(new SourceBlock(chunk[0], BlockKind.Text));
        }
        else if (chunk.Count > 1)
        {
            foreach (var text in LineJoining.Join(chunk))
            {
                blocks.Add(new SourceBlock(text, BlockKind.Text));
            }
        }

        chunk.Clear();
    }
}

/// <summary>
/// Whether the lines of a chunk (lines between blank lines) are one paragraph hard-wrapped at a width, or
/// separate lines (one paragraph per line, or headline, masthead and date lines). Wrapped: most inner lines end
/// without punctuation, they are long, none reads as a headline (mostly capitalised) and no line is a date line.
/// </summary>
internal static class LineJoining
{
    /// <summary>Wrapped lines are at least this long on average.</summary>
    private const int WrappedLineLength = 40;

    /// <summary>The chunk's blocks: one joined paragraph when it is hard-wrapped, else one block per line.</summary>
    public static IReadOnlyList<string> Join(IReadOnlyList<string> lines)
    {
        if (lines.Count <= 1)
        {
            return [.. lines];
        }

        // Inner lines are all but the last; open ones end without sentence punctuation or ellipsis.
        var inner = lines.Count - 1;
        var open = 0;
        long openLength = 0;
        for (var i = 0; i < inner; i++)
        {
            if (IsOpen(lines[i]))
            {
                open++;
                openLength += lines[i].Length;
            }
        }

        var wrapped = open * 2 > inner
            && (double)openLength / open >= WrappedLineLength
            && !AnyOpenHeadline(lines, inner)
            && !AnyDateLine(lines);
        return wrapped ? [string.Join(' ', lines)] : [.. lines];
    }

    private static bool IsOpen(string line) => !TextShape.EndsWithSentencePunctuation(line) && !TextShape.EndsWithEllipsis(line);

    private static bool AnyOpenHeadline(IReadOnlyList<string> lines, int inner)
    {
        for (var i = 0; i < inner; i++)
        {
            if (IsOpen(lines[i]) && TextShape.CapitalisedShare(lines[i]) >= 0.75)
            {
                return true;
            }
        }

        return false;
    }

    private static bool AnyDateLine(IReadOnlyList<string> lines)
    {
        foreach (var line in lines)
        {
            if (DateText.IsDateLine(line, out _))
            {
                return true;
            }
        }

        return false;
    }
}

/// <summary>
/// Markdown to blocks: ATX and setext headings, paragraphs, list items as lines, block quotes as text,
/// code fences and HTML comments dropped, links reduced to their text, images dropped, emphasis removed.
/// </summary>
internal static partial class MarkdownReader
{
    private const int TimeoutMs = 1000;

    public static IReadOnlyList<SourceBlock> Read(string body)
    {
        var blocks = new List<SourceBlock>();
        var pending = new List<string>();
        var pendingKind = BlockKind.Text;
        string? fence = null;
        var inComment = false;

        void Flush()
        {
            var lines = pending.Select(line => TextShape.NormalizeSpaces(Inline(line))).Where(line => line.Length > 0).ToList();
            IReadOnlyList<string> texts = pendingKind == BlockKind.Text ? LineJoining.Join(lines) : lines.Count == 0 ? [] : [string.Join(' ', lines)];
            blocks.AddRange(texts.Select(text => new SourceBlock(text, pendingKind)));
            pending.Clear();
            pendingKind = BlockKind.Text;
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
                pending.Add(heading.Groups["text"].Value);
                pendingKind = BlockKind.Heading;
                Flush();
                continue;
            }

            if (SetextUnderline().IsMatch(trimmed) && pending.Count == 1 && pendingKind == BlockKind.Text)
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
                pending.Add(item.Groups["text"].Value);
                pendingKind = BlockKind.ListItem;
                continue;
            }

            if (pendingKind == BlockKind.ListItem && !(raw.StartsWith(' ') || raw.StartsWith('\t')))
            {
                Flush();
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

            pending.Add(text);
        }

        Flush();
        return blocks;
    }

    /// <summary>Inline Markdown to plain text. A line too odd to reduce in time is kept as it is.</summary>
    internal static string Inline(string text)
    {
        try
        {
            return InlineCore(text);
        }
        catch (RegexMatchTimeoutException)
        {
            return text;
        }
    }

    private static string InlineCore(string text)
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

    [GeneratedRegex(@"!\[[^\]]*\]\([^)]*\)|!\[[^\]]*\]\[[^\]]*\]", RegexOptions.None, TimeoutMs)]
    private static partial Regex Image();

    [GeneratedRegex(@"\[(?<text>[^\]]*)\]\((?:[^()\s]|\([^()]*\))*(?:\s+""[^""]*"")?\)", RegexOptions.None, TimeoutMs)]
    private static partial Regex Link();

    [GeneratedRegex(@"\[(?<text>[^\]]+)\]\[[^\]]*\]", RegexOptions.None, TimeoutMs)]
    private static partial Regex ReferenceLink();

    [GeneratedRegex(@"<(?<url>(?:https?|mailto):[^>\s]+)>", RegexOptions.None, TimeoutMs)]
    private static partial Regex AutoLink();

    [GeneratedRegex(@"</?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?/?>", RegexOptions.None, TimeoutMs)]
    private static partial Regex HtmlTag();

    [GeneratedRegex(@"`+(?<text>[^`]+)`+", RegexOptions.None, TimeoutMs)]
    private static partial Regex Code();

    [GeneratedRegex(@"(\*\*|__)(?=\S)(?<text>.+?)(?<=\S)\1", RegexOptions.None, TimeoutMs)]
    private static partial Regex Strong();

    [GeneratedRegex(@"(?<![\w*])\*(?=\S)(?<text>[^*]+?)(?<=\S)\*(?![\w*])|(?<![\w_])_(?=\S)(?<text>[^_]+?)(?<=\S)_(?![\w_])", RegexOptions.None, TimeoutMs)]
    private static partial Regex Emphasis();

    [GeneratedRegex(@"~~(?<text>.+?)~~", RegexOptions.None, TimeoutMs)]
    private static partial Regex Strike();

    [GeneratedRegex(@"\\(?<c>[\\`*_{}\[\]()#+\-.!>|])", RegexOptions.None, TimeoutMs)]
    private static partial Regex Escape();
}

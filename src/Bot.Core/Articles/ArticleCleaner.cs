using System.Text.RegularExpressions;

namespace Bot.Core.Articles;

/// <summary>An article after cleaning, before it is given its file identity.</summary>
internal sealed record CleanArticle(
    string? Title,
    string? Url,
    DateOnly? Published,
    string? Publisher,
    IReadOnlyList<string> Paragraphs,
    IReadOnlyList<string> BodyParts);

/// <summary>
/// Turns the blocks of an article into headline, date, publisher and body paragraphs, removing news-site
/// boilerplate. Pure: the same blocks and rules give the same result. Markers come from <see cref="BoilerplateRules"/>;
/// the shapes of lines (headline, subheading, dateline, byline, teaser) are judged here.
/// </summary>
internal sealed partial class ArticleCleaner(BoilerplateRules rules)
{
    /// <summary>How many leading blocks may hold the headline, kicker, masthead, byline and date.</summary>
    private const int HeaderZoneBlocks = 6;

    /// <summary>A date line this close to the top still dates the article.</summary>
    private const int DateSearchBlocks = 10;

    public CleanArticle Clean(SourceArticle source)
    {
        var blocks = source.Blocks;
        var metadata = source.Metadata;
        var consumed = new bool[blocks.Count];
        var published = metadata.Published;
        var publisher = metadata.Publisher;

        var headerEnd = HeaderZoneEnd(blocks);
        var titleIndex = FindTitle(blocks, headerEnd, metadata.Title);
        var title = metadata.Title ?? (titleIndex >= 0 ? blocks[titleIndex].Text : null);
        if (titleIndex >= 0)
        {
            consumed[titleIndex] = true;
        }

        ReadHeader(blocks, headerEnd, titleIndex, consumed, ref published, ref publisher);

        var paragraphs = new List<string>();
        var bodyParts = new List<string>();
        if (title is not null)
        {
            bodyParts.Add(title);
        }

        var afterTeaser = false;
        for (var i = 0; i < blocks.Count; i++)
        {
            if (consumed[i])
            {
                continue;
            }

            var block = blocks[i];
            var text = block.Text;
            if (rules.IsCutMarker(text))
            {
                if (paragraphs.Count > 0)
                {
                    break;
                }

                continue;
            }

            if (title is not null && i < HeaderZoneBlocks && SameText(text, title))
            {
                continue;
            }

            var next = i + 1 < blocks.Count ? blocks[i + 1].Text : null;
            switch (Classify(block, next, afterTeaser))
            {
                case LineRole.Date:
                    if (published is null && i < DateSearchBlocks && DateText.IsDateLine(text, out var date))
                    {
                        published = date;
                    }

                    break;
                case LineRole.Teaser:
                    afterTeaser = true;
                    break;
                case LineRole.Boilerplate:
                    break;
                case LineRole.Subheading:
                    bodyParts.Add(text);
                    afterTeaser = false;
                    break;
                default:
                    var paragraph = rules.StripWirePrefix(text);

                    // "Mumbai, June 12, 2024 — The network …": the date of a dateline that opens the body dates the article.
                    if (published is null && paragraph.Length < text.Length && i < DateSearchBlocks
                        && DateText.TryFind(text[..(text.Length - paragraph.Length)], out var datelineDate, out _))
                    {
                        published = datelineDate;
                    }

                    paragraphs.Add(paragraph);
                    bodyParts.Add(paragraph);
                    afterTeaser = false;
                    break;
            }
        }

        return new CleanArticle(title, metadata.Url, published, publisher, paragraphs, bodyParts);
    }

    /// <summary>The first block that reads as running text ends the header zone (at most <see cref="HeaderZoneBlocks"/> blocks).</summary>
    private static int HeaderZoneEnd(IReadOnlyList<SourceBlock> blocks)
    {
        var end = 0;
        while (end < blocks.Count && end < HeaderZoneBlocks && IsShortLine(blocks[end]))
        {
            end++;
        }

        return end;
    }

    private static bool IsShortLine(SourceBlock block) =>
        block.Kind == BlockKind.Heading
        || (TextShape.WordCount(block.Text, 20) <= 20 && !TextShape.EndsWithPeriod(block.Text) && !TextShape.EndsWithEllipsis(block.Text));

    private int FindTitle(IReadOnlyList<SourceBlock> blocks, int headerEnd, string? statedTitle)
    {
        if (statedTitle is not null)
        {
            for (var i = 0; i < Math.Min(blocks.Count, HeaderZoneBlocks); i++)
            {
                if (SameText(blocks[i].Text, statedTitle))
                {
                    return i;
                }
            }

            return -1;
        }

        for (var i = 0; i < headerEnd; i++)
        {
            if (blocks[i].Kind == BlockKind.Heading && TextShape.WordCount(blocks[i].Text, 3) >= 3 && !IsFurniture(blocks[i].Text))
            {
                return i;
            }
        }

        for (var i = 0; i < headerEnd; i++)
        {
            if (IsHeadline(blocks[i].Text))
            {
                return i;
            }
        }

        // A sentence-case headline: the first short line of the header that is not furniture (breadcrumb, date,
        // byline), four words or more so not a section label, with the article's text below it.
        for (var i = 0; i < headerEnd && i + 1 < blocks.Count; i++)
        {
            var text = blocks[i].Text;
            if (IsFurniture(text) || IsMetaLine(text))
            {
                continue;
            }

            var words = TextShape.WordCount(text, 20);
            return words is >= 4 and <= 20 && TextShape.StartsLikeText(text) && !TextShape.EndsWithSentencePunctuation(text) ? i : -1;
        }

        return -1;
    }

    /// <summary>
    /// The short lines around the headline: a kicker or section label above it (dropped), a masthead, byline and
    /// date below it (read, then dropped). Lines that are none of these stay for the body.
    /// </summary>
    private void ReadHeader(
        IReadOnlyList<SourceBlock> blocks,
        int headerEnd,
        int titleIndex,
        bool[] consumed,
        ref DateOnly? published,
        ref string? publisher)
    {
        for (var i = 0; i < headerEnd; i++)
        {
            if (consumed[i])
            {
                continue;
            }

            var text = blocks[i].Text;
            if (DateText.IsDateLine(text, out var date))
            {
                published ??= date;
                consumed[i] = true;
                continue;
            }

            if (IsMetaLine(text, out var metaDate))
            {
                published ??= metaDate;
                consumed[i] = true;
                continue;
            }

            if (IsByline(text) || IsRoleLine(text))
            {
                consumed[i] = true;
                continue;
            }

            if (titleIndex >= 0 && i < titleIndex)
            {
                // Kicker, section label or breadcrumb above the headline.
                consumed[i] = true;
                continue;
            }

            if (IsMasthead(text))
            {
                var nextToDate = (i > 0 && DateText.IsDateLine(blocks[i - 1].Text, out _))
                    || (i + 1 < headerEnd && DateText.IsDateLine(blocks[i + 1].Text, out _));
                var words = TextShape.WordCount(text, 5); // a masthead has 1–5
                if (HasPublisherWord(text))
                {
                    publisher ??= text;
                    consumed[i] = true;
                }
                else if (words is 2 or 3 && TextShape.IsNameLike(text))
                {
                    // A person's name under the headline: the author.
                    consumed[i] = true;
                }
                else if (nextToDate)
                {
                    publisher ??= text;
                    consumed[i] = true;
                }
                else if (titleIndex < 0 && words <= 3)
                {
                    // No headline: a short label at the top is a section label.
                    consumed[i] = true;
                }
            }
        }
    }

    private LineRole Classify(SourceBlock block, string? next, bool afterTeaser)
    {
        var text = block.Text;
        if (rules.IsDropLine(text) || IsPromo(text))
        {
            return LineRole.Boilerplate;
        }

        if (IsWireDateline(text))
        {
            return LineRole.Boilerplate;
        }

        if (DateText.IsDateLine(text, out _))
        {
            return LineRole.Date;
        }

        if (TextShape.EndsWithEllipsis(text) && !text.EndsWith("[…]", StringComparison.Ordinal))
        {
            return LineRole.Teaser;
        }

        if (IsByline(text) || IsRoleLine(text))
        {
            return LineRole.Boilerplate;
        }

        // The words matter only to a line without sentence punctuation (most paragraphs have it): counted for those only,
        // no further than the 21st (the count is exact up to 20).
        var unpunctuated = !TextShape.EndsWithSentencePunctuation(text);
        var words = unpunctuated ? TextShape.WordCount(text, 20) : 0;
        if (unpunctuated && words <= 20 && text.Contains(" | ", StringComparison.Ordinal))
        {
            // "Section | Headline": a link in a list of stories.
            return LineRole.Teaser;
        }

        if (afterTeaser && unpunctuated && words <= 4 && TextShape.IsNameLike(text))
        {
            // A lone name or role under a teaser: its author.
            return LineRole.Teaser;
        }

        if (IsSubheadingShape(text) && next is not null && TextShape.EndsWithEllipsis(next))
        {
            // The headline of a teaser: "Headline" then "First words of the story…".
            return LineRole.Teaser;
        }

        if (block.Kind == BlockKind.ListItem)
        {
            return LineRole.Paragraph;
        }

        return block.Kind == BlockKind.Heading || IsSubheadingShape(text) ? LineRole.Subheading : LineRole.Paragraph;
    }

    /// <summary>
    /// A metadata line of separated parts, one of them a date: "Jane Roe | Staff Reporter | 12 Feb 2024",
    /// "Markets · June 8, 2019 · 4 min read".
    /// </summary>
    private static bool IsMetaLine(string text, out DateOnly? date)
    {
        date = null;
        if (TextShape.WordCount(text, 16) > 16 || TextShape.EndsWithPeriod(text))
        {
            return false;
        }

        // Without a separator the line is one part: most lines, spared the split.
        if (text.AsSpan().IndexOfAny('|', '•', '·') < 0)
        {
            return false;
        }

        var parts = text.Split(['|', '•', '·'], StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length < 2)
        {
            return false;
        }

        foreach (var part in parts)
        {
            if (DateText.IsDateLine(part, out var found))
            {
                date = found;
                return true;
            }
        }

        return false;
    }

    private static bool IsMetaLine(string text) => IsMetaLine(text, out _);

    /// <summary>A headline: 4–20 words, mostly capitalised, no terminal period, not a date, label or boilerplate.</summary>
    private bool IsHeadline(string text)
    {
        if (TextShape.WordCount(text, 20) is < 4 or > 20)
        {
            return false;
        }

        return text.Length <= 160
            && TextShape.StartsLikeText(text)
            && !TextShape.EndsWithPeriod(text)
            && !TextShape.EndsWithEllipsis(text)
            && text[^1] is not (':' or ';' or ',')
            && TextShape.CapitalisedShare(text) >= 0.75
            && !IsFurniture(text);
    }

    /// <summary>A subheading inside the body: a short line that starts like text and ends without punctuation.</summary>
    private static bool IsSubheadingShape(string text)
    {
        // The length first: it rules out a paragraph at once; the words are counted no further than the 15th.
        if (text.Length > 110)
        {
            return false;
        }

        var words = TextShape.WordCount(text, 14);
        return words is >= 1 and <= 14
            && TextShape.StartsLikeText(text)
            && !TextShape.EndsWithSentencePunctuation(text)
            && !TextShape.EndsWithEllipsis(text);
    }

    /// <summary>A masthead: a short name (1–5 capitalised words, no digits, no punctuation at the end).</summary>
    private static bool IsMasthead(string text)
    {
        if (TextShape.WordCount(text, 5) is < 1 or > 5)
        {
            return false;
        }

        return !TextShape.EndsWithSentencePunctuation(text)
            && !TextShape.HasDigit(text)
            && TextShape.CapitalisedShare(text) >= 0.99;
    }

    private bool IsFurniture(string text) =>
        rules.IsCutMarker(text) || rules.IsDropLine(text) || IsPromo(text) || IsWireDateline(text)
        || DateText.IsDateLine(text, out _) || IsByline(text) || IsRoleLine(text);

    /// <summary>A promotion: opens with a promotional verb and is not a sentence ending in a period.</summary>
    private bool IsPromo(string text) => rules.StartsWithPromoVerb(text) && !TextShape.EndsWithPeriod(text);

    /// <summary>"By Jane Doe", "Written by Jane Doe, Staff Writer": a short line naming the author.</summary>
    private static bool IsByline(string text) =>
        Byline().IsMatch(text) && TextShape.WordCount(text, 10) <= 10 && !TextShape.EndsWithPeriod(text);

    /// <summary>"Senior Editor", "Jane Doe, Staff Writer": a short line that ends with an author's role.</summary>
    private bool IsRoleLine(string text)
    {
        if (TextShape.WordCount(text, 5) is < 1 or > 5)
        {
            return false; // most lines: more than five words
        }

        return !TextShape.EndsWithSentencePunctuation(text)
            && TextShape.CapitalisedShare(text) >= 0.99
            && rules.BylineRoles.Contains(TextShape.LastWord(text).Trim(",.)"));
    }

    /// <summary>
    /// A wire dateline standing as a line: one to three place names, a date, at most a wire name
    /// ("Oslo, Norway, 3rd March 2025, Newswire").
    /// </summary>
    private static bool IsWireDateline(string text)
    {
        if (text.Length > 120 || TextShape.EndsWithPeriod(text) || !DateText.TryFind(text, out _, out var match))
        {
            return false;
        }

        var before = text[..match.Index].Trim().TrimEnd(',').Trim();
        var after = text[(match.Index + match.Length)..].Trim().TrimStart(',', '/', '-', '–', '—').Trim().TrimEnd('/', '-', '–', '—').Trim();
        if (before.Length == 0)
        {
            return false;
        }

        var places = before.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        if (places.Length is < 1 or > 3 || !places.All(IsPlaceOrName))
        {
            return false;
        }

        return after.Length == 0 || (!after.Contains(',', StringComparison.Ordinal) && IsPlaceOrName(after));
    }

    private static bool IsPlaceOrName(string part)
    {
        if (TextShape.WordCount(part, 4) is < 1 or > 4)
        {
            return false;
        }

        return TextShape.StartsLikeText(part) && !TextShape.HasDigit(part) && TextShape.CapitalisedShare(part) >= 0.99;
    }

    /// <summary>Whether two lines read the same, ignoring case and a final period: compared as slices, no trimmed copies.</summary>
    private static bool SameText(string a, string b) =>
        a.AsSpan().TrimEnd(". ").Equals(b.AsSpan().TrimEnd(". "), StringComparison.OrdinalIgnoreCase);

    /// <summary>Whether a word of the line (its commas, periods and colons trimmed) is one of the rules' publisher words.</summary>
    private bool HasPublisherWord(string text)
    {
        foreach (var word in TextShape.EnumerateWords(text))
        {
            if (rules.PublisherWords.Contains(word.Trim(",.:")))
            {
                return true;
            }
        }

        return false;
    }

    [GeneratedRegex(@"^(?:by|written by|posted by|reported by|words by|story by|text by|author:?)\s+(?-i:[\p{Lu}])", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Byline();

    private enum LineRole
    {
        Paragraph,
        Subheading,
        Date,
        Teaser,
        Boilerplate,
    }
}

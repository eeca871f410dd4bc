namespace Bot.Core.Articles;

/// <summary>
/// One article after loading and cleaning: boilerplate removed, title and date found.
/// </summary>
/// <param name="SourceName">The file's path relative to the dataset folder, with '/' separators ("000_c812.txt").</param>
/// <param name="ContentHash">Lowercase hex SHA-256 of the file's bytes: the key that makes re-extraction unnecessary.</param>
/// <param name="Title">The headline: the front-matter title, the heading, the first line that reads as a headline, or a shortened first sentence.</param>
/// <param name="Url">The article's link when the file carries one (front matter, HTML canonical link), else null.</param>
/// <param name="Published">The publication date when the text carries one, else null.</param>
/// <param name="Publisher">The publication or source name when the file names it (front matter "source", a masthead line), else null.</param>
/// <param name="Paragraphs">The body's text paragraphs in order, without headings, boilerplate, bylines or datelines: what facts are extracted from.</param>
/// <param name="BodyParts">
/// The parts of the whole cleaned text (headline, subheadings and paragraphs), in order: the body that full-text search
/// indexes is them joined by blank lines. Kept as parts, not joined, because a store writes the body once as UTF-8 and
/// a joined copy of every article would wait in memory for it.
/// </param>
public sealed record ArticleDocument(
    string SourceName,
    string ContentHash,
    string Title,
    string? Url,
    DateOnly? Published,
    string? Publisher,
    IReadOnlyList<string> Paragraphs,
    IReadOnlyList<string> BodyParts)
{
    /// <summary>What joins the parts of the body: a blank line.</summary>
    public const string PartSeparator = "\n\n";

    /// <summary>The whole cleaned text, the parts joined by blank lines (made on each call).</summary>
    public string Body => string.Join(PartSeparator, BodyParts);

    /// <summary>The length of <see cref="Body"/>.</summary>
    public int BodyLength
    {
        get
        {
            var length = BodyParts.Count > 1 ? (BodyParts.Count - 1) * PartSeparator.Length : 0;
            foreach (var part in BodyParts)
            {
                length += part.Length;
            }

            return length;
        }
    }

    /// <summary>Writes <see cref="Body"/> into <paramref name="into"/> (at least <see cref="BodyLength"/> long) and returns its length.</summary>
    public int CopyBodyTo(Span<char> into)
    {
        var used = 0;
        for (var i = 0; i < BodyParts.Count; i++)
        {
            if (i > 0)
            {
                PartSeparator.CopyTo(into[used..]);
                used += PartSeparator.Length;
            }

            BodyParts[i].CopyTo(into[used..]);
            used += BodyParts[i].Length;
        }

        return used;
    }
}

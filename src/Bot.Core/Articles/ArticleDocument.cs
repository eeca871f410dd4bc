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
/// <param name="Body">The whole cleaned text (headline, subheadings and paragraphs) for full-text search.</param>
public sealed record ArticleDocument(
    string SourceName,
    string ContentHash,
    string Title,
    string? Url,
    DateOnly? Published,
    string? Publisher,
    IReadOnlyList<string> Paragraphs,
    string Body);

namespace Bot.Core.Articles;

/// <summary>
/// Text of an article file to an <see cref="ArticleDocument"/>: reads the format (plain text, Markdown, HTML, optional YAML
/// front matter), then cleans it. Pure: no file access, so tests and other loaders call it with any text.
/// </summary>
public sealed class ArticleParser(BoilerplateRules rules)
{
    private readonly ArticleCleaner _cleaner = new(rules);

    /// <summary>The file extensions the parser reads, lowercase with the dot.</summary>
    public static IReadOnlySet<string> Extensions { get; } = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
    {
        ".txt", ".md", ".markdown", ".html", ".htm",
    };

    /// <summary>
    /// Parses and cleans one article. <paramref name="extension"/> (".txt", ".md", ".html"…; with or without the dot)
    /// picks the format; anything else reads as plain text. Never throws on odd content: a broken front matter or
    /// malformed HTML still gives the text that can be read. When no paragraph survives cleaning,
    /// <see cref="ArticleDocument.Paragraphs"/> is empty.
    /// </summary>
    public ArticleDocument Parse(string sourceName, string contentHash, string text, string extension)
    {
        ArgumentNullException.ThrowIfNull(text);
        return Parse(sourceName, contentHash, text.AsSpan(), extension);
    }

    /// <summary><see cref="Parse(string, string, string, string)"/> of text held in a buffer: plain text is read without a copy of the whole text.</summary>
    internal ArticleDocument Parse(string sourceName, string contentHash, ReadOnlySpan<char> text, string extension)
    {
        ArgumentNullException.ThrowIfNull(sourceName);
        ArgumentNullException.ThrowIfNull(contentHash);

        var clean = _cleaner.Clean(Read(text, NormaliseExtension(extension)));
        var title = clean.Title
            ?? (clean.Paragraphs.Count > 0 ? TextShape.ShortTitle(clean.Paragraphs[0]) : null)
            ?? Path.GetFileNameWithoutExtension(sourceName);
        return new ArticleDocument(
            sourceName,
            contentHash,
            title,
            clean.Url,
            clean.Published,
            clean.Publisher,
            clean.Paragraphs,
            clean.BodyParts);
    }

    /// <summary>
    /// <see cref="Read(string, string)"/> of text held in a buffer. Plain text without front matter, the common case, is
    /// read line by line from the buffer (its line breaks "\r\n", "\r" or "\n"); other formats read a string of it.
    /// </summary>
    internal static SourceArticle Read(ReadOnlySpan<char> text, string extension)
    {
        var body = text.TrimStart('\uFEFF');
        return extension is ".html" or ".htm" or ".md" or ".markdown" || body.StartsWith("---", StringComparison.Ordinal)
            ? Read(text.ToString(), extension)
            : new SourceArticle(ArticleMetadata.None, PlainTextReader.Read(body));
    }

    internal static SourceArticle Read(string text, string extension)
    {
        text = text.Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n').TrimStart('\uFEFF');
        if (extension is ".html" or ".htm")
        {
            return HtmlArticleReader.Read(text);
        }

        var body = FrontMatter.Split(text, out var metadata);
        var blocks = extension is ".md" or ".markdown" ? MarkdownReader.Read(body) : PlainTextReader.Read(body);
        return new SourceArticle(metadata, blocks);
    }

    private static string NormaliseExtension(string? extension)
    {
        if (string.IsNullOrWhiteSpace(extension))
        {
            return ".txt";
        }

        extension = extension.Trim().ToLowerInvariant();
        return extension.StartsWith('.') ? extension : "." + extension;
    }
}

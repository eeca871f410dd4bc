namespace Bot.Core.Articles;

/// <summary>How a block of source text was marked up.</summary>
internal enum BlockKind
{
    /// <summary>A line or paragraph of running text (plain text lines, Markdown paragraphs, HTML paragraphs).</summary>
    Text,

    /// <summary>A heading the format marks as one (Markdown "#", HTML h1–h6).</summary>
    Heading,

    /// <summary>A list item.</summary>
    ListItem,
}

/// <summary>One block of an article as its format reader saw it, before cleaning.</summary>
internal sealed record SourceBlock(string Text, BlockKind Kind);

/// <summary>Metadata a file states explicitly (front matter, HTML meta tags); null where it says nothing.</summary>
internal sealed record ArticleMetadata(string? Title, string? Url, DateOnly? Published, string? Publisher)
{
    public static ArticleMetadata None { get; } = new(null, null, null, null);
}

/// <summary>An article as read from its format: stated metadata and the blocks of text in order.</summary>
internal sealed record SourceArticle(ArticleMetadata Metadata, IReadOnlyList<SourceBlock> Blocks);

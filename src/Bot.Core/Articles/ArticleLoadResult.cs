using System.Diagnostics.CodeAnalysis;

namespace Bot.Core.Articles;

/// <summary>Why a file was not loaded as an article.</summary>
public enum ArticleSkipReason
{
    /// <summary>The file is empty or holds only whitespace.</summary>
    Empty,

    /// <summary>The file is binary: NUL bytes or mostly control characters.</summary>
    Binary,

    /// <summary>The file is not valid UTF-8.</summary>
    InvalidUtf8,

    /// <summary>The file is larger than <see cref="DatasetOptions.MaxFileBytes"/>.</summary>
    TooLarge,

    /// <summary>The file could not be read (gone, locked, no permission).</summary>
    Unreadable,

    /// <summary>Nothing but boilerplate, headings or markup: no paragraph of text was left after cleaning.</summary>
    NoText,
}

/// <summary>The outcome of loading one file: the article, or the reason it was skipped.</summary>
public sealed record ArticleLoadResult
{
    private ArticleLoadResult(ArticleFileInfo file, ArticleDocument? document, ArticleSkipReason? skipReason, string? detail)
    {
        File = file;
        Document = document;
        SkipReason = skipReason;
        Detail = detail;
    }

    /// <summary>The file this result is about.</summary>
    public ArticleFileInfo File { get; }

    /// <summary>The article, when the file loaded.</summary>
    public ArticleDocument? Document { get; }

    /// <summary>Why the file was skipped, when it was.</summary>
    public ArticleSkipReason? SkipReason { get; }

    /// <summary>A human-readable explanation of the skip (sizes, the offending byte offset…), else null.</summary>
    public string? Detail { get; }

    /// <summary>True when <see cref="Document"/> holds the article.</summary>
    [MemberNotNullWhen(true, nameof(Document))]
    public bool IsLoaded => Document is not null;

    /// <summary>A loaded article.</summary>
    public static ArticleLoadResult Loaded(ArticleFileInfo file, ArticleDocument document) =>
        new(file, document ?? throw new ArgumentNullException(nameof(document)), null, null);

    /// <summary>A skipped file.</summary>
    public static ArticleLoadResult Skipped(ArticleFileInfo file, ArticleSkipReason reason, string detail) =>
        new(file, null, reason, detail);
}

namespace Bot.Core.Articles;

/// <summary>An article file found in the dataset folder, before it is read.</summary>
/// <param name="FullPath">The file's absolute path.</param>
/// <param name="SourceName">The path relative to the dataset folder with '/' separators: the article's stable name.</param>
/// <param name="Length">The file's size in bytes.</param>
/// <param name="LastWriteUtc">When the file was last written (UTC).</param>
public sealed record ArticleFileInfo(string FullPath, string SourceName, long Length, DateTimeOffset LastWriteUtc);

using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Bot.Core.Articles;

/// <summary>
/// Finds article files in a folder and loads them: checks size, binary content and UTF-8 before parsing,
/// and logs a warning naming every file it skips.
/// </summary>
public sealed partial class ArticleLoader(ArticleParser parser, IOptions<DatasetOptions> options, ILogger<ArticleLoader> logger)
{
    /// <summary>Above this share of control characters a file is binary.</summary>
    private const double MaxControlShare = 0.10;

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>
    /// The article files under <paramref name="folder"/>, recursively (.txt, .md, .markdown, .html, .htm; hidden and
    /// system files left out), sorted by <see cref="ArticleFileInfo.SourceName"/> (ordinal).
    /// </summary>
    /// <exception cref="DirectoryNotFoundException">The folder does not exist.</exception>
    public IEnumerable<ArticleFileInfo> Enumerate(string folder)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(folder);
        var root = Path.GetFullPath(folder);
        if (!Directory.Exists(root))
        {
            throw new DirectoryNotFoundException($"Article folder not found: {root} (set Dataset:Path).");
        }

        var enumeration = new EnumerationOptions { RecurseSubdirectories = true, IgnoreInaccessible = true };
        return new DirectoryInfo(root)
            .EnumerateFiles("*", enumeration)
            .Where(file => ArticleParser.Extensions.Contains(file.Extension))
            .Select(file => new ArticleFileInfo(
                file.FullName,
                Path.GetRelativePath(root, file.FullName).Replace(Path.DirectorySeparatorChar, '/'),
                file.Length,
                new DateTimeOffset(file.LastWriteTimeUtc, TimeSpan.Zero)))
            .OrderBy(file => file.SourceName, StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>Loads every article file under <paramref name="folder"/>, in <see cref="Enumerate"/> order; skipped files are logged and left out.</summary>
    public IReadOnlyList<ArticleDocument> LoadFolder(string folder)
    {
        var documents = new List<ArticleDocument>();
        var skipped = 0;
        foreach (var file in Enumerate(folder))
        {
            var result = Load(file);
            if (result.IsLoaded)
            {
                documents.Add(result.Document);
            }
            else
            {
                skipped++;
            }
        }

        LogFolderLoaded(logger, documents.Count, skipped, folder);
        return documents;
    }

    /// <summary>
    /// Reads, checks and parses one file. Skips (with a warning naming the file) an empty or whitespace-only file,
    /// a binary file, a file that is not valid UTF-8, one larger than <see cref="DatasetOptions.MaxFileBytes"/>
    /// (checked before reading) and one with no paragraph of text after cleaning.
    /// </summary>
    public ArticleLoadResult Load(ArticleFileInfo file)
    {
        ArgumentNullException.ThrowIfNull(file);
        var maxBytes = options.Value.MaxFileBytes;
        byte[] bytes;
        try
        {
            var length = new FileInfo(file.FullPath).Length;
            if (length > maxBytes)
            {
                return Skip(file, ArticleSkipReason.TooLarge, string.Create(CultureInfo.InvariantCulture, $"{length:N0} bytes, the limit is {maxBytes:N0}"));
            }

            bytes = ReadAtMost(file.FullPath, maxBytes);
            if (bytes.Length > maxBytes)
            {
                return Skip(file, ArticleSkipReason.TooLarge, string.Create(CultureInfo.InvariantCulture, $"grew past the limit of {maxBytes:N0} bytes while being read"));
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            LogUnreadable(logger, file.SourceName, file.FullPath, ex);
            return ArticleLoadResult.Skipped(file, ArticleSkipReason.Unreadable, ex.Message);
        }

        var check = Check(bytes, out var text);
        if (check is { } skip)
        {
            return Skip(file, skip.Reason, skip.Detail);
        }

        var document = parser.Parse(file.SourceName, Hash(bytes), text, Path.GetExtension(file.FullPath));
        if (document.Paragraphs.Count == 0)
        {
            return Skip(file, ArticleSkipReason.NoText, "no paragraph of text left after removing boilerplate");
        }

        return ArticleLoadResult.Loaded(file, document);
    }

    /// <summary>Lowercase hex SHA-256 of the bytes.</summary>
    internal static string Hash(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));

    /// <summary>Checks raw bytes: empty, binary, strict UTF-8 (a BOM is fine). Returns null and the text when they are fine.</summary>
    internal static (ArticleSkipReason Reason, string Detail)? Check(byte[] bytes, out string text)
    {
        text = string.Empty;
        if (bytes.Length == 0)
        {
            return (ArticleSkipReason.Empty, "the file is empty");
        }

        var nul = Array.IndexOf(bytes, (byte)0);
        if (nul >= 0)
        {
            return (ArticleSkipReason.Binary, $"NUL byte at offset {nul}");
        }

        var control = 0;
        foreach (var b in bytes)
        {
            if (b < 0x20 && b is not ((byte)'\t' or (byte)'\n' or (byte)'\r' or 0x0C) || b == 0x7F)
            {
                control++;
            }
        }

        if (control > bytes.Length * MaxControlShare)
        {
            return (ArticleSkipReason.Binary, $"{control} of {bytes.Length} bytes are control characters");
        }

        var start = bytes.AsSpan().StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]) ? 3 : 0;
        try
        {
            text = StrictUtf8.GetString(bytes, start, bytes.Length - start);
        }
        catch (DecoderFallbackException ex)
        {
            var at = ex.Index >= 0 ? $" at byte {ex.Index + start}" : string.Empty;
            return (ArticleSkipReason.InvalidUtf8, $"not valid UTF-8{at}");
        }

        if (string.IsNullOrWhiteSpace(text.Replace('\u00A0', ' ')))
        {
            return (ArticleSkipReason.Empty, "the file holds only whitespace");
        }

        return null;
    }

    private static byte[] ReadAtMost(string path, long maxBytes)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = stream.Read(chunk, 0, chunk.Length)) > 0)
        {
            buffer.Write(chunk, 0, read);
            if (buffer.Length > maxBytes)
            {
                break;
            }
        }

        return buffer.ToArray();
    }

    private ArticleLoadResult Skip(ArticleFileInfo file, ArticleSkipReason reason, string detail)
    {
        LogSkipped(logger, file.SourceName, reason, detail, file.FullPath);
        return ArticleLoadResult.Skipped(file, reason, detail);
    }

    [LoggerMessage(EventId = 1000, Level = LogLevel.Warning, Message = "Skipped article file {SourceName}: {Reason} ({Detail}); path {FullPath}")]
    private static partial void LogSkipped(ILogger logger, string sourceName, ArticleSkipReason reason, string detail, string fullPath);

    [LoggerMessage(EventId = 1001, Level = LogLevel.Warning, Message = "Skipped article file {SourceName}: it could not be read; path {FullPath}")]
    private static partial void LogUnreadable(ILogger logger, string sourceName, string fullPath, Exception exception);

    [LoggerMessage(EventId = 1002, Level = LogLevel.Information, Message = "Loaded {Count} articles ({Skipped} files skipped) from {Folder}")]
    private static partial void LogFolderLoaded(ILogger logger, int count, int skipped, string folder);
}

using System.Buffers;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Win32.SafeHandles;

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

    /// <summary>The bytes <see cref="Check(ReadOnlySpan{byte}, out string)"/> counts as control characters (tab, newlines and form feed are text).</summary>
    private static readonly SearchValues<byte> ControlBytes = SearchValues.Create(
        [.. Enumerable.Range(0, 0x20).Where(b => b is not ('\t' or '\n' or '\r' or 0x0C)).Select(b => (byte)b), 0x7F]);

    /// <summary>Set when asking ahead for a file failed unexpectedly (<see cref="Prefetch"/>): no more hints.</summary>
    private volatile bool _noHints;

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
    /// Asks the operating system to start reading <paramref name="file"/> into its cache (where it can: Linux), so that
    /// <see cref="Load"/> does not wait for the disk; returns at once and never fails: a file that cannot be opened is
    /// for <see cref="Load"/> to report, and an unexpected failure is logged once and ends the hints of this loader. A
    /// file over the size limit is not asked for, as it will not be read.
    /// </summary>
    public void Prefetch(ArticleFileInfo file)
    {
        ArgumentNullException.ThrowIfNull(file);
        if (_noHints || file.Length > options.Value.MaxFileBytes)
        {
            return;
        }

        try
        {
            FileReadHint.WillRead(file.FullPath);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            _noHints = true;
            LogPrefetchFailed(logger, e, file.SourceName);
        }
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
        byte[]? rented = null;
        char[]? chars = null;
        try
        {
            int count;
            try
            {
                // The length from the open file, not from its path: one system call fewer for every article.
                using var handle = File.OpenHandle(file.FullPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
                var length = RandomAccess.GetLength(handle);
                if (length > maxBytes)
                {
                    return Skip(file, ArticleSkipReason.TooLarge, string.Create(CultureInfo.InvariantCulture, $"{length:N0} bytes, the limit is {maxBytes:N0}"));
                }

                count = ReadAtMost(handle, length, maxBytes, out rented);
                if (count > maxBytes)
                {
                    return Skip(file, ArticleSkipReason.TooLarge, string.Create(CultureInfo.InvariantCulture, $"grew past the limit of {maxBytes:N0} bytes while being read"));
                }
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                LogUnreadable(logger, file.SourceName, file.FullPath, ex);
                return ArticleLoadResult.Skipped(file, ArticleSkipReason.Unreadable, ex.Message);
            }

            // The text is decoded into a pooled buffer, not a string: the parser makes strings of its lines only.
            var bytes = rented.AsSpan(0, count);
            var check = Check(bytes, out chars, out var charCount);
            if (check is { } skip)
            {
                return Skip(file, skip.Reason, skip.Detail);
            }

            var document = parser.Parse(file.SourceName, Hash(bytes), chars.AsSpan(0, charCount), Path.GetExtension(file.FullPath));
            if (document.Paragraphs.Count == 0)
            {
                return Skip(file, ArticleSkipReason.NoText, "no paragraph of text left after removing boilerplate");
            }

            return ArticleLoadResult.Loaded(file, document);
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }

            if (chars is not null)
            {
                ArrayPool<char>.Shared.Return(chars);
            }
        }
    }

    /// <summary>Lowercase hex SHA-256 of the bytes.</summary>
    internal static string Hash(ReadOnlySpan<byte> bytes)
    {
        Span<byte> digest = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(bytes, digest);
        return Convert.ToHexStringLower(digest);
    }

    /// <summary>
    /// Checks raw bytes: empty, binary, strict UTF-8 (a BOM is fine). Returns null when they are fine, with the text
    /// decoded into the first <paramref name="count"/> characters of a buffer from the shared pool, which the caller
    /// returns (null when none was rented).
    /// </summary>
    internal static (ArticleSkipReason Reason, string Detail)? Check(ReadOnlySpan<byte> bytes, out char[]? chars, out int count)
    {
        chars = null;
        count = 0;
        if (CheckBytes(bytes, out var start) is { } skip)
        {
            return skip;
        }

        // UTF-8 never decodes to more UTF-16 characters than it has bytes.
        chars = ArrayPool<char>.Shared.Rent(Math.Max(1, bytes.Length - start));
        try
        {
            count = StrictUtf8.GetChars(bytes[start..], chars);
        }
        catch (DecoderFallbackException ex)
        {
            return InvalidUtf8(ex, start);
        }

        return chars.AsSpan(0, count).IsWhiteSpace() ? WhiteSpaceOnly : null;
    }

    /// <summary>(No-break spaces are white space too: such a file is empty.)</summary>
    private static readonly (ArticleSkipReason Reason, string Detail) WhiteSpaceOnly = (ArticleSkipReason.Empty, "the file holds only whitespace");

    /// <summary>The checks before decoding (empty, binary); <paramref name="start"/> is where the text starts after a BOM.</summary>
    private static (ArticleSkipReason Reason, string Detail)? CheckBytes(ReadOnlySpan<byte> bytes, out int start)
    {
        start = 0;
        if (bytes.Length == 0)
        {
            return (ArticleSkipReason.Empty, "the file is empty");
        }

        var nul = bytes.IndexOf((byte)0);
        if (nul >= 0)
        {
            return (ArticleSkipReason.Binary, $"NUL byte at offset {nul}");
        }

        // Text has no control character at all, mostly: a vectorised search finds none, and only a file with one is counted.
        var control = 0;
        for (var at = bytes.IndexOfAny(ControlBytes); at >= 0; at = NextIndexOfAny(bytes, at + 1, ControlBytes))
        {
            control++;
        }

        if (control > bytes.Length * MaxControlShare)
        {
            return (ArticleSkipReason.Binary, $"{control} of {bytes.Length} bytes are control characters");
        }

        start = bytes.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]) ? 3 : 0;
        return null;
    }

    /// <summary>The skip of text that is not UTF-8, naming the file offset of the first invalid byte when the decoder gives it.</summary>
    private static (ArticleSkipReason Reason, string Detail) InvalidUtf8(DecoderFallbackException ex, int start) =>
        (ArticleSkipReason.InvalidUtf8, ex.Index >= 0 ? $"not valid UTF-8 at byte {ex.Index + start}" : "not valid UTF-8");

    private static int NextIndexOfAny(ReadOnlySpan<byte> bytes, int from, SearchValues<byte> values)
    {
        var at = bytes[from..].IndexOfAny(values);
        return at < 0 ? -1 : from + at;
    }

    /// <summary>
    /// Reads the file into a buffer from the shared pool (returned by the caller) sized by its length: one read for a file
    /// that did not change, no chunks or copies. Reads at most one byte past <paramref name="maxBytes"/>, so a count above
    /// it means the file grew past the limit. Returns the count of bytes read.
    /// </summary>
    private static int ReadAtMost(SafeFileHandle handle, long length, long maxBytes, out byte[] buffer)
    {
        var limit = (int)Math.Min(maxBytes + 1, int.MaxValue);
        buffer = ArrayPool<byte>.Shared.Rent((int)Math.Min(length + 1, limit));
        var count = 0;
        while (count < limit)
        {
            if (count == buffer.Length)
            {
                // The file grew while being read: a larger buffer, up to one byte past the limit.
                var larger = ArrayPool<byte>.Shared.Rent((int)Math.Min(2L * buffer.Length, limit));
                buffer.AsSpan(0, count).CopyTo(larger);
                ArrayPool<byte>.Shared.Return(buffer);
                buffer = larger;
            }

            var read = RandomAccess.Read(handle, buffer.AsSpan(count, Math.Min(buffer.Length, limit) - count), count);
            if (read == 0)
            {
                break;
            }

            count += read;
        }

        return count;
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

    [LoggerMessage(EventId = 1003, Level = LogLevel.Warning, Message = "Asking the system to read article file {SourceName} ahead failed; files are read without asking ahead from now on")]
    private static partial void LogPrefetchFailed(ILogger logger, Exception exception, string sourceName);

    [LoggerMessage(EventId = 1002, Level = LogLevel.Information, Message = "Loaded {Count} articles ({Skipped} files skipped) from {Folder}")]
    private static partial void LogFolderLoaded(ILogger logger, int count, int skipped, string folder);
}

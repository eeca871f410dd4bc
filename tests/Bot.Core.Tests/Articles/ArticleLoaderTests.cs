using System.Security.Cryptography;
using System.Text;
using Bot.Core.Articles;
using Bot.Testing.Logging;
using Microsoft.Extensions.Logging;

namespace Bot.Core.Tests.Articles;

/// <summary>The loader on a temporary folder of good and bad files.</summary>
public sealed class ArticleLoaderTests : IDisposable
{
    private const string Story = "Lakeside Mill Reopens After Flood Repairs\n\nThe mill reopened on Friday after a year of repairs funded by the county.\n";

    private readonly string _folder = Path.Combine(Path.GetTempPath(), "bot-articles-" + Guid.NewGuid().ToString("N"));
    private readonly RecordingLogger<ArticleLoader> _logger = new();

    public ArticleLoaderTests() => Directory.CreateDirectory(_folder);

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private string Write(string name, byte[] bytes)
    {
        var path = Path.Combine(_folder, name);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    private string Write(string name, string text) => Write(name, Encoding.UTF8.GetBytes(text));

    private ArticleLoadResult LoadOne(string name, long maxFileBytes = 2 * 1024 * 1024)
    {
        var loader = ArticleTestKit.Loader(_logger, maxFileBytes);
        return loader.Load(loader.Enumerate(_folder).Single(f => f.SourceName == name));
    }

    [Fact]
    public void Enumerate_NestedFolders_ListsArticleFilesSortedWithSlashNames()
    {
        Write("b.txt", Story);
        Write("A.md", Story);
        Write("news/2025/c.html", "<p>x</p>");
        Write("news/d.htm", "<p>x</p>");
        Write("e.markdown", Story);
        Write("notes.pdf", Story);
        Write("image.png", [0x89, 0x50]);
        Write("README", Story);

        var files = ArticleTestKit.Loader(_logger).Enumerate(_folder).ToList();

        Assert.Equal(["A.md", "b.txt", "e.markdown", "news/2025/c.html", "news/d.htm"], files.Select(f => f.SourceName));
        Assert.All(files, f => Assert.True(Path.IsPathFullyQualified(f.FullPath)));
        Assert.Equal(Encoding.UTF8.GetByteCount(Story), files[1].Length);
    }

    [Fact]
    public void Enumerate_MissingFolder_FailsNamingTheFolder()
    {
        var missing = Path.Combine(_folder, "nope");

        var ex = Assert.Throws<DirectoryNotFoundException>(() => ArticleTestKit.Loader(_logger).Enumerate(missing));

        Assert.Contains(missing, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_GoodFile_ContentHashIsLowercaseSha256OfTheBytes()
    {
        var path = Write("mill.txt", Story);

        var result = LoadOne("mill.txt");

        Assert.True(result.IsLoaded);
        Assert.Equal(Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(path))).ToLowerInvariant(), result.Document.ContentHash);
        Assert.Equal("mill.txt", result.Document.SourceName);
        Assert.Equal("Lakeside Mill Reopens After Flood Repairs", result.Document.Title);
        Assert.Empty(_logger.Entries);
    }

    [Fact]
    public void Load_FileWithBom_LoadsWithoutTheBom()
    {
        Write("bom.txt", [0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes(Story)]);

        var result = LoadOne("bom.txt");

        Assert.True(result.IsLoaded);
        Assert.Equal("Lakeside Mill Reopens After Flood Repairs", result.Document.Title);
    }

    [Fact]
    public void Load_EmptyFile_IsSkippedWithWarningNamingIt()
    {
        Write("empty.txt", []);

        var result = LoadOne("empty.txt");

        Assert.False(result.IsLoaded);
        Assert.Equal(ArticleSkipReason.Empty, result.SkipReason);
        var warning = Assert.Single(_logger.Warnings);
        Assert.Contains("empty.txt", warning.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_WhitespaceOnlyFile_IsSkippedAsEmpty()
    {
        Write("blank.md", " \n\t\r\n\u00A0 \n");

        var result = LoadOne("blank.md");

        Assert.Equal(ArticleSkipReason.Empty, result.SkipReason);
        Assert.Contains("blank.md", Assert.Single(_logger.Warnings).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_FileWithNulBytes_IsSkippedAsBinary()
    {
        Write("photo.txt", [0x41, 0x42, 0x00, 0x43, 0x0A]);

        var result = LoadOne("photo.txt");

        Assert.Equal(ArticleSkipReason.Binary, result.SkipReason);
        Assert.Contains("photo.txt", Assert.Single(_logger.Warnings).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_FileOfControlCharacters_IsSkippedAsBinary()
    {
        Write("blob.htm", [.. Enumerable.Range(0, 200).Select(i => (byte)(i % 2 == 0 ? 0x01 : 0x41))]);

        Assert.Equal(ArticleSkipReason.Binary, LoadOne("blob.htm").SkipReason);
    }

    [Fact]
    public void Load_Latin1File_IsSkippedAsInvalidUtf8()
    {
        Write("latin1.txt", Encoding.Latin1.GetBytes("Caf\u00e9 chain opens its first store in the old town, the owner said.\n"));

        var result = LoadOne("latin1.txt");

        Assert.Equal(ArticleSkipReason.InvalidUtf8, result.SkipReason);
        var warning = Assert.Single(_logger.Warnings);
        Assert.Contains("latin1.txt", warning.Message, StringComparison.Ordinal);
        Assert.Contains("UTF-8", warning.Message, StringComparison.Ordinal);
        Assert.Equal("not valid UTF-8 at byte 3", result.Detail);
    }

    [Theory]
    [InlineData(false, 0, 3)]
    [InlineData(true, 0, 6)]
    [InlineData(true, 5000, 5006)]
    public void Load_InvalidUtf8_NamesTheByteOfTheFile(bool bom, int padding, int at)
    {
        // "Café" in Latin-1 after an optional byte order mark and a run of valid text: the offset counts from the file's start.
        Write("offset.txt", [.. bom ? Encoding.UTF8.Preamble : [], .. Encoding.ASCII.GetBytes(new string('a', padding)), .. Encoding.Latin1.GetBytes("Caf\u00e9 opens.\n")]);

        var result = LoadOne("offset.txt");

        Assert.Equal(ArticleSkipReason.InvalidUtf8, result.SkipReason);
        Assert.Equal($"not valid UTF-8 at byte {at}", result.Detail);
    }

    [Fact]
    public void Load_FileOverSizeLimit_IsSkippedBeforeItsContentIsJudged()
    {
        // Invalid UTF-8 too: the size is checked first, without decoding the content.
        Write("huge.txt", [.. Enumerable.Repeat((byte)0xE9, 5000)]);

        var result = LoadOne("huge.txt", maxFileBytes: 4096);

        Assert.Equal(ArticleSkipReason.TooLarge, result.SkipReason);
        var warning = Assert.Single(_logger.Warnings);
        Assert.Contains("huge.txt", warning.Message, StringComparison.Ordinal);
        Assert.Contains("4,096", warning.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Prefetch_IsAHintOnly_AFileGoneMeanwhileIsReportedByTheLoadThatFollows()
    {
        Write("mill.txt", Story);
        var gone = Write("gone.txt", Story);
        var loader = ArticleTestKit.Loader(_logger);
        var files = loader.Enumerate(_folder).ToDictionary(f => f.SourceName);
        File.Delete(gone);

        // Neither the file there nor the one gone fails or logs anything when asked for ahead.
        loader.Prefetch(files["mill.txt"]);
        loader.Prefetch(files["gone.txt"]);
        Assert.Empty(_logger.Entries);

        Assert.Equal("Lakeside Mill Reopens After Flood Repairs", loader.Load(files["mill.txt"]).Document?.Title);
        Assert.Equal(ArticleSkipReason.Unreadable, loader.Load(files["gone.txt"]).SkipReason);
        Assert.Contains("gone.txt", Assert.Single(_logger.Warnings).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FileReadHint_IsTakenForAFileThere_OnLinux64_AndNotForOneGone()
    {
        var path = Write("mill.txt", Story);
        var hints = OperatingSystem.IsLinux() && Environment.Is64BitProcess;

        Assert.Equal(hints, FileReadHint.WillRead(path));
        Assert.False(FileReadHint.WillRead(Path.Combine(_folder, "gone.txt")));
    }

    [Fact]
    public void Load_FileOfOnlyBoilerplate_IsSkippedAsNoText()
    {
        Write("stub.txt", "Advertisement\n\nLeave a Reply\n\nYour email address will not be published.\n");

        Assert.Equal(ArticleSkipReason.NoText, LoadOne("stub.txt").SkipReason);
        Assert.Contains("stub.txt", Assert.Single(_logger.Warnings).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void LoadFolder_MixedFolder_SkipsBadFilesWithOneWarningEachAndLoadsTheRest()
    {
        Write("01-good.txt", Story);
        Write("02-empty.txt", []);
        Write("03-binary.md", [0x00, 0x01, 0x02, 0x03]);
        Write("04-latin1.txt", [0x43, 0x61, 0x66, 0xE9, 0x0A]);
        Write("05-huge.html", Encoding.UTF8.GetBytes("<p>" + new string('x', 5000) + "</p>"));
        Write("sub/06-good.md", "# Harbour Crane Order Lifts Shipyard Outlook\n\nThe shipyard won an order for six cranes, it said on Tuesday.\n");
        Write("ignored.pdf", [0x00]);

        var documents = ArticleTestKit.Loader(_logger, maxFileBytes: 4096).LoadFolder(_folder);

        Assert.Equal(["01-good.txt", "sub/06-good.md"], documents.Select(d => d.SourceName));
        var warnings = _logger.Warnings.Select(w => w.Message).ToList();
        Assert.Equal(4, warnings.Count);
        Assert.Contains(warnings, w => w.Contains("02-empty.txt", StringComparison.Ordinal) && w.Contains("Empty", StringComparison.Ordinal));
        Assert.Contains(warnings, w => w.Contains("03-binary.md", StringComparison.Ordinal) && w.Contains("Binary", StringComparison.Ordinal));
        Assert.Contains(warnings, w => w.Contains("04-latin1.txt", StringComparison.Ordinal) && w.Contains("InvalidUtf8", StringComparison.Ordinal));
        Assert.Contains(warnings, w => w.Contains("05-huge.html", StringComparison.Ordinal) && w.Contains("TooLarge", StringComparison.Ordinal));
        Assert.Contains(_logger.Entries, e => e.Level == LogLevel.Information && e.Message.Contains("Loaded 2 articles (4 files skipped)", StringComparison.Ordinal));
    }

    [Fact]
    public void Load_Fixtures_AllLoad()
    {
        var loader = ArticleTestKit.Loader(_logger);

        var documents = loader.LoadFolder(ArticleTestKit.Fixtures);

        Assert.Equal(
            ["data-law-explainer.txt", "delivery-job-cuts.md", "electric-bus-order.txt", "freight-merger.txt", "grid-battery-plan.txt",
                "port-wind-terminal.html", "tanker-profit.txt", "tokenised-deposits.md"],
            documents.Select(d => d.SourceName));
        Assert.Empty(_logger.Warnings);
    }
}

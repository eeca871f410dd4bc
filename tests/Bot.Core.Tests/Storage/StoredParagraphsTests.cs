using System.Buffers;
using System.Text;
using Bot.Core.Articles;
using Bot.Core.Knowledge;
using Bot.Storage.Sqlite;
using Bot.Testing.Storage;

namespace Bot.Core.Tests.Storage;

/// <summary>
/// An article's paragraphs are stored as the parts of its body they are, when that reads back exactly, else as JSON;
/// either way, and from stores written before, the reader gets the paragraphs it was given.
/// </summary>
public sealed class StoredParagraphsTests
{
    private static readonly DateTimeOffset Seen = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);
    private static readonly StoredExtraction Empty = new([], [], new Dictionary<int, string>());

    [Fact]
    public void TryWriteMap_TitleSubheadingsAndParagraphs_StoresThePartNumbers()
    {
        string[] parts = ["Port reopens", "First paragraph.", "Second paragraph.", "A subheading", "Third paragraph.", "Fourth paragraph."];
        string[] paragraphs = [parts[1], parts[2], parts[4], parts[5]];

        var stored = Map(paragraphs, string.Join("\n\n", parts));

        Assert.Equal("~1-2,4-5", stored);
        Assert.Equal(paragraphs, StoredParagraphs.Read(stored!, string.Join("\n\n", parts)));
    }

    [Theory]
    [InlineData("A paragraph with a blank line\n\ninside it.", "Title\n\nFirst paragraph.\n\nA paragraph with a blank line\n\ninside it.")]
    [InlineData("A paragraph the body does not hold.", "Title\n\nFirst paragraph.\n\nAnother paragraph.")]
    [InlineData("First paragraph.", "Title\n\nFirst paragraph.")]
    public void TryWriteMap_ParagraphsNotPartsOfTheBodyInOrder_WritesNothing(string second, string body)
    {
        Assert.Null(Map(["First paragraph.", second], body));
    }

    [Fact]
    public void TryWriteMap_NoParagraphs_ReadsBackNone()
    {
        var stored = Map([], "Just a title");

        Assert.Equal("~", stored);
        Assert.Empty(StoredParagraphs.Read(stored!, "Just a title"));
    }

    [Fact]
    public void TryWriteMap_AnyPartsAndSelection_ReadsBackTheSameParagraphs()
    {
        var random = new Random(7);
        string[] pieces = ["Rain.", "", "\n", "Rain.", " ", "A long paragraph about the harbour.", "é\u0301", "x\ny", "Rain.\n", "\nRain."];
        for (var round = 0; round < 2000; round++)
        {
            var parts = Enumerable.Range(0, random.Next(0, 12)).Select(_ => pieces[random.Next(pieces.Length)]).ToList();
            var paragraphs = parts.Where(_ => random.Next(3) > 0).ToList();
            var body = string.Join("\n\n", parts);

            var stored = Map(paragraphs, body);

            // Written only when it reads back exactly; a part that holds a blank line or ends the way one starts can
            // make the paragraphs no selection of the split body, and then the JSON is kept.
            if (stored is not null)
            {
                Assert.Equal(paragraphs, StoredParagraphs.Read(stored, body));
            }
            else
            {
                Assert.True(parts.Any(p => p.Contains('\n', StringComparison.Ordinal)), $"{round}: not written for [{string.Join("|", parts)}]");
            }
        }
    }

    [Theory]
    [InlineData("~2-1")]
    [InlineData("~1,1")]
    [InlineData("~0-9")]
    [InlineData("~x")]
    public void Read_DamagedMap_FailsAsInvalidData(string stored)
    {
        Assert.Throws<InvalidDataException>(() => StoredParagraphs.Read(stored, "Title\n\nOne.\n\nTwo."));
    }

    [Fact]
    public void GetParagraphs_SavedArticles_SameParagraphsAsGivenWhicheverWayStored()
    {
        using var store = new SqliteKnowledgeStore(":memory:");
        var articles = new[]
        {
            Article(1, "Port reopens", ["The port reopened on Monday.", "Ships queued."], "Port reopens\n\nThe port reopened on Monday.\n\nShips queued."),
            Article(2, "Rail news", ["One line\n\nwith a blank line.", "Two."], "Rail news\n\nOne line\n\nwith a blank line.\n\nTwo."),
            Article(3, "Empty", [], "Empty"),
        };

        var ids = store.SaveArticles([.. articles.Select(a => (a, Empty))], 1, Seen);

        for (var i = 0; i < articles.Length; i++)
        {
            Assert.Equal(articles[i].Paragraphs, store.GetParagraphs(ids[i]));
        }

        Assert.Null(store.GetParagraphs(ids.Max() + 1));
    }

    [Fact]
    public void GetParagraphs_StoreWrittenBefore_ReadsItsJson()
    {
        using var file = RawStoreFile.Create("""
            INSERT INTO articles(hash, source, title, url, published, publisher, paragraphs, body, first_seen, extractor, extraction) VALUES
            ('a', 'a.txt', 'Port reopens', NULL, NULL, NULL, '["The port reopened.","Ships \"queued\"."]', 'Port reopens\n\nThe port reopened.\n\nShips "queued".', '2026-01-01T10:30:00.0000000+00:00', 1, '{"Entities":[]}')
            """);

        using var store = new SqliteKnowledgeStore(file.Path);
        Assert.Equal(["The port reopened.", "Ships \"queued\"."], store.GetParagraphs(store.ArticleIds().Single()));
    }

    private static string? Map(IReadOnlyList<string> paragraphs, string body)
    {
        var into = new ArrayBufferWriter<byte>();
        return StoredParagraphs.TryWriteMap(paragraphs, body, into) ? Encoding.ASCII.GetString(into.WrittenSpan) : null;
    }

    private static ArticleDocument Article(int n, string title, string[] paragraphs, string body) =>
        new($"{n:D5}.txt", $"hash-{n:D5}", title, null, null, null, paragraphs, [body]);
}

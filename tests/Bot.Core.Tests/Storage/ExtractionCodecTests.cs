using System.Text.Json;
using Bot.Core.Articles;
using Bot.Core.Extraction;
using Bot.Core.Knowledge;
using Bot.Storage.Sqlite;
using Bot.Testing.Extraction;
using Microsoft.Data.Sqlite;

namespace Bot.Core.Tests.Storage;

/// <summary>The stored extraction is a compact binary record; stores written before it hold JSON and still read the same.</summary>
public sealed class ExtractionCodecTests
{
    private static readonly ArticleExtractor Extractor = RepoExtractor.Instance;

    private static readonly string[][] Bodies =
    [
        ["Harlow Shipping has joined the Pacific Port Coalition (PPC), an industry alliance founded by Brisa Foods.",
         "\"We are glad,\" said Maria Ostrova, chief executive of Harlow Shipping. The coalition is made up of 14 members, including Harlow Shipping and Brisa Foods."],
        ["Markets were calm on Monday."],
    ];

    [Fact]
    public void Write_EveryProperty_ReadsBackAsTheSameJson()
    {
        var extractions = Bodies.Select(b => StoredExtraction.From(Extractor.Extract(b))).Append(new StoredExtraction(
            [new LocalEntity(0, EntityKind.Group, ["Ünïcode Alliance", "Acme’s Alliance"], ["UA"], 3), new LocalEntity(1, EntityKind.Person, [], [], 0)],
            [new LocalFact(FactKind.Role, 1, 0, null, "chief executive", null, 2), new LocalFact(FactKind.Count, 0, null, "14 members", null, 1, 4, [0, 1]), new LocalFact(FactKind.Member, 0, 1, "", null, null, 0, [])],
            new Dictionary<int, string> { [4] = "Fourteen.", [2] = "", [0] = "Zero \u001f\n" })).ToList();
        Assert.Contains(extractions, e => e.Facts.Count > 0);

        foreach (var extraction in extractions)
        {
            var read = ExtractionCodec.Read(Write(extraction));
            Assert.Equal(Json(extraction), Json(read!));
            Assert.Equal(JsonSerializer.Serialize(extraction.Entities), JsonSerializer.Serialize(ExtractionCodec.ReadEntities(Write(extraction))));
        }
    }

    [Fact]
    public void ReadExtractions_StoreWithJsonExtractions_ReadsThemAsBefore()
    {
        using var store = new SqliteKnowledgeStore(":memory:");
        var saved = Bodies.Select((paragraphs, i) => (
            new ArticleDocument($"a{i}.txt", $"hash-{i}", $"Article {i}", null, null, null, paragraphs, string.Join("\n\n", paragraphs)),
            StoredExtraction.From(Extractor.Extract(paragraphs)))).ToList();
        var ids = store.SaveArticles(saved, ArticleExtractor.Version, new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero));
        var binary = store.ReadExtractions().ToList();

        // An older store: the same articles with their extraction as JSON text.
        var path = Path.Combine(Path.GetTempPath(), "codec-" + Guid.NewGuid().ToString("N") + ".db");
        try
        {
            using (var old = new SqliteKnowledgeStore(path))
            {
                old.SaveArticles(saved, ArticleExtractor.Version, new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero));
            }

            using (var connection = new SqliteConnection("Data Source=" + path))
            {
                connection.Open();
                foreach (var (id, (_, extraction)) in ids.Zip(saved))
                {
                    using var update = connection.CreateCommand();
                    update.CommandText = "UPDATE articles SET extraction = $x WHERE id = $id";
                    update.Parameters.AddWithValue("$x", JsonSerializer.Serialize(extraction));
                    update.Parameters.AddWithValue("$id", id);
                    update.ExecuteNonQuery();
                }
            }

            using var reopened = new SqliteKnowledgeStore(path);
            var fromJson = reopened.ReadExtractions().ToList();
            Assert.Equal(binary.Select(b => (b.ArticleId, Json(b.Extraction))), fromJson.Select(j => (j.ArticleId, Json(j.Extraction))));
            Assert.Equal(binary.Select(b => JsonSerializer.Serialize(b.Extraction.Entities)), reopened.ReadEntities().Select(e => JsonSerializer.Serialize(e.Entities)));
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            foreach (var file in new[] { path, path + "-wal", path + "-shm" })
            {
                File.Delete(file);
            }
        }
    }

    private static string Json(StoredExtraction extraction) => JsonSerializer.Serialize(extraction);

    /// <summary>The binary form, as the store writes it into the row.</summary>
    private static byte[] Write(StoredExtraction extraction)
    {
        using var stream = new MemoryStream();
        using (var writer = new BinaryWriter(stream, ExtractionCodec.TextEncoding))
        {
            ExtractionCodec.Write(writer, extraction);
        }

        return stream.ToArray();
    }

    [Fact]
    public void ADamagedRecord_FailsWithInvalidData_NotAHugeAllocation()
    {
        var extraction = new StoredExtraction(
            [new LocalEntity(0, EntityKind.Organisation, ["Harlow Shipping"], [], 1)],
            [new LocalFact(FactKind.Description, 0, null, "a shipping firm", null, null, 0)],
            new Dictionary<int, string> { [0] = "Harlow Shipping, a shipping firm, said so." });
        var stored = Write(extraction);

        // A count read as 2^31 - 1 (a varint of five bytes) right after the marker; the record cut short; a byte too many.
        byte[] huge = [stored[0], 0xFF, 0xFF, 0xFF, 0xFF, 0x07, .. stored[1..]];
        Assert.Throws<InvalidDataException>(() => ExtractionCodec.Read(huge));
        Assert.ThrowsAny<IOException>(() => ExtractionCodec.Read(stored[..^3]));
        Assert.Throws<InvalidDataException>(() => ExtractionCodec.Read([.. stored, 0]));
    }

    [Fact]
    public void ALoneSurrogate_IsStoredAsAReplacementCharacter_NotAFailure()
    {
        var extraction = new StoredExtraction(
            [new LocalEntity(0, EntityKind.Organisation, ["Harlow \uD83D Shipping"], [], 1)],
            [],
            new Dictionary<int, string> { [0] = "Harlow \uD83D Shipping said so." });

        var read = ExtractionCodec.Read(Write(extraction));

        Assert.Equal("Harlow \uFFFD Shipping", Assert.Single(read!.Entities).Names[0]);
        Assert.Equal("Harlow \uFFFD Shipping said so.", read.Evidence[0]);
    }
}

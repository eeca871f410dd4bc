using System.Text.Json;
using Bot.Core.Articles;
using Bot.Core.Extraction;
using Bot.Core.Knowledge;
using Bot.Storage.Sqlite;
using Bot.Testing.Extraction;
using Microsoft.Data.Sqlite;

namespace Bot.Core.Tests.Storage;

/// <summary>
/// The stored extraction is a compact binary record whose sentences are places in the article's body; stores written
/// before it hold JSON or version 1 (sentences as text) and still read the same.
/// </summary>
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
        var extractions = Bodies.Select(b => (Body: string.Join("\n\n", b), Extraction: StoredExtraction.From(Extractor.Extract(b)))).Append((
            Body: "Zero \u001f\n and more. Fourteen. Not in order: Fourteen.",
            Extraction: new StoredExtraction(
                [new LocalEntity(0, EntityKind.Group, ["Ünïcode Alliance", "Acme’s Alliance"], ["UA"], 3), new LocalEntity(1, EntityKind.Person, [], [], 0)],
                [new LocalFact(FactKind.Role, 1, 0, null, "chief executive", null, 2), new LocalFact(FactKind.Count, 0, null, "14 members", null, 1, 4, [0, 1]), new LocalFact(FactKind.Member, 0, 1, "", null, null, 0, [])],
                new Dictionary<int, string> { [4] = "Fourteen.", [2] = "", [0] = "Zero \u001f\n", [7] = "A sentence the body does not hold." }))).ToList();
        Assert.Contains(extractions, e => e.Extraction.Facts.Count > 0);

        foreach (var (body, extraction) in extractions)
        {
            var read = ExtractionCodec.Read(Write(extraction, body), body);
            Assert.Equal(Json(Sorted(extraction)), Json(Sorted(read!)));
            Assert.Equal(JsonSerializer.Serialize(extraction.Entities), JsonSerializer.Serialize(ExtractionCodec.ReadEntities(Write(extraction, body))));

            // Without the body (as resolution reads it): the same entities and facts, no sentences.
            var noBody = ExtractionCodec.Read(Write(extraction, body), body: null)!;
            Assert.Equal(Json(extraction with { Evidence = new Dictionary<int, string>() }), Json(noBody));
        }
    }

    [Fact]
    public void Write_SentencesTheBodyHolds_AreKeptAsPlacesNotText()
    {
        var body = string.Join("\n\n", Bodies[0]);
        var extraction = StoredExtraction.From(Extractor.Extract(Bodies[0]));
        Assert.NotEmpty(extraction.Evidence);
        var asText = extraction with { Evidence = extraction.Evidence.ToDictionary(e => e.Key, e => e.Value + " (not in the body)") };

        var places = Write(extraction, body);
        var texts = Write(asText, body);

        Assert.True(texts.Length - places.Length >= extraction.Evidence.Values.Sum(t => t.Length), $"{places.Length} bytes as places, {texts.Length} as text");
        Assert.Equal(Json(Sorted(asText)), Json(Sorted(ExtractionCodec.Read(texts, body)!)));
    }

    [Fact]
    public void Read_Version1_SentencesAsText_ReadsTheSame()
    {
        var extraction = StoredExtraction.From(Extractor.Extract(Bodies[0]));
        var version1 = WriteVersion1(extraction);

        Assert.Equal(0xB1, version1[0]);
        Assert.Equal(Json(extraction), Json(ExtractionCodec.Read(version1, string.Join("\n\n", Bodies[0]))!));
        Assert.Empty(ExtractionCodec.Read(version1, body: null)!.Evidence);
    }

    [Fact]
    public void Read_PlaceOutsideTheBody_FailsAsDamaged()
    {
        var extraction = new StoredExtraction([], [], new Dictionary<int, string> { [0] = "Harlow Shipping said so." });
        var stored = Write(extraction, "Harlow Shipping said so.");

        Assert.Throws<InvalidDataException>(() => ExtractionCodec.Read(stored, "Harlow"));
    }

    [Fact]
    public void ReadExtractions_StoreWithJsonExtractions_ReadsThemAsBefore()
    {
        using var store = new SqliteKnowledgeStore(":memory:");
        var saved = Bodies.Select((paragraphs, i) => (
            new ArticleDocument($"a{i}.txt", $"hash-{i}", $"Article {i}", null, null, null, paragraphs, paragraphs),
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
            Assert.All(binary.Concat(fromJson), e => Assert.Empty(e.Extraction.Evidence));
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

    /// <summary>The sentences in sentence order (the record keeps them in the article's order).</summary>
    private static StoredExtraction Sorted(StoredExtraction extraction) =>
        extraction with { Evidence = new SortedDictionary<int, string>(extraction.Evidence.ToDictionary()) };

    /// <summary>The binary form, as the store writes it into the row of an article whose body is <paramref name="body"/>.</summary>
    private static byte[] Write(StoredExtraction extraction, string body = "")
    {
        using var stream = new MemoryStream();
        using (var writer = new BinaryWriter(stream, ExtractionCodec.TextEncoding))
        {
            ExtractionCodec.Write(writer, extraction, body);
        }

        return stream.ToArray();
    }

    /// <summary>Version 1 as stores before version 2 wrote it: the same record, each sentence as text after its number.</summary>
    private static byte[] WriteVersion1(StoredExtraction extraction)
    {
        var noSentences = Write(extraction with { Evidence = new Dictionary<int, string>() });
        using var stream = new MemoryStream();
        using (var writer = new BinaryWriter(stream, ExtractionCodec.TextEncoding))
        {
            writer.Write((byte)0xB1);
            writer.Write(noSentences.AsSpan(1, noSentences.Length - 2)); // all but the marker and the sentence count (0)
            writer.Write7BitEncodedInt(extraction.Evidence.Count);
            foreach (var (sentence, text) in extraction.Evidence)
            {
                writer.Write7BitEncodedInt(sentence);
                writer.Write(text);
            }
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
        Assert.Throws<InvalidDataException>(() => ExtractionCodec.Read(huge, body: null));
        Assert.ThrowsAny<IOException>(() => ExtractionCodec.Read(stored[..^3], body: null));
        Assert.Throws<InvalidDataException>(() => ExtractionCodec.Read([.. stored, 0], body: null));
    }

    [Fact]
    public void ALoneSurrogate_IsStoredAsAReplacementCharacter_NotAFailure()
    {
        var extraction = new StoredExtraction(
            [new LocalEntity(0, EntityKind.Organisation, ["Harlow \uD83D Shipping"], [], 1)],
            [],
            new Dictionary<int, string> { [0] = "Harlow \uD83D Shipping said so." });

        var read = ExtractionCodec.Read(Write(extraction), body: string.Empty);

        Assert.Equal("Harlow \uFFFD Shipping", Assert.Single(read!.Entities).Names[0]);
        Assert.Equal("Harlow \uFFFD Shipping said so.", read.Evidence[0]);
    }
}

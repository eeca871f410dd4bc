using System.Text.Json;
using Bot.Core.Extraction;
using Bot.Core.Knowledge;
using Bot.Storage.Sqlite;

namespace Bot.Core.Tests.Storage;

/// <summary>An article's resolved knowledge is one binary row: it reads back as written, and a damaged row says so.</summary>
public sealed class KnowledgeRowsTests
{
    private static readonly ResolvedArticle Article = new(
        17,
        40,
        [
            new ResolvedFact(FactKind.Member, 3, 9_000_000_000, null, null, null, 17, 0, []),
            new ResolvedFact(FactKind.Count, 9_000_000_000, null, "23 members", null, null, 17, 4, [3, 5, 0]),
            new ResolvedFact(FactKind.Role, 5, 3, "", "chief executive of the \u001f coalition ✓", 0, 17, 2, []),
        ],
        [new ArticleEntity(9_000_000_000, 4), new ArticleEntity(3, 0), new ArticleEntity(5, 1)]);

    [Fact]
    public void Write_EveryField_ReadsBackTheSame()
    {
        var stored = Write(Article);

        Assert.Equal(JsonSerializer.Serialize(Article.Entities), JsonSerializer.Serialize(KnowledgeRows.ReadEntities(stored)));
        Assert.Equal(JsonSerializer.Serialize(Article.Facts), JsonSerializer.Serialize(KnowledgeRows.ReadFacts(Article.ArticleId, stored)));
    }

    [Fact]
    public void Write_ArticleWithNothing_ReadsBackEmpty()
    {
        var stored = Write(Article with { Facts = [], Entities = [] });

        Assert.Empty(KnowledgeRows.ReadEntities(stored));
        Assert.Empty(KnowledgeRows.ReadFacts(1, stored));
    }

    [Fact]
    public void Read_CutOrWrongRow_FailsAsDamagedData()
    {
        var stored = Write(Article);

        Assert.True(Record.Exception(() => KnowledgeRows.ReadFacts(17, stored[..^3])) is InvalidDataException or EndOfStreamException);
        Assert.Throws<InvalidDataException>(() => KnowledgeRows.ReadFacts(17, [.. stored, 0]));
        Assert.Throws<InvalidDataException>(() => KnowledgeRows.ReadEntities([0x7B, 0x7D]));
    }

    private static byte[] Write(ResolvedArticle article)
    {
        using var buffer = new MemoryStream();
        using (var writer = new BinaryWriter(buffer, ExtractionCodec.TextEncoding, leaveOpen: true))
        {
            KnowledgeRows.Write(writer, article);
        }

        return buffer.ToArray();
    }
}

using Bot.Core.Extraction;
using Bot.Core.Knowledge;

namespace Bot.Storage.Sqlite;

/// <summary>
/// One article's resolved knowledge as one BLOB (a row of <c>article_knowledge</c>): the entities it names, in order, with
/// their mentions, then its facts with global entity ids. Counts and ids as 7-bit varints, an optional id as 0 or 1 +
/// the id, an optional text as a flag and length-prefixed UTF-8. Resolution writes a row per article instead of a row
/// per fact and per named entity (at 100,000 articles, 100,000 rows instead of 3.3 million); the fact and entity
/// readers are the evaluation and the digests, which read whole articles.
/// </summary>
internal static class KnowledgeRows
{
    /// <summary>The first byte of the record, version 1.</summary>
    private const byte Marker = 0xC1;

    /// <summary>Writes <paramref name="article"/> with <paramref name="writer"/> (a writer and buffer reused for many rows).</summary>
    public static void Write(BinaryWriter writer, ResolvedArticle article)
    {
        writer.Write(Marker);
        writer.Write7BitEncodedInt(article.Entities.Count);
        foreach (var entity in article.Entities)
        {
            writer.Write7BitEncodedInt64(entity.Entity);
            writer.Write7BitEncodedInt(entity.Mentions);
        }

        writer.Write7BitEncodedInt(article.Facts.Count);
        foreach (var fact in article.Facts)
        {
            writer.Write7BitEncodedInt((int)fact.Kind);
            writer.Write7BitEncodedInt64(fact.Subject);
            Optional(writer, fact.Object);
            ExtractionCodec.Optional(writer, fact.Text);
            ExtractionCodec.Optional(writer, fact.Detail);
            Optional(writer, fact.For);
            writer.Write7BitEncodedInt(fact.Sentence);
            writer.Write7BitEncodedInt(fact.Examples.Count);
            foreach (var example in fact.Examples)
            {
                writer.Write7BitEncodedInt64(example);
            }
        }

        writer.Flush();
    }

    /// <summary>The entities an article names, in the order it names them.</summary>
    public static List<ArticleEntity> ReadEntities(byte[] stored)
    {
        using var reader = Open(stored);
        return Entities(reader);
    }

    /// <summary>The facts of article <paramref name="articleId"/>, in the order resolution numbered them.</summary>
    public static List<ResolvedFact> ReadFacts(long articleId, byte[] stored)
    {
        using var reader = Open(stored);
        Entities(reader);
        var count = Count(reader);
        var facts = new List<ResolvedFact>(count);
        for (var i = 0; i < count; i++)
        {
            var kind = (FactKind)reader.Read7BitEncodedInt();
            var subject = reader.Read7BitEncodedInt64();
            var obj = OptionalId(reader);
            var text = ExtractionCodec.OptionalString(reader);
            var detail = ExtractionCodec.OptionalString(reader);
            var forEntity = OptionalId(reader);
            var sentence = reader.Read7BitEncodedInt();
            var examples = new long[Count(reader)];
            for (var e = 0; e < examples.Length; e++)
            {
                examples[e] = reader.Read7BitEncodedInt64();
            }

            facts.Add(new ResolvedFact(kind, subject, obj, text, detail, forEntity, articleId, sentence, examples));
        }

        if (reader.BaseStream.Position != reader.BaseStream.Length)
        {
            throw new InvalidDataException($"The knowledge of article {articleId} has bytes after its end.");
        }

        return facts;
    }

    private static BinaryReader Open(byte[] stored)
    {
        if (stored.Length == 0 || stored[0] != Marker)
        {
            throw new InvalidDataException("Not a stored article's knowledge.");
        }

        return new BinaryReader(new MemoryStream(stored, 1, stored.Length - 1, writable: false), ExtractionCodec.TextEncoding);
    }

    private static List<ArticleEntity> Entities(BinaryReader reader)
    {
        var count = Count(reader);
        var entities = new List<ArticleEntity>(count);
        for (var i = 0; i < count; i++)
        {
            var entity = reader.Read7BitEncodedInt64();
            entities.Add(new ArticleEntity(entity, reader.Read7BitEncodedInt()));
        }

        return entities;
    }

    /// <summary>A count of items that follow, each at least one byte: a damaged record fails here, not in a huge allocation.</summary>
    private static int Count(BinaryReader reader)
    {
        var count = reader.Read7BitEncodedInt();
        if (count < 0 || count > reader.BaseStream.Length - reader.BaseStream.Position)
        {
            throw new InvalidDataException($"A stored article's knowledge is damaged (a count of {count}).");
        }

        return count;
    }

    /// <summary>An entity id (never negative) as id + 1, or 0 for none.</summary>
    private static void Optional(BinaryWriter writer, long? value)
    {
        if (value is { } v)
        {
            ArgumentOutOfRangeException.ThrowIfNegative(v, nameof(value));
        }

        writer.Write7BitEncodedInt64(value is { } id ? checked(id + 1) : 0);
    }

    private static long? OptionalId(BinaryReader reader) => reader.Read7BitEncodedInt64() is var v and > 0 ? v - 1 : null;
}

using System.Text.Json;
using Bot.Core.Extraction;
using Bot.Core.Knowledge;

namespace Bot.Storage.Sqlite;

/// <summary>
/// The stored form of an article's extraction: a compact binary record (a BLOB starting with <see cref="Marker"/>:
/// counts and numbers as 7-bit varints, strings as length-prefixed UTF-8, a null as a 0 where a present value is 1 +
/// its value), a third of the JSON's size and several times quicker to read, which resolution does for every article.
/// A sentence a fact rests on is kept as its place in the article's body (start + 1 and length, in characters) when the
/// body holds it as it is, as it nearly always does, else as text (a 0, then the text): the sentences were most of the
/// record, a copy of text the row keeps anyway. Stores written before hold version 1 (<see cref="MarkerV1"/>, every
/// sentence as text) or JSON text (starting with '{'): all are read, so an old store needs no migration.
/// Every property of <see cref="LocalEntity"/> and <see cref="LocalFact"/> is written: a new one must be added here too
/// (the round-trip test compares with the JSON).
/// </summary>
internal static class ExtractionCodec
{
    /// <summary>The first byte of the binary form, version 2 (JSON starts with '{').</summary>
    private const byte Marker = 0xB2;

    /// <summary>The first byte of version 1, whose sentences are all text.</summary>
    private const byte MarkerV1 = 0xB1;

    /// <summary>
    /// UTF-8 that writes a lone surrogate (half of a character pair cut by a pattern) as U+FFFD instead of throwing, as
    /// the article text is bound: one bad character must not fail the whole batch being saved.
    /// </summary>
    public static readonly System.Text.Encoding TextEncoding = new System.Text.UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: false);

    /// <summary>Writes the binary form of the extraction of an article whose body is <paramref name="body"/> with <paramref name="writer"/> (a writer and buffer reused for many rows).</summary>
    public static void Write(BinaryWriter writer, StoredExtraction extraction, ReadOnlySpan<char> body)
    {
        writer.Write(Marker);
        writer.Write7BitEncodedInt(extraction.Entities.Count);
        foreach (var entity in extraction.Entities)
        {
            writer.Write7BitEncodedInt(entity.Id);
            writer.Write7BitEncodedInt((int)entity.Kind);
            Strings(writer, entity.Names);
            Strings(writer, entity.Acronyms);
            writer.Write7BitEncodedInt(entity.Mentions);
        }

        writer.Write7BitEncodedInt(extraction.Facts.Count);
        foreach (var fact in extraction.Facts)
        {
            writer.Write7BitEncodedInt((int)fact.Kind);
            writer.Write7BitEncodedInt(fact.Subject);
            Optional(writer, fact.Object);
            Optional(writer, fact.Text);
            Optional(writer, fact.Detail);
            Optional(writer, fact.For);
            writer.Write7BitEncodedInt(fact.Sentence);
            if (fact.Examples is null)
            {
                writer.Write7BitEncodedInt(0);
            }
            else
            {
                writer.Write7BitEncodedInt(fact.Examples.Count + 1);
                foreach (var example in fact.Examples)
                {
                    writer.Write7BitEncodedInt(example);
                }
            }
        }

        // In the order of the article: each sentence is looked for after the one before (the body is read once).
        writer.Write7BitEncodedInt(extraction.Evidence.Count);
        var from = 0;
        foreach (var (sentence, text) in extraction.Evidence.OrderBy(e => e.Key))
        {
            writer.Write7BitEncodedInt(sentence);
            var at = body[from..].IndexOf(text, StringComparison.Ordinal);
            at = at >= 0 ? from + at : body.IndexOf(text, StringComparison.Ordinal);

            if (at < 0)
            {
                writer.Write7BitEncodedInt(0);
                writer.Write(text);
                continue;
            }

            writer.Write7BitEncodedInt(at + 1);
            writer.Write7BitEncodedInt(text.Length);
            from = at + text.Length;
        }

        writer.Flush();
    }

    /// <summary>
    /// A stored extraction, binary or JSON, with the sentences its facts rest on read from <paramref name="body"/> (the
    /// article's); with no body, without them (<see cref="StoredExtraction.Evidence"/> empty: resolution reads none).
    /// </summary>
    public static StoredExtraction? Read(byte[] stored, string? body)
    {
        if (!IsBinary(stored))
        {
            var json = JsonSerializer.Deserialize(stored, StoreJson.Default.StoredExtraction);
            return body is null && json is not null ? json with { Evidence = NoEvidence } : json;
        }

        using var reader = Open(stored);
        var entities = Entities(reader);
        var facts = new LocalFact[Count(reader)];
        for (var i = 0; i < facts.Length; i++)
        {
            var kind = (FactKind)reader.Read7BitEncodedInt();
            var subject = reader.Read7BitEncodedInt();
            var obj = OptionalInt(reader);
            var text = OptionalString(reader);
            var detail = OptionalString(reader);
            var forEntity = OptionalInt(reader);
            var sentence = reader.Read7BitEncodedInt();
            var examples = Count(reader);
            List<int>? list = null;
            if (examples > 0)
            {
                list = new List<int>(examples - 1);
                for (var e = 1; e < examples; e++)
                {
                    list.Add(reader.Read7BitEncodedInt());
                }
            }

            facts[i] = new LocalFact(kind, subject, obj, text, detail, forEntity, sentence, list);
        }

        var count = Count(reader);
        var evidence = body is null ? null : new Dictionary<int, string>(count);
        for (var i = 0; i < count; i++)
        {
            var sentence = reader.Read7BitEncodedInt();
            var text = stored[0] == MarkerV1 ? reader.ReadString() : Sentence(reader, body);
            evidence?.Add(sentence, text!);
        }

        if (reader.BaseStream.Position != reader.BaseStream.Length)
        {
            throw new InvalidDataException("The stored extraction has bytes after its end.");
        }

        return new StoredExtraction(entities, facts, evidence ?? NoEvidence);
    }

    private static readonly IReadOnlyDictionary<int, string> NoEvidence = new Dictionary<int, string>();

    /// <summary>A sentence of version 2: its place in the body, or its text; null when there is no body to read the place from.</summary>
    private static string? Sentence(BinaryReader reader, string? body)
    {
        var start = reader.Read7BitEncodedInt();
        if (start == 0)
        {
            return reader.ReadString();
        }

        var length = reader.Read7BitEncodedInt();
        if (body is null)
        {
            return null;
        }

        if (start < 1 || length < 0 || start - 1 > body.Length - length)
        {
            throw new InvalidDataException($"The stored extraction is damaged (a sentence at {start - 1}, {length} characters, in a body of {body.Length}).");
        }

        return body.Substring(start - 1, length);
    }

    /// <summary>The entities of a stored extraction, binary or JSON, without reading its facts.</summary>
    public static IReadOnlyList<LocalEntity>? ReadEntities(byte[] stored)
    {
        if (!IsBinary(stored))
        {
            return JsonSerializer.Deserialize(stored, StoreJson.Default.StoredEntities)?.Entities;
        }

        using var reader = Open(stored);
        return Entities(reader);
    }

    /// <summary>A count of items that follow, each at least one byte: a damaged record fails here, not in a huge allocation.</summary>
    private static int Count(BinaryReader reader)
    {
        var count = reader.Read7BitEncodedInt();
        if (count < 0 || count > reader.BaseStream.Length - reader.BaseStream.Position + 1)
        {
            throw new InvalidDataException($"The stored extraction is damaged (a count of {count}).");
        }

        return count;
    }

    private static bool IsBinary(byte[] stored) => stored.Length > 0 && stored[0] is Marker or MarkerV1;

    private static BinaryReader Open(byte[] stored) => new(new MemoryStream(stored, 1, stored.Length - 1, writable: false), TextEncoding);

    private static LocalEntity[] Entities(BinaryReader reader)
    {
        var entities = new LocalEntity[Count(reader)];
        for (var i = 0; i < entities.Length; i++)
        {
            var id = reader.Read7BitEncodedInt();
            var kind = (EntityKind)reader.Read7BitEncodedInt();
            var names = Strings(reader);
            var acronyms = Strings(reader);
            entities[i] = new LocalEntity(id, kind, names, acronyms, reader.Read7BitEncodedInt());
        }

        return entities;
    }

    private static void Strings(BinaryWriter writer, IReadOnlyList<string> values)
    {
        writer.Write7BitEncodedInt(values.Count);
        for (var i = 0; i < values.Count; i++)
        {
            writer.Write(values[i]);
        }
    }

    private static string[] Strings(BinaryReader reader)
    {
        var values = new string[Count(reader)];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = reader.ReadString();
        }

        return values;
    }

    /// <summary>A local id (never negative) as id + 1, or 0 for none.</summary>
    private static void Optional(BinaryWriter writer, int? value)
    {
        if (value is { } v)
        {
            ArgumentOutOfRangeException.ThrowIfNegative(v, nameof(value));
        }

        writer.Write7BitEncodedInt(value is { } id ? checked(id + 1) : 0);
    }

    /// <summary>A text that may be null: a flag, then the text.</summary>
    internal static void Optional(BinaryWriter writer, string? value)
    {
        writer.Write(value is not null);
        if (value is not null)
        {
            writer.Write(value);
        }
    }

    private static int? OptionalInt(BinaryReader reader) => reader.Read7BitEncodedInt() is var v and > 0 ? v - 1 : null;

    internal static string? OptionalString(BinaryReader reader) => reader.ReadBoolean() ? reader.ReadString() : null;
}

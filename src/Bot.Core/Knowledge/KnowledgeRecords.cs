using Bot.Core.Extraction;

namespace Bot.Core.Knowledge;

/// <summary>What is kept of one article's extraction: its entities, its facts, and the sentences the facts rest on.</summary>
/// <param name="Entities">The entities the article names.</param>
/// <param name="Facts">The facts it states.</param>
/// <param name="Evidence">Sentence index → sentence text, for every sentence a fact rests on.</param>
public sealed record StoredExtraction(IReadOnlyList<LocalEntity> Entities, IReadOnlyList<LocalFact> Facts, IReadOnlyDictionary<int, string> Evidence)
{
    /// <summary>Keeps only what the store needs of an extraction.</summary>
    public static StoredExtraction From(ArticleExtraction extraction) =>
        new(extraction.Entities, extraction.Facts,
            extraction.Facts.Select(f => f.Sentence).Distinct().ToDictionary(i => i, i => extraction.Sentences[i]));
}

/// <summary>An entity of the knowledge base.</summary>
/// <param name="Id">Its id.</param>
/// <param name="Name">Its best name (the spelling the articles use most).</param>
/// <param name="Kind">What it is.</param>
/// <param name="Aliases">Its other names and acronyms, most used first.</param>
/// <param name="ArticleCount">How many articles name it.</param>
public sealed record EntityRecord(long Id, string Name, EntityKind Kind, IReadOnlyList<string> Aliases, int ArticleCount);

/// <summary>A fact with the names of the entities it links, ready to show.</summary>
public sealed record FactRecord(
    long Id,
    FactKind Kind,
    long SubjectId,
    string SubjectName,
    long? ObjectId,
    string? ObjectName,
    string? Text,
    string? Detail,
    long? ForId,
    string? ForName,
    long ArticleId,
    string Evidence,
    IReadOnlyList<string> Examples);

/// <summary>An article as answers cite it.</summary>
/// <param name="Id">Its number: stable, in the order articles were first seen.</param>
/// <param name="SourceName">The file it came from, relative to the dataset folder.</param>
/// <param name="Title">Its headline.</param>
/// <param name="Url">Its link, when known.</param>
/// <param name="Published">Its date, when known.</param>
/// <param name="Publisher">Its publication, when known.</param>
/// <param name="FirstSeen">When the bot first read it.</param>
public sealed record ArticleRecord(long Id, string SourceName, string Title, string? Url, DateOnly? Published, string? Publisher, DateTimeOffset FirstSeen);

/// <summary>A full-text search hit: the article and a snippet with the matched words.</summary>
public sealed record SearchHit(ArticleRecord Article, string Snippet);

/// <summary>Counts of what the store holds.</summary>
public sealed record KnowledgeStats(int Articles, int Entities, int Facts);

/// <summary>A file of the dataset folder as the store last saw it.</summary>
public sealed record StoredFile(string SourceName, long Length, long LastWriteTicks, string Hash);

/// <summary>An entity produced by resolution, with every name it goes by.</summary>
public sealed record ResolvedEntity(long Id, string Name, EntityKind Kind, IReadOnlyList<ResolvedName> Names, int ArticleCount);

/// <summary>One name of a resolved entity: its spelling, its lookup key, whether it is an acronym, and how often articles use it.</summary>
public sealed record ResolvedName(string Name, string Key, bool IsAcronym, int Uses);

/// <summary>A fact with global entity ids; the sentence it rests on is its article's (<see cref="StoredExtraction.Evidence"/>), kept once there.</summary>
public sealed record ResolvedFact(FactKind Kind, long Subject, long? Object, string? Text, string? Detail, long? For, long ArticleId, int Sentence, IReadOnlyList<long> Examples);

/// <summary>One article's resolved knowledge: the facts it states and the entities it names.</summary>
/// <param name="ArticleId">The article.</param>
/// <param name="FirstFactId">The number of its first fact; the others follow it (FirstFactId + 1, + 2 …).</param>
/// <param name="Facts">Its facts, with global entity ids.</param>
/// <param name="Entities">The entities it names, in the order it first names them.</param>
public sealed record ResolvedArticle(long ArticleId, long FirstFactId, IReadOnlyList<ResolvedFact> Facts, IReadOnlyList<ArticleEntity> Entities);

/// <summary>An entity an article names, and how many times it names it.</summary>
public readonly record struct ArticleEntity(long Entity, int Mentions);

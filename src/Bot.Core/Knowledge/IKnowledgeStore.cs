using Bot.Core.Articles;
using Bot.Core.Extraction;

namespace Bot.Core.Knowledge;

/// <summary>The questions commands ask of the knowledge base. Implemented by the storage layer; every call is fast (indexed).</summary>
public interface IKnowledgeReader
{
    /// <summary>What the store holds.</summary>
    KnowledgeStats GetStats();

    /// <summary>
    /// A number that changes whenever what the store holds changes (articles, entities, facts): an answer built at one
    /// version stays right while the version holds.
    /// </summary>
    long Version { get; }

    /// <summary>Entities one of whose names has exactly this key (<see cref="Extraction.NameKey.Of"/>).</summary>
    IReadOnlyList<long> FindByKey(string key);

    /// <summary>Entities one of whose names contains every word of <paramref name="key"/> in order as whole words, most named first.</summary>
    IReadOnlyList<long> FindByWords(string key, int max);

    /// <summary>Names (and aliases) that start with <paramref name="prefix"/> (case-insensitive), most used first.</summary>
    IReadOnlyList<string> NamesStartingWith(string prefix, int max);

    /// <summary>Every entity name and alias with the entity it belongs to, for fuzzy suggestions.</summary>
    IReadOnlyList<(string Name, long Entity)> AllNames();

    /// <summary>An entity by id.</summary>
    EntityRecord? GetEntity(long id);

    /// <summary>Entities by id, in the order asked.</summary>
    IReadOnlyList<EntityRecord> GetEntities(IReadOnlyCollection<long> ids);

    /// <summary>
    /// The answer lines of an entity's <paramref name="sections"/> in rank order (the first of each section only, as
    /// <see cref="AnswerIndex"/> keeps them) and the totals of all its sections: a few dozen rows, however many facts
    /// name it.
    /// </summary>
    EntityAnswers Answers(long entityId, IReadOnlyCollection<AnswerSection> sections);

    /// <summary>Every fact, in article order (for evaluation and exports).</summary>
    IReadOnlyList<FactRecord> AllFacts();

    /// <summary>Articles by id.</summary>
    IReadOnlyList<ArticleRecord> GetArticles(IReadOnlyCollection<long> ids);

    /// <summary>Full-text search over titles and bodies: articles containing every word, best match first (a store may rank only its most recently added matches when a query has very many).</summary>
    IReadOnlyList<SearchHit> Search(string query, int limit);

    /// <summary>The newest articles: by published date, then by when they were first seen.</summary>
    IReadOnlyList<ArticleRecord> Latest(int count);

    /// <summary>All articles in number order.</summary>
    IReadOnlyList<ArticleRecord> AllArticles();

    /// <summary>An article's cleaned text paragraphs, or null.</summary>
    IReadOnlyList<string>? GetParagraphs(long articleId);
}

/// <summary>What ingestion writes. Implemented by the storage layer.</summary>
public interface IKnowledgeWriter
{
    /// <summary>The dataset files as last seen, by source name.</summary>
    IReadOnlyDictionary<string, StoredFile> GetFiles();

    /// <summary>True when an article with this content hash is stored and was extracted by <paramref name="extractorVersion"/>.</summary>
    bool HasArticle(string hash, int extractorVersion);

    /// <summary>
    /// Stores (or updates by content hash) articles and their extractions; returns each one's article number, in the
    /// order given. The articles are searchable when this returns, unless <paramref name="indexLater"/>: then the store
    /// may add them to its search index later, many at a time (cheaper for a large sync), and they are searchable at the
    /// latest when <see cref="SyncFiles"/> returns.
    /// </summary>
    IReadOnlyList<long> SaveArticles(IReadOnlyList<(ArticleDocument Document, StoredExtraction Extraction)> articles, int extractorVersion, DateTimeOffset seenAt, bool indexLater = false);

    /// <summary>
    /// Records the files of the dataset folder and forgets those no longer there; articles no file holds any more are
    /// removed. Called once the folder's articles are saved, it is also where a store tidies what the saves left: every
    /// article saved is in the search index when it returns (the SQLite store also merges its full-text index when the
    /// saves left it in many pieces, or with <paramref name="mergeLater"/> leaves that to <see cref="ReplaceKnowledge"/>,
    /// which the caller then calls next: it merges in the time it waits for the articles it writes).
    /// </summary>
    void SyncFiles(IReadOnlyCollection<StoredFile> present, bool mergeLater = false);

    /// <summary>Every stored article's number, in ascending order.</summary>
    IReadOnlyList<long> ArticleIds();

    /// <summary>Streams every stored article's id and extraction: its entities and facts (<see cref="StoredExtraction.Evidence"/> is left empty; <see cref="IKnowledgeReader.AllFacts"/> gives each fact's sentence).</summary>
    IEnumerable<(long ArticleId, StoredExtraction Extraction)> ReadExtractions();

    /// <summary>Streams every stored article's id and the entities of its extraction (resolution's first pass needs no facts).</summary>
    IEnumerable<(long ArticleId, IReadOnlyList<LocalEntity> Entities)> ReadEntities();

    /// <summary>
    /// Replaces the resolved entities and facts (each under the number its article gives it) in one transaction, with
    /// the entities each article names and the answer lines of <paramref name="answers"/>. The caller builds the
    /// answers from the same facts, possibly on another thread as <paramref name="articles"/> is enumerated: they are
    /// read only once <paramref name="articles"/> has been enumerated to its end. A store with work it can do in steps
    /// (merging its search index) does it while the next article is not at hand yet, when <paramref name="articles"/> is a
    /// <see cref="ReadAhead"/> sequence.
    /// </summary>
    void ReplaceKnowledge(IReadOnlyList<ResolvedEntity> entities, IEnumerable<ResolvedArticle> articles, AnswerIndex answers);

    /// <summary>A stored setting, or null.</summary>
    string? GetMeta(string key);

    /// <summary>Stores a setting.</summary>
    void SetMeta(string key, string value);
}

using System.Buffers;
using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Bot.Core.Articles;
using Bot.Core.Extraction;
using Bot.Core.Knowledge;
using Microsoft.Data.Sqlite;

namespace Bot.Storage.Sqlite;

/// <summary>
/// Articles, extractions and resolved knowledge in one SQLite file: articles keyed by content hash (so an unchanged
/// file is never extracted twice), FTS5 full-text search over titles and bodies, and indexed entity, alias and fact
/// tables for the commands. Safe for concurrent readers; writes are serialised.
/// </summary>
public sealed class SqliteKnowledgeStore : IKnowledgeReader, IKnowledgeWriter, IDisposable
{
    private readonly string _connectionString;
    private readonly SqliteConnection? _keepAlive;
    private readonly Lock _writeLock = new();
    private volatile IReadOnlyList<(string Name, long Entity)>? _allNames;
    private long _version = 1;

    /// <summary>
    /// How many of a search's matches are ranked: the most recently added ones (highest article numbers). A search with
    /// no more matches than this ranks every match by relevance.
    /// </summary>
    public const int SearchCandidates = 1000;

    private readonly int _searchCandidates;
    private readonly ReadSessions _reads;

    /// <summary>Opens (and creates or migrates) the store at <paramref name="path"/>; ":memory:" gives a private in-memory store.</summary>
    public SqliteKnowledgeStore(string path)
        : this(path, SearchCandidates)
    {
    }

    /// <summary>As <see cref="SqliteKnowledgeStore(string)"/>, ranking the newest <paramref name="searchCandidates"/> matches of a search (tests use a small number).</summary>
    internal SqliteKnowledgeStore(string path, int searchCandidates)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(searchCandidates, 1);
        _searchCandidates = searchCandidates;
        if (path == ":memory:")
        {
            _connectionString = new SqliteConnectionStringBuilder { DataSource = "mem-" + Guid.NewGuid().ToString("N"), Mode = SqliteOpenMode.Memory, Cache = SqliteCacheMode.Shared }.ToString();
            _keepAlive = new SqliteConnection(_connectionString);
            _keepAlive.Open();
        }
        else
        {
            var full = Path.GetFullPath(path);
            Directory.CreateDirectory(Path.GetDirectoryName(full)!);
            _connectionString = new SqliteConnectionStringBuilder { DataSource = full, Mode = SqliteOpenMode.ReadWriteCreate, Pooling = true }.ToString();
        }

        using var connection = Open();
        Execute(connection, Schema);
        _reads = new ReadSessions(_connectionString, Math.Max(4, 2 * Environment.ProcessorCount));
    }

    private const string Schema = """
        PRAGMA journal_mode = WAL;
        CREATE TABLE IF NOT EXISTS meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);
        CREATE TABLE IF NOT EXISTS files(source TEXT PRIMARY KEY, length INTEGER NOT NULL, mtime INTEGER NOT NULL, hash TEXT NOT NULL);
        CREATE TABLE IF NOT EXISTS articles(
            id INTEGER PRIMARY KEY AUTOINCREMENT, hash TEXT NOT NULL UNIQUE, source TEXT NOT NULL, title TEXT NOT NULL,
            url TEXT, published TEXT, publisher TEXT, paragraphs TEXT NOT NULL, body TEXT NOT NULL, first_seen TEXT NOT NULL,
            extractor INTEGER NOT NULL, extraction TEXT NOT NULL);
        CREATE INDEX IF NOT EXISTS ix_articles_cite ON articles(id, source, title, url, published, publisher, first_seen);
        CREATE VIRTUAL TABLE IF NOT EXISTS articles_fts USING fts5(title, body, content='articles', content_rowid='id', tokenize='unicode61 remove_diacritics 2');
        DROP TRIGGER IF EXISTS articles_ai;
        CREATE TRIGGER IF NOT EXISTS articles_ad AFTER DELETE ON articles BEGIN
            INSERT INTO articles_fts(articles_fts, rowid, title, body) VALUES ('delete', old.id, old.title, old.body); END;
        CREATE TRIGGER IF NOT EXISTS articles_au AFTER UPDATE OF title, body ON articles BEGIN
            INSERT INTO articles_fts(articles_fts, rowid, title, body) VALUES ('delete', old.id, old.title, old.body);
            INSERT INTO articles_fts(rowid, title, body) VALUES (new.id, new.title, new.body); END;
        CREATE TABLE IF NOT EXISTS entities(id INTEGER PRIMARY KEY, name TEXT NOT NULL, kind INTEGER NOT NULL, articles INTEGER NOT NULL);
        CREATE TABLE IF NOT EXISTS aliases(entity INTEGER NOT NULL, name TEXT NOT NULL, key TEXT NOT NULL, words TEXT NOT NULL, acronym INTEGER NOT NULL, uses INTEGER NOT NULL);
        DROP TABLE IF EXISTS facts; DROP TABLE IF EXISTS fact_examples; DROP TABLE IF EXISTS article_entities;
        CREATE TABLE IF NOT EXISTS article_knowledge(article INTEGER PRIMARY KEY, first_fact INTEGER NOT NULL, facts INTEGER NOT NULL, body BLOB NOT NULL);
        CREATE TABLE IF NOT EXISTS answers(
            entity INTEGER NOT NULL, section INTEGER NOT NULL, lines INTEGER NOT NULL, articles INTEGER NOT NULL, body TEXT NOT NULL,
            PRIMARY KEY(entity, section)) WITHOUT ROWID;
        """ + KnowledgeIndexes;

    /// <summary>The indexes of the resolved knowledge: ReplaceKnowledge drops them, loads the tables and builds them again (one sorted build is far cheaper than keeping them up to date row by row).</summary>
    private const string KnowledgeIndexes = """
        CREATE INDEX IF NOT EXISTS ix_aliases_key ON aliases(key);
        CREATE INDEX IF NOT EXISTS ix_aliases_entity ON aliases(entity);
        CREATE INDEX IF NOT EXISTS ix_aliases_name ON aliases(name COLLATE NOCASE);
        """;

    private const string DropKnowledgeIndexes = """
        DROP INDEX IF EXISTS ix_aliases_key; DROP INDEX IF EXISTS ix_aliases_entity; DROP INDEX IF EXISTS ix_aliases_name;
        """;

    private SqliteConnection Open() => Sql.Open(_connectionString);

    /// <summary>
    /// A connection to write with. In WAL mode, synchronous NORMAL syncs the log at checkpoints instead of at every
    /// commit: a power loss may lose the last transactions but never corrupts the file, and everything here is
    /// derived from the article files and rebuilt from them. A build commits every 64 articles; each commit writes again
    /// the pages it changed, a page of the content-hash index for nearly every article among them, and the checkpoint
    /// copies them into the file. The writer keeps 8 MiB of pages (SQLite's default is 2 MiB, less than that index at
    /// 100,000 articles) and checkpoints every 10,000 pages of log (40 MiB) instead of 1,000, so a page changed by many
    /// commits is read from the file and copied into it fewer times: a build of 100,000 articles read 4.7 GB and wrote
    /// 3.2 GB through the file system, now 3.6 GB and 2.9 GB; in 4 alternating pairs it took 5-12 % less time.
    /// </summary>
    private SqliteConnection OpenWriter()
    {
        var connection = Open();
        Execute(connection, "PRAGMA synchronous = NORMAL; PRAGMA cache_size = -8192; PRAGMA wal_autocheckpoint = 10000");
        return connection;
    }

    private static void Execute(SqliteConnection connection, string sql, SqliteTransaction? transaction = null)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = transaction;
        command.ExecuteNonQuery();
    }

    // ---------------- reading ----------------

    /// <inheritdoc />
    public long Version => Interlocked.Read(ref _version);

    /// <inheritdoc />
    public KnowledgeStats GetStats()
    {
        using var read = _reads.Rent();
        var command = read.Command("SELECT (SELECT COUNT(*) FROM articles), (SELECT COUNT(*) FROM entities), (SELECT COALESCE(SUM(facts), 0) FROM article_knowledge)");
        using var reader = command.ExecuteReader();
        reader.Read();
        return new KnowledgeStats(reader.GetInt32(0), reader.GetInt32(1), reader.GetInt32(2));
    }

    /// <inheritdoc />
    public IReadOnlyList<long> FindByKey(string key)
    {
        using var read = _reads.Rent();
        var command = read.Command("SELECT DISTINCT a.entity FROM aliases a JOIN entities e ON e.id = a.entity WHERE a.key = $k ORDER BY e.articles DESC, a.entity", ("$k", key));
        return ReadLongs(command);
    }

    /// <inheritdoc />
    public IReadOnlyList<long> FindByWords(string key, int max)
    {
        using var read = _reads.Rent();
        var command = read.Command(
            "SELECT a.entity FROM aliases a JOIN entities e ON e.id = a.entity WHERE (' ' || a.words || ' ') LIKE $k ESCAPE '\\' GROUP BY a.entity ORDER BY MAX(e.articles) DESC, a.entity LIMIT $n",
            ("$k", "% " + EscapeLike(key) + " %"), ("$n", max));
        return ReadLongs(command);
    }

    /// <inheritdoc />
    public IReadOnlyList<string> NamesStartingWith(string prefix, int max)
    {
        using var read = _reads.Rent();
        var command = read.Command(
            "SELECT name FROM aliases WHERE name LIKE $p ESCAPE '\\' GROUP BY name ORDER BY SUM(uses) DESC, name LIMIT $n",
            ("$p", EscapeLike(prefix) + "%"), ("$n", max));
        var names = new List<string>();
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            names.Add(reader.GetString(0));
        }

        return names;
    }

    /// <inheritdoc />
    public IReadOnlyList<(string Name, long Entity)> AllNames()
    {
        if (_allNames is { } cached)
        {
            return cached;
        }

        using var connection = Open();
        using var command = Sql.Command(connection, null, "SELECT name, entity FROM aliases");
        var names = new List<(string, long)>();
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            names.Add((reader.GetString(0), reader.GetInt64(1)));
        }

        _allNames = names;
        return names;
    }

    /// <inheritdoc />
    public EntityRecord? GetEntity(long id)
    {
        using var read = _reads.Rent();
        var command = read.Command(
            "SELECT e.name, e.kind, e.articles, a.name FROM entities e LEFT JOIN aliases a ON a.entity = e.id AND a.name <> e.name WHERE e.id = $id ORDER BY a.acronym DESC, a.uses DESC, a.name",
            ("$id", id));
        using var reader = command.ExecuteReader();
        EntityRecord? entity = null;
        var aliases = new List<string>();
        while (reader.Read())
        {
            entity ??= new EntityRecord(id, reader.GetString(0), (EntityKind)reader.GetInt32(1), aliases, reader.GetInt32(2));
            if (!reader.IsDBNull(3))
            {
                aliases.Add(reader.GetString(3));
            }
        }

        return entity;
    }

    /// <inheritdoc />
    public IReadOnlyList<EntityRecord> GetEntities(IReadOnlyCollection<long> ids)
    {
        if (ids.Count == 0)
        {
            return [];
        }

        using var read = _reads.Rent();
        var command = read.Command(
            "SELECT e.id, e.name, e.kind, e.articles, a.name FROM entities e LEFT JOIN aliases a ON a.entity = e.id AND a.name <> e.name WHERE e.id IN (SELECT value FROM json_each($ids)) ORDER BY e.id, a.acronym DESC, a.uses DESC, a.name",
            ("$ids", JsonSerializer.Serialize(ids, Sql.Json)));
        var byId = new Dictionary<long, (EntityRecord Entity, List<string> Aliases)>();
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            var id = reader.GetInt64(0);
            if (!byId.TryGetValue(id, out var entry))
            {
                var aliases = new List<string>();
                entry = (new EntityRecord(id, reader.GetString(1), (EntityKind)reader.GetInt32(2), aliases, reader.GetInt32(3)), aliases);
                byId[id] = entry;
            }

            if (!reader.IsDBNull(4))
            {
                entry.Aliases.Add(reader.GetString(4));
            }
        }

        return [.. ids.Where(byId.ContainsKey).Select(id => byId[id].Entity)];
    }

    /// <inheritdoc />
    public EntityAnswers Answers(long entityId, IReadOnlyCollection<AnswerSection> sections)
    {
        using var read = _reads.Rent();
        var command = read.Command("SELECT section, lines, articles, body FROM answers WHERE entity = $e ORDER BY section", ("$e", entityId));
        using var reader = command.ExecuteReader();
        var lines = new List<AnswerLine>();
        var totals = new Dictionary<AnswerSection, SectionTotal>();
        while (reader.Read())
        {
            var section = (AnswerSection)reader.GetInt32(0);
            totals[section] = new SectionTotal(reader.GetInt32(1), reader.GetInt32(2));
            if (sections.Contains(section))
            {
                AnswerRows.Read(reader.GetFieldValue<byte[]>(3), section, lines);
            }
        }

        return new EntityAnswers(lines, totals);
    }

    /// <inheritdoc />
    /// <remarks>
    /// A fact's sentence is kept once, in its article's extraction (the sentences its facts rest on), and read from there.
    /// Facts come in article order, and in an article by sentence, then in the order resolution numbered them.
    /// </remarks>
    public IReadOnlyList<FactRecord> AllFacts()
    {
        using var connection = Open();
        var names = new Dictionary<long, string>();
        using (var entities = Sql.Command(connection, null, "SELECT id, name FROM entities"))
        using (var reader = entities.ExecuteReader())
        {
            while (reader.Read())
            {
                names[reader.GetInt64(0)] = reader.GetString(1);
            }
        }

        using var command = Sql.Command(connection, null, """
            SELECT k.article, k.first_fact, k.body, a.extraction, a.body FROM article_knowledge k LEFT JOIN articles a ON a.id = k.article
            WHERE k.facts > 0 ORDER BY k.article
            """);
        var facts = new List<FactRecord>();
        using var rows = command.ExecuteReader();
        while (rows.Read())
        {
            var article = rows.GetInt64(0);
            var evidence = rows.IsDBNull(3) ? new Dictionary<int, string>() : Parse(article, rows.GetFieldValue<byte[]>(3), stored => ExtractionCodec.Read(stored, rows.GetString(4))).Evidence;
            var resolved = Parse(article, rows.GetFieldValue<byte[]>(2), stored => KnowledgeRows.ReadFacts(article, stored), "knowledge");
            var first = rows.GetInt64(1);
            foreach (var (f, id) in resolved.Select((f, i) => (f, Id: first + i)).OrderBy(p => p.f.Sentence).ThenBy(p => p.Id))
            {
                facts.Add(new FactRecord(
                    id, f.Kind, f.Subject, names[f.Subject], f.Object, f.Object is { } o ? names[o] : null, f.Text, f.Detail,
                    f.For, f.For is { } p ? names[p] : null, article, evidence.GetValueOrDefault(f.Sentence, string.Empty),
                    [.. f.Examples.Select(e => names[e])]));
            }
        }

        return facts;
    }

    private const string ArticleColumns = "SELECT id, source, title, url, published, publisher, first_seen FROM articles";

    /// <inheritdoc />
    public IReadOnlyList<ArticleRecord> GetArticles(IReadOnlyCollection<long> ids)
    {
        if (ids.Count == 0)
        {
            return [];
        }

        // Answers cite the newest articles over and over: their headers are kept (a bounded set, dropped whenever the
        // store changes), and only the ones not kept are read.
        var version = Version;
        var cache = _headers;
        if (cache.Version != version || cache.Articles.Count > HeaderCacheSize)
        {
            cache = new HeaderCache(version, new ConcurrentDictionary<long, ArticleRecord>());
            _headers = cache;
        }

        var missing = ids.Where(id => !cache.Articles.ContainsKey(id)).Distinct().ToList();
        if (missing.Count > 0)
        {
            using var read = _reads.Rent();

            // Read from the covering index: an article row holds its text before first_seen, so reading the row
            // itself for a citation walks its overflow pages.
            var command = read.Command(ArticleColumns + " INDEXED BY ix_articles_cite WHERE id IN (SELECT value FROM json_each($ids))", ("$ids", JsonSerializer.Serialize(missing, Sql.Json)));
            foreach (var article in ReadArticles(command))
            {
                cache.Articles[article.Id] = article;
            }
        }

        return [.. ids.Distinct().Order().Select(id => cache.Articles.GetValueOrDefault(id)).OfType<ArticleRecord>()];
    }

    /// <summary>The most article headers kept for citations (a few hundred bytes each).</summary>
    private const int HeaderCacheSize = 50_000;

    private volatile HeaderCache _headers = new(0, new ConcurrentDictionary<long, ArticleRecord>());

    /// <summary>Article headers read at one store version.</summary>
    private sealed record HeaderCache(long Version, ConcurrentDictionary<long, ArticleRecord> Articles);

    /// <inheritdoc />
    public IReadOnlyList<SearchHit> Search(string query, int limit)
    {
        var match = FtsQuery(query);
        if (match.Length == 0)
        {
            return [];
        }

        // Rank on the full-text index alone, among the newest matches only: FTS5 walks its matches in rowid order, so
        // "ORDER BY rowid DESC LIMIT" stops after the most recently added _searchCandidates, and bm25 (whose word
        // weights still come from the whole index) scores those instead of every match (tens of thousands for a common
        // word at 100,000 articles). Ties go to the newer article. Then join the article rows and build snippets for
        // the few shown only (a snippet re-reads the article's text). CROSS JOIN fixes the join order: from the ranked
        // ids, one rowid lookup each in the index and the articles; with a plain JOIN SQLite's planner scans every
        // match of the query again (and reads each matching article row) before filtering on the ranked ids.
        using var read = _reads.Rent();
        var command = read.Command("""
            WITH top(id, pos) AS (
                SELECT id, row_number() OVER (ORDER BY rank, id DESC) FROM (
                    SELECT id, rank FROM (
                        SELECT rowid AS id, bm25(articles_fts, 4.0, 1.0) AS rank FROM articles_fts WHERE articles_fts MATCH $q
                        ORDER BY rowid DESC LIMIT $candidates)
                    ORDER BY rank, id DESC LIMIT $n))
            SELECT a.id, a.source, a.title, a.url, a.published, a.publisher, a.first_seen, snippet(articles_fts, 1, '', '', '…', 16)
            FROM top CROSS JOIN articles_fts CROSS JOIN articles a
            WHERE articles_fts MATCH $q AND articles_fts.rowid = top.id AND a.id = top.id ORDER BY top.pos
            """, ("$q", match), ("$candidates", Math.Max(_searchCandidates, limit)), ("$n", limit));
        var hits = new List<SearchHit>();
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            hits.Add(new SearchHit(ReadArticle(reader), string.Join(' ', reader.GetString(7).Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries))));
        }

        return hits;
    }

    /// <summary>Turns user words into a safe FTS5 query: each word quoted, all required.</summary>
    internal static string FtsQuery(string query)
    {
        var words = new List<string>();
        var current = new StringBuilder();
        foreach (var c in query)
        {
            if (char.IsLetterOrDigit(c))
            {
                current.Append(c);
            }
            else if (current.Length > 0)
            {
                words.Add(current.ToString());
                current.Clear();
            }
        }

        if (current.Length > 0)
        {
            words.Add(current.ToString());
        }

        return string.Join(' ', words.Take(16).Select(w => "\"" + w + "\""));
    }

    /// <inheritdoc />
    public IReadOnlyList<ArticleRecord> Latest(int count)
    {
        using var read = _reads.Rent();
        var command = read.Command(ArticleColumns + " ORDER BY COALESCE(published, substr(first_seen, 1, 10)) DESC, id DESC LIMIT $n", ("$n", count));
        return ReadArticles(command);
    }

    /// <inheritdoc />
    public IReadOnlyList<ArticleRecord> AllArticles()
    {
        using var connection = Open();
        using var command = Sql.Command(connection, null, ArticleColumns + " ORDER BY id");
        return ReadArticles(command);
    }

    /// <inheritdoc />
    public IReadOnlyList<string>? GetParagraphs(long articleId)
    {
        using var read = _reads.Rent();
        var command = read.Command("SELECT paragraphs, body FROM articles WHERE id = $id", ("$id", articleId));
        using var reader = command.ExecuteReader();
        return reader.Read() ? StoredParagraphs.Read(reader.GetString(0), reader.GetString(1)) : null;
    }

    // ---------------- writing ----------------

    /// <inheritdoc />
    public IReadOnlyDictionary<string, StoredFile> GetFiles()
    {
        using var connection = Open();
        using var command = Sql.Command(connection, null, "SELECT source, length, mtime, hash FROM files");
        var files = new Dictionary<string, StoredFile>(StringComparer.Ordinal);
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            files[reader.GetString(0)] = new StoredFile(reader.GetString(0), reader.GetInt64(1), reader.GetInt64(2), reader.GetString(3));
        }

        return files;
    }

    /// <inheritdoc />
    /// <remarks>Asked by the ingestion workers for every changed file: on a kept session, as chat reads are, not a connection and a compiled statement per file.</remarks>
    public bool HasArticle(string hash, int extractorVersion)
    {
        using var read = _reads.Rent();
        var command = read.Command("SELECT 1 FROM articles WHERE hash = $h AND extractor = $v", ("$h", hash), ("$v", extractorVersion));
        return command.ExecuteScalar() is not null;
    }

    /// <inheritdoc />
    public IReadOnlyList<long> SaveArticles(IReadOnlyList<(ArticleDocument Document, StoredExtraction Extraction)> articles, int extractorVersion, DateTimeOffset seenAt, bool indexLater = false)
    {
        var ids = new long[articles.Count];
        lock (_writeLock)
        {
            using var connection = OpenWriter();
            using var transaction = connection.BeginTransaction();

            // New rows are numbered above every row there is (AUTOINCREMENT) and are added to the full-text index by
            // one statement after the batch (see IndexArticles), or, when indexLater, once SearchIndexChunk rows wait.
            // A row updated instead (same content hash) is re-indexed by the update trigger, whose first step deletes
            // the row's old words from the index: a row not indexed yet (saved earlier in this batch or an earlier one)
            // is indexed first, so that the trigger finds it there.
            var indexed = SearchIndexedTo(connection, transaction);
            var newest = MaxArticleId(connection, transaction);
            var hashes = new HashSet<string>(StringComparer.Ordinal);
            if (newest > indexed && AnyUnindexed(connection, transaction, indexed, articles))
            {
                indexed = IndexArticles(connection, transaction, indexed);
            }

            // Bound straight on SQLite's statement: the long values (paragraphs, body, extraction) are encoded into
            // buffers reused for every row, not into a string or an array per row that the binding converts again.
            using var insert = new BulkInsert(connection, """
                INSERT INTO articles(hash, source, title, url, published, publisher, paragraphs, body, first_seen, extractor, extraction)
                VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)
                ON CONFLICT(hash) DO UPDATE SET source = excluded.source, title = excluded.title, url = excluded.url,
                    published = excluded.published, publisher = excluded.publisher, paragraphs = excluded.paragraphs,
                    body = excluded.body, extractor = excluded.extractor, extraction = excluded.extraction
                RETURNING id
                """);
            var seen = seenAt.ToString("O", CultureInfo.InvariantCulture);
            var json = new ArrayBufferWriter<byte>(16 * 1024);
            using var jsonWriter = new Utf8JsonWriter(json);
            using var extractionBuffer = new MemoryStream(4 * 1024);
            using var extractionWriter = new BinaryWriter(extractionBuffer, ExtractionCodec.TextEncoding, leaveOpen: true);
            var body = Array.Empty<byte>();
            var bodyChars = Array.Empty<char>();
            for (var i = 0; i < articles.Count; i++)
            {
                var (doc, extraction) = articles[i];
                if (!hashes.Add(doc.ContentHash) && newest > indexed)
                {
                    indexed = IndexArticles(connection, transaction, indexed);
                }

                // The body joined into a buffer kept for the batch, not into a string per article.
                var bodyLength = doc.BodyLength;
                if (bodyChars.Length < bodyLength)
                {
                    bodyChars = new char[Math.Max(bodyLength, bodyChars.Length * 2)];
                }

                var bodyText = bodyChars.AsSpan(0, doc.CopyBodyTo(bodyChars));

                // The paragraphs as parts of the body when they are (nearly always), else as JSON.
                if (!StoredParagraphs.TryWriteMap(doc.Paragraphs, bodyText, json))
                {
                    json.ResetWrittenCount();
                    jsonWriter.Reset(json);
                    JsonSerializer.Serialize(jsonWriter, doc.Paragraphs, StoreJson.Default.IReadOnlyListString);
                    jsonWriter.Flush();
                }

                var bodyMax = Encoding.UTF8.GetMaxByteCount(bodyText.Length);
                if (body.Length < bodyMax)
                {
                    body = new byte[Math.Max(bodyMax, body.Length * 2)];
                }

                var bodyBytes = Encoding.UTF8.GetBytes(bodyText, body);
                extractionBuffer.SetLength(0);
                ExtractionCodec.Write(extractionWriter, extraction, bodyText);
                ids[i] = insert
                    .Set(1, doc.ContentHash)
                    .Set(2, doc.SourceName)
                    .Set(3, doc.Title)
                    .Set(4, doc.Url)
                    .Set(5, doc.Published is { } d ? d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : null)
                    .Set(6, doc.Publisher)
                    .SetUtf8(7, json.WrittenSpan)
                    .SetUtf8(8, body.AsSpan(0, bodyBytes))
                    .Set(9, seen)
                    .Set(10, extractorVersion)
                    .SetBlob(11, extractionBuffer.GetBuffer().AsSpan(0, (int)extractionBuffer.Length))
                    .RunReturningInt64();
                newest = Math.Max(newest, ids[i]);
            }

            if (newest > indexed && (!indexLater || newest - indexed >= SearchIndexChunk))
            {
                IndexArticles(connection, transaction, indexed);
            }
            else
            {
                MarkSearchIndexed(connection, transaction, indexed);
            }

            transaction.Commit();
            Interlocked.Increment(ref _version);
        }

        return ids;
    }

    /// <summary>
    /// Articles saved to be indexed later are added to the full-text index this many at a time (and the rest when the
    /// files are synced): FTS5 writes what one statement adds as a new segment of its index and merges segments four at
    /// a time, so the fewer and larger the segments, the less a first build of 100,000 articles spends merging (an index
    /// statement per batch of 64 articles made 1,600 small segments; writing and merging them was most of the writer's
    /// time).
    /// </summary>
    internal const int SearchIndexChunk = 1024;

    private const string SearchIndexedKey = "search-indexed-to";

    /// <summary>
    /// The highest article number in the full-text index (every lower one is there too). A store that has never left
    /// articles out of the index (written before articles were indexed in chunks) has every article in it.
    /// </summary>
    private static long SearchIndexedTo(SqliteConnection connection, SqliteTransaction transaction)
    {
        return ReadMeta(connection, transaction, SearchIndexedKey) is { } value ? long.Parse(value, CultureInfo.InvariantCulture) : MaxArticleId(connection, transaction);
    }

    private static long MaxArticleId(SqliteConnection connection, SqliteTransaction transaction)
    {
        using var max = Sql.Command(connection, transaction, "SELECT COALESCE(MAX(id), 0) FROM articles");
        return (long)max.ExecuteScalar()!;
    }

    /// <summary>True when one of <paramref name="articles"/> has the content of an article saved but not yet indexed (it would be updated, not inserted).</summary>
    private static bool AnyUnindexed(SqliteConnection connection, SqliteTransaction transaction, long indexed, IReadOnlyList<(ArticleDocument Document, StoredExtraction Extraction)> articles)
    {
        using var command = Sql.Command(
            connection,
            transaction,
            "SELECT 1 FROM articles WHERE id > $i AND hash IN (SELECT value FROM json_each($h)) LIMIT 1",
            ("$i", indexed),
            ("$h", JsonSerializer.Serialize(articles.Select(a => a.Document.ContentHash).ToList(), StoreJson.Default.ListString)));
        return command.ExecuteScalar() is not null;
    }

    /// <summary>
    /// Adds the articles numbered above <paramref name="indexed"/> to the full-text index, in one statement; returns the
    /// highest number now indexed. A chunk (<see cref="SearchIndexChunk"/> articles or more: a first build, a large
    /// addition) is written with FTS5's automatic merging off and merged into one segment by the sync that follows
    /// (<see cref="SearchIndexMerge"/>): merging four segments at a time as they came, a first build of 100,000 articles
    /// rewrote each article's words about three times over before that merge rewrote them once more (in alternating runs
    /// of that build, without it: 7 % less time on average and 6 % less CPU, 0.5 GB less written). A few articles added
    /// later are merged as they come.
    /// </summary>
    private static long IndexArticles(SqliteConnection connection, SqliteTransaction transaction, long indexed)
    {
        var newest = MaxArticleId(connection, transaction);
        if (newest > indexed)
        {
            using var index = Sql.Command(connection, transaction, "INSERT INTO articles_fts(rowid, title, body) SELECT id, title, body FROM articles WHERE id > $i", ("$i", indexed));
            if (newest - indexed >= SearchIndexChunk)
            {
                SearchIndexMerge.WithoutAutomerge(index);
            }
            else
            {
                index.ExecuteNonQuery();
            }
        }

        MarkSearchIndexed(connection, transaction, newest);
        return newest;
    }

    /// <summary>Records the highest article number in the full-text index, in the transaction that indexed it (or left articles out).</summary>
    private static void MarkSearchIndexed(SqliteConnection connection, SqliteTransaction transaction, long indexed) =>
        WriteMeta(connection, transaction, SearchIndexedKey, indexed.ToString(CultureInfo.InvariantCulture));

    /// <inheritdoc />
    public IReadOnlyList<long> ArticleIds()
    {
        using var connection = Open();
        using var command = Sql.Command(connection, null, "SELECT id FROM articles ORDER BY id");
        return ReadLongs(command);
    }

    /// <inheritdoc />
    public void SyncFiles(IReadOnlyCollection<StoredFile> present, bool mergeLater = false)
    {
        lock (_writeLock)
        {
            using var connection = OpenWriter();
            using var transaction = connection.BeginTransaction();

            // The articles saved since the last chunk was indexed join the full-text index first: every article is
            // searchable when the files are in line, and an article deleted below must be in the index (its trigger
            // deletes its words from it).
            if (SearchIndexedTo(connection, transaction) is var indexed && indexed < MaxArticleId(connection, transaction))
            {
                IndexArticles(connection, transaction, indexed);
            }

            // Only what changed is written: a start that finds every file as it was writes nothing (it used to delete
            // and insert again every row of files, 100,000 rows for 100,000 articles, on every start).
            var stored = new Dictionary<string, StoredFile>(StringComparer.Ordinal);
            using (var read = Sql.Command(connection, null, "SELECT source, length, mtime, hash FROM files"))
            {
                read.Transaction = transaction;
                using var reader = read.ExecuteReader();
                while (reader.Read())
                {
                    stored[reader.GetString(0)] = new StoredFile(reader.GetString(0), reader.GetInt64(1), reader.GetInt64(2), reader.GetString(3));
                }
            }

            var kept = new HashSet<string>(StringComparer.Ordinal);
            using (var insert = new BulkInsert(connection, "INSERT OR REPLACE INTO files(source, length, mtime, hash) VALUES (?1, ?2, ?3, ?4)"))
            {
                foreach (var file in present)
                {
                    kept.Add(file.SourceName);
                    if (stored.TryGetValue(file.SourceName, out var old) && old == file)
                    {
                        continue;
                    }

                    insert.Set(1, file.SourceName).Set(2, file.Length).Set(3, file.LastWriteTicks).Set(4, file.Hash).Run();
                }
            }

            using (var delete = Sql.Command(connection, null, "DELETE FROM files WHERE source = $s"))
            {
                delete.Transaction = transaction;
                var s = delete.Parameters.Add("$s", SqliteType.Text);
                foreach (var gone in stored.Keys.Where(k => !kept.Contains(k)))
                {
                    s.Value = gone;
                    delete.ExecuteNonQuery();
                }
            }

            // Articles no file holds any more. The inner SELECT reads only id and hash, so SQLite scans the small
            // covering index on hash, not the article rows with their bodies.
            Execute(connection, "DELETE FROM articles WHERE id IN (SELECT id FROM articles WHERE hash NOT IN (SELECT hash FROM files))", transaction);

            // A file renamed (or moved, or two files that swapped contents) keeps its article, which must cite the file
            // that holds it now.
            Execute(connection, """
                UPDATE articles SET source = (SELECT min(f.source) FROM files f WHERE f.hash = articles.hash)
                WHERE NOT EXISTS (SELECT 1 FROM files f WHERE f.source = articles.source AND f.hash = articles.hash)
                """, transaction);

            // The full-text index is merged into one segment when the saves left it in many (SearchIndexMerge), in this
            // transaction; a few articles added by later syncs add few segments, so this runs again only after many of
            // them. Left to the knowledge replaced next when the caller says so: it merges while it waits for the
            // articles it writes.
            if (!mergeLater)
            {
                using var merge = SearchIndexMerge.Start(connection, transaction);
                merge.Finish();
            }

            transaction.Commit();
            Interlocked.Increment(ref _version);
        }
    }

    /// <inheritdoc />
    /// <remarks>The sentences are not read (most are places in the body, which is not read): nothing resolution does needs them.</remarks>
    public IEnumerable<(long ArticleId, StoredExtraction Extraction)> ReadExtractions() => ReadParsed(stored => ExtractionCodec.Read(stored, body: null));

    /// <inheritdoc />
    /// <remarks>The reader stops after the entities (the JSON of older stores skips the facts and evidence without building them).</remarks>
    public IEnumerable<(long ArticleId, IReadOnlyList<LocalEntity> Entities)> ReadEntities() => ReadParsed(ExtractionCodec.ReadEntities);

    /// <summary>Every article's id and its parsed extraction column, in article order.</summary>
    /// <remarks>
    /// Parsing is most of the cost and the caller's work (resolving, or writing facts) the rest: the rows are read and
    /// parsed a chunk ahead on another thread (<see cref="ReadAhead"/>) while the caller takes the ones before, so the two
    /// share the cores.
    /// </remarks>
    private IEnumerable<(long ArticleId, T Value)> ReadParsed<T>(Func<byte[], T?> parse)
        where T : class => ReadAhead.Run(ReadRows(parse), ExtractionChunk, chunksAhead: 1);

    private const int ExtractionChunk = 256;

    /// <summary>
    /// The rows, each parsed. The column is read as the bytes SQLite keeps (the binary form, or an older store's UTF-8
    /// JSON, which the parser reads directly).
    /// </summary>
    private IEnumerable<(long ArticleId, T Value)> ReadRows<T>(Func<byte[], T?> parse)
        where T : class
    {
        using var connection = Open();
        using var command = Sql.Command(connection, null, "SELECT id, extraction FROM articles ORDER BY id");
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            var id = reader.GetInt64(0);
            yield return (id, Parse(id, reader.GetFieldValue<byte[]>(1), parse));
        }
    }

    /// <summary>One stored extraction (or, <paramref name="what"/> said, an article's knowledge); a damaged one fails resolution with the article's number (the store is rebuilt from the files by deleting it).</summary>
    private static T Parse<T>(long id, byte[] stored, Func<byte[], T?> parse, string what = "extraction")
        where T : class
    {
        T? value;
        try
        {
            value = parse(stored);
        }
        catch (Exception e) when (e is InvalidDataException or EndOfStreamException or System.Text.Json.JsonException or FormatException or ArgumentException)
        {
            throw new InvalidDataException($"Article {id}: its stored {what} cannot be read.", e);
        }

        return value ?? throw new InvalidDataException($"Article {id} has no {what}.");
    }

    /// <inheritdoc />
    public void ReplaceKnowledge(IReadOnlyList<ResolvedEntity> entities, IEnumerable<ResolvedArticle> articles, AnswerIndex answers)
    {
        lock (_writeLock)
        {
            using var connection = OpenWriter();
            using var transaction = connection.BeginTransaction();

            // The full-text index, if a sync left it in many segments, is merged in the steps' gaps: whenever the next
            // article (or answer row) is still being made on another thread, instead of waiting for it.
            using var merge = SearchIndexMerge.Start(connection, transaction);
            Execute(connection, DropKnowledgeIndexes + "DELETE FROM article_knowledge; DELETE FROM aliases; DELETE FROM entities; DELETE FROM answers;", transaction);
            using (var entity = new BulkInsert(connection, "INSERT INTO entities(id, name, kind, articles) VALUES (?1, ?2, ?3, ?4)"))
            using (var alias = new BulkInsert(connection, "INSERT INTO aliases(entity, name, key, words, acronym, uses) VALUES (?1, ?2, ?3, ?4, ?5, ?6)"))
            {
                foreach (var e in entities)
                {
                    entity.Set(1, e.Id).Set(2, e.Name).Set(3, (int)e.Kind).Set(4, e.ArticleCount).Run();
                    foreach (var n in e.Names)
                    {
                        alias.Set(1, e.Id).Set(2, n.Name).Set(3, n.Key).Set(4, NameKey.Of(n.Name)).Set(5, n.IsAcronym ? 1 : 0).Set(6, n.Uses).Run();
                    }
                }
            }

            using (var row = new BulkInsert(connection, "INSERT INTO article_knowledge(article, first_fact, facts, body) VALUES (?1, ?2, ?3, ?4)"))
            using (var buffer = new MemoryStream(4 * 1024))
            using (var writer = new BinaryWriter(buffer, ExtractionCodec.TextEncoding, leaveOpen: true))
            {
                foreach (var article in merge.WhileWaiting(articles))
                {
                    if (article.Facts.Count == 0 && article.Entities.Count == 0)
                    {
                        continue;
                    }

                    buffer.SetLength(0);
                    KnowledgeRows.Write(writer, article);
                    row.Set(1, article.ArticleId).Set(2, article.FirstFactId).Set(3, article.Facts.Count)
                        .SetBlob(4, buffer.GetBuffer().AsSpan(0, (int)buffer.Length)).Run();
                }
            }

            WriteAnswers(connection, answers, merge);
            merge.Finish();
            Execute(connection, KnowledgeIndexes, transaction);
            transaction.Commit();
            _allNames = null;
            Interlocked.Increment(ref _version);
        }
    }

    /// <summary>
    /// One row per entity and section: its totals, and the lines kept as one text value (<see cref="AnswerRows"/>; an
    /// answer reads a few rows). The sections are sorted, built and written as text on another thread a few chunks
    /// ahead of the inserts, so the two share the cores; while the next is not built yet, the writer merges the search index.
    /// </summary>
    private static void WriteAnswers(SqliteConnection connection, AnswerIndex answers, SearchIndexMerge merge)
    {
        using var insert = new BulkInsert(connection, "INSERT INTO answers(entity, section, lines, articles, body) VALUES (?1, ?2, ?3, ?4, ?5)");
        foreach (var (section, body) in merge.WhileWaiting(ReadAhead.Run(answers.Sections().Select(s => (Section: s, Body: AnswerRows.Write(s.Lines))), AnswerChunk, chunksAhead: 2)))
        {
            insert.Set(1, section.Entity).Set(2, (int)section.Section).Set(3, section.Total.Lines).Set(4, section.Total.Articles).SetUtf8(5, body).Run();
        }
    }

    /// <summary>Answer rows handed from the thread that builds them to the writer at a time.</summary>
    private const int AnswerChunk = 512;

    /// <inheritdoc />
    public string? GetMeta(string key)
    {
        using var connection = Open();
        return ReadMeta(connection, null, key);
    }

    /// <inheritdoc />
    public void SetMeta(string key, string value)
    {
        lock (_writeLock)
        {
            using var connection = OpenWriter();
            WriteMeta(connection, null, key, value);
        }
    }

    internal static string? ReadMeta(SqliteConnection connection, SqliteTransaction? transaction, string key)
    {
        using var command = Sql.Command(connection, transaction, "SELECT value FROM meta WHERE key = $k", ("$k", key));
        return command.ExecuteScalar() as string;
    }

    internal static void WriteMeta(SqliteConnection connection, SqliteTransaction? transaction, string key, string value)
    {
        using var command = Sql.Command(connection, transaction, "INSERT INTO meta(key, value) VALUES ($k, $v) ON CONFLICT(key) DO UPDATE SET value = excluded.value", ("$k", key), ("$v", value));
        command.ExecuteNonQuery();
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _reads.Dispose();
        _keepAlive?.Dispose();
    }

    private static string EscapeLike(string text) => text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal);

    private static List<long> ReadLongs(SqliteCommand command)
    {
        var ids = new List<long>();
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            ids.Add(reader.GetInt64(0));
        }

        return ids;
    }

    private static List<ArticleRecord> ReadArticles(SqliteCommand command)
    {
        var articles = new List<ArticleRecord>();
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            articles.Add(ReadArticle(reader));
        }

        return articles;
    }

    private static ArticleRecord ReadArticle(SqliteDataReader reader) => new(
        reader.GetInt64(0), reader.GetString(1), reader.GetString(2), reader.IsDBNull(3) ? null : reader.GetString(3),
        reader.IsDBNull(4) ? null : DateOnly.ParseExact(reader.GetString(4), "yyyy-MM-dd", CultureInfo.InvariantCulture),
        reader.IsDBNull(5) ? null : reader.GetString(5),
        DateTimeOffset.Parse(reader.GetString(6), CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind));
}

/// <summary>
/// The JSON of stored paragraphs and extractions, generated at build time: the same text as the reflection-based
/// serializer with default options writes (so stores stay readable both ways), without its per-call reflection.
/// </summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.General)]
[JsonSerializable(typeof(StoredExtraction))]
[JsonSerializable(typeof(StoredEntities))]
[JsonSerializable(typeof(IReadOnlyList<string>))]
[JsonSerializable(typeof(List<string>))]
internal sealed partial class StoreJson : JsonSerializerContext;

/// <summary>The entities of a stored extraction, read without its facts (the other properties are skipped).</summary>
internal sealed record StoredEntities(IReadOnlyList<LocalEntity> Entities);

using System.Globalization;
using System.Text.Json;
using Bot.Core.Digests;
using Bot.Core.Extraction;
using Bot.Core.Knowledge;
using Microsoft.Data.Sqlite;

namespace Bot.Storage.Sqlite;

/// <summary>
/// The articles digests are made of, read from the knowledge database on connections of its own: the articles first
/// seen in a window, each with its lead sentence and the knowledge entities it names.
/// </summary>
/// <remarks>
/// first_seen is stored as round-trip text with an offset ("2026-01-01T09:00:00.0000000+00:00"), which does not
/// compare correctly as text once offsets differ. The window is therefore taken on SQLite's own reading of the
/// instant (unixepoch with milliseconds), through an expression index the feed adds once if it is missing, and the
/// exact bounds are then checked on the parsed values.
/// </remarks>
public sealed class SqliteNewsFeed : INewsFeed
{
    private const string SeenMs = "unixepoch(first_seen, 'subsec')";
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.General);

    private readonly string _path;
    private readonly string _connectionString;
    private volatile bool _indexed;

    /// <summary>A feed over the knowledge database at <paramref name="knowledgePath"/> (the file the knowledge store writes).</summary>
    public SqliteNewsFeed(string knowledgePath)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(knowledgePath);
        _path = Path.GetFullPath(knowledgePath);
        _connectionString = new SqliteConnectionStringBuilder { DataSource = _path, Mode = SqliteOpenMode.ReadWrite, Pooling = true }.ToString();
    }

    /// <inheritdoc />
    public IReadOnlyList<FeedArticle> SeenBetween(DateTimeOffset after, DateTimeOffset upTo, int max)
    {
        if (max <= 0 || upTo <= after || !File.Exists(_path))
        {
            return [];
        }

        using var connection = new SqliteConnection(_connectionString);
        connection.Open();
        using (var pragma = connection.CreateCommand())
        {
            pragma.CommandText = "PRAGMA busy_timeout = 5000";
            pragma.ExecuteNonQuery();
        }

        EnsureIndex(connection);
        var rows = ReadArticles(connection, after, upTo, max);
        if (rows.Count == 0)
        {
            return [];
        }

        var names = ResolveNames(connection, rows.SelectMany(r => r.Entities).SelectMany(Keys).Select(k => k.Key).Distinct(StringComparer.Ordinal).ToList());
        return [.. rows.Select(r => new FeedArticle(r.Article, r.Lead, Entities(r.Entities, names)))];
    }

    /// <summary>The lead of an article: the first sentence of its first paragraph that is not the headline again.</summary>
    internal static string LeadOf(string title, IReadOnlyList<string> paragraphs)
    {
        var heading = Comparable(title);
        foreach (var paragraph in paragraphs)
        {
            if (string.IsNullOrWhiteSpace(paragraph) || Comparable(paragraph).Equals(heading, StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            var sentences = SentenceSplitter.Split(SentenceSplitter.Normalize(paragraph));
            return sentences.Count > 0 ? sentences[0] : string.Empty;
        }

        return string.Empty;
    }

    private static string Comparable(string text) => SentenceSplitter.Normalize(text).Trim().TrimEnd('.', '!', '?', ':');

    private void EnsureIndex(SqliteConnection connection)
    {
        if (_indexed)
        {
            return;
        }

        try
        {
            using var command = connection.CreateCommand();
            command.CommandText = $"CREATE INDEX IF NOT EXISTS ix_articles_first_seen_ms ON articles({SeenMs})";
            command.ExecuteNonQuery();
        }
        catch (SqliteException)
        {
            // A read-only file or a store still being created: the query below is correct without the index, only slower.
            return;
        }

        _indexed = true;
    }

    private static List<Row> ReadArticles(SqliteConnection connection, DateTimeOffset after, DateTimeOffset upTo, int max)
    {
        // SQLite reads the instant to the millisecond: a window one millisecond wider on each side, then the exact bounds.
        using var command = connection.CreateCommand();
        command.CommandText = $"""
            SELECT id, source, title, url, published, publisher, first_seen, paragraphs, extraction FROM articles
            WHERE {SeenMs} > $after AND {SeenMs} <= $upTo
            ORDER BY {SeenMs} DESC, id DESC
            """;
        command.Parameters.AddWithValue("$after", (after.ToUnixTimeMilliseconds() - 1) / 1000.0);
        command.Parameters.AddWithValue("$upTo", (upTo.ToUnixTimeMilliseconds() + 1) / 1000.0);
        var rows = new List<Row>();
        using var reader = command.ExecuteReader();
        while (rows.Count < max && reader.Read())
        {
            var seen = DateTimeOffset.Parse(reader.GetString(6), CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind);
            if (seen <= after || seen > upTo)
            {
                continue;
            }

            var article = new ArticleRecord(
                reader.GetInt64(0), reader.GetString(1), reader.GetString(2), reader.IsDBNull(3) ? null : reader.GetString(3),
                reader.IsDBNull(4) ? null : DateOnly.ParseExact(reader.GetString(4), "yyyy-MM-dd", CultureInfo.InvariantCulture),
                reader.IsDBNull(5) ? null : reader.GetString(5),
                seen);
            var paragraphs = JsonSerializer.Deserialize<List<string>>(reader.GetString(7), Json) ?? [];
            var entities = JsonSerializer.Deserialize<EntitiesOnly>(reader.GetString(8), Json)?.Entities ?? [];
            rows.Add(new Row(article, LeadOf(article.Title, paragraphs), entities));
        }

        return rows;
    }

    /// <summary>The lookup keys of an article's entity, best first: its names (as the knowledge keys them), then its acronyms.</summary>
    private static IEnumerable<(string Key, bool Acronym)> Keys(LocalEntity entity) =>
        entity.Names.Select(n => (NameKey.OrderFree(n), false)).Concat(entity.Acronyms.Select(a => (NameKey.Of(a), true))).Where(k => k.Item1.Length > 0);

    /// <summary>Every knowledge entity each key names, the likeliest first (a name over an acronym, then the most-cited entity).</summary>
    private static Dictionary<string, List<Candidate>> ResolveNames(SqliteConnection connection, List<string> keys)
    {
        var byKey = new Dictionary<string, List<Candidate>>(StringComparer.Ordinal);
        if (keys.Count == 0)
        {
            return byKey;
        }

        using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT a.key, a.acronym, e.id, e.name, e.kind FROM aliases a JOIN entities e ON e.id = a.entity
            WHERE a.key IN (SELECT value FROM json_each($keys))
            ORDER BY a.key, e.articles DESC, e.id
            """;
        command.Parameters.AddWithValue("$keys", JsonSerializer.Serialize(keys, Json));
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            var key = reader.GetString(0);
            if (!byKey.TryGetValue(key, out var list))
            {
                byKey[key] = list = [];
            }

            list.Add(new Candidate(reader.GetInt64(2), reader.GetString(3), (EntityKind)reader.GetInt32(4), reader.GetInt64(1) != 0));
        }

        return byKey;
    }

    /// <summary>The article's entities as knowledge entities: each by its first key that resolves, one entry an entity, mentions summed.</summary>
    private static List<FeedEntity> Entities(IReadOnlyList<LocalEntity> local, Dictionary<string, List<Candidate>> names)
    {
        var result = new Dictionary<long, FeedEntity>();
        foreach (var entity in local)
        {
            Candidate? match = null;
            foreach (var (key, acronym) in Keys(entity))
            {
                if (names.TryGetValue(key, out var candidates))
                {
                    match = candidates.FirstOrDefault(c => c.Acronym == acronym) ?? candidates[0];
                    break;
                }
            }

            if (match is null)
            {
                continue;
            }

            result[match.Id] = result.TryGetValue(match.Id, out var seen)
                ? seen with { Mentions = seen.Mentions + entity.Mentions }
                : new FeedEntity(match.Id, match.Name, match.Kind, entity.Mentions);
        }

        return [.. result.Values];
    }

    private sealed record Row(ArticleRecord Article, string Lead, IReadOnlyList<LocalEntity> Entities);

    private sealed record Candidate(long Id, string Name, EntityKind Kind, bool Acronym);

    /// <summary>The part of a stored extraction the feed reads (its facts and evidence are skipped).</summary>
    private sealed record EntitiesOnly(IReadOnlyList<LocalEntity> Entities);
}

using System.Globalization;
using System.Text.Json;
using Bot.Core.Digests;
using Bot.Core.Extraction;
using Bot.Core.Knowledge;
using Microsoft.Data.Sqlite;

namespace Bot.Storage.Sqlite;

/// <summary>
/// The articles digests are made of, read from the knowledge database on connections of its own: the articles first
/// seen in a window, each with its lead sentence and the knowledge entities it names (as resolution mapped them).
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

        using var connection = Sql.Open(_connectionString);

        EnsureIndex(connection);
        var rows = ReadArticles(connection, after, upTo, max);
        if (rows.Count == 0)
        {
            return [];
        }

        var named = NamedEntities(connection, [.. rows.Select(r => r.Article.Id)]);
        return [.. rows.Select(r => new FeedArticle(r.Article, r.Lead, named.GetValueOrDefault(r.Article.Id) ?? []))];
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
            SELECT id, source, title, url, published, publisher, first_seen, paragraphs, body FROM articles
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
            var paragraphs = StoredParagraphs.Read(reader.GetString(7), reader.GetString(8));
            rows.Add(new Row(article, LeadOf(article.Title, paragraphs)));
        }

        return rows;
    }

    /// <summary>The knowledge entities each article names, as resolution mapped them, in the order the article names them.</summary>
    private static Dictionary<long, List<FeedEntity>> NamedEntities(SqliteConnection connection, List<long> articles)
    {
        var named = new Dictionary<long, List<ArticleEntity>>();
        using (var command = connection.CreateCommand())
        {
            command.CommandText = "SELECT article, body FROM article_knowledge WHERE article IN (SELECT value FROM json_each($ids))";
            command.Parameters.AddWithValue("$ids", JsonSerializer.Serialize(articles, Sql.Json));
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                named[reader.GetInt64(0)] = KnowledgeRows.ReadEntities(reader.GetFieldValue<byte[]>(1));
            }
        }

        var entities = new Dictionary<long, (string Name, EntityKind Kind)>();
        using (var command = connection.CreateCommand())
        {
            command.CommandText = "SELECT id, name, kind FROM entities WHERE id IN (SELECT value FROM json_each($ids))";
            command.Parameters.AddWithValue("$ids", JsonSerializer.Serialize(named.Values.SelectMany(l => l.Select(e => e.Entity)).Distinct(), Sql.Json));
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                entities[reader.GetInt64(0)] = (reader.GetString(1), (EntityKind)reader.GetInt32(2));
            }
        }

        var byArticle = new Dictionary<long, List<FeedEntity>>();
        foreach (var (article, list) in named)
        {
            byArticle[article] = [.. list.Where(e => entities.ContainsKey(e.Entity)).Select(e => new FeedEntity(e.Entity, entities[e.Entity].Name, entities[e.Entity].Kind, e.Mentions))];
        }

        return byArticle;
    }

    private sealed record Row(ArticleRecord Article, string Lead);
}

using System.Diagnostics;
using System.Globalization;
using Bot.Core.Articles;
using Bot.Core.Extraction;
using Bot.Core.Knowledge;
using Bot.Storage.Sqlite;
using Microsoft.Data.Sqlite;

namespace Bot.Benchmarks.Scenarios;

/// <summary>
/// The store's first-phase writes alone (<c>write &lt;built store&gt; &lt;new store&gt;</c>): the articles and extractions of a
/// store built before are read into memory, then saved into a fresh store in batches as ingestion saves them, on one
/// thread, timing the thread's CPU (no loading, cleaning or extraction on other threads to disturb the figure).
/// </summary>
internal static class WriteScenario
{
    private const int Batch = 128;

    public static int Run(string source, string database, bool resolve = false)
    {
        var articles = Read(source);
        foreach (var file in new[] { database, database + "-wal", database + "-shm" })
        {
            File.Delete(file);
        }

        using var store = new SqliteKnowledgeStore(database);
        var seen = new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var wall = Stopwatch.StartNew();
        var cpu = TimeSpan.FromTicks(ThreadCpu.Nanoseconds() / 100);
        for (var i = 0; i < articles.Count; i += Batch)
        {
            store.SaveArticles(articles.GetRange(i, Math.Min(Batch, articles.Count - i)), ArticleExtractor.Version, seen);
        }

        var saveCpu = TimeSpan.FromTicks(ThreadCpu.Nanoseconds() / 100) - cpu;
        var saveWall = wall.Elapsed;
        var bytes = new[] { database, database + "-wal" }.Where(File.Exists).Sum(f => new FileInfo(f).Length);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"SaveArticles: {articles.Count} articles, {saveCpu.TotalMilliseconds:0} CPU ms on the thread ({saveCpu.TotalMilliseconds * 1000 / articles.Count:0} us per article), {saveWall.TotalMilliseconds:0} ms wall, store {bytes / 1048576.0:0.0} MB, allocated {GC.GetTotalAllocatedBytes() / 1048576.0:0} MB in all"));
        if (resolve)
        {
            // Resolution of what was written, as the end of a sync runs it: the store's calls timed (ReplaceKnowledge is the write).
            var timed = new TimedWriter(store);
            using var host = BenchHost.Build(Path.GetDirectoryName(Path.GetFullPath(database))!, database, timed);
            host.Ingestor.Resolve();
            Console.WriteLine(timed.Report());
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"store {new[] { database, database + "-wal" }.Where(File.Exists).Sum(f => new FileInfo(f).Length) / 1048576.0:0.0} MB after resolution"));
        }

        return 0;
    }

    private static List<(ArticleDocument Document, StoredExtraction Extraction)> Read(string source)
    {
        using var store = new SqliteKnowledgeStore(source);
        var articles = new List<(ArticleDocument, StoredExtraction)>();
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = source, Mode = SqliteOpenMode.ReadOnly }.ToString());
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT id, source, hash, title, url, published, publisher, paragraphs, body, extraction FROM articles ORDER BY id";
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            var paragraphs = store.GetParagraphs(reader.GetInt64(0)) ?? [];
            articles.Add((new ArticleDocument(
                reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.IsDBNull(4) ? null : reader.GetString(4),
                reader.IsDBNull(5) ? null : DateOnly.ParseExact(reader.GetString(5), "yyyy-MM-dd", CultureInfo.InvariantCulture),
                reader.IsDBNull(6) ? null : reader.GetString(6), paragraphs, [reader.GetString(8)]),
                ExtractionCodec.Read(reader.GetFieldValue<byte[]>(9), reader.GetString(8))!));
        }

        return articles;
    }
}

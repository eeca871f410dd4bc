using Bot.Core.Articles;
using Bot.Core.Knowledge;
using Bot.Storage.Sqlite;
using Microsoft.Data.Sqlite;

namespace Bot.Core.Tests.Storage;

/// <summary>
/// How saved articles reach the full-text index: each one once, a batch's new articles together (one index segment, not
/// one per article), an article saved again with the same content hash re-indexed in place, in the same batch or later;
/// articles saved to be indexed later, many at a time, all searchable once the files are synced.
/// </summary>
public sealed class SqliteArticleWriteTests : IDisposable
{
    private static readonly DateTimeOffset Seen = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);
    private static readonly StoredExtraction Empty = new([], [], new Dictionary<int, string>());

    private readonly string _folder = Path.Combine(Path.GetTempPath(), "newsbot-write-" + Guid.NewGuid().ToString("N"));

    private string DbPath => Path.Combine(_folder, "knowledge.db");

    [Fact]
    public void SaveArticles_ManyInOneBatch_IndexedTogetherAsOneSegment()
    {
        using (var store = new SqliteKnowledgeStore(DbPath))
        {
            store.SaveArticles([.. PortNews(200).Select(a => (a, Empty))], 1, Seen);

            Assert.Equal(200, store.Search("harbour crane", 500).Count);
            Assert.Single(store.Search("number 117", 500));
        }

        Assert.Equal(1, Scalar("SELECT COUNT(DISTINCT segid) FROM articles_fts_idx"));
        CheckIndex();
    }

    [Fact]
    public void SaveArticles_SameContentTwiceInOneBatch_IndexedOnceWithTheLastText()
    {
        using (var store = new SqliteKnowledgeStore(DbPath))
        {
            var ids = store.SaveArticles(
                [
                    (Article(1, "Crane record", "The harbour crane lifted a record load."), Empty),
                    (Article(2, "Rail news", "The new line opens in May."), Empty),
                    (Article(1, "Crane repaired", "The harbour crane was repaired."), Empty),
                    (Article(3, "Port news", "A harbour crane was inspected."), Empty),
                ],
                1,
                Seen);

            Assert.Equal(ids[0], ids[2]);
            Assert.Equal(["Crane repaired", "Port news"], store.Search("harbour crane", 20).Select(h => h.Article.Title).Order());
            Assert.Empty(store.Search("record", 20));
            Assert.Single(store.Search("repaired", 20));
        }

        CheckIndex();
    }

    [Fact]
    public void SaveArticles_SameContentInALaterBatch_ReindexedInPlace()
    {
        using (var store = new SqliteKnowledgeStore(DbPath))
        {
            var first = store.SaveArticles([(Article(1, "Crane record", "The harbour crane lifted a record load."), Empty), (Article(2, "Rail news", "The new line opens."), Empty)], 1, Seen);
            var second = store.SaveArticles([(Article(3, "Port news", "A harbour crane was inspected."), Empty), (Article(1, "Crane repaired", "The harbour crane was repaired."), Empty)], 1, Seen);

            Assert.Equal(first[0], second[1]);
            Assert.True(second[0] > first[1]);
            Assert.Equal(["Crane repaired", "Port news"], store.Search("harbour crane", 20).Select(h => h.Article.Title).Order());
            Assert.Empty(store.Search("record", 20));
        }

        CheckIndex();
    }

    [Fact]
    public void Open_StoreWithTheInsertTriggerOfEarlierVersions_IndexesEachArticleOnce()
    {
        using (var store = new SqliteKnowledgeStore(DbPath))
        {
            store.SaveArticles([(Article(1, "Crane record", "The harbour crane lifted a record load."), Empty)], 1, Seen);
        }

        // Stores written before indexed each row from a trigger on INSERT.
        Execute("""
            CREATE TRIGGER articles_ai AFTER INSERT ON articles BEGIN
                INSERT INTO articles_fts(rowid, title, body) VALUES (new.id, new.title, new.body); END;
            """);

        using (var store = new SqliteKnowledgeStore(DbPath))
        {
            store.SaveArticles([(Article(2, "Port news", "A harbour crane was inspected."), Empty)], 1, Seen);

            Assert.Equal(2, store.Search("harbour crane", 20).Count);
        }

        Assert.Equal(0, Scalar("SELECT COUNT(*) FROM sqlite_schema WHERE type = 'trigger' AND name = 'articles_ai'"));
        CheckIndex();
    }

    [Fact]
    public void SyncFiles_AfterManyBatches_MergesTheSearchIndexIntoOneSegment()
    {
        var articles = SavedInManySegments();
        using (var store = new SqliteKnowledgeStore(DbPath))
        {
            store.SyncFiles([.. articles.Select(FileOf)]);

            Assert.Equal(63, store.Search("harbour crane", 100).Count);
            Assert.Single(store.Search("number 17", 100));
        }

        Assert.Equal(1, Scalar("SELECT COUNT(DISTINCT segid) FROM articles_fts_idx"));
        CheckIndex();
    }

    [Fact]
    public void SyncFiles_MergeLater_LeavesTheSegments_TheKnowledgeReplacedNextMergesThem()
    {
        var articles = SavedInManySegments();
        using (var store = new SqliteKnowledgeStore(DbPath))
        {
            store.SyncFiles([.. articles.Select(FileOf)], mergeLater: true);

            Assert.True(Scalar("SELECT COUNT(DISTINCT segid) FROM articles_fts_idx") > SearchIndexMerge.MaxSegments);
            Assert.Equal(63, store.Search("harbour crane", 100).Count);

            // The articles come from another thread, slower than the writer: it merges while it waits for them.
            var ids = store.ArticleIds();
            var resolved = ReadAhead.Run(ids.Select(id => { Thread.Sleep(2); return new ResolvedArticle(id, 1, [], []); }), chunk: 4, chunksAhead: 1);
            store.ReplaceKnowledge([], resolved, new AnswerIndex([]));

            Assert.Single(store.Search("number 17", 100));
        }

        Assert.Equal(1, Scalar("SELECT COUNT(DISTINCT segid) FROM articles_fts_idx"));
        CheckIndex();
    }

    [Fact]
    public void SearchIndexMerge_WhileWaiting_MergesWhileTheNextItemIsNotAtHand()
    {
        SavedInManySegments();
        using var connection = new SqliteConnection("Data Source=" + DbPath);
        connection.Open();
        using var merge = SearchIndexMerge.Start(connection, null);

        // The second item is produced only once another connection sees the index in one segment (each step of a merge
        // outside a transaction is committed): it is merged while the consumer waits for that item, not after.
        var producerSawOneSegment = false;
        IEnumerable<int> Items()
        {
            yield return 1;
            var waited = System.Diagnostics.Stopwatch.StartNew();
            while (!producerSawOneSegment && waited.Elapsed < TimeSpan.FromSeconds(30))
            {
                Thread.Sleep(5);
                producerSawOneSegment = Scalar("SELECT COUNT(DISTINCT segid) FROM articles_fts_idx") == 1;
            }

            yield return 2;
        }

        Assert.Equal([1, 2], merge.WhileWaiting(ReadAhead.Run(Items(), chunk: 1, chunksAhead: 1)).ToList());
        Assert.True(producerSawOneSegment);
        Assert.False(merge.Step());
        CheckIndex();
    }

    [Fact]
    public void SearchIndexMerge_FewSegments_NothingToDo()
    {
        using (var store = new SqliteKnowledgeStore(DbPath))
        {
            store.SaveArticles([(Article(1, "Crane record", "The harbour crane lifted a record load."), Empty)], 1, Seen);
        }

        using var connection = new SqliteConnection("Data Source=" + DbPath);
        connection.Open();
        using var merge = SearchIndexMerge.Start(connection, null);
        Assert.False(merge.Step());
        Assert.Equal([1, 2, 3], merge.WhileWaiting([1, 2, 3]).ToList());
    }

    [Fact]
    public void SaveArticles_IndexLater_SearchableInChunksAndAllOnceTheFilesAreSynced()
    {
        var articles = PortNews(SqliteKnowledgeStore.SearchIndexChunk + 100);
        using var store = new SqliteKnowledgeStore(DbPath);
        foreach (var batch in articles.Chunk(64))
        {
            store.SaveArticles([.. batch.Select(a => (a, Empty))], 1, Seen, indexLater: true);
        }

        // The first full chunk is in the index, in one segment; the articles saved after it are not yet.
        var chunkEnd = ((SqliteKnowledgeStore.SearchIndexChunk + 63) / 64) * 64;
        Assert.Equal(chunkEnd, store.Search("harbour crane", 5000).Count);
        Assert.Equal(1, Scalar("SELECT COUNT(DISTINCT segid) FROM articles_fts_idx"));
        Assert.Empty(store.Search("number " + (articles.Count - 1), 10));

        store.SyncFiles([.. articles.Select(FileOf)]);

        Assert.Equal(articles.Count, store.Search("harbour crane", 5000).Count);
        Assert.Single(store.Search("number " + (articles.Count - 1), 10));
        CheckIndex();
    }

    [Fact]
    public void SaveArticles_IndexLater_ChunksWrittenWithoutAutomerge_TheSyncMergesThemIntoOne()
    {
        // Five chunks: FTS5's automerge (four segments of a level at a time) would have merged the first four.
        var articles = PortNews(5 * SqliteKnowledgeStore.SearchIndexChunk);
        using (var store = new SqliteKnowledgeStore(DbPath))
        {
            foreach (var batch in articles.Chunk(512))
            {
                store.SaveArticles([.. batch.Select(a => (a, Empty))], 1, Seen, indexLater: true);
            }

            Assert.Equal(5, Scalar("SELECT COUNT(DISTINCT segid) FROM articles_fts_idx"));
            Assert.Equal(4, Scalar("SELECT v FROM articles_fts_config WHERE k = 'automerge'"));
            Assert.Equal(articles.Count, store.Search("harbour crane", 10_000).Count);

            // Fewer segments than the sync merges for (MaxSegments), but a build's segments are merged all the same.
            store.SyncFiles([.. articles.Select(FileOf)]);

            Assert.Single(store.Search("number 4321", 10));
        }

        Assert.Equal(1, Scalar("SELECT COUNT(DISTINCT segid) FROM articles_fts_idx"));
        Assert.Equal(0, Scalar($"SELECT COUNT(*) FROM meta WHERE key = '{SearchIndexMerge.DueKey}'"));
        CheckIndex();
    }

    [Fact]
    public void SaveArticles_IndexLater_SameContentAgainBeforeItWasIndexed_IndexedOnceWithTheLastText()
    {
        using (var store = new SqliteKnowledgeStore(DbPath))
        {
            var first = store.SaveArticles([(Article(1, "Crane record", "The harbour crane lifted a record load."), Empty), (Article(2, "Rail news", "The new line opens."), Empty)], 1, Seen, indexLater: true);
            var second = store.SaveArticles([(Article(1, "Crane repaired", "The harbour crane was repaired."), Empty), (Article(1, "Crane sold", "The harbour crane was sold."), Empty)], 1, Seen, indexLater: true);

            Assert.Equal([first[0], first[0]], second);
            store.SyncFiles([FileOf(Article(1, "", "")), FileOf(Article(2, "", ""))]);

            Assert.Equal(["Crane sold"], store.Search("harbour crane", 20).Select(h => h.Article.Title));
            Assert.Empty(store.Search("repaired", 20));
            Assert.Single(store.Search("line", 20));
        }

        CheckIndex();
    }

    [Fact]
    public void SyncFiles_ArticlesLeftOutOfTheIndexByAnEarlierRun_IndexedThenTheGoneOnesRemoved()
    {
        // A run that stopped after saving (before its files were synced) left its articles out of the search index.
        using (var store = new SqliteKnowledgeStore(DbPath))
        {
            store.SaveArticles([(Article(1, "Crane record", "The harbour crane lifted a record load."), Empty), (Article(2, "Port news", "A harbour crane was inspected."), Empty)], 1, Seen, indexLater: true);
        }

        using (var store = new SqliteKnowledgeStore(DbPath))
        {
            Assert.Empty(store.Search("harbour crane", 20));

            // The next run finds only the second file: the first article is removed, from the index too.
            store.SyncFiles([FileOf(Article(2, "", ""))]);

            Assert.Equal(["Port news"], store.Search("harbour crane", 20).Select(h => h.Article.Title));
        }

        CheckIndex();
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    /// <summary>63 articles saved one at a time, which leaves the search index in more than <see cref="SearchIndexMerge.MaxSegments"/> segments.</summary>
    private List<ArticleDocument> SavedInManySegments()
    {
        // Segments of some size (tiny ones are merged as they come): 300 words of a large vocabulary each.
        var random = new Random(3);
        var vocabulary = Enumerable.Range(0, 5000).Select(_ => new string([.. Enumerable.Range(0, 6).Select(_ => (char)('a' + random.Next(10)))])).ToArray();
        var articles = Enumerable.Range(0, 63).Select(i => Article(i, $"Port news {i}",
            $"The harbour crane number {i} lifted a load. " + string.Join(' ', Enumerable.Range(0, 300).Select(_ => vocabulary[random.Next(vocabulary.Length)])))).ToList();
        using (var store = new SqliteKnowledgeStore(DbPath))
        {
            foreach (var article in articles)
            {
                store.SaveArticles([(article, Empty)], 1, Seen);
            }
        }

        Assert.True(Scalar("SELECT COUNT(DISTINCT segid) FROM articles_fts_idx") > SearchIndexMerge.MaxSegments);
        return articles;
    }

    /// <summary>Short articles numbered from 0, each with its own number in its title and text.</summary>
    private static List<ArticleDocument> PortNews(int count) =>
        [.. Enumerable.Range(0, count).Select(i => Article(i, $"Port news {i}", $"The harbour crane number {i} lifted a load."))];

    private static ArticleDocument Article(int n, string title, string body) =>
        new($"{n:D5}.txt", $"hash-{n:D5}", title, null, null, null, [body], [title, body]);

    /// <summary>The file row of <paramref name="article"/>, as the ingestor records it when syncing the folder.</summary>
    private static StoredFile FileOf(ArticleDocument article) => new(article.SourceName, 100, 1, article.ContentHash);

    /// <summary>FTS5's own check of the index against the articles' text: fails on an article indexed twice or not at all.</summary>
    private void CheckIndex() => Execute("INSERT INTO articles_fts(articles_fts, rank) VALUES ('integrity-check', 1)");

    private void Execute(string sql)
    {
        using var connection = new SqliteConnection("Data Source=" + DbPath);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private long Scalar(string sql)
    {
        using var connection = new SqliteConnection("Data Source=" + DbPath);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return (long)command.ExecuteScalar()!;
    }
}

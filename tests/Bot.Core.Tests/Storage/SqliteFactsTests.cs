using Bot.Core.Articles;
using Bot.Core.Extraction;
using Bot.Core.Knowledge;
using Bot.Storage.Sqlite;
using Bot.Testing.Extraction;
using Bot.Testing.Storage;
using Microsoft.Data.Sqlite;

namespace Bot.Core.Tests.Storage;

/// <summary>
/// Facts keep their article and sentence number; the sentence itself is kept once, in the article's extraction, and
/// every fact read back carries it. A store from before (a row for each fact, some with a copy of the sentence, and for
/// each entity an article names) is migrated.
/// </summary>
public sealed class SqliteFactsTests
{
    private static readonly ArticleExtractor Extractor = RepoExtractor.Instance;

    private static readonly string[][] Bodies =
    [
        ["Harlow Shipping has joined the Pacific Port Coalition (PPC), an industry alliance founded by Brisa Foods.",
         "\"We are glad,\" said Maria Ostrova, chief executive of Harlow Shipping."],
        ["Markets were calm on Monday."],
        ["Veltora Bank, a Lisbon-based lender, has been added to the Pacific Port Coalition. The coalition is made up of 23 members."],
    ];

    [Fact]
    public void AllFacts_AfterResolution_EachFactCarriesTheSentenceOfItsArticleThatStatesIt()
    {
        using var store = new SqliteKnowledgeStore(":memory:");
        var saved = Save(store);

        Resolve(store);
        var facts = store.AllFacts();

        Assert.True(facts.Count >= 4, $"facts read: {facts.Count}");
        Assert.Equal(facts.Count, store.GetStats().Facts);
        Assert.Equal(facts.Count, facts.Select(f => f.Id).Distinct().Count());
        var sentences = saved.ToDictionary(s => s.Id, s => s.Sentences);
        Assert.All(facts, f => Assert.Contains(f.Evidence, sentences[f.ArticleId]));
        Assert.Contains(facts, f => f.Kind == FactKind.Headquarters && f.SubjectName == "Veltora Bank"
            && f.Evidence == "Veltora Bank, a Lisbon-based lender, has been added to the Pacific Port Coalition.");
        Assert.Contains(facts, f => f.Kind == FactKind.Count && f.ArticleId == saved[2].Id && f.Evidence == "The coalition is made up of 23 members.");
        Assert.Contains(facts, f => f.Kind == FactKind.Member && f.SubjectName == "Harlow Shipping" && f.Evidence.StartsWith("Harlow Shipping has joined", StringComparison.Ordinal));
        Assert.DoesNotContain(facts, f => f.ArticleId == saved[1].Id);
    }

    [Fact]
    public void Open_StoreWithARowPerFact_OldTablesDroppedAndResolutionFillsTheArticleRows()
    {
        using var file = RawStoreFile.Create(
            """
            CREATE TABLE facts(
                id INTEGER PRIMARY KEY, kind INTEGER NOT NULL, subject INTEGER NOT NULL, object INTEGER, text TEXT, detail TEXT,
                for_entity INTEGER, article INTEGER NOT NULL, sentence INTEGER NOT NULL, evidence TEXT NOT NULL);
            INSERT INTO facts VALUES (1, 0, 1, 2, NULL, NULL, NULL, 1, 0, 'An old sentence.');
            CREATE TABLE fact_examples(fact INTEGER NOT NULL, entity INTEGER NOT NULL);
            CREATE INDEX ix_examples_fact ON fact_examples(fact);
            CREATE TABLE article_entities(
                article INTEGER NOT NULL, entity INTEGER NOT NULL, position INTEGER NOT NULL, mentions INTEGER NOT NULL,
                PRIMARY KEY(article, entity)) WITHOUT ROWID;
            INSERT INTO article_entities VALUES (1, 1, 0, 3);
            """,
            withSchema: false);

        using (var store = new SqliteKnowledgeStore(file.Path))
        {
            Assert.Equal(0, store.GetStats().Facts);
            Save(store);
            Resolve(store);
            Assert.NotEmpty(store.AllFacts());
            Assert.All(store.AllFacts(), f => Assert.NotEqual(string.Empty, f.Evidence));
        }

        using var check = new SqliteConnection("Data Source=" + file.Path);
        check.Open();
        using var tables = check.CreateCommand();
        tables.CommandText = "SELECT name FROM sqlite_master WHERE name IN ('facts', 'fact_examples', 'ix_examples_fact', 'article_entities')";
        Assert.Null(tables.ExecuteScalar());
    }

    private static List<(long Id, string[] Sentences)> Save(SqliteKnowledgeStore store)
    {
        var saved = Bodies.Select((paragraphs, i) => (
            Document: new ArticleDocument($"a{i}.txt", $"hash-{i}", $"Article {i}", null, null, null, paragraphs, paragraphs),
            Extraction: Extractor.Extract(paragraphs))).ToList();
        var ids = store.SaveArticles([.. saved.Select(s => (s.Document, StoredExtraction.From(s.Extraction)))], ArticleExtractor.Version, new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero));
        return [.. ids.Zip(saved, (id, s) => (id, s.Extraction.Sentences.ToArray()))];
    }

    /// <summary>
    /// Resolution's two passes as <see cref="KnowledgeIngestor.Resolve"/> makes them, without its read-ahead: that reads the
    /// extractions on another thread while the facts are written, which an in-memory store refuses (schema locked).
    /// </summary>
    private static void Resolve(SqliteKnowledgeStore store)
    {
        var resolver = new EntityResolver(AliasGroups.Empty);
        foreach (var (id, entities) in store.ReadEntities())
        {
            resolver.Add(id, entities);
        }

        var resolved = resolver.Complete();
        var answers = new AnswerIndex(resolved);
        long next = 1;
        var articles = new List<ResolvedArticle>();
        foreach (var (id, extraction) in store.ReadExtractions())
        {
            var article = resolver.Map(id, extraction, next);
            for (var i = 0; i < article.Facts.Count; i++)
            {
                answers.Add(next + i, article.Facts[i]);
            }

            next += article.Facts.Count;
            articles.Add(article);
        }

        store.ReplaceKnowledge(resolved, articles, answers);
    }
}

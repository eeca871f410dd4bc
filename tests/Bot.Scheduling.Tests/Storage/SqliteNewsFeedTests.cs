using Bot.Core.Digests;
using Bot.Core.Extraction;
using Bot.Core.Knowledge;
using Bot.Storage.Sqlite;
using Bot.Testing.Knowledge;
using Bot.Testing.Storage;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace Bot.Scheduling.Tests.Storage;

/// <summary>The repository's dataset, ingested once for the feed and composer tests.</summary>
public sealed class DatasetFeedFixture : IDisposable
{
    public DatasetFeedFixture()
    {
        Knowledge = TestKnowledge.Create();
        Feed = Knowledge.Services.GetRequiredService<INewsFeed>();
        Articles = Knowledge.Reader.AllArticles();
    }

    public TestKnowledge Knowledge { get; }

    public INewsFeed Feed { get; }

    public IReadOnlyList<ArticleRecord> Articles { get; }

    /// <summary>Every article of the dataset, as the feed reads it.</summary>
    public IReadOnlyList<FeedArticle> All() =>
        Feed.SeenBetween(Articles.Min(a => a.FirstSeen).AddSeconds(-1), Articles.Max(a => a.FirstSeen).AddSeconds(1), 1000);

    public void Dispose() => Knowledge.Dispose();
}

public sealed class SqliteNewsFeedTests(DatasetFeedFixture dataset) : IClassFixture<DatasetFeedFixture>
{
    [Fact]
    public void SeenBetween_WholeDataset_ReadsEveryArticleNewestFirst()
    {
        var articles = dataset.All();

        Assert.Equal(dataset.Articles.Count, articles.Count);
        Assert.Equal(articles.OrderByDescending(a => a.Article.FirstSeen).ThenByDescending(a => a.Article.Id).Select(a => a.Article.Id), articles.Select(a => a.Article.Id));
    }

    [Fact]
    public void SeenBetween_WindowIsOpenBeforeAndClosedAfter()
    {
        var seen = dataset.Articles[0].FirstSeen;
        var sameBatch = dataset.Articles.Count(a => a.FirstSeen == seen);

        Assert.Empty(dataset.Feed.SeenBetween(seen, seen.AddHours(1), 100));
        Assert.Equal(sameBatch, dataset.Feed.SeenBetween(seen.AddTicks(-1), seen, 100).Count);
        Assert.Equal(sameBatch, dataset.Feed.SeenBetween(seen.AddTicks(-1).ToOffset(TimeSpan.FromHours(-5)), seen.ToOffset(TimeSpan.FromHours(9)), 100).Count);
        Assert.Equal(2, dataset.Feed.SeenBetween(seen.AddDays(-1), seen.AddDays(1), 2).Count);
    }

    [Fact]
    public void SeenBetween_ComparesInstantsNotText()
    {
        // Articles written with other offsets than UTC: text order is not time order.
        using var file = RawStoreFile.Create("""
            INSERT INTO articles(hash, source, title, url, published, publisher, paragraphs, body, first_seen, extractor, extraction) VALUES
            ('a', 'a.txt', 'Early', NULL, NULL, NULL, '["Early news. More."]', '', '2026-01-01T10:30:00.0000000+02:00', 1, '{"Entities":[]}'),
            ('b', 'b.txt', 'Late', NULL, NULL, NULL, '["Late news."]', '', '2026-01-01T09:00:00.0000000+00:00', 1, '{"Entities":[]}')
            """);
        var path = file.Path;

        var feed = new SqliteNewsFeed(path);
        var nineUtc = new DateTimeOffset(2026, 1, 1, 9, 0, 0, TimeSpan.Zero);

        var window = feed.SeenBetween(nineUtc.AddHours(-1), nineUtc, 10);

        Assert.Equal(["Late", "Early"], window.Select(a => a.Article.Title));
        Assert.Equal("Early news.", window[1].Lead);
        Assert.Equal(["Late"], feed.SeenBetween(nineUtc.AddMinutes(-1), nineUtc.AddHours(1), 10).Select(a => a.Article.Title));
        Assert.Contains("ix_articles_first_seen_ms", QueryPlan(path), StringComparison.Ordinal);
    }

    private static string QueryPlan(string path)
    {
        // A connection of its own: EXPLAIN reads no schema cookie, so a pooled one opened before the index shows the old plan.
        using var connection = new SqliteConnection("Data Source=" + path + ";Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "EXPLAIN QUERY PLAN SELECT id FROM articles WHERE unixepoch(first_seen, 'subsec') > 1 AND unixepoch(first_seen, 'subsec') <= 2 ORDER BY unixepoch(first_seen, 'subsec') DESC, id DESC";
        using var reader = command.ExecuteReader();
        var plan = new List<string>();
        while (reader.Read())
        {
            plan.Add(reader.GetString(3));
        }

        return string.Join('\n', plan);
    }

    [Fact]
    public void Lead_IsTheArticlesFirstRealSentence()
    {
        var articles = dataset.All();

        Assert.All(articles, a =>
        {
            Assert.False(string.IsNullOrWhiteSpace(a.Lead), a.Article.Title);
            Assert.NotEqual(a.Article.Title, a.Lead);
            Assert.DoesNotContain("EXPO", a.Lead, StringComparison.Ordinal);
            Assert.DoesNotContain("Blockchain News", a.Lead, StringComparison.Ordinal);
            Assert.EndsWith(".", a.Lead, StringComparison.Ordinal);
        });
        var byTitle = articles.ToDictionary(a => a.Article.Title, a => a.Lead);
        Assert.Equal(
            "The Chinese wing of crypto exchange Huobi has been added to the Blockchain Services Network (BSN), an industry alliance initiated by the State Information Center (SIC), as one of its first members.",
            byTitle["Huobi Joins Chinese State-Backed Blockchain Alliance"]);
        Assert.StartsWith("China News, the official state-run press agency reported the formation of the", articles.Single(a => a.Article.SourceName.StartsWith("004", StringComparison.Ordinal)).Lead, StringComparison.Ordinal);
    }

    [Fact]
    public void Lead_SkipsAParagraphThatRepeatsTheHeadline()
    {
        Assert.Equal("Acme joined the network on Monday.", SqliteNewsFeed.LeadOf("Acme Joins Network", ["Acme joins network.", "Acme joined the network on Monday. It said more."]));
        Assert.Equal(string.Empty, SqliteNewsFeed.LeadOf("Acme", []));
    }

    [Fact]
    public void Entities_ResolveToKnowledgeEntities_OncePerEntity()
    {
        var articles = dataset.All();
        var reader = dataset.Knowledge.Reader;

        Assert.All(articles, a =>
        {
            Assert.NotEmpty(a.Entities);
            Assert.Equal(a.Entities.Count, a.Entities.Select(e => e.Id).Distinct().Count());
            foreach (var e in a.Entities)
            {
                var entity = reader.GetEntity(e.Id);
                Assert.NotNull(entity);
                Assert.Equal(entity.Name, e.Name);
                Assert.Equal(entity.Kind, e.Kind);
            }
        });

        // Every article about the network names it, under whichever spelling it used.
        var network = reader.GetEntity(reader.FindByKey(NameKey.OrderFree("Blockchain Services Network")).Single())!;
        var naming = articles.Where(a => a.Entities.Any(e => e.Id == network.Id)).Select(a => a.Article.SourceName[..3]).Order().ToList();
        Assert.Equal(["000", "001", "002"], naming);
        Assert.Equal(EntityKind.Group, network.Kind);
    }

    [Fact]
    public void Entities_AnAcronymTwoArticlesDefineDifferently_NamesEachArticlesOwnEntity()
    {
        // "PPC" stands for a coalition in one article and a company in the other: each article's digest entry names the
        // entity its own text defined, as resolution mapped it.
        var folder = Path.Combine(Path.GetTempPath(), "newsbot-feed-acronym-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        try
        {
            File.WriteAllText(Path.Combine(folder, "coalition.txt"), "Port Operators Form A New Coalition\n\n"
                + "Harlow Shipping has joined the Pacific Port Coalition (PPC), an industry alliance. The PPC is made up of 12 members.\n");
            File.WriteAllText(Path.Combine(folder, "company.txt"), "Utility Opens A Northern Grid Office\n\n"
                + "Polar Power Company (PPC), a regional utility, opened an office in Tromso. The PPC said the office would employ 40 people.\n");
            using var knowledge = TestKnowledge.Create(folder);
            var feed = knowledge.Services.GetRequiredService<INewsFeed>();
            var articles = knowledge.Reader.AllArticles();
            var read = feed.SeenBetween(articles.Min(a => a.FirstSeen).AddSeconds(-1), articles.Max(a => a.FirstSeen).AddSeconds(1), 10);

            var coalition = Assert.Single(read, a => a.Article.SourceName == "coalition.txt");
            var company = Assert.Single(read, a => a.Article.SourceName == "company.txt");
            Assert.Contains(coalition.Entities, e => e.Name == "Pacific Port Coalition");
            Assert.DoesNotContain(coalition.Entities, e => e.Name == "Polar Power Company");
            Assert.Contains(company.Entities, e => e.Name == "Polar Power Company");
            Assert.DoesNotContain(company.Entities, e => e.Name == "Pacific Port Coalition");
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}

using Bot.Core.Articles;
using Bot.Core.Commands;
using Bot.Core.Knowledge;
using Bot.Core.Replies;
using Bot.Storage.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Bot.Core.Tests.Storage;

/// <summary>
/// What /search lists: articles holding every word, the most relevant first (bm25, title words weigh more), ties to the
/// newer article; when a query matches more articles than the store ranks, the most relevant of the most recently added.
/// </summary>
public sealed class SqliteSearchTests
{
    private static readonly DateTimeOffset Seen = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Search_FewerMatchesThanRanked_OlderArticleWithTheWordsInItsTitleComesFirst()
    {
        using var store = new SqliteKnowledgeStore(":memory:");
        Save(store, Article(1, "Crane record at the harbour", "The harbour crane lifted a record load on Monday."));
        Save(store, Article(2, "Port news", Filler(40) + " A harbour crane was repaired. " + Filler(40)));
        Save(store, Article(3, "Rail news", "The new line opens in May."));

        var titles = Titles(await AskAsync(store, "/search harbour crane"));

        Assert.Equal(["Crane record at the harbour", "Port news"], titles);
    }

    [Fact]
    public async Task Search_MoreMatchesThanRanked_ListsTheMostRelevantOfTheNewest()
    {
        using var store = new SqliteKnowledgeStore(":memory:");
        var articles = new List<ArticleDocument>();
        // The oldest five are the most relevant of all (both words in the title), but more than SearchCandidates newer
        // articles match too: the newest matches are ranked, so these five are not listed.
        for (var i = 0; i < 5; i++)
        {
            articles.Add(Article(i, $"Harbour crane story {i}", "The harbour crane lifted a record load. The crane is the harbour's largest."));
        }

        var newest = SqliteKnowledgeStore.SearchCandidates;
        for (var i = 5; i < 5 + newest; i++)
        {
            articles.Add(i == 5 + (newest / 2)
                ? Article(i, "Harbour crane breaks down", "The harbour crane stopped. " + Filler(30))
                : Article(i, $"Port news {i}", Filler(30) + " A harbour crane was inspected. " + Filler(30)));
        }

        store.SaveArticles([.. articles.Select(a => (a, Empty))], 1, Seen);

        var reply = await AskAsync(store, "/search harbour crane");
        var titles = Titles(reply);

        Assert.Equal(20, titles.Count);
        Assert.Equal("Harbour crane breaks down", titles[0]);
        Assert.DoesNotContain(titles, t => t.StartsWith("Harbour crane story", StringComparison.Ordinal));
        // Equally relevant matches: the newer first.
        Assert.Equal([.. Enumerable.Range(0, 19).Select(k => $"Port news {4 + newest - k}")], titles.Skip(1));
        Assert.All(Section(reply).Items, item => Assert.Contains("harbour crane", item.Detail!, StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public void Search_FewerMatchesThanRanked_SameResultsAsRankingEveryMatch()
    {
        using var small = new SqliteKnowledgeStore(":memory:", searchCandidates: 3);
        using var large = new SqliteKnowledgeStore(":memory:");
        var articles = new[]
        {
            Article(1, "Crane news", "The harbour crane lifted a load."),
            Article(2, "Harbour crane crane crane", "A harbour crane."),
            Article(3, "Port news", Filler(20) + " harbour crane " + Filler(20)),
        };
        foreach (var article in articles)
        {
            Save(small, article);
            Save(large, article);
        }

        Assert.Equal(Ids(large.Search("harbour crane", 3)), Ids(small.Search("harbour crane", 3)));
        Assert.Equal(["Harbour crane crane crane", "Crane news", "Port news"], small.Search("harbour crane", 3).Select(h => h.Article.Title));
    }

    [Fact]
    public void Search_MoreMatchesThanRanked_OnlyTheNewestAreRanked()
    {
        using var store = new SqliteKnowledgeStore(":memory:", searchCandidates: 3);
        Save(store, Article(1, "Harbour crane crane crane", "The harbour crane lifted a load."));
        Save(store, Article(2, "Port news two", Filler(20) + " harbour crane " + Filler(20)));
        Save(store, Article(3, "Crane at the harbour", "A harbour crane."));
        Save(store, Article(4, "Port news four", Filler(20) + " harbour crane " + Filler(20)));

        var hits = store.Search("harbour crane", 3);

        // The oldest match is the most relevant of all but not among the three newest.
        Assert.Equal(["Crane at the harbour", "Port news four", "Port news two"], hits.Select(h => h.Article.Title));
    }

    [Fact]
    public void Search_LongArticle_SnippetShowsTheMatchedWords()
    {
        using var store = new SqliteKnowledgeStore(":memory:");
        Save(store, Article(1, "Port news", Filler(200) + " The harbour crane lifted a record load. " + Filler(200)));

        var hit = Assert.Single(store.Search("crane record", 20));

        Assert.Contains("harbour crane lifted a record", hit.Snippet, StringComparison.Ordinal);
        Assert.True(hit.Snippet.Split(' ').Length <= 17, hit.Snippet);
    }

    private static readonly StoredExtraction Empty = new([], [], new Dictionary<int, string>());

    private static ArticleDocument Article(int n, string title, string body) =>
        new($"{n:D5}.txt", $"hash-{n:D5}", title, null, null, null, [body], [title, body]);

    private static void Save(SqliteKnowledgeStore store, ArticleDocument article) => store.SaveArticles([(article, Empty)], 1, Seen);

    /// <summary>Words that match no query of these tests.</summary>
    private static string Filler(int words) => string.Join(' ', Enumerable.Range(0, words).Select(i => i % 2 == 0 ? "the" : "market"));

    private static List<long> Ids(IEnumerable<SearchHit> hits) => [.. hits.Select(h => h.Article.Id)];

    private static ValueTask<Reply> AskAsync(SqliteKnowledgeStore store, string text) =>
        new CommandEngine(store, Options.Create(new CommandOptions { ReplyCacheSize = 0 }), NullLogger<CommandEngine>.Instance)
            .HandleAsync(new CommandRequest(text, "test", "test"), CancellationToken.None);

    private static Section Section(Reply reply) => reply.Blocks.OfType<Section>().Single();

    private static List<string> Titles(Reply reply) => [.. Section(reply).Items.Select(i => i.Label)];
}

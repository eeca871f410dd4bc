using Bot.Core.Digests;
using Bot.Core.Replies;

namespace Bot.Core.Tests.Digests;

/// <summary>How articles become stories, and how a digest reads.</summary>
public sealed class DigestComposerTests
{
    private static readonly DateTimeOffset From = Feed.Start.AddDays(-1);
    private static readonly DateTimeOffset To = Feed.Start.AddDays(1);

    [Fact]
    public void Compose_ReportsOfOneStory_BecomeOneItemWithEverySource()
    {
        var digest = DigestComposer.Compose(Feed.FourArticles(), From, To, 10, []);

        Assert.Equal(2, digest.Stories.Count);
        var story = Assert.Single(digest.Stories, s => s.Sources.Count == 3);
        Assert.Equal([3L, 2L, 1L], story.Sources.Select(s => s.ArticleId));
        Assert.Contains("Orbis Ledger Network", story.Organisations);
        Assert.DoesNotContain("Mira Talvik", story.Organisations);
        Assert.DoesNotContain("Portvale", story.Organisations);
        Assert.Equal(4, digest.ArticleCount);
    }

    [Fact]
    public void Compose_Stories_NewestFirst()
    {
        var digest = DigestComposer.Compose(Feed.FourArticles(), From, To, 10, []);

        Assert.Equal("Harbour Bay alliance formed to promote chain technology", digest.Stories[0].Headline);
    }

    [Fact]
    public void Compose_SharingOneOrganisation_StaysApart()
    {
        var articles = new[]
        {
            Feed.Article(1, "Veltora Bank posts record profit", "Veltora Bank earned more than ever.", null, Feed.Bank, Feed.Telecom),
            Feed.Article(2, "Nordpol Telecom launches satellite", "Nordpol Telecom put a satellite in orbit.", null, Feed.Telecom, Feed.University),
        };

        var digest = DigestComposer.Compose(articles, From, To, 10, []);

        Assert.Equal(2, digest.Stories.Count);
    }

    [Fact]
    public void Compose_SameOrganisationsMonthsApart_AreDifferentStories()
    {
        var articles = new[]
        {
            Feed.Article(1, "Network adds members", "The network added members.", new DateOnly(2026, 1, 2), Feed.Network, Feed.Exchange, Feed.Bank),
            Feed.Article(2, "Network meets again", "The network met.", new DateOnly(2026, 6, 2), Feed.Network, Feed.Exchange, Feed.Bank),
        };

        Assert.Equal(2, DigestComposer.Compose(articles, From, To, 10, []).Stories.Count);
    }

    [Fact]
    public void Compose_AlmostTheSameHeadline_IsOneStory()
    {
        var articles = new[]
        {
            Feed.Article(1, "Harbour Bay Chain Alliance Formed By Three Universities", "An alliance was formed.", null, Feed.Alliance),
            Feed.Article(2, "Three universities formed Harbour Bay Chain Alliance", "Universities formed an alliance.", null, Feed.University),
        };

        Assert.Single(DigestComposer.Compose(articles, From, To, 10, []).Stories);
    }

    [Fact]
    public void Compose_Following_KeepsOnlyStoriesThatNameIt()
    {
        var digest = DigestComposer.Compose(Feed.FourArticles(), From, To, 10, ["Harbour Bay Chain Alliance"], new HashSet<long> { 5 });

        var story = Assert.Single(digest.Stories);
        Assert.Equal("Harbour Bay alliance formed to promote chain technology", story.Headline);
        Assert.Equal(["Harbour Bay Chain Alliance"], digest.Follows);
    }

    [Fact]
    public void Compose_MoreStoriesThanTheMost_CountsTheRest()
    {
        var digest = DigestComposer.Compose(Feed.FourArticles(), From, To, 1, []);

        Assert.Single(digest.Stories);
        Assert.Equal(1, digest.MoreStories);
    }

    [Fact]
    public void Compose_LongLead_IsCutAtAWord()
    {
        var lead = string.Join(' ', Enumerable.Repeat("Veltora Bank widened its network again.", 20));
        var digest = DigestComposer.Compose([Feed.Article(1, "Bank grows", lead, null, Feed.Bank)], From, To, 10, []);

        var summary = digest.Stories[0].Summary;
        Assert.True(summary.Length <= 300, summary);
        Assert.EndsWith("…", summary, StringComparison.Ordinal);
        Assert.DoesNotContain("  ", summary, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_Story_ShowsHeadlineSummaryNamesAndEverySource()
    {
        var reply = DigestReply.Render(DigestComposer.Compose(Feed.FourArticles(), From, To, 10, []));
        var text = PlainTextRenderer.Render(reply);

        Assert.Contains("2 stories from 4 articles", text, StringComparison.Ordinal);
        Assert.Contains("Veltora Bank will be the technical provider of the Orbis Ledger Network.", text, StringComparison.Ordinal);
        var names = text.Split('\n').Single(l => l.Contains("Names:", StringComparison.Ordinal) && l.Contains("Kestrel", StringComparison.Ordinal));
        Assert.Contains("Orbis Ledger Network", names, StringComparison.Ordinal);
        Assert.Contains("Veltora Bank", names, StringComparison.Ordinal);
        Assert.Contains("Reported by 3 articles", text, StringComparison.Ordinal);
        Assert.Contains("https://news.example/1", text, StringComparison.Ordinal);
        Assert.Contains("https://news.example/4", text, StringComparison.Ordinal);
        Assert.Contains(reply.Choices, c => c.Command == "/about Orbis Ledger Network");
        Assert.Equal(4, reply.Citations.Count);
    }

    [Fact]
    public void Render_Empty_SaysNothingNewSinceWhen()
    {
        var reply = DigestReply.Render(new Digest(new DateTimeOffset(2026, 3, 1, 9, 0, 0, TimeSpan.Zero), To, [], 0, ["Veltora Bank"]));

        Assert.Contains("Nothing new about Veltora Bank since 1 Mar 2026 09:00 UTC", PlainTextRenderer.Render(reply), StringComparison.Ordinal);
    }
}

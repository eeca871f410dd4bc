using Bot.Core.Commands;
using Bot.Core.Extraction;
using Bot.Core.Knowledge;
using Bot.Storage.Sqlite;

namespace Bot.Core.Tests.Commands;

/// <summary>The answer lines built from facts: each relation listed under both ends, in the section each end shows it.</summary>
public sealed class AnswerIndexTests
{
    private static readonly ResolvedEntity[] Entities =
    [
        Entity(1, "Orvale Bank"), Entity(2, "Kestrel Chain"), Entity(3, "Tamsin Holt"), Entity(4, "Lindhaven"), Entity(5, "Pell Ledger Group"),
    ];

    [Fact]
    public void Sections_EachRelation_ListedUnderBothEndsInTheirSections()
    {
        var index = new AnswerIndex(Entities);
        var facts = new[]
        {
            Fact(FactKind.Investor, 1, 2, article: 1),
            Fact(FactKind.Uses, 1, 2, article: 2),
            Fact(FactKind.Provider, 2, null, article: 3, text: "the settlement layer", forId: 1),
            Fact(FactKind.Partner, 2, 1, article: 4),
            Fact(FactKind.Partner, 1, 2, article: 5),
            Fact(FactKind.Headquarters, 1, 4, article: 6),
            Fact(FactKind.Role, 3, 1, article: 7, detail: "chief executive"),
            Fact(FactKind.Count, 5, null, article: 8, text: "12 members", examples: [1, 2]),
            Fact(FactKind.Member, 5, 5, article: 9),
        };
        for (var i = 0; i < facts.Length; i++)
        {
            index.Add(i + 1, facts[i]);
        }

        var lines = index.Sections().Where(s => s.Lines.Count > 0).ToDictionary(s => (s.Entity, s.Section), s => s.Lines);

        Assert.Equal("Kestrel Chain", Assert.Single(lines[(1, AnswerSection.InvestedIn)]).Label);
        Assert.Equal("Orvale Bank", Assert.Single(lines[(2, AnswerSection.Investors)]).Label);
        Assert.Equal("Kestrel Chain", Assert.Single(lines[(1, AnswerSection.Uses)]).Label);
        Assert.Equal("Orvale Bank", Assert.Single(lines[(2, AnswerSection.UsedBy)]).Label);
        var provides = Assert.Single(lines[(2, AnswerSection.Provides)]);
        Assert.Equal(("the settlement layer", "for Orvale Bank", "Orvale Bank"), (provides.Label, provides.Detail, provides.Link));
        var provider = Assert.Single(lines[(1, AnswerSection.Providers)]);
        Assert.Equal(("Kestrel Chain", "the settlement layer"), (provider.Label, provider.Detail));

        // A partnership stated both ways round is one line with both articles, under each end.
        var partner = Assert.Single(lines[(1, AnswerSection.Partners)]);
        Assert.Equal(("Kestrel Chain", 2), (partner.Label, partner.Articles));
        Assert.Equal(("Orvale Bank", 2), (Assert.Single(lines[(2, AnswerSection.Partners)]).Label, 2));
        Assert.Equal("Lindhaven", Assert.Single(lines[(1, AnswerSection.Headquarters)]).Label);
        Assert.Equal("Orvale Bank", Assert.Single(lines[(4, AnswerSection.BasedHere)]).Label);
        Assert.Equal("chief executive of Orvale Bank", Assert.Single(lines[(3, AnswerSection.Roles)]).Label);
        var person = Assert.Single(lines[(1, AnswerSection.People)]);
        Assert.Equal(("Tamsin Holt", "chief executive"), (person.Label, person.Detail));
        var size = Assert.Single(lines[(5, AnswerSection.Size)]);
        Assert.Equal(("12 members", "including Orvale Bank, Kestrel Chain"), (size.Label, size.Detail));
        Assert.Equal(("12 members", "reported by Pell Ledger Group"), (Assert.Single(lines[(1, AnswerSection.ListedAmong)]).Label, Assert.Single(lines[(1, AnswerSection.ListedAmong)]).Detail));

        // A group said to be a member of itself: listed once as member of, once as member.
        Assert.Equal("Pell Ledger Group", Assert.Single(lines[(5, AnswerSection.MemberOf)]).Label);
        Assert.Equal("Pell Ledger Group", Assert.Single(lines[(5, AnswerSection.Members)]).Label);
    }

    [Fact]
    public void Constructor_EntityIdOutsideTheNumbering_Refused()
    {
        // Ids are numbered from 1 (EntityResolver) and packed in 26 bits.
        Assert.Throws<InvalidOperationException>(() => new AnswerIndex([Entity(0, "Orvale Bank")]));
        Assert.Throws<InvalidOperationException>(() => new AnswerIndex([Entity(1 << 26, "Orvale Bank")]));
    }

    [Fact]
    public void Sections_LineStatedInManyArticles_CitesTheNewestFirstAndCountsEveryArticle()
    {
        var index = new AnswerIndex(Entities);
        for (var article = 1; article <= 8; article++)
        {
            index.Add(article * 2 - 1, Fact(FactKind.Member, 1, 2, article));
            index.Add(article * 2, Fact(FactKind.Member, 1, 2, article));
        }

        var members = index.Sections().Single(s => s.Entity == 2 && s.Section == AnswerSection.Members);

        var line = Assert.Single(members.Lines);
        Assert.Equal(8, line.Articles);
        Assert.Equal([8L, 7, 6, 5, 4], line.Cited);
        Assert.Equal(new SectionTotal(1, 8), members.Total);
    }

    [Fact]
    public void Cite_PastTheSourceBudget_CitesOnlyNumberedArticlesOrTheNewest()
    {
        var sources = new Sources(null!);
        for (long article = 1; article <= Sources.MaxNumbered; article++)
        {
            sources.Cite([article]);
        }

        var many = sources.Cite(Line(articles: 9, cited: [109, 108, 107, 106, 105]), out var manyUncited);
        var few = sources.Cite(Line(articles: 3, cited: [201, 202, 203]), out var fewUncited);
        var numbered = sources.Cite(Line(articles: 9, cited: [300, 7, 3, 299, 298]), out var numberedUncited);

        Assert.Equal([Sources.MaxNumbered + 1], many);
        Assert.Equal(8, manyUncited);
        Assert.Equal([Sources.MaxNumbered + 2], few);
        Assert.Equal(2, fewUncited);
        Assert.Equal([3, 7], numbered);
        Assert.Equal(7, numberedUncited);
        Assert.Equal(Sources.MaxNumbered + 2, sources.Count);
    }

    [Fact]
    public void Build_ClaimsRestingOnMoreArticlesThanCited_BasisCountsEachArticleOnce()
    {
        using var store = new SqliteKnowledgeStore(":memory:");
        var sources = new Sources(store);

        // Eight articles, five cited; then a line citing one of the three uncited and one already cited.
        var first = sources.Cite([1L, 2, 3, 4, 5, 6, 7, 8], out var uncited);
        var second = sources.Cite(Line(articles: 2, cited: [2, 8]), out _);
        var (citations, basis) = sources.Build();

        Assert.Equal(3, uncited);
        Assert.Equal([1, 2, 3, 4, 5], first);
        Assert.Equal([1, 6], second);
        Assert.Equal(6, citations.Count);
        Assert.StartsWith("Based on 8 articles; 6 are cited below.", basis, StringComparison.Ordinal);
    }

    [Fact]
    public void Cite_LineCitingMoreThanAClaimCites_TheNewestAndTheRestCounted()
    {
        var sources = new Sources(null!);

        var numbers = sources.Cite(Line(articles: 9, cited: [3, 9, 4, 8, 5, 7, 6]), out var uncited);

        Assert.Equal([1, 2, 3, 4, 5], numbers);
        Assert.Equal(2, uncited);
        Assert.Equal(5, sources.Count);
    }

    private static AnswerLine Line(int articles, long[] cited) =>
        new(AnswerSection.Members, 0, "Kestrel Chain", null, null, null, articles, cited, AnswerFlags.None, null, 0);

    private static ResolvedEntity Entity(long id, string name) => new(id, name, EntityKind.Organisation, [new ResolvedName(name, NameKey.OrderFree(name), false, 1)], 1);

    private static ResolvedFact Fact(FactKind kind, long subject, long? obj, long article, string? text = null, string? detail = null, long? forId = null, long[]? examples = null) =>
        new(kind, subject, obj, text, detail, forId, article, 0, examples ?? []);
}

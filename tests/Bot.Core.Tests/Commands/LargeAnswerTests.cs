using Bot.Core.Commands;
using Bot.Core.Extraction;
using Bot.Core.Knowledge;
using Bot.Core.Replies;
using Bot.Testing.Knowledge;
using Microsoft.Extensions.DependencyInjection;

namespace Bot.Core.Tests.Commands;

/// <summary>A group named by many articles: answers stay readable (members and citations capped, the rest counted).</summary>
public sealed class LargeAnswerTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "newsbot-large-" + Guid.NewGuid().ToString("N"));

    public LargeAnswerTests()
    {
        Directory.CreateDirectory(_folder);
        string[] people = ["Maria Ostrova", "Jonah Pell", "Irene Vasko", "Tobias Lind", "Petra Quill", "Oskar Brant", "Lena Morrow", "Felix Dorn", "Ada Kessel", "Hugo Stenn", "Nora Falk", "Ivo Marsh"];
        for (var i = 1; i <= 105; i++)
        {
            // Every article: a new member, the same much-named member, a size, and one of twelve people as the network's
            // chief executive (the articles disagree on who it is).
            File.WriteAllText(Path.Combine(_folder, $"a{i:D3}.txt"),
                $"Lender Joins Test Network\n\nAlder{i} Holdings has joined the Open Test Network (OTN), the group said on Monday.\n\n"
                + $"Harbour Bank has joined the Open Test Network too. The Open Test Network is made up of {(i % 3 == 0 ? 40 : 30)} members.\n\n"
                + $"\"We are glad,\" said {people[i % people.Length]}, chief executive of the Open Test Network.\n");
        }
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task Members_ManyMembersAndArticles_ListsTheFirstHundredAndCountsTheRest()
    {
        using var bot = TestKnowledge.Create(_folder);

        var reply = await bot.SendAsync("/members OTN");

        var members = reply.Blocks.OfType<Section>().First();
        Assert.Equal("Members named in the articles (106)", members.Heading);
        Assert.Equal(100, members.Items.Count);
        Assert.Contains(reply.Blocks.OfType<Paragraph>(), p => p.Text.Contains("6 more are named too", StringComparison.Ordinal));
        var harbour = members.Items[0];
        Assert.Equal("Harbour Bank", harbour.Label);
        Assert.Equal(Sources.MaxPerClaim, harbour.Citations.Count);
        Assert.Contains("100 more articles", harbour.Detail, StringComparison.Ordinal);
        Assert.StartsWith("Based on 105 articles", reply.Basis, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Members_HundredMembersEachInOwnArticle_EveryClaimCitedAndOneSourceEachBeyondSixty()
    {
        using var bot = TestKnowledge.Create(_folder);

        var reply = await bot.SendAsync("/members OTN");

        // Harbour Bank (in every article) cites five; once 60 sources are numbered, a further claim cites the sources
        // already numbered that state it, or else one new one.
        var items = reply.Blocks.OfType<Section>().SelectMany(s => s.Items).ToList();
        Assert.All(items, i => Assert.NotEmpty(i.Citations));
        Assert.Equal(Sources.MaxPerClaim, items[0].Citations.Count);
        var numbered = 0;
        foreach (var item in items)
        {
            if (numbered >= Sources.MaxNumbered && item.Citations.Any(n => n > numbered))
            {
                Assert.Single(item.Citations);
            }

            numbered = Math.Max(numbered, item.Citations.Max());
        }

        Assert.Equal(numbered, reply.Citations.Count);
    }

    [Fact]
    public async Task Members_SameSizeInManyArticles_ListsEachSizeOnceWithItsSources()
    {
        using var bot = TestKnowledge.Create(_folder);

        var reply = await bot.SendAsync("/members OTN");

        var size = Assert.Single(reply.Blocks.OfType<Section>(), s => s.Heading == "Reported size");
        Assert.Equal(["30 members reported", "40 members reported"], size.Items.Select(i => i.Label));
        // 70 articles say 30 members, 35 say 40; each item cites some and counts the rest.
        Assert.Equal($"{70 - size.Items[0].Citations.Count} more articles", size.Items[0].Detail);
        Assert.Equal($"{35 - size.Items[1].Citations.Count} more articles", size.Items[1].Detail);
        Assert.All(size.Items, i => Assert.NotEmpty(i.Citations));
    }

    [Fact]
    public async Task About_ManyArticles_ListsTheFirstTenOfASectionAndCountsTheRest()
    {
        using var bot = TestKnowledge.Create(_folder);

        var reply = await bot.SendAsync("/about OTN");

        var members = Assert.Single(reply.Blocks.OfType<Section>(), s => s.Heading.StartsWith("Members", StringComparison.Ordinal));
        Assert.Equal("Members (10 of 106)", members.Heading);
        Assert.Equal("Harbour Bank", members.Items[0].Label);
        Assert.Equal("100 more articles", members.Items[0].Detail);
        Assert.Equal("/about Harbour Bank", members.Items[0].Command);
        Assert.StartsWith("Based on 105 articles;", reply.Basis, StringComparison.Ordinal);
        var people = Assert.Single(reply.Blocks.OfType<Section>(), s => s.Heading.StartsWith("People", StringComparison.Ordinal));
        Assert.Equal("People (10 of 12)", people.Heading);
    }

    [Fact]
    public async Task About_TitleGivenToManyPeople_NamesTheFirstTenAndCountsTheOthers()
    {
        using var bot = TestKnowledge.Create(_folder);

        var reply = await bot.SendAsync("/about OTN");

        var dispute = Assert.Single(reply.Blocks.OfType<Paragraph>(), p => p.Text.StartsWith("The articles disagree", StringComparison.Ordinal));
        Assert.StartsWith("The articles disagree on the chief executive: Jonah Pell [", dispute.Text, StringComparison.Ordinal);
        Assert.EndsWith("; and 2 others.", dispute.Text, StringComparison.Ordinal);
        Assert.Equal(10, dispute.Text.Split("; ").Length - 1);
    }

    [Fact]
    public async Task Sync_StoreResolvedByOlderResolver_IsResolvedAgainBeforeItAnswers()
    {
        using var bot = TestKnowledge.Create(_folder);
        bot.Services.GetRequiredService<IKnowledgeWriter>().SetMeta("resolution", $"{ArticleExtractor.Version}|{EntityResolver.Version - 1}|aliases");

        Assert.False(bot.Ingestor.HasKnowledge);
        var report = bot.Ingestor.Sync();

        Assert.True(report.Resolved);
        Assert.True(bot.Ingestor.HasKnowledge);
        var reply = await bot.SendAsync("/members OTN");
        Assert.Equal("Members named in the articles (106)", reply.Blocks.OfType<Section>().First().Heading);
    }

    [Fact]
    public void HasKnowledge_StoreResolvedWithOtherAliases_AnswersFromItWhileTheSyncCatchesUp()
    {
        using var bot = TestKnowledge.Create(_folder);
        bot.Services.GetRequiredService<IKnowledgeWriter>().SetMeta("resolution", $"{ArticleExtractor.Version}|{EntityResolver.Version}|other aliases");

        Assert.True(bot.Ingestor.HasKnowledge);
        Assert.True(bot.Ingestor.Sync().Resolved);
    }
}

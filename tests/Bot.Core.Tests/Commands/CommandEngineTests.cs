using Bot.Core.Replies;
using Bot.Core.Tests.Acceptance;

namespace Bot.Core.Tests.Commands;

/// <summary>How the engine treats what users type: addressing, bad input, limits, choices.</summary>
public sealed class CommandEngineTests(DatasetKnowledge dataset) : IClassFixture<DatasetKnowledge>
{
    private Testing.Knowledge.TestKnowledge Bot => dataset.Knowledge;

    [Theory]
    [InlineData("/members BSN", null, true)]
    [InlineData("/members@NewsBot BSN", "NewsBot", true)]
    [InlineData("/members@newsbot BSN", "NewsBot", true)]
    [InlineData("/members@OtherBot BSN", "NewsBot", false)]
    [InlineData("hello", "NewsBot", false)]
    [InlineData("/ members", null, false)]
    public void IsCommandFor_AddressedCommands_AreOurs(string text, string? bot, bool expected) =>
        Assert.Equal(expected, Bot.Engine.IsCommandFor(text, bot));

    [Fact]
    public async Task Handle_UnknownCommand_PointsToHelp()
    {
        var reply = await Bot.SendAsync("/frobnicate now");

        Assert.Equal(ReplyKind.Usage, reply.Kind);
        Assert.Contains("/help", PlainTextRenderer.Render(reply), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/members", "/members <name>")]
    [InlineData("/about", "/about <name>")]
    [InlineData("/search", "/search <words>")]
    [InlineData("/article", "/article <n>")]
    [InlineData("/latest many", "/latest [n]")]
    [InlineData("/latest 0", "/latest [n]")]
    public async Task Handle_MissingOrBadArgument_ShowsUsage(string command, string usage)
    {
        var reply = await Bot.SendAsync(command);

        Assert.Equal(ReplyKind.Usage, reply.Kind);
        Assert.Contains(usage, PlainTextRenderer.Render(reply), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Handle_ArgumentOverLimit_IsRefusedClearly()
    {
        var reply = await Bot.SendAsync("/about " + new string('x', 500));

        Assert.Equal(ReplyKind.Refusal, reply.Kind);
        Assert.Contains("at most 200", PlainTextRenderer.Render(reply), StringComparison.Ordinal);
    }

    [Fact]
    public async Task About_NameFittingTwoEntities_OffersAChoiceOfBoth()
    {
        var reply = await Bot.SendAsync("/about Blockchain Industry Association");

        Assert.Equal(ReplyKind.Ambiguous, reply.Kind);
        Assert.Contains(reply.Choices, c => c.Command == "/about Guangzhou City Blockchain Industry Association");
        Assert.Contains(reply.Choices, c => c.Command == "/about Hong Kong Blockchain Industry Association");
    }

    [Fact]
    public async Task Members_AmbiguousName_ChoicesKeepTheCommand()
    {
        var reply = await Bot.SendAsync("/members Blockchain Industry Association");

        Assert.All(reply.Choices, c => Assert.StartsWith("/members ", c.Command, StringComparison.Ordinal));
    }

    [Fact]
    public async Task About_Misspelling_SuggestsTheClosestNameAsAChoice()
    {
        var reply = await Bot.SendAsync("/about China Mobil");

        Assert.Equal(ReplyKind.Suggestion, reply.Kind);
        Assert.Equal("/about China Mobile", reply.Choices[0].Command);
    }

    [Fact]
    public async Task Members_ByAcronymAndByAlias_ListTheSameMembers()
    {
        var byAcronym = await Bot.SendAsync("/members BSN");
        var byLongForm = await Bot.SendAsync("/members Blockchain-based Service Network");
        var byOtherSpelling = await Bot.SendAsync("/members the Blockchain Services Network Alliance");

        Assert.Equal(PlainTextRenderer.Render(byAcronym), PlainTextRenderer.Render(byLongForm));
        Assert.Equal(PlainTextRenderer.Render(byAcronym), PlainTextRenderer.Render(byOtherSpelling));
    }

    [Fact]
    public async Task Members_Bsn_MarksInitiatorsAndShowsTheStatedCount()
    {
        var text = await Bot.AskAsync("/members BSN");

        Assert.Contains("China UnionPay — member and initiator", text, StringComparison.Ordinal);
        Assert.Contains("14 members reported", text, StringComparison.Ordinal);
        Assert.Contains("Based on 3 articles", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Members_EachMemberOnce_UnderOneNameWithItsAliases()
    {
        var reply = await Bot.SendAsync("/members BSN");

        var members = reply.Blocks.OfType<Section>().First().Items;
        Assert.Equal(members.Count, members.Select(m => m.Label).Distinct().Count());
        var webank = Assert.Single(members, m => m.Label is "WeBank" or "Weizhong Bank");
        Assert.Contains(webank.Label == "WeBank" ? "Weizhong Bank" : "WeBank", webank.Detail, StringComparison.Ordinal);
        Assert.Equal([1, 2, 3], webank.Citations);
    }

    [Fact]
    public async Task About_Dated_AnswerSaysOverWhichDatesItRests()
    {
        var text = await Bot.AskAsync("/about DataQin");

        Assert.Contains("Based on 1 article, dated 8 Jun 2019.", text, StringComparison.Ordinal);
        Assert.Contains("[1] China Govt, Companies Step up Blockchain Projects", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task About_CitationsResolveToTitleAndSource()
    {
        var reply = await Bot.SendAsync("/about Trias");

        var citation = Assert.Single(reply.Citations);
        Assert.Equal("China Govt, Companies Step up Blockchain Projects", citation.Title);
        Assert.Equal("003_19f4eae52a6800cd.txt", citation.Source);
    }

    [Fact]
    public async Task Article_ByNumber_ShowsItsText()
    {
        var text = await Bot.AskAsync("/article 4");

        Assert.StartsWith("China Govt, Companies Step up Blockchain Projects", text, StringComparison.Ordinal);
        Assert.Contains("Anbang Ruan", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Coinplug", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Article_UnknownNumber_SaysSo()
    {
        var reply = await Bot.SendAsync("/article 99");

        Assert.Equal(ReplyKind.NotFound, reply.Kind);
    }

    [Fact]
    public async Task Latest_Two_ListsTwoArticlesDatedFirst()
    {
        var reply = await Bot.SendAsync("/latest 2");

        var items = reply.Blocks.OfType<Section>().Single().Items;
        Assert.Equal(2, items.Count);
    }

    [Fact]
    public async Task Sources_ListsEveryArticleWithItsFile()
    {
        var text = await Bot.AskAsync("/sources");

        Assert.Contains("I have read 5 articles", text, StringComparison.Ordinal);
        foreach (var file in Directory.GetFiles(Testing.RepoPaths.Articles).Select(Path.GetFileName))
        {
            Assert.Contains(file!, text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Search_NoMatch_SaysSoWithoutGuessing()
    {
        var reply = await Bot.SendAsync("/search quantum teleportation");

        Assert.Equal(ReplyKind.NotFound, reply.Kind);
        Assert.Empty(reply.Citations);
    }

    [Fact]
    public async Task Search_QuotesAndOperatorsInInput_AreTakenAsWords()
    {
        var reply = await Bot.SendAsync("/search \"FISCO\" (BCOS*) -");

        Assert.Equal(ReplyKind.Answer, reply.Kind);
        Assert.Equal("002_3aa5ccf95f2b9b28.txt", Assert.Single(reply.Citations).Source);
    }

    [Fact]
    public async Task Start_Welcomes_AndListsCommands()
    {
        var text = await Bot.AskAsync("/start");

        Assert.Contains("/members <name>", text, StringComparison.Ordinal);
        Assert.Contains("/sources", text, StringComparison.Ordinal);
    }

    [Fact]
    public void CompleteNames_Prefix_OffersKnownNamesAndAliases()
    {
        var names = Bot.Engine.CompleteNames("WeB", 25);

        Assert.Contains("WeBank", names);
        Assert.True(names.Count <= 25);
    }

    [Fact]
    public void Commands_AllHaveMenuFriendlyNamesAndDescriptions()
    {
        Assert.All(Bot.Engine.Commands, c =>
        {
            Assert.Matches("^[a-z0-9_]{1,32}$", c.Name);
            Assert.InRange(c.Description.Length, 1, 100);
        });
    }
}

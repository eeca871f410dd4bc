using Bot.Testing.Knowledge;

namespace Bot.Core.Tests.Extraction;

/// <summary>
/// Seven articles written after the rules, asked blind first. The bot missed a group that "has added four new members:
/// A, B …", a company named once at the start of a sentence ("Nordvolta, the Swedish battery maker, joined …"), an
/// initiator named "… Corporation of India", "will be headquartered in", a title-case dateline's date, "Members include"
/// opening a sentence, a round "led by A, with participation from B and C" (a "Series B" read as a name broke it),
/// "Founded in 2019 by A and B, X …", "who is X's chief executive", "Its chief executive is P", "… and runs on Y", an
/// initiator list ending "in 2020", "A and B will provide the nodes for the country's new blockchain, the NIC", "the
/// authority's president, P", "X has appointed P as its new chair", "P was previously chief operating officer at X", a
/// surname opening a sentence and used more often than the full name; and it read "X's platform is used by Y"
/// backwards. What a reader now sees of them.
/// </summary>
public sealed class BlindArticlesTests : IDisposable
{
    private readonly TestKnowledge _knowledge = TestKnowledge.Create(Path.Combine(AppContext.BaseDirectory, "Extraction", "Blind", "articles"));

    public void Dispose() => _knowledge.Dispose();

    [Fact]
    public async Task Members_GroupThatAddedMembers_ListsThemWithItsInitiatorAndSize()
    {
        var text = (await _knowledge.AskAsync("/members UTN")).ReplaceLineEndings("\n");

        Assert.StartsWith("Members of Unified Trader Network (UTN)\n", text, StringComparison.Ordinal);
        foreach (var bank in new[] { "Harit Bank", "Ilara Bank", "Axon Bank", "Kotwal Mahindra Bank" })
        {
            Assert.Contains($"  • {bank} [1]\n", text, StringComparison.Ordinal);
        }

        Assert.Contains("  • National Settlement Corporation of India — initiator [1]\n", text, StringComparison.Ordinal);
        Assert.Contains("  • 32 banks reported [1]\n", text, StringComparison.Ordinal);
        Assert.Contains("Based on 1 article, dated 12 Jun 2024.", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Members_AllianceWithFoundersAndALaterJoiner_ListsAllEightAndTheInitiator()
    {
        var text = (await _knowledge.AskAsync("/members CCA")).ReplaceLineEndings("\n");

        Assert.Contains("Members named in the articles (9):\n", text, StringComparison.Ordinal);
        foreach (var member in new[] { "Vossberg Motors", "Stellaris Auto", "Ronsard Group", "Baltimark", "Valdo Cars", "Meriden-Kraus", "Skodrin", "Nordvolta" })
        {
            Assert.Contains($"  • {member} [1]\n", text, StringComparison.Ordinal);
        }

        Assert.Contains("  • European Cell Council — initiator [1]\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task About_Alliance_DescriptionHeadquartersPeople()
    {
        var text = (await _knowledge.AskAsync("/about Circular Cell Alliance")).ReplaceLineEndings("\n");

        Assert.Contains("What it is:\n  • a joint effort to recover lithium and cobalt from used electric-car batteries [1]\n", text, StringComparison.Ordinal);
        Assert.Contains("Headquarters:\n  • Frankfurt [1]\n", text, StringComparison.Ordinal);
        Assert.Contains("People:\n  • Anna Berglund — chief executive [1]\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task About_CompanyNamedOnceAtASentenceStart_IsKnownWithItsDescription()
    {
        var text = (await _knowledge.AskAsync("/about Nordvolta")).ReplaceLineEndings("\n");

        Assert.Contains("What it is:\n  • the Swedish battery maker [1]\n", text, StringComparison.Ordinal);
        Assert.Contains("Member of:\n  • Circular Cell Alliance [1]\n", text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Jane Whitfield")]
    [InlineData("Meridian Wire")]
    [InlineData("Mumbai")]
    public async Task About_BylineWireAndDatelineNames_AreNotKnown(string name)
    {
        var text = await _knowledge.AskAsync("/about " + name);

        Assert.StartsWith("Not found", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Search_TeaserAndNewsletterLines_AreNoHits()
    {
        Assert.Contains("No article", await _knowledge.AskAsync("/search digital lending"), StringComparison.Ordinal);
        Assert.Contains("No article", await _knowledge.AskAsync("/search newsletter"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task About_FundedStartup_FoundersChiefExecutiveInvestorsAndUsers()
    {
        var text = (await _knowledge.AskAsync("/about Voltrun")).ReplaceLineEndings("\n");

        Assert.Contains("Initiated by:\n  • Kaisa Lepp [1]\n  • Marten Ilves [1]\n", text, StringComparison.Ordinal);
        Assert.Contains("People:\n  • Kaisa Lepp — chief executive [1]\n", text, StringComparison.Ordinal);
        Assert.Contains("Investors:\n  • Northwind Ventures [1]\n  • Baltic Growth Fund [1]\n  • Sora Capital [1]\n", text, StringComparison.Ordinal);
        Assert.Contains("Used by:\n  • Estgrid [1]\n", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Uses:", text, StringComparison.Ordinal);
        Assert.Contains("dated 14 Oct 2025", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Members_MembersIncludeOpeningASentence_BelongToTheArticlesNetworkNotACouncilNamedOnce()
    {
        var members = (await _knowledge.AskAsync("/members OSL")).ReplaceLineEndings("\n");
        var council = await _knowledge.AskAsync("/members Nordic Research Council");

        Assert.Contains("Members named in the articles (4):\n  • University of Tarvik [1]\n  • Uppvik University [1]\n  • Aaltor University [1]\n  • Technical University of Norland [1]\n", members, StringComparison.Ordinal);
        Assert.Contains("The articles name no members of Nordic Research Council.", council, StringComparison.Ordinal);
        Assert.Contains("Uses:\n  • Ledgerline Fabric [1]\n", (await _knowledge.AskAsync("/about OSL")).ReplaceLineEndings("\n"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task About_Consortium_BothInitiatorsAndItsChiefExecutive()
    {
        var text = (await _knowledge.AskAsync("/about TradeLink Nordic")).ReplaceLineEndings("\n");

        Assert.Contains("Initiated by:\n  • Maren Line [1]\n  • KTX [1]\n", text, StringComparison.Ordinal);
        Assert.Contains("People:\n  • Peter Krag — chief executive [1]\n", text, StringComparison.Ordinal);
        Assert.Contains("Headquarters:\n  • Copenhagen [1]\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task About_Chain_ItsProvidersAndTheAuthoritysPresident()
    {
        var chain = (await _knowledge.AskAsync("/about NIC")).ReplaceLineEndings("\n");
        var authority = (await _knowledge.AskAsync("/about Digital Trust Authority")).ReplaceLineEndings("\n");

        Assert.Contains("Providers:\n  • Korvex Systems — the nodes [1]\n  • Lumora Labs — the nodes [1]\n", chain, StringComparison.Ordinal);
        Assert.Contains("People:\n  • Sofia Marques — president [1]\n", authority, StringComparison.Ordinal);
    }

    [Fact]
    public async Task About_PersonNamedInFullOnceThenBySurname_BothRolesUnderTheFullName()
    {
        var text = (await _knowledge.AskAsync("/about Osei")).ReplaceLineEndings("\n");

        Assert.StartsWith("Daniel Osei (person)\nAlso called: Osei.\n", text, StringComparison.Ordinal);
        Assert.Contains("  • chair of Open Banking Forum [1]\n", text, StringComparison.Ordinal);
        Assert.Contains("  • chief operating officer of Crestline Bank [1]\n", text, StringComparison.Ordinal);
    }
}

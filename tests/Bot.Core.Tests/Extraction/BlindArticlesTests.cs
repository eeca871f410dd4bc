using Bot.Testing.Knowledge;

namespace Bot.Core.Tests.Extraction;

/// <summary>The eleven blind-written articles of Extraction/Blind, loaded once.</summary>
public sealed class BlindKnowledge : IDisposable
{
    public TestKnowledge Knowledge { get; } = TestKnowledge.Create(Path.Combine(AppContext.BaseDirectory, "Extraction", "Blind", "articles"));

    public void Dispose() => Knowledge.Dispose();
}

/// <summary>
/// Eleven articles written after the rules, asked blind first. The bot missed a group that "has added four new members:
/// A, B …", a company named once at the start of a sentence ("Nordvolta, the Swedish battery maker, joined …"), an
/// initiator named "… Corporation of India", "will be headquartered in", a title-case dateline's date, "Members include"
/// opening a sentence, a round "led by A, with participation from B and C" (a "Series B" read as a name broke it),
/// "Founded in 2019 by A and B, X …", "who is X's chief executive", "Its chief executive is P", "… and runs on Y", an
/// initiator list ending "in 2020", "A and B will provide the nodes for the country's new blockchain, the NIC", "the
/// authority's president, P", "X has appointed P as its new chair", "P was previously chief operating officer at X", a
/// surname opening a sentence and used more often than the full name, "A is part of the B network", "A has signed on to
/// the compact", "X is chaired by P", "X will be led by chief executive P", "It is headquartered in Oslo", "P, who heads
/// the platform", "Its board is chaired by P", "X has accepted three auditing firms as members: A, B and C", "which also
/// provides the registry's hosting", a "(Reporting by …; Editing by …)" credit in brackets; it read "X's
/// platform is used by Y" backwards, and gave the members of "X, whose members include …" to another group. What a reader now sees of them: each fragment is a line (or lines) of the plain-text reply, so an item
/// is checked under its heading.
/// </summary>
public sealed class BlindArticlesTests(BlindKnowledge blind) : IClassFixture<BlindKnowledge>
{
    [Theory]
    [InlineData("/members UTN", "Members of Unified Trader Network (UTN)\n", "  • Harit Bank [1]\n", "  • Ilara Bank [1]\n", "  • Axon Bank [1]\n",
        "  • Kotwal Mahindra Bank [1]\n", "  • National Settlement Corporation of India — initiator [1]\n", "  • 32 banks reported [1]\n",
        "Based on 1 article, dated 12 Jun 2024.")]
    [InlineData("/members CCA", "Members named in the articles (9):\n", "  • Vossberg Motors [1]\n", "  • Stellaris Auto [1]\n", "  • Ronsard Group [1]\n",
        "  • Baltimark [1]\n", "  • Valdo Cars [1]\n", "  • Meriden-Kraus [1]\n", "  • Skodrin [1]\n", "  • Nordvolta [1]\n",
        "  • European Cell Council — initiator [1]\n")]
    [InlineData("/about Circular Cell Alliance", "What it is:\n  • a joint effort to recover lithium and cobalt from used electric-car batteries [1]\n",
        "Headquarters:\n  • Frankfurt [1]\n", "People:\n  • Anna Berglund — chief executive [1]\n")]
    [InlineData("/about Nordvolta", "What it is:\n  • the Swedish battery maker [1]\n", "Member of:\n  • Circular Cell Alliance [1]\n")]
    [InlineData("/about Voltrun", "Initiated by:\n  • Kaisa Lepp [1]\n  • Marten Ilves [1]\n", "People:\n  • Kaisa Lepp — chief executive [1]\n",
        "Investors:\n  • Northwind Ventures [1]\n  • Baltic Growth Fund [1]\n  • Sora Capital [1]\n", "Used by:\n  • Estgrid [1]\n", "dated 14 Oct 2025")]
    [InlineData("/members OSL", "Members named in the articles (4):\n  • University of Tarvik [1]\n  • Uppvik University [1]\n  • Aaltor University [1]\n  • Technical University of Norland [1]\n")]
    [InlineData("/about OSL", "Uses:\n  • Ledgerline Fabric [1]\n")]
    [InlineData("/members Nordic Research Council", "The articles name no members of Nordic Research Council.")]
    [InlineData("/about TradeLink Nordic", "Initiated by:\n  • Maren Line [1]\n  • KTX [1]\n", "People:\n  • Peter Krag — chief executive [1]\n",
        "Headquarters:\n  • Copenhagen [1]\n")]
    [InlineData("/about NIC", "Providers:\n  • Korvex Systems — the nodes [1]\n  • Lumora Labs — the nodes [1]\n")]
    [InlineData("/about Digital Trust Authority", "People:\n  • Sofia Marques — president [1]\n")]
    [InlineData("/about Osei", "Daniel Osei (person)\nAlso called: Osei.\n", "  • chair of Open Banking Forum [1]\n",
        "  • chief operating officer of Crestline Bank [1]\n")]
    [InlineData("/members Green Corridor Compact", "Members named in the articles (4):\n  • Harbor Crest Lines [1]\n  • Osprey Maritime [1]\n  • Tidewell Shipping [1]\n  • Polaris Fuels [1]\n")]
    [InlineData("/about Green Corridor Compact", "Headquarters:\n  • Oslo [1]\n", "People:\n  • Ingrid Solberg — chair [1]\n")]
    [InlineData("/members Blue Seas Network", "Members named in the articles (1):\n  • Osprey Maritime [1]\n")]
    [InlineData("/about Ingrid Solberg", "  • co-founder and chief executive of Osprey Maritime [1]\n")]
    [InlineData("/about Sahel Trade Link", "People:\n  • Omar Haddad — chief executive [1]\n")]
    [InlineData("/about Khalid Rahman", "  • chairman of Dunes National Bank [1]\n")]
    [InlineData("/about Grace Tan", "Roles:\n  • head of ClaimsLink Asia [1]\n")]
    [InlineData("/members ClaimsLink Asia", "  • Lion Shield Insurance [1]\n  • Straits General [1]\n  • Merlion Mutual [1]\n  • Kestrel Digital — initiator [1]\n")]
    [InlineData("/members VCR", "Members named in the articles (4):\n  • Terra Assurance [1]\n  • Carbonwise [1]\n  • Nordic Verify [1]\n  • Climate Markets Initiative — initiator [1]\n",
        "  • 48 members reported [1]\n", "dated 21 Jul 2025")]
    [InlineData("/about VCR", "People:\n  • Elena Rossi — chair [1]\n", "Providers:\n  • Ledgerline — hosting [1]\n")]
    public async Task Reply_ShowsWhatTheArticleSays(string command, params string[] fragments)
    {
        var text = (await blind.Knowledge.AskAsync(command)).ReplaceLineEndings("\n");

        Assert.All(fragments, fragment => Assert.Contains(fragment, text, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("/about Voltrun", "Uses:")]
    [InlineData("/about Estgrid", "Used by:")]
    [InlineData("/about Nordic Research Council", "Members:")]
    public async Task Reply_DoesNotShowWhatTheArticleDoesNotSay(string command, string fragment)
    {
        var text = await blind.Knowledge.AskAsync(command);

        Assert.DoesNotContain(fragment, text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/about Jane Whitfield")]
    [InlineData("/about Meridian Wire")]
    [InlineData("/about Mumbai")]
    [InlineData("/about Ken Lim")]
    [InlineData("/about Sara Ng")]
    public async Task About_BylineWireAndDatelineNames_AreNotKnown(string command)
    {
        Assert.StartsWith("Not found", await blind.Knowledge.AskAsync(command), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/search digital lending")]
    [InlineData("/search newsletter")]
    public async Task Search_TeaserAndNewsletterLines_AreNoHits(string command)
    {
        Assert.Contains("No article", await blind.Knowledge.AskAsync(command), StringComparison.Ordinal);
    }
}

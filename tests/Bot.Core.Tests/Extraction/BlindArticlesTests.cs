using Bot.Testing.Knowledge;

namespace Bot.Core.Tests.Extraction;

/// <summary>
/// Two articles written after the rules, asked blind first: the bot missed a group that "has added four new members:
/// A, B …", a company named once at the start of a sentence ("Nordvolta, the Swedish battery maker, joined …"), an
/// initiator named "… Corporation of India", a "will be headquartered in" and a title-case dateline's date. What a
/// reader now sees of them.
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
}

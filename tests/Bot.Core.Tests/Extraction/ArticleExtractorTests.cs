using Bot.Core.Extraction;
using Bot.Testing.Extraction;

namespace Bot.Core.Tests.Extraction;

/// <summary>The extraction rules on short texts written for the tests, one pattern of English news at a time.</summary>
public sealed class ArticleExtractorTests
{
    private static readonly ArticleExtractor Extractor = RepoExtractor.Instance;

    /// <summary>The facts of <paramref name="paragraphs"/> as "kind: subject → object/text (detail)".</summary>
    private static List<string> Facts(params string[] paragraphs)
    {
        var result = Extractor.Extract(paragraphs);
        string Name(int? id) => id is { } i ? result.Entities[i].Names.FirstOrDefault() ?? result.Entities[i].Acronyms[0] : string.Empty;
        return [.. result.Facts.Select(f =>
            $"{f.Kind.ToString().ToLowerInvariant()}: {Name(f.Subject)} → {(f.Object is null ? f.Text : Name(f.Object))}{(f.Detail is null ? string.Empty : $" ({f.Detail})")}{(f.For is null ? string.Empty : $" for {Name(f.For)}")}")];
    }

    [Fact]
    public void Member_AddedToWithAcronym_LaterListUsesTheAlliance()
    {
        var facts = Facts(
            "Nordvik Payments has been added to the Open Ledger Alliance (OLA), an industry group initiated by Baltic Savings Bank.",
            "Other members of the alliance include Harbour Trust, Kestrel Capital Group and Lumen Insurance.");

        Assert.Contains("member: Nordvik Payments → Open Ledger Alliance", facts);
        Assert.Contains("initiator: Baltic Savings Bank → Open Ledger Alliance", facts);
        Assert.Contains("member: Harbour Trust → Open Ledger Alliance", facts);
        Assert.Contains("member: Kestrel Capital Group → Open Ledger Alliance", facts);
        Assert.Contains("member: Lumen Insurance → Open Ledger Alliance", facts);
    }

    [Fact]
    public void Member_AddedToPastAnAppositive_MemberOfTheGroup()
    {
        var facts = Facts(
            "Corvina Credit, a Lisbon-based lender, has been added to the Atlantic Clearing Network.",
            "Tavora Bank and Mirandela Trust, two regional savings banks, were admitted to the Iberian Payments Forum in June.");

        Assert.Contains("member: Corvina Credit → Atlantic Clearing Network", facts);
        Assert.Contains("member: Tavora Bank → Iberian Payments Forum", facts);
        Assert.Contains("member: Mirandela Trust → Iberian Payments Forum", facts);
    }

    [Theory]
    [InlineData("Ines Calado, chief executive of Corvina Credit, said the lender was added to the Atlantic Clearing Network in May.", null)]
    [InlineData("Unlike Tavora Bank, which applied in 2019, Corvina Credit, a Lisbon lender, was admitted to the Atlantic Clearing Network.", "Corvina Credit")]
    [InlineData("While Tavora Bank, the largest lender, stayed out, Corvina Credit, a smaller rival, was admitted to the Atlantic Clearing Network.", "Corvina Credit")]
    [InlineData("Ines Calado, chief executive of Corvina Credit, said Tavora Bank, a Porto lender, had been added to the Atlantic Clearing Network.", "Tavora Bank")]
    [InlineData("Two years after it was founded in Lisbon, Corvina Credit, a digital lender, was admitted to the Atlantic Clearing Network.", "Corvina Credit")]
    [InlineData("Tavora Bank, which bought Corvina Credit, said its subsidiary, a Lisbon lender, was admitted to the Atlantic Clearing Network.", null)]
    [InlineData("Ines Calado, who chairs Corvina Credit, said on Monday that the lender, which Tavora Bank founded, was added to the Atlantic Clearing Network.", null)]
    public void Member_AppositiveNearOtherNames_OnlyTheNameBeforeItsVerbIsAMember(string sentence, string? member)
    {
        var members = Facts(sentence).Where(f => f.StartsWith("member:", StringComparison.Ordinal) && f.EndsWith("→ Atlantic Clearing Network", StringComparison.Ordinal)).ToList();

        Assert.Equal(member is null ? [] : [$"member: {member} → Atlantic Clearing Network"], members);
    }

    [Fact]
    public void Member_GroupAddedMembersAfterAColon_EachListedMember()
    {
        var facts = Facts("The Unified Trader Network (UTN), a payments consortium set up by the National Settlement Corporation of India, has added four new members: Harit Bank, Ilara Bank, Axon Bank and Kotwal Mahindra Bank.");

        Assert.Contains("member: Harit Bank → Unified Trader Network", facts);
        Assert.Contains("member: Ilara Bank → Unified Trader Network", facts);
        Assert.Contains("member: Axon Bank → Unified Trader Network", facts);
        Assert.Contains("member: Kotwal Mahindra Bank → Unified Trader Network", facts);
        Assert.Contains("initiator: National Settlement Corporation of India → Unified Trader Network", facts);
        Assert.DoesNotContain(facts, f => f.StartsWith("member: National Settlement", StringComparison.Ordinal));
    }

    [Fact]
    public void Member_GroupWelcomedMembersIncluding_EachListedMember()
    {
        var facts = Facts("The Coastal Freight Forum welcomed three members, including Tarn Logistics and Brevik Haulage.");

        Assert.Contains("member: Tarn Logistics → Coastal Freight Forum", facts);
        Assert.Contains("member: Brevik Haulage → Coastal Freight Forum", facts);
    }

    [Fact]
    public void Uses_PlatformUsedBy_TheUsersUseIt()
    {
        var facts = Facts("Grid operators have tested software from Voltrun.", "Voltrun's platform is used by Estgrid, the Estonian grid operator.");

        Assert.Contains("uses: Estgrid → Voltrun", facts);
        Assert.DoesNotContain("uses: Voltrun → Estgrid", facts);
    }

    [Fact]
    public void Names_CityThatOpensAnOrganisationsName_StaysACityWhereItStandsAsOne()
    {
        var result = Extractor.Extract([
            "The Mumbai Retail Association (MRA) said on Wednesday that Mardex Systems had joined the group.",
            "Demand for retail space in Mumbai rose 12 percent. Officials across Mumbai welcomed the plan."]);

        var association = Assert.Single(result.Entities, e => e.Names.Contains("Mumbai Retail Association"));
        Assert.DoesNotContain("Mumbai", association.Names);
        Assert.Contains(result.Entities, e => e.Names.SequenceEqual(["Mumbai"]));
    }

    [Fact]
    public void Investor_ShareholdersAre_EachListedShareholder()
    {
        var facts = Facts("Five banks have formed Sahel Trade Link, a trade finance venture.",
            "Sahel Trade Link's shareholders are Qatar Harbour Bank, Dunes National Bank and Oasis Commercial Bank.");

        Assert.Contains("investor: Qatar Harbour Bank → Sahel Trade Link", facts);
        Assert.Contains("investor: Dunes National Bank → Sahel Trade Link", facts);
        Assert.Contains("investor: Oasis Commercial Bank → Sahel Trade Link", facts);
    }

    [Fact]
    public void Names_OneWordOpeningASentenceWithAnAppositive_IsAName()
    {
        var facts = Facts(
            "Seven carmakers launched the Circular Cell Alliance on Monday.",
            "Nordvolta, the Swedish battery maker, joined the alliance as a technology partner.");

        Assert.Contains("member: Nordvolta → Circular Cell Alliance", facts);
        Assert.Contains("description: Nordvolta → the Swedish battery maker", facts);
    }

    [Fact]
    public void Names_SentenceAdverbBeforeAComma_IsNoName()
    {
        var result = Extractor.Extract([
            "Seven carmakers launched the Circular Cell Alliance on Monday.",
            "Separately, the alliance said it would open an office. Instead, the group, which has no staff yet, said it would hire.",
            "Overall, the market, analysts said, grew."]);

        var names = result.Entities.SelectMany(e => e.Names).ToList();
        Assert.DoesNotContain("Separately", names);
        Assert.DoesNotContain("Instead", names);
        Assert.DoesNotContain("Overall", names);
    }

    [Fact]
    public void Member_JoinsGroup_SubjectAndObject()
    {
        var facts = Facts("Tessaro Bank joined the Pacific Payments Consortium in March.");

        Assert.Contains("member: Tessaro Bank → Pacific Payments Consortium", facts);
    }

    [Fact]
    public void Member_JoinListAmongOthersInTheNetwork_ListIsMembers()
    {
        var facts = Facts(
            "The Riverside Data Network was set up last year.",
            "The startup will join Orbis Telecom, regional lender Calder Bank, and Meridian Health, among others in the network.");

        Assert.Contains("member: Orbis Telecom → Riverside Data Network", facts);
        Assert.Contains("member: Calder Bank → Riverside Data Network", facts);
        Assert.Contains("member: Meridian Health → Riverside Data Network", facts);
        Assert.Contains("description: Calder Bank → regional lender", facts);
    }

    [Fact]
    public void Member_CompetitorsAndRegulatorsInOtherSentences_AreNotMembers()
    {
        var facts = Facts(
            "Halcyon Bank has joined the Northern Trade Alliance.",
            "Rivals such as Vantor Group and Pellucid Pay have built networks of their own, the Financial Conduct Office said.");

        Assert.Single(facts, f => f.StartsWith("member:", StringComparison.Ordinal));
    }

    [Fact]
    public void Initiator_PassiveWithAuxiliary_AndCoordinatedClause()
    {
        var facts = Facts(
            "The Coastal Energy Alliance was launched on Tuesday.",
            "The alliance has been planned by officials at the Ministry of Energy and is being developed by Verde Power and Solace Grid.");

        Assert.Contains("initiator: Ministry of Energy → Coastal Energy Alliance", facts);
        Assert.Contains("initiator: Verde Power → Coastal Energy Alliance", facts);
        Assert.Contains("initiator: Solace Grid → Coastal Energy Alliance", facts);
    }

    [Fact]
    public void Role_CommaTitleOf_AndSaidName()
    {
        var facts = Facts(
            "“We expect more members soon,” said Amara Okafor, chief executive of Lagos Fintech Hub.",
            "Henrik Dahl, founder and CEO of Skarv Labs, disagreed.");

        Assert.Contains("role: Amara Okafor → Lagos Fintech Hub (chief executive)", facts);
        Assert.Contains("role: Henrik Dahl → Skarv Labs (founder and CEO)", facts);
    }

    [Fact]
    public void Role_SurnameLater_IsTheSamePerson()
    {
        var result = Extractor.Extract(["According to Mei Tanaka, director of Osaka Digital Center, the plan works.", "“It is a start,” Tanaka said."]);

        var person = Assert.Single(result.Entities, e => e.Names.Contains("Mei Tanaka"));
        Assert.Contains("Tanaka", person.Names);
    }

    [Fact]
    public void Description_WhichIsAndParenthesisAndFoundedInYear()
    {
        var facts = Facts(
            "Corvid Bank, which is a digital lender serving farmers, will run the pilot.",
            "The scheme is backed by Tallis Pay (the region's largest card processor).",
            "Corvid Bank was founded in 2011, and it was also the first lender to offer crop loans online.");

        Assert.Contains("description: Corvid Bank → a digital lender serving farmers", facts);
        Assert.Contains("description: Tallis Pay → the region's largest card processor", facts);
        Assert.Contains("description: Corvid Bank → founded in 2011", facts);
        Assert.Contains("description: Corvid Bank → the first lender to offer crop loans online", facts);
    }

    [Fact]
    public void Headquarters_ThreeWaysOfSayingIt()
    {
        var facts = Facts(
            "Headquartered in Nairobi, Savanna Pay expanded to Uganda.",
            "Quito-based software firm Andes Logic signed up too.",
            "Polar Freight is based in Tromso.");

        Assert.Contains("headquarters: Savanna Pay → Nairobi", facts);
        Assert.Contains("headquarters: Andes Logic → Quito", facts);
        Assert.Contains("headquarters: Polar Freight → Tromso", facts);
    }

    [Fact]
    public void Investor_ListAfterLike_NotThePlaceBeforeIt()
    {
        var facts = Facts("Big funds in Europe, like Aster Capital and Brightwater Partners, have invested in Lumio Bank.");

        Assert.Contains("investor: Aster Capital → Lumio Bank", facts);
        Assert.Contains("investor: Brightwater Partners → Lumio Bank", facts);
        Assert.Equal(2, facts.Count(f => f.StartsWith("investor:", StringComparison.Ordinal)));
    }

    [Fact]
    public void ProviderUsesAndCount_WithPronounsAndAcronyms()
    {
        var facts = Facts(
            "Helix Cloud will be the data storage provider for the Metro Health Network (MHN).",
            "The MHN is made up of 31 members, and it uses open ledger software Quorra.");

        Assert.Contains("provider: Helix Cloud → data storage for Metro Health Network", facts);
        Assert.Contains("count: Metro Health Network → 31 members", facts);
        Assert.Contains("uses: Metro Health Network → Quorra", facts);
    }

    [Fact]
    public void Subsidiary_DemonymWingOfCompany_IsCompanyAndCountry()
    {
        var result = Extractor.Extract(["The Japanese arm of payments firm Zentra has been added to the Asia Settlement Network."]);

        Assert.Contains(result.Entities, e => e.Names.Contains("Zentra Japan"));
    }

    [Fact]
    public void Extract_EventsAndLoneDemonyms_AreNotMembers()
    {
        var facts = Facts("The cryptocurrency firm was unveiled as a member during the recent Ledger Partner Conference, which was sponsored by Orion Bank and Vega Pay. Chinese and Korean firms attended.");

        Assert.DoesNotContain(facts, f => f.StartsWith("member:", StringComparison.Ordinal));
        Assert.DoesNotContain(facts, f => f.Contains("Conference", StringComparison.Ordinal));
    }
}

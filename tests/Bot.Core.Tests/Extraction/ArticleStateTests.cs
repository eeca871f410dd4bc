using Bot.Core.Extraction;

namespace Bot.Core.Tests.Extraction;

/// <summary>What an article's extraction state keeps: its mentions by sentence, what each ⟦n⟧ stood for, and the result it hands out.</summary>
public sealed class ArticleStateTests
{
    private static Mention Name(int sentence, int start, string text, int cluster) =>
        new(sentence, start, start + text.Length, text, new NameFacts(text)) { Cluster = cluster };

    [Fact]
    public void MentionsOf_SentencesWithAndWithoutNames_EachSentenceItsOwnInOrder()
    {
        var state = new ArticleState(["Alpha Bank met Beta Fund.", "Nothing here.", "Gamma Trust left."]);
        var alpha = Name(0, 0, "Alpha Bank", 0);
        var beta = Name(0, 15, "Beta Fund", 1);
        var gamma = Name(2, 0, "Gamma Trust", 2);

        state.SetMentions([alpha, beta, gamma], [2, 2, 3]);

        Assert.Equal([alpha, beta], state.MentionsOf(0).ToArray());
        Assert.Empty(state.MentionsOf(1).ToArray());
        Assert.Equal([gamma], state.MentionsOf(2).ToArray());
        Assert.Equal([alpha, beta, gamma], state.AllMentions);
    }

    [Fact]
    public void Surface_MaskedMentionsAndSetTexts_SetTextFirstThenTheFirstMaskedMention()
    {
        var state = new ArticleState(["Epsilon Pay, Epsilon and Zeta Group met.", "They left."]);
        var full = Name(0, 0, "Epsilon Pay", 0);
        var shortName = Name(0, 13, "Epsilon", 0);
        var zeta = Name(0, 25, "Zeta Group", 1);
        state.SetMentions([full, shortName, zeta], [3, 3]);
        full.Surfaced = true;
        shortName.Surfaced = true;

        Assert.Equal("Epsilon Pay", state.Surface(0, 0));
        Assert.Null(state.Surface(0, 1)); // not masked: no surface
        Assert.False(state.HasSurface(0, 1));
        Assert.Null(state.Surface(1, 0));

        state.SetSurface(0, 1, "Delta's Zeta Group");
        state.SetSurface(0, 0, "Delta's Epsilon Pay");

        Assert.Equal("Delta's Zeta Group", state.Surface(0, 1));
        Assert.Equal("Delta's Epsilon Pay", state.Surface(0, 0));
        Assert.Null(state.Surface(1, 0));
    }

    [Fact]
    public void ToExtraction_EntityLeftWithoutMentions_LaterEntitiesRenumberedAndOtherFactsKept()
    {
        var state = new ArticleState(["Alpha Bank joined Gamma Trust (GT)."]);
        var alpha = Name(0, 0, "Alpha Bank", 0);
        var gamma = Name(0, 18, "Gamma Trust", 2); // entity 1 lost its mentions to another
        var acronym = Name(0, 31, "GT", 2);
        acronym.IsAcronym = true;
        state.SetMentions([alpha, gamma, acronym], [3]);
        for (var i = 0; i < 3; i++)
        {
            state.NewCluster();
        }

        var kept = new LocalFact(FactKind.Description, 0, null, "a lender", null, null, 0);
        var renumbered = new LocalFact(FactKind.Member, 0, 2, null, null, null, 0);
        state.Facts.Add(kept);
        state.Facts.Add(renumbered);

        var result = state.ToExtraction();

        Assert.Same(kept, result.Facts[0]);
        Assert.Equal(renumbered with { Object = 1 }, result.Facts[1]);
        Assert.Equal([0, 1], result.Entities.Select(e => e.Id));
        Assert.Empty(result.Entities[0].Acronyms);
        Assert.Equal(["GT"], result.Entities[1].Acronyms);
        Assert.Equal(["Gamma Trust"], result.Entities[1].Names);
    }
}

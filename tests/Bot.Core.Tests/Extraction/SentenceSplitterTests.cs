using Bot.Core.Extraction;

namespace Bot.Core.Tests.Extraction;

public sealed class SentenceSplitterTests
{
    [Fact]
    public void Split_AbbreviationsInNames_DoNotEndSentences()
    {
        var sentences = SentenceSplitter.Split("Acme Holdings Ltd. joined the group. Beta Inc. and Gamma Corp. followed on Monday.");

        Assert.Equal(["Acme Holdings Ltd. joined the group.", "Beta Inc. and Gamma Corp. followed on Monday."], sentences);
    }

    [Fact]
    public void Split_EllipsisInBracketsInsideAQuote_KeepsOneSentence()
    {
        var sentences = SentenceSplitter.Split("“The network can […] facilitate the rapid promotion of the technology,” Jane Roe, director of the centre, said. Others agreed.");

        Assert.Equal(2, sentences.Count);
        Assert.EndsWith("said.", sentences[0], StringComparison.Ordinal);
    }

    [Fact]
    public void Split_QuestionInsideQuotes_EndsAfterTheClosingQuote()
    {
        var sentences = SentenceSplitter.Split("He asked: “Who pays?” Nobody answered.");

        Assert.Equal(["He asked: “Who pays?”", "Nobody answered."], sentences);
    }

    [Fact]
    public void Split_InitialsAndUsAbbreviation_AreNotBoundaries()
    {
        var sentences = SentenceSplitter.Split("J. R. Smith moved to the U.S. market in 2019. He stayed.");

        Assert.Equal(2, sentences.Count);
    }

    [Fact]
    public void Split_DecimalNumbers_AreNotBoundaries()
    {
        var sentences = SentenceSplitter.Split("Revenue rose 3.5 percent to $1.2 billion. Shares fell.");

        Assert.Equal(["Revenue rose 3.5 percent to $1.2 billion.", "Shares fell."], sentences);
    }
}

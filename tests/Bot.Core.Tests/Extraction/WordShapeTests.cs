using Bot.Core.Extraction;

namespace Bot.Core.Tests.Extraction;

/// <summary>
/// The word shapes the masking stage reads instead of searching the text again: the head words of "the alliance"-style
/// references, which let a sentence without one skip the reference patterns, and the "-based" suffix.
/// </summary>
public sealed class WordShapeTests
{
    [Theory]
    [InlineData("alliance", true)]
    [InlineData("network", true)]
    [InlineData("organisation", true)]
    [InlineData("organization", true)]
    [InlineData("venture", true)]
    [InlineData("alliance.", true)]      // "\b(?![\w-])" holds before '.'
    [InlineData("alliance’x", true)]
    [InlineData("alliance&co", true)]
    [InlineData("alliance²", true)]      // a number the tokenizer keeps in a word but no word character of the patterns
    [InlineData("alliances", false)]
    [InlineData("alliance-led", false)]
    [InlineData("alliance2", false)]
    [InlineData("Alliance", false)]      // the patterns match the head case-sensitively
    [InlineData("joint", false)]
    [InlineData("networking", false)]
    public void ShapeOf_GroupReferenceHead_OnlyWhereAPatternCouldEndAHead(string word, bool expected) =>
        Assert.Equal(expected, (WordShapes.ShapeOf(word) & WordShape.GroupReferenceHead) != 0);

    [Theory]
    [InlineData("Lyon-based", true)]
    [InlineData("Oslo-Headquartered", true)]
    [InlineData("X-based", false)]       // two characters at least before the suffix
    [InlineData("based", false)]
    [InlineData("Lyon", false)]
    public void ShapeOf_Based_AsBasedSuffixReadsIt(string word, bool expected)
    {
        Assert.Equal(expected, (WordShapes.ShapeOf(word) & WordShape.Based) != 0);
        Assert.Equal(expected, ArticleExtractor.BasedSuffix(word) > 0);
    }

    [Fact]
    public void MaskedState_ReferenceWithHeadWord_Resolved_PluralLeftAsItIs()
    {
        var extractor = new ArticleExtractor(ExtractionLexicon.Empty);

        var masked = extractor.MaskedState(["The Open Ledger Alliance grew. The alliance added members. The networks grew."]).Masked;

        Assert.Equal(3, masked.Count);
        Assert.Matches(@"^⟦\d+⟧ added members\.$", masked[1]);
        Assert.Equal("The networks grew.", masked[2]);
    }

    [Fact]
    public void MaskedState_PossessiveReference_Resolved()
    {
        var extractor = new ArticleExtractor(ExtractionLexicon.Empty);

        var masked = extractor.MaskedState(["Baltic Savings Bank set up the Open Ledger Alliance. Baltic Savings Bank's alliance met in Riga."]).Masked;

        Assert.Matches(@"^⟦\d+⟧ met in ⟦\d+⟧\.$", masked[1]); // "Baltic Savings Bank's alliance" read as the alliance
    }

    [Fact]
    public void GroupReferenceHeads_AreTheHeadWordsOfTheReferencePattern()
    {
        // The flag lets a sentence skip the pattern: a head word the pattern has and the list lacks would never be resolved.
        var pattern = ArticleExtractor.DefiniteGroupPattern().ToString();
        var start = pattern.IndexOf("(?<head>", StringComparison.Ordinal) + "(?<head>".Length;
        var heads = pattern[start..pattern.IndexOf(')', start)].Split('|')
            .SelectMany(h => h.Contains("[sz]", StringComparison.Ordinal) ? [h.Replace("[sz]", "s", StringComparison.Ordinal), h.Replace("[sz]", "z", StringComparison.Ordinal)] : new[] { h })
            .Select(h => h.Split(' ')[^1])
            .ToHashSet(StringComparer.Ordinal);

        Assert.Contains("alliance", heads);
        Assert.Equal(heads.Order(StringComparer.Ordinal), WordShapes.GroupReferenceHeads.Distinct().Order(StringComparer.Ordinal));
    }
}

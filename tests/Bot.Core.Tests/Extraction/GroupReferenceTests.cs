using Bot.Core.Extraction;

namespace Bot.Core.Tests.Extraction;

/// <summary>
/// Groups read from a match's text instead of a Match object: the head of a group reference ("the alliance", "⟦3⟧’s
/// network") and the parts of an appositive ("⟦2⟧, an industry alliance"), as the patterns' groups read them.
/// </summary>
public sealed class GroupReferenceTests
{
    [Theory]
    [InlineData("the alliance")]
    [InlineData("The alliance said it would grow.")]
    [InlineData("Members of this  regional payments network met.")]
    [InlineData("the joint venture")]
    [InlineData("The new joint venture started.")]
    [InlineData("that xjoint venture grew")]
    [InlineData("the three-year joint  venture ended")]
    [InlineData("This organization and the group")]
    public void ReferenceHead_DefiniteReference_SameAsThePatternsHead(string text) =>
        AssertSameHead(ArticleExtractor.DefiniteGroupPattern(), text);

    [Theory]
    [InlineData("⟦3⟧’s alliance")]
    [InlineData("Under ⟦12⟧'s new data network, banks share.")]
    [InlineData("⟦0⟧’s regional trade partnership")]
    public void ReferenceHead_PossessiveReference_SameAsThePatternsHead(string text) =>
        AssertSameHead(ArticleExtractor.PossessiveGroupPattern(), text);

    [Theory]
    [InlineData("⟦2⟧, a trade group set up by ⟦3⟧, grew.")]
    [InlineData("Members met ⟦14⟧ ,\tthe regional payments network.")]
    [InlineData("⟦0⟧,a lender; ⟦1⟧ , the alliance")]
    public void AppositiveParts_Appositive_SameAsThePatternsGroups(string text)
    {
        var m = ArticleExtractor.AppositivePattern().Match(text);

        Assert.True(m.Success);
        var description = ArticleExtractor.AppositiveParts(text.AsSpan(m.Index, m.Length), out var entity);
        Assert.Equal(m.Groups["d"].Value, description.ToString());
        Assert.Equal(int.Parse(m.Groups["s"].Value, System.Globalization.CultureInfo.InvariantCulture), entity);
    }

    /// <summary>The pattern matches <paramref name="text"/>, and ReferenceHead reads from the match the head its group captured.</summary>
    private static void AssertSameHead(System.Text.RegularExpressions.Regex pattern, string text)
    {
        var m = pattern.Match(text);

        Assert.True(m.Success);
        Assert.Equal(m.Groups["head"].Value, ArticleExtractor.ReferenceHead(text.AsSpan(m.Index, m.Length)).ToString());
    }
}

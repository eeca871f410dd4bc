using Bot.Core.Extraction;

namespace Bot.Core.Tests.Extraction;

/// <summary>The head of a group reference ("the alliance", "⟦3⟧’s network") read from the match's text, as the patterns' "head" group reads it.</summary>
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
    public void ReferenceHead_DefiniteReference_SameAsThePatternsHead(string text)
    {
        var m = ArticleExtractor.DefiniteGroupPattern().Match(text);

        Assert.True(m.Success);
        Assert.Equal(m.Groups["head"].Value, ArticleExtractor.ReferenceHead(text.AsSpan(m.Index, m.Length)).ToString());
    }

    [Theory]
    [InlineData("⟦3⟧’s alliance")]
    [InlineData("Under ⟦12⟧'s new data network, banks share.")]
    [InlineData("⟦0⟧’s regional trade partnership")]
    public void ReferenceHead_PossessiveReference_SameAsThePatternsHead(string text)
    {
        var m = ArticleExtractor.PossessiveGroupPattern().Match(text);

        Assert.True(m.Success);
        Assert.Equal(m.Groups["head"].Value, ArticleExtractor.ReferenceHead(text.AsSpan(m.Index, m.Length)).ToString());
    }
}

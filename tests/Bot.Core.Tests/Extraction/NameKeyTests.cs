using Bot.Core.Extraction;

namespace Bot.Core.Tests.Extraction;

public sealed class NameKeyTests
{
    [Theory]
    [InlineData("China Merchants Bank International", "China Merchants Banks International")]
    [InlineData("State Information Center", "State Information Centre")]
    [InlineData("Blockchain-Based Service Network", "blockchain based service network")]
    [InlineData("the Open Ledger Alliance", "Open Ledger Alliance")]
    [InlineData("Kim & Chang", "Kim and Chang")]
    [InlineData("Global Organisation for Trade", "Global Organization for Trade")]
    public void Of_SpellingVariants_ShareAKey(string a, string b) => Assert.Equal(NameKey.Of(a), NameKey.Of(b));

    [Theory]
    [InlineData("China Mobile", "China Telecom")]
    [InlineData("Huobi", "Huobi China")]
    [InlineData("Blockchain Services Network", "Blockchain Services Network Alliance")]
    public void Of_DifferentNames_DifferentKeys(string a, string b) => Assert.NotEqual(NameKey.Of(a), NameKey.Of(b));

    [Fact]
    public void OrderFree_WordOrderVariants_ShareAKey() =>
        Assert.Equal(NameKey.OrderFree("Macau University Innovation Center"), NameKey.OrderFree("Innovation Centre of the University of Macau"));

    [Theory]
    [InlineData("Innovation Centre of the University of Macau", "center innovation macau university")]
    [InlineData("Zeta Alpha and Beta Fund for Delta", "alpha beta delta fund zeta")]
    [InlineData("Bank of China", "bank of china")]
    [InlineData("The Alpha Alpha Group", "alpha alpha group")]
    public void OrderFree_ThreeWordsOrMore_SortedWithoutStopWords(string name, string key) => Assert.Equal(key, NameKey.OrderFree(name));
}

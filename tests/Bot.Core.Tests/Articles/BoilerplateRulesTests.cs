using Bot.Core.Articles;
using Bot.Testing;

namespace Bot.Core.Tests.Articles;

public sealed class BoilerplateRulesTests
{
    [Fact]
    public void Load_ShippedFile_HoldsNoNameFromTheDataset()
    {
        // The markers must be generic: nothing in the rules file may come from a particular article.
        var text = File.ReadAllText(Path.Combine(RepoPaths.Config, "boilerplate.yaml"));

        foreach (var name in DatasetArticleTests.BoilerplateNameList.Except(["Subscribe", "Leave a Reply", "You May Also Like"]))
        {
            Assert.DoesNotContain(name, text, StringComparison.OrdinalIgnoreCase);
        }

        Assert.DoesNotContain("Blockchain", text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("Huobi", text, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Parse_BrokenPattern_FailsWithMessageNamingIt()
    {
        var ex = Assert.Throws<InvalidDataException>(() => BoilerplateRules.Parse("cutMarkers:\n  - '^related (articles'\n", "test.yaml"));

        Assert.Contains("test.yaml", ex.Message, StringComparison.Ordinal);
        Assert.Contains("cutMarkers[0]", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_UnknownKey_FailsWithMessageNamingTheFile()
    {
        var ex = Assert.Throws<InvalidDataException>(() => BoilerplateRules.Parse("cutMarker:\n  - '^related$'\n", "test.yaml"));

        Assert.Contains("test.yaml", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_MissingFile_FailsWithMessageNamingTheSetting()
    {
        var ex = Assert.Throws<FileNotFoundException>(() => BoilerplateRules.Load(Path.Combine(Path.GetTempPath(), Guid.NewGuid() + ".yaml")));

        Assert.Contains("Dataset:BoilerplateFile", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_EmptyRules_StillAppliesStructuralRules()
    {
        var parser = new ArticleParser(BoilerplateRules.Parse(string.Empty));

        var document = parser.Parse("a.txt", "h", "Lakeside Mill Reopens After Flood Repairs\n\nThe mill reopened on Friday after a year of repairs funded by the county.\nBerlin, Germany, 3rd March 2025, Examplewire\n", ".txt");

        Assert.Equal("Lakeside Mill Reopens After Flood Repairs", document.Title);
        Assert.Equal(["The mill reopened on Friday after a year of repairs funded by the county."], document.Paragraphs);
    }

    [Theory]
    [InlineData("hello hello", true)] // a backreference by number: its pattern keeps a regex of its own
    [InlineData("hello world", false)]
    [InlineData("foo", true)] // an inline x option with a comment
    [InlineData("foo bar", false)]
    [InlineData("bar fly", true)] // anchored, joined
    [InlineData("a bar", false)]
    [InlineData("sign up today", true)] // floating, joined
    [InlineData("then sign up", true)]
    [InlineData("Sign Upward", false)]
    [InlineData("quiet", true)] // two top-level alternatives: the second is not anchored
    [InlineData("a quiet b", true)]
    [InlineData("baz", false)]
    public void IsDropLine_PatternsJoinedOrAlone_MatchAsEachAlone(string line, bool expected)
    {
        const string Yaml = """
            dropLines:
              - '^(\w+) \1$'
              - '(?x) ^ foo $ # a comment'
              - '^bar\b'
              - '\bsign up\b'
              - '^nothing|quiet'
              - 'never matches^'
            """;
        var rules = BoilerplateRules.Parse(Yaml);

        Assert.Equal(expected, rules.IsDropLine(line));
    }
}

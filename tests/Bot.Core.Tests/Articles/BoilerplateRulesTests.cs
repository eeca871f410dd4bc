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

    [Theory]
    [InlineData("OSLO, May 2, 2025 /Example Wire/ -- The fund opened on Monday.", "The fund opened on Monday.")]
    [InlineData("Oslo, Norway (Examplewire) – The fund opened on Monday.", "The fund opened on Monday.")]
    [InlineData("OSLO, May 2, 2025 /Example   Wire/ -- The fund opened on Monday.", "The fund opened on Monday.")]
    [InlineData("Oslo Capital (OC) said on Monday that the fund opened, according to a filing / notice.", "Oslo Capital (OC) said on Monday that the fund opened, according to a filing / notice.")]
    [InlineData("OSLO, May 2, 2025 /example wire/ -- The fund opened on Monday.", "OSLO, May 2, 2025 /example wire/ -- The fund opened on Monday.")]
    public void StripWirePrefix_WireNamesFromTheRules_StripsOnlyTheirDatelines(string paragraph, string expected)
    {
        // The wire names come from the rules: a paragraph whose opening names none keeps its text (the names are
        // case-sensitive, and words of a name may be separated by any white space).
        var rules = BoilerplateRules.Parse("wireServices:\n  - Example Wire\n  - Examplewire\n");

        Assert.Equal(expected, rules.StripWirePrefix(paragraph));
    }

    [Fact]
    public void StripWirePrefix_NameAfterTheLongestOpening_IsStillFound()
    {
        // Three places of 41 characters and a date: the mark starts as far into the paragraph as the pattern allows.
        var place = "P" + new string('q', 40);
        var paragraph = $"{place}, {place}, {place}, September 30th, 2025, /Examplewire/ -- The fund opened.";
        var rules = BoilerplateRules.Parse("wireServices:\n  - Examplewire\n");

        Assert.Equal("The fund opened.", rules.StripWirePrefix(paragraph));
    }
}

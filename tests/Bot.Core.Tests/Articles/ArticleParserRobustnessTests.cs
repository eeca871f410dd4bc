using System.Diagnostics;
using Bot.Core.Articles;

namespace Bot.Core.Tests.Articles;

/// <summary>Odd and hostile input never crashes the parser: the bot meets files nobody has checked.</summary>
public sealed class ArticleParserRobustnessTests
{
    public static TheoryData<string, string> OddInputs => new()
    {
        { "", ".txt" },
        { "---", ".md" },
        { "---\n---", ".md" },
        { "---\n- a list\n- not a map\n---\nBody text of the article, which is short.", ".md" },
        { "---\ntitle: a\ntitle: b\n---\nBody text of the article, which is short.", ".txt" },
        { "---\n&a [*a]\n---\nBody text.", ".txt" },
        { "...", ".txt" },
        { "…", ".txt" },
        { "#", ".md" },
        { "# ", ".md" },
        { "```\nnever closed", ".md" },
        { "<!-- never closed", ".md" },
        { "[a](b", ".md" },
        { "**", ".md" },
        { "<", ".html" },
        { "<html><body></body></html>", ".html" },
        { "<p>\u0000</p>", ".htm" },
        { "By", ".txt" },
        { "About", ".txt" },
        { "\u00A0\u200B\uFEFF", ".txt" },
        { "1st", ".txt" },
        { "February 30, 2020", ".txt" },
        { "Paris, France, 99th Smarch 2020, Wire", ".txt" },
        { "a\r\nb\rc\n", ".txt" },
        { "plain text", "" },
        { "plain text", "weird" },
    };

    [Theory]
    [MemberData(nameof(OddInputs))]
    public void Parse_OddInput_ReturnsADocumentWithATitle(string text, string extension)
    {
        var document = ArticleTestKit.Parser.Parse("odd" + extension, "hash", text, extension);

        Assert.NotNull(document.Title);
        Assert.NotNull(document.Body);
        Assert.All(document.Paragraphs, p => Assert.False(string.IsNullOrWhiteSpace(p)));
    }

    [Fact]
    public void Parse_DeeplyNestedHtml_DoesNotOverflowTheStack()
    {
        var html = string.Concat(Enumerable.Repeat("<div>", 1_000)) + "The deep paragraph has enough words to count as text." + string.Concat(Enumerable.Repeat("</div>", 1_000));

        var document = ArticleTestKit.Parse(html, ".html");

        Assert.Contains("The deep paragraph has enough words to count as text.", document.Body, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_HugeSingleLineMarkdown_FinishesQuickly()
    {
        var line = string.Concat(Enumerable.Repeat("*word [link](http://x.example/a_b_c ", 20_000)) + "end.";
        var stopwatch = Stopwatch.StartNew();

        var document = ArticleTestKit.Parse(line, ".md");

        Assert.Single(document.Paragraphs);
        Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(20), $"took {stopwatch.Elapsed}");
    }
}

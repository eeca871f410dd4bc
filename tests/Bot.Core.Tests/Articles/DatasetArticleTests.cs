using Bot.Core.Articles;
using Bot.Testing;
using Bot.Testing.Logging;

namespace Bot.Core.Tests.Articles;

/// <summary>The embedded dataset (data/articles) as a user of the bot sees it after loading.</summary>
public sealed class DatasetArticleTests
{
    /// <summary>Teaser, related-link, promotion and comment-form text of the dataset's pages: none of it is article text.</summary>
    internal static readonly string[] BoilerplateNameList =
    [
        "Coinplug", "GG56", "Kim & Chang", "Relex", "iFX EXPO", "Chainwire", "KPMG", "Mao Shixing",
        "Akansha Kesarwani", "Event Manager", "Leave a Reply", "You May Also Like", "Subscribe",
    ];

    public static TheoryData<string> BoilerplateNames => new(BoilerplateNameList);

    [Fact]
    public void LoadFolder_Dataset_LoadsAllFiveArticlesWithoutWarnings()
    {
        var logger = new RecordingLogger<ArticleLoader>();

        var documents = ArticleTestKit.Loader(logger).LoadFolder(RepoPaths.Articles);

        Assert.Equal(5, documents.Count);
        Assert.Equal(documents.Select(d => d.SourceName).Order(StringComparer.Ordinal), documents.Select(d => d.SourceName));
        Assert.Empty(logger.Warnings);
    }

    [Theory]
    [InlineData("000", "Huobi Joins Chinese State-Backed Blockchain Alliance")]
    [InlineData("003", "China Govt, Companies Step up Blockchain Projects")]
    [InlineData("004", "Chinese Blockchain Alliance to Develop Four Finance- Oriented Platforms")]
    public void Load_DatasetArticleWithHeadline_TitleIsTheHeadline(string prefix, string title)
    {
        var document = ArticleTestKit.LoadDataset(prefix);

        Assert.Equal(title, document.Title);
        Assert.StartsWith(title, document.Body, StringComparison.Ordinal);
        Assert.DoesNotContain(title, document.Paragraphs);
    }

    [Theory]
    [InlineData("001", "China is forming a state-backed blockchain alliance")]
    [InlineData("002", "Tencent’s WeBank, which is a digital bank in China")]
    public void Load_DatasetArticleWithoutHeadline_TitleIsShortenedFirstSentence(string prefix, string start)
    {
        var document = ArticleTestKit.LoadDataset(prefix);

        Assert.StartsWith(start, document.Title, StringComparison.Ordinal);
        Assert.EndsWith("…", document.Title, StringComparison.Ordinal);
        Assert.InRange(document.Title.Length, 60, 91);
        Assert.DoesNotContain(" …", document.Title, StringComparison.Ordinal);
        Assert.StartsWith(document.Title[..^1], document.Paragraphs[0], StringComparison.Ordinal);
    }

    [Fact]
    public void Load_MastheadAndDateUnderHeadline_BecomePublisherAndPublished()
    {
        var document = ArticleTestKit.LoadDataset("003");

        Assert.Equal(new DateOnly(2019, 6, 8), document.Published);
        Assert.Equal("Asia Blockchain Review", document.Publisher);
        Assert.DoesNotContain(document.Paragraphs, p => p.Contains("June 8, 2019", StringComparison.Ordinal));
    }

    [Fact]
    public void Load_SectionLabelAboveHeadline_IsNeitherTitleNorText()
    {
        var document = ArticleTestKit.LoadDataset("004");

        Assert.NotEqual("Blockchain News", document.Title);
        Assert.DoesNotContain("Blockchain News", document.Body, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("000", 8)]
    [InlineData("001", 9)]
    [InlineData("002", 13)]
    [InlineData("003", 8)]
    [InlineData("004", 6)]
    public void Load_DatasetArticle_EveryBodyParagraphIsKept(string prefix, int paragraphs)
    {
        var document = ArticleTestKit.LoadDataset(prefix);

        Assert.Equal(paragraphs, document.Paragraphs.Count);
        Assert.All(document.Paragraphs, p => Assert.True(p.Split(' ').Length >= 8, $"not a body paragraph: {p}"));
    }

    [Theory]
    [InlineData("000", "Meanwhile, Chinese authorities also opened up a crackdown")]
    [InlineData("000", "The purpose of BSN is to provide a blockchain infrastructure services platform")]
    [InlineData("001", "Shortly after, a state-run newspaper ran a cover article on Bitcoin.")]
    [InlineData("002", "The authorities have moved to shut down exchanges")]
    [InlineData("003", "With more flexibility at the local level")]
    [InlineData("003", "On March 30th, the Cyberspace Administration of China (CAC)")]
    [InlineData("004", "The Chinese Central Bank has launched the testing phase")]
    [InlineData("004", "China News, the official state-run press agency")]
    public void Load_DatasetArticle_RealSentencesStayInParagraphs(string prefix, string start)
    {
        var document = ArticleTestKit.LoadDataset(prefix);

        Assert.Contains(document.Paragraphs, p => p.StartsWith(start, StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(BoilerplateNames))]
    public void LoadFolder_Dataset_NoBoilerplateSurvivesInParagraphsOrBody(string name)
    {
        var documents = ArticleTestKit.Loader(new RecordingLogger<ArticleLoader>()).LoadFolder(RepoPaths.Articles);

        foreach (var document in documents)
        {
            Assert.DoesNotContain(name, document.Body, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain(document.Paragraphs, p => p.Contains(name, StringComparison.OrdinalIgnoreCase));
        }
    }

    [Fact]
    public void Load_Subheadings_AreInBodyButNotParagraphs()
    {
        var withSubheading = ArticleTestKit.LoadDataset("000");
        var withTwo = ArticleTestKit.LoadDataset("003");

        Assert.Contains("\n\nBuilding base in China again\n\n", withSubheading.Body, StringComparison.Ordinal);
        Assert.DoesNotContain("Building base in China again", withSubheading.Paragraphs);
        Assert.Contains("Chinese Authorities are Becoming more Blockchain Literate", withTwo.Body, StringComparison.Ordinal);
        Assert.DoesNotContain("Chinese Authorities are Becoming more Blockchain Literate", withTwo.Paragraphs);
    }

    [Fact]
    public void Load_DatasetText_KeepsCurlyQuotesAndTurnsNonBreakingSpacesIntoSpaces()
    {
        var documents = ArticleTestKit.Loader(new RecordingLogger<ArticleLoader>()).LoadFolder(RepoPaths.Articles);

        Assert.Contains(documents, d => d.Body.Contains('“') && d.Body.Contains('’'));
        Assert.All(documents, d => Assert.DoesNotContain('\u00A0', d.Body));
        Assert.All(documents.SelectMany(d => d.Paragraphs), p => Assert.Equal(p.Trim(), p));
    }

    [Fact]
    public void Parse_DatasetWithoutCutMarkers_LineRulesAloneDropDatelinesTeasersAndCommentForm()
    {
        // Defence in depth: with no "cut from here" markers at all, the line rules still remove the
        // wire datelines, the truncated teasers and the comment form.
        var shipped = File.ReadAllText(Path.Combine(RepoPaths.Config, "boilerplate.yaml"));
        var withoutCuts = shipped[..shipped.IndexOf("cutMarkers:", StringComparison.Ordinal)]
            + shipped[shipped.IndexOf("dropLines:", StringComparison.Ordinal)..];
        var parser = new ArticleParser(BoilerplateRules.Parse(withoutCuts));

        foreach (var prefix in new[] { "000", "001" })
        {
            var path = Directory.GetFiles(RepoPaths.Articles, prefix + "_*.txt").Single();
            var document = parser.Parse(Path.GetFileName(path), "hash", File.ReadAllText(path), ".txt");

            Assert.DoesNotContain("Chainwire", document.Body, StringComparison.Ordinal);
            Assert.DoesNotContain("iFX EXPO", document.Body, StringComparison.Ordinal);
            Assert.DoesNotContain("will not be published", document.Body, StringComparison.Ordinal);
            Assert.DoesNotContain(document.Paragraphs, p => p.EndsWith('…'));
        }
    }
}

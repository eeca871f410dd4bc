using Bot.Core.Articles;

namespace Bot.Core.Tests.Articles;

/// <summary>The parser on the test articles in Fixtures/ (written for these tests) and on small inline texts.</summary>
public sealed class ArticleParserTests
{
    private static ArticleDocument Fixture(string name)
    {
        var path = Path.Combine(ArticleTestKit.Fixtures, name);
        return ArticleTestKit.Parser.Parse(name, "hash", File.ReadAllText(path), Path.GetExtension(name));
    }

    private static void AssertNowhere(ArticleDocument document, params string[] fragments)
    {
        foreach (var fragment in fragments)
        {
            Assert.DoesNotContain(fragment, document.Body, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain(document.Paragraphs, p => p.Contains(fragment, StringComparison.OrdinalIgnoreCase));
        }
    }

    [Fact]
    public void Parse_TextWithKickerMastheadDateAndByline_ReadsHeaderAndKeepsOnlyTheStory()
    {
        var document = Fixture("grid-battery-plan.txt");

        Assert.Equal("Utility Bets on Grid Batteries to Replace Ageing Gas Plant", document.Title);
        Assert.Equal("Metro Business Review", document.Publisher);
        Assert.Equal(new DateOnly(2025, 3, 3), document.Published);
        Assert.Null(document.Url);
        Assert.Equal(6, document.Paragraphs.Count);
        Assert.StartsWith("Northfield Power said on Monday", document.Paragraphs[0], StringComparison.Ordinal);
        Assert.StartsWith("Critics argue", document.Paragraphs[^1], StringComparison.Ordinal);
        Assert.Contains("\n\nWhy storage now\n\n", document.Body, StringComparison.Ordinal);
        AssertNowhere(document, "Energy Markets", "Dana Whitfield", "Register now", "inbox", "newsletter", "Might Also Like",
            "Offshore Wind Auction", "Priya Raman", "Senior Editor", "Hydrogen Pipeline", "Leave a Reply", "email address");
    }

    [Fact]
    public void Parse_OneParagraphPerLineWithoutHeadline_DropsPromosDatelinesTeasersAndCredits()
    {
        var document = Fixture("freight-merger.txt");

        Assert.Equal("Harbourline Logistics said on Tuesday it had agreed to buy the parcel network of a…", document.Title);
        Assert.Null(document.Published);
        Assert.Equal(6, document.Paragraphs.Count);
        Assert.StartsWith("Analysts at Nordbank", document.Paragraphs[^1], StringComparison.Ordinal);
        AssertNowhere(document, "Sign up", "briefing", "Download", "Freight Outlook", "Reporting by", "Newsfile",
            "Rotterdam", "cold-chain", "robotics");
    }

    [Fact]
    public void Parse_MarkdownWithFrontMatter_TakesMetadataAndReducesMarkupToText()
    {
        var document = Fixture("tokenised-deposits.md");

        Assert.Equal("Regional Bank Pilots Tokenised Deposits for Business Clients", document.Title);
        Assert.Equal("https://example.com/news/regional-bank-tokenised-deposits", document.Url);
        Assert.Equal(new DateOnly(2025, 2, 17), document.Published);
        Assert.Equal("The Harbour Ledger", document.Publisher);
        Assert.Equal(
            [
                "Northgate Savings Bank has started a pilot that lets business clients move tokenised deposits between accounts around the clock, the lender said on Monday.",
                "The pilot runs on a permissioned ledger operated by the bank and two technology partners. It is limited to forty companies in the first phase.",
                "Settlement between clients drops from two days to under a minute.",
                "Transfers also work at weekends and on public holidays.",
                "“We see this as plumbing, not as a product,” said head of payments Tomas Brandt.",
            ],
            document.Paragraphs);
        Assert.Contains("\n\nWhy it matters\n\n", document.Body, StringComparison.Ordinal);
        Assert.Equal(1, document.Body.Split("Regional Bank Pilots").Length - 1);
        AssertNowhere(document, "Lena Okafor", "Bank headquarters", "https://", "**", "print(", "Subscribe", "Related stories",
            "seed round", "sandbox", "tags:", "---");
    }

    [Fact]
    public void Parse_Html_TakesMetadataAndDropsPageFurniture()
    {
        var document = Fixture("port-wind-terminal.html");

        Assert.Equal("Port Authority Approves Offshore Wind Terminal", document.Title);
        Assert.Equal("https://example.org/energy/port-wind-terminal", document.Url);
        Assert.Equal(new DateOnly(2025, 1, 22), document.Published);
        Assert.Equal("Coastline Business Daily", document.Publisher);
        Assert.Equal(
            [
                "The board of the Westhaven Port Authority on Wednesday approved a 260 million dollar terminal for assembling offshore wind turbines, ending two years of planning disputes.",
                "Construction is due to start in the spring and the first turbine components could be handled in late 2026, the authority said in a statement.",
                "The project includes dredging a 1.2-kilometre channel to a depth of 14 metres.",
                "Local unions expect around 400 permanent jobs once the terminal operates.",
                "Environmental groups said they would study the dredging permit before deciding whether to appeal.",
            ],
            document.Paragraphs);
        Assert.Contains("Jobs and dredging", document.Body, StringComparison.Ordinal);
        AssertNowhere(document, "analytics", "font-family", "Home", "Subscribe", "Samuel Achterberg", "Register", "Read more",
            "court", "artist", "Leave a Reply", "email address", "All rights reserved");
    }

    [Fact]
    public void Parse_WireStory_StripsDatelineAndDropsUpdateNoteCreditsAndStandards()
    {
        var document = Fixture("tanker-profit.txt");

        Assert.Equal("UPDATE 1-Tanker operator posts record quarterly profit on strong freight rates", document.Title);
        Assert.Equal(
            [
                "Tanker operator Northsea Shipping reported a record quarterly profit on Wednesday as freight rates stayed high.",
                "Net income rose to 412 million dollars from 150 million a year earlier, the company said in a statement.",
                "“Rates are likely to stay elevated through the summer,” said shipping analyst Kim Barros.",
            ],
            document.Paragraphs);
        AssertNowhere(document, "LONDON", "(Reuters)", "Alex Marlow", "Adds analyst", "Editing by", "Standards");
    }

    [Fact]
    public void Parse_BlogPage_FindsSentenceCaseHeadlineUnderBreadcrumbAndPostedLine()
    {
        var document = Fixture("data-law-explainer.txt");

        Assert.Equal("Five things to know about the new data law", document.Title);
        Assert.Equal(new DateOnly(2019, 6, 8), document.Published);
        Assert.Equal(4, document.Paragraphs.Count);
        Assert.StartsWith("Fines can reach", document.Paragraphs[^1], StringComparison.Ordinal);
        AssertNowhere(document, "Home", "admin", "cookies", "Featured image", "Click to share", "Watch", "Share this", "Like this");
    }

    [Fact]
    public void Parse_MarkdownWithSectionHeadingAndMetaLine_ReadsDateFromTheMetaLine()
    {
        var document = Fixture("delivery-job-cuts.md");

        Assert.Equal("FOOD DELIVERY APP CUTS 300 JOBS", document.Title);
        Assert.Equal(new DateOnly(2024, 2, 12), document.Published);
        Assert.Equal(2, document.Paragraphs.Count);
        AssertNowhere(document, "Markets", "Jane Roe", "Staff Reporter", "Also read", "Grocery", "Courier");
    }

    [Fact]
    public void Parse_SentenceCaseHeadlineOverMastheadAndDate_ReadsAllThree()
    {
        var document = Fixture("electric-bus-order.txt");

        Assert.Equal("Electric bus maker wins city contract", document.Title);
        Assert.Equal("Metro Transit Weekly", document.Publisher);
        Assert.Equal(new DateOnly(2019, 11, 9), document.Published);
        Assert.Equal(
            ["The city has ordered 120 electric buses from a local maker, the transport authority said.", "Deliveries start next spring."],
            document.Paragraphs);
        AssertNowhere(document, "Tags", "Previous article", "Rail operator", "Airport");
    }

    [Fact]
    public void Parse_BrokenFrontMatter_IsIgnoredAndBodyStillLoads()
    {
        const string text = "---\ntitle: [unclosed\nurl: : : what\n---\nCity Council Backs Tram Extension Plan\n\nThe council voted 31 to 12 on Thursday to extend the tram line to the new hospital.\n";

        var document = ArticleTestKit.Parse(text);

        Assert.Equal("City Council Backs Tram Extension Plan", document.Title);
        Assert.Null(document.Url);
        Assert.Equal(["The council voted 31 to 12 on Thursday to extend the tram line to the new hospital."], document.Paragraphs);
        Assert.DoesNotContain("unclosed", document.Body, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_FrontMatterWithoutClosingLine_IsReadAsText()
    {
        const string text = "---\nThe council voted 31 to 12 on Thursday to extend the tram line to the new hospital.\n";

        var document = ArticleTestKit.Parse(text, ".md");

        Assert.Equal(["The council voted 31 to 12 on Thursday to extend the tram line to the new hospital."], document.Paragraphs);
    }

    [Fact]
    public void Parse_FrontMatterInPlainText_FillsTitleUrlDateAndSource()
    {
        const string text = "---\ntitle: Ferry Operator Orders Two Electric Vessels\nurl: https://example.net/ferries\npublished: 2024-11-05T09:30:00Z\nsource: Island Times\n---\nThe operator has ordered two battery-powered ferries for its busiest route, it said.\n";

        var document = ArticleTestKit.Parse(text);

        Assert.Equal("Ferry Operator Orders Two Electric Vessels", document.Title);
        Assert.Equal("https://example.net/ferries", document.Url);
        Assert.Equal(new DateOnly(2024, 11, 5), document.Published);
        Assert.Equal("Island Times", document.Publisher);
        Assert.StartsWith("Ferry Operator Orders Two Electric Vessels\n\nThe operator", document.Body, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("June 8, 2019")]
    [InlineData("8 June 2019")]
    [InlineData("2019-06-08")]
    [InlineData("Jun 8, 2019")]
    [InlineData("Jun. 8, 2019")]
    [InlineData("8th June 2019")]
    [InlineData("Published: June 8, 2019")]
    [InlineData("Saturday, June 8, 2019 10:30 UTC")]
    public void Parse_DateLineUnderHeadline_IsPublishedDate(string dateLine)
    {
        var text = $"Startup Opens Robotics Lab in Former Textile Mill\n{dateLine}\n\nThe company will employ 40 engineers at the site, its founder said.\n";

        var document = ArticleTestKit.Parse(text);

        Assert.Equal(new DateOnly(2019, 6, 8), document.Published);
        Assert.Equal("Startup Opens Robotics Lab in Former Textile Mill", document.Title);
        Assert.Equal(["The company will employ 40 engineers at the site, its founder said."], document.Paragraphs);
    }

    [Fact]
    public void Parse_DateInsideSentence_IsNotPublishedDate()
    {
        var document = ArticleTestKit.Parse("The plant opened on June 8, 2019 and has run at full capacity since then.\n");

        Assert.Null(document.Published);
        Assert.Single(document.Paragraphs);
    }

    [Theory]
    [InlineData("Markets\n\nCopper Miner Raises Output Forecast After Strong Quarter\n\n", "Copper Miner Raises Output Forecast After Strong Quarter")]
    [InlineData("November 9, 2019\nCopper Miner Raises Output Forecast After Strong Quarter\n", "Copper Miner Raises Output Forecast After Strong Quarter")]
    [InlineData("Copper miner raises output forecast after strong quarter\n\n", "Copper miner raises output forecast after strong quarter")]
    [InlineData("# Copper miner lifts forecast\n\n", "Copper miner lifts forecast")]
    [InlineData("Copper miner lifts forecast\n\n", "Copper miner lifts forecast")]
    public void Parse_HeadlineCandidates_PicksTheHeadline(string header, string title)
    {
        var document = ArticleTestKit.Parse(header + "The company now expects to produce 410,000 tonnes this year, up from 385,000 tonnes.\n", ".md");

        Assert.Equal(title, document.Title);
        Assert.Single(document.Paragraphs);
    }

    [Fact]
    public void Parse_ShortSentenceWithoutHeadline_TitleIsTheSentenceWithoutPeriod()
    {
        var document = ArticleTestKit.Parse("Shares in the brewer fell 6% in early trading.\nThe drop followed a profit warning on Monday.\n");

        Assert.Equal("Shares in the brewer fell 6% in early trading", document.Title);
        Assert.Equal(2, document.Paragraphs.Count);
    }

    [Fact]
    public void Parse_NonBreakingSpacesAndExtraWhitespace_AreNormalised()
    {
        var document = ArticleTestKit.Parse("Revenue\u00A0rose   12%\tto 3.1 billion dollars in the quarter, the company said.\u00A0\n");

        Assert.Equal(["Revenue rose 12% to 3.1 billion dollars in the quarter, the company said."], document.Paragraphs);
    }

    [Fact]
    public void Parse_HardWrappedParagraphs_AreJoined()
    {
        const string text = "The regional airline said it would add six routes to southern Europe next\nsummer and lease three more aircraft to fly them, its second expansion this\nyear.\n\nThe carrier's chief executive said bookings were running ahead of last year.\n";

        var document = ArticleTestKit.Parse(text);

        Assert.Equal(2, document.Paragraphs.Count);
        Assert.Equal("The regional airline said it would add six routes to southern Europe next summer and lease three more aircraft to fly them, its second expansion this year.", document.Paragraphs[0]);
    }

    [Fact]
    public void Parse_CutMarkerBeforeAnyParagraph_DropsOnlyThatLine()
    {
        var document = ArticleTestKit.Parse("Share this article\n\nThe port handled a record 9.1 million containers last year, its operator said.\n");

        Assert.Equal(["The port handled a record 9.1 million containers last year, its operator said."], document.Paragraphs);
    }

    [Theory]
    [InlineData("Related Articles")]
    [InlineData("You may also like")]
    [InlineData("More from Markets")]
    [InlineData("About the Author")]
    [InlineData("About Northwind Media")]
    [InlineData("Follow Northwind Media on:")]
    [InlineData("Read more")]
    [InlineData("Recommended")]
    [InlineData("Subscribe to our newsletter")]
    [InlineData("Interested in reading more about fintech? Browse our archive.")]
    public void Parse_EndOfArticleMarker_CutsEverythingAfterIt(string marker)
    {
        var text = $"The port handled a record 9.1 million containers last year, its operator said.\n\n{marker}\n\nThe company behind this site publishes daily news about trade.\n";

        var document = ArticleTestKit.Parse(text);

        Assert.Equal(["The port handled a record 9.1 million containers last year, its operator said."], document.Paragraphs);
        Assert.DoesNotContain(marker, document.Body, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("About 40 people attended the launch in the old harbour warehouse.")]
    [InlineData("Read more about the plan in the council's published documents.")]
    [InlineData("Recommended retail prices will rise by about 3% from January.")]
    [InlineData("Related: the operator also plans to hire 200 crane drivers.")]
    [InlineData("Follow the money, the investigators said.")]
    public void Parse_SentenceThatStartsLikeMarker_IsKept(string sentence)
    {
        var text = $"The port handled a record 9.1 million containers last year, its operator said.\n\n{sentence}\n";

        var document = ArticleTestKit.Parse(text);

        Assert.Equal(2, document.Paragraphs.Count);
        Assert.Equal(sentence, document.Paragraphs[1]);
    }

    [Theory]
    [InlineData("By Morgan Ellery")]
    [InlineData("Written by Morgan Ellery, Staff Writer")]
    [InlineData("Senior Correspondent")]
    [InlineData("Advertisement")]
    [InlineData("Your email address will not be published.")]
    [InlineData("Required fields are marked *")]
    [InlineData("Register Today for the Northern Fintech Summit – Early Bird Pricing")]
    [InlineData("Join us at Harbour Week 2025 in Lisbon")]
    [InlineData("Sign up for our daily briefing to get the top stories in your inbox")]
    [InlineData("Follow us on LinkedIn")]
    [InlineData("Lisbon, Portugal, 12th May 2025, Examplewire")]
    [InlineData("Cargo volumes at the northern terminals have grown faster than at any…")]
    [InlineData("Tags: shipping, ports, trade")]
    [InlineData("Photo: Harbour operator")]
    [InlineData("Reporting by Morgan Ellery; Editing by Sam Ortiz")]
    [InlineData("Markets | Port operator lifts dividend after record year")]
    [InlineData("5 min read")]
    public void Parse_BoilerplateLineInsideBody_IsDropped(string line)
    {
        var text = $"The port handled a record 9.1 million containers last year, its operator said.\n\n{line}\n\nVolumes rose 7% from a year earlier.\n";

        var document = ArticleTestKit.Parse(text);

        Assert.Equal(
            ["The port handled a record 9.1 million containers last year, its operator said.", "Volumes rose 7% from a year earlier."],
            document.Paragraphs);
        Assert.DoesNotContain(line, document.Body, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_WireDatelineOpeningParagraph_IsRemovedFromIt()
    {
        const string text = "Harbour Robotics Raises Series B Funding\n\nGOTHENBURG, Sweden, March 4, 2025 /PRNewswire/ -- Harbour Robotics, a maker of container-lashing robots, has raised 40 million dollars.\n";

        var document = ArticleTestKit.Parse(text);

        Assert.Equal(["Harbour Robotics, a maker of container-lashing robots, has raised 40 million dollars."], document.Paragraphs);
    }

    [Fact]
    public void Parse_TeaserListWithNamesUnderIt_IsDropped()
    {
        const string text = "The port handled a record 9.1 million containers last year, its operator said.\n\nPort Strikes Spread to Second Terminal\nDock workers at the eastern terminal joined the walkout on Monday after talks on…\n\nMorgan Ellery\n\nVolumes rose 7% from a year earlier.\n";

        var document = ArticleTestKit.Parse(text);

        Assert.Equal(
            ["The port handled a record 9.1 million containers last year, its operator said.", "Volumes rose 7% from a year earlier."],
            document.Paragraphs);
        AssertNowhere(document, "Port Strikes", "Dock workers", "Morgan Ellery");
    }

    [Fact]
    public void Parse_HtmlWithoutArticleElement_ReadsBodyAndTitleElement()
    {
        const string html = "<html><head><title>Mill Town Gets Fibre Broadband | Valley Post</title><meta property=\"og:site_name\" content=\"Valley Post\"></head><body><nav>Home News</nav><div>Every house in the town will be connected by the end of the year, the provider said.</div><footer>Contact us</footer></body></html>";

        var document = ArticleTestKit.Parse(html, ".html");

        Assert.Equal("Mill Town Gets Fibre Broadband", document.Title);
        Assert.Equal("Valley Post", document.Publisher);
        Assert.Equal(["Every house in the town will be connected by the end of the year, the provider said."], document.Paragraphs);
    }

    [Fact]
    public void Parse_HtmlWithSiteLogoHeading_TitleIsTheStoryNotTheSite()
    {
        const string html = "<html><head><meta property=\"og:title\" content=\"Bakery Chain Adds Forty Stores\"></head><body><header><h1>The Valley Post</h1></header><div><h2>Bakery Chain Adds Forty Stores</h2><p>The chain will open forty stores in the north by the end of next year, it said.</p></div></body></html>";

        var document = ArticleTestKit.Parse(html, ".html");

        Assert.Equal("Bakery Chain Adds Forty Stores", document.Title);
        Assert.Equal(["The chain will open forty stores in the north by the end of next year, it said."], document.Paragraphs);
        Assert.Equal(1, document.Body.Split("Bakery Chain").Length - 1);
        Assert.DoesNotContain("Valley Post", document.Body, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_OnlyBoilerplate_GivesNoParagraphs()
    {
        var document = ArticleTestKit.Parse("Advertisement\n\nLeave a Reply\n\nYour email address will not be published.\n");

        Assert.Empty(document.Paragraphs);
        Assert.False(string.IsNullOrWhiteSpace(document.Title));
    }

    [Theory]
    [InlineData("Lakeside Mill Reopens After Flood Repairs\r\n\r\nThe mill reopened on Friday.\r\nThe county paid for the repairs.\r\n")]
    [InlineData("Lakeside Mill Reopens After Flood Repairs\r\rThe mill reopened on Friday.\rThe county paid for the repairs.\r")]
    [InlineData("Lakeside Mill Reopens After Flood Repairs\r\r\nThe mill reopened on Friday after a year of repairs funded by the\r\ncounty, which paid for the new flood gates and the\r\nwork on the old wheel house, the owner said on Friday.\n")]
    [InlineData("\uFEFF\uFEFFLakeside Mill Reopens After Flood Repairs\n\nThe mill reopened on Friday.")]
    [InlineData("\uFEFF---\r\ntitle: Lakeside Mill Reopens\r\npublished: 2024-06-08\r\n---\r\nThe mill reopened on Friday.\r\n")]
    [InlineData("# Lakeside Mill Reopens\r\n\r\nThe mill *reopened* on Friday.\r\n", ".md")]
    [InlineData("<html><body><h1>Lakeside Mill Reopens</h1>\r\n<p>The mill reopened on Friday.</p></body></html>", ".html")]
    [InlineData("")]
    public void Parse_AnyLineBreaksAndLeadingBoms_ReadAsNewlinesWithoutBoms(string text, string extension = ".txt")
    {
        // Plain text is read line by line from the loader's buffer, other formats from a string with "\n" line breaks:
        // either way "\r\n", "\r" and "\n" end a line alike and byte order marks at the start are dropped.
        var plain = text.Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n').TrimStart('\uFEFF');
        var expected = ArticleTestKit.Parser.Parse("a" + extension, "hash", plain, extension);
        var actual = ArticleTestKit.Parser.Parse("a" + extension, "hash", text.AsSpan(), extension);

        Assert.Equal((expected.Title, expected.Url, expected.Published, expected.Publisher, expected.Body), (actual.Title, actual.Url, actual.Published, actual.Publisher, actual.Body));
        Assert.Equal(expected.Paragraphs, actual.Paragraphs);
    }

    [Fact]
    public void Parse_TextWithCarriageReturns_BreaksLinesAtEveryKind()
    {
        var document = ArticleTestKit.Parser.Parse("a.txt", "hash", "Lakeside Mill Reopens After Flood Repairs\r\n\r\nThe mill reopened on Friday.\r\rThe county paid for it.\n".AsSpan(), ".txt");

        Assert.Equal("Lakeside Mill Reopens After Flood Repairs", document.Title);
        Assert.Equal(["The mill reopened on Friday.", "The county paid for it."], document.Paragraphs);
    }

    [Fact]
    public void Body_SubheadingAndParagraphs_JoinedByBlankLinesAndCopiedTheSame()
    {
        var document = ArticleTestKit.Parser.Parse("b.txt", "hash", "New Harbour Crane Arrives Early\n\nThe crane arrived on Monday.\n\nWhat comes next\n\nIt lifts its first load in May.\n", ".txt");

        Assert.Equal("New Harbour Crane Arrives Early", document.Title);
        Assert.Equal("New Harbour Crane Arrives Early\n\nThe crane arrived on Monday.\n\nWhat comes next\n\nIt lifts its first load in May.", document.Body);
        Assert.Equal(document.Body.Length, document.BodyLength);
        var copy = new char[document.BodyLength + 3];
        Assert.Equal(document.Body, new string(copy, 0, document.CopyBodyTo(copy)));
    }
}

using System.Text.Json;
using Bot.Core.Extraction;
using Bot.Testing.Extraction;

namespace Bot.Core.Tests.Extraction;

/// <summary>
/// The buffers extraction reuses per thread (the token array, the word and name tables, the workspace of clustering and
/// references): an article's result never depends on what the thread read before, and the tables hand back the words they were given.
/// </summary>
public sealed class ExtractionBuffersTests
{
    private static readonly ArticleExtractor Extractor = RepoExtractor.Instance;

    private static readonly string[] First =
    [
        "Nordvik Payments has been added to the Open Ledger Alliance (OLA), an industry group initiated by Baltic Savings Bank.",
        "Other members of the alliance include Harbour Trust, Kestrel Capital Group and Lumen Insurance. Daniel Osei, chief executive of Harbour Trust, said the network would grow.",
        "Osei said the Lyon-based lender would join. The alliance's council meets in Riga.",
    ];

    private static readonly string[] Second =
    [
        "The Unified Trader Network (UTN), a payments consortium set up by the National Settlement Corporation of India, has added four new members: Harit Bank, Ilara Bank, Axon Bank and Kotwal Mahindra Bank.",
        "Kestra Mobility, a Tallinn-based scooter operator, joined the network. Kestra said the group was growing.",
    ];

    private static string Json(ArticleExtraction extraction) => JsonSerializer.Serialize(extraction);

    private static string OnNewThread(Func<string> read)
    {
        string? result = null;
        var thread = new Thread(() => result = read());
        thread.Start();
        thread.Join();
        return result!;
    }

    [Fact]
    public void Extract_AfterOtherArticlesOnTheThread_SameResultAsOnAFreshThread()
    {
        var fresh = OnNewThread(() => Json(Extractor.Extract(First)));

        var again = OnNewThread(() =>
        {
            _ = Extractor.Extract(Second);
            _ = Extractor.Extract(First);
            _ = Extractor.Extract(Second);
            return Json(Extractor.Extract(First));
        });

        Assert.Equal(fresh, again);
        Assert.Contains("Open Ledger Alliance", fresh, StringComparison.Ordinal);
    }

    [Fact]
    public void Extract_ManyThreadsAtOnce_EachResultAsAlone()
    {
        var first = OnNewThread(() => Json(Extractor.Extract(First)));
        var second = OnNewThread(() => Json(Extractor.Extract(Second)));

        var results = Enumerable.Range(0, 64).AsParallel().WithDegreeOfParallelism(4)
            .Select(i => (i, Json(Extractor.Extract(i % 2 == 0 ? First : Second)))).ToList();

        Assert.All(results, r => Assert.Equal(r.i % 2 == 0 ? first : second, r.Item2));
    }

    [Fact]
    public void Extract_LongArticleWithALongSentence_ReadsNamesBeyondTheFirstBuffers()
    {
        // More sentences and tokens than the reused arrays first hold (64 sentences, 1,024 tokens, 64 flags per sentence).
        var paragraphs = Enumerable.Range(0, 80).Select(i => $"Harbour Trust signed deal number {i} with Kestrel Capital Group.").ToList();
        paragraphs.Add("Lumen Insurance said " + string.Join(", ", Enumerable.Range(0, 150).Select(i => "and more")) + ", and Axon Bank agreed.");

        var result = Extractor.Extract(paragraphs);

        var names = result.Entities.SelectMany(e => e.Names).ToList();
        Assert.Contains("Harbour Trust", names);
        Assert.Contains("Kestrel Capital Group", names);
        Assert.Contains("Axon Bank", names);
        Assert.Equal(81, result.Sentences.Count);
        Assert.Equal(80, result.Entities.Single(e => e.Names.Contains("Harbour Trust")).Mentions);
    }

    [Fact]
    public void WordTable_WordsBeyondItsBound_StillGivesEachWordBackWithWhatWasRead()
    {
        var reads = 0;
        var table = new WordTable<int>(word => { reads++; return word.Length; });

        // More than the 65,536 words the table keeps: it grows on the way and starts again when full.
        for (var i = 0; i < 70_000; i++)
        {
            var word = "w" + i;
            Assert.Equal(word, table.Get(word.AsSpan(), out var length));
            Assert.Equal(word.Length, length);
        }

        Assert.Equal(70_000, reads);
        var recent = table.Get("w69999".AsSpan());
        Assert.Same(recent, table.Get("w69999".AsSpan()));
        Assert.Equal(70_000, reads); // a word still held is not read again
        Assert.Equal("w1", table.Get("w1".AsSpan()));
        Assert.Equal(70_001, reads); // one dropped when the table started again is read anew
    }

    [Fact]
    public void Tokenize_Sentence_WordsOffsetsAndShapes()
    {
        var tokens = new ArticleTokens();

        tokens.Add("The OLN's CEO met Acme-based AT&T, said Daniel Osei.");
        var t = tokens[0].ToArray();

        Assert.Equal(["The", "OLN", "CEO", "met", "Acme-based", "AT&T", ",", "said", "Daniel", "Osei", "."], t.Select(x => x.Text));
        Assert.True(t[1].Possessive);
        Assert.Equal((4, 9), (t[1].Start, t[1].End));
        Assert.True(t[1].IsAcronym && t[1].IsNameWord && t[1].HasInnerCapital);
        Assert.True(t[0].IsFunctionWord && !t[0].IsNameWord && t[0].IsCapitalised);
        Assert.False(t[2].IsNameWord); // a title breaks a name
        Assert.False(t[6].IsWord);
        Assert.True(t[8].IsNameWord && !t[8].HasInnerCapital);
        Assert.True(t[3].LowerIs("met"));
    }

    [Fact]
    public void Tokenize_AfterClear_SeesOnlyTheNextArticlesSentences()
    {
        var tokens = new ArticleTokens();
        tokens.Add("Alpha Bank grew.");
        tokens.Add("Beta Fund shrank.");

        tokens.Clear();
        tokens.Add("Gamma rose.");

        Assert.Equal(1, tokens.SentenceCount);
        Assert.Equal(["Gamma", "rose", "."], tokens[0].ToArray().Select(x => x.Text));
    }

    [Fact]
    public void NameFacts_HyphenatedPluralName_FoldedWordsKeyAndShape()
    {
        var facts = new NameFacts("Open-Ledger Banks Alliance");

        Assert.Equal(["open", "ledger", "bank", "alliance"], facts.FoldedWords);
        Assert.Equal(NameKey.OrderFree("Open-Ledger Banks Alliance"), facts.OrderFreeKey);
        Assert.Equal(NameShape.HasSpace | NameShape.TwoOrThreeWords | NameShape.HasHeadWord | NameShape.GroupName, facts.Shape);
        Assert.Equal(NameShape.AcronymToken, new NameFacts("OLA").Shape);
    }

    [Fact]
    public void Split_OneSentenceParagraph_IsTheParagraphItself()
    {
        const string paragraph = "Acme Holdings joined the group on Monday.";

        Assert.Same(paragraph, SentenceSplitter.Split(paragraph)[0]);
        Assert.Equal(["Acme joined.", "Beta left."], SentenceSplitter.Split("  Acme joined. Beta left.  "));
    }
}

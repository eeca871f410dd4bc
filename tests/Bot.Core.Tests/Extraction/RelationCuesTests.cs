using System.Reflection;
using System.Text;
using System.Text.RegularExpressions;
using Bot.Core.Extraction;
using Bot.Testing;
using Bot.Testing.Extraction;

namespace Bot.Core.Tests.Extraction;

/// <summary>
/// The shortcuts of the relation readers change no fact: a pattern's cue holds for every match of the pattern (so a
/// sentence or a tail that fails it has no match), a plain list reads as the list pattern reads it, and the auxiliary
/// before "initiated by" is found from where the search starts as from the sentence's start. Checked on the test
/// articles' masked sentences, sentences written to match each pattern, and variants of both (other white space, other
/// case, letters that case-fold to ASCII ones, more words around).
/// </summary>
public sealed class RelationCuesTests
{
    private static readonly ArticleExtractor Extractor = RepoExtractor.Instance;

    /// <summary>A masked sentence or more for each pattern with a cue, each matching it.</summary>
    private static readonly string[] Written =
    [
        "⟦1⟧ has been added to the ⟦2⟧.", "⟦1⟧ and ⟦2⟧ were officially admitted into ⟦3⟧ alongside ⟦4⟧.", "⟦1⟧ was welcomed as a new member of the ⟦3⟧.",
        "⟦1⟧ and ⟦2⟧ have signed up as founding members of the ⟦3⟧.", "⟦1⟧ has joined as a member.",
        "⟦3⟧ has admitted ⟦1⟧ and ⟦2⟧ as full members.", "Among the founding members of the ⟦3⟧ are ⟦1⟧ and ⟦2⟧.",
        "⟦1⟧ will join ⟦2⟧ and ⟦4⟧ in ⟦3⟧.", "⟦1⟧ joined the ⟦3⟧ last year.", "In May, ⟦1⟧ joined it.", "⟦1⟧ and ⟦2⟧ are joining ⟦3⟧.",
        "⟦1⟧ is a founding member of the ⟦3⟧.", "⟦1⟧ and ⟦2⟧ are members of ⟦3⟧.",
        "Founded in 2019 by ⟦1⟧ and ⟦2⟧, ⟦3⟧ builds batteries.", "Set up by ⟦1⟧, the ⟦3⟧ runs a ledger.",
        "The ⟦3⟧, which was initiated by ⟦1⟧, has 40 members.", "⟦3⟧ was founded in 2019 by ⟦1⟧ and ⟦2⟧ in 2020.", "It was co-organised last year by ⟦1⟧.",
        "⟦4⟧, head of digital assets at ⟦1⟧, said.", "⟦4⟧, chief executive of ⟦1⟧, said.", "⟦4⟧, the Chief Operating Officer at the ⟦1⟧, said.",
        "Chief executive of ⟦1⟧, ⟦4⟧, said.", "⟦1⟧ chief executive ⟦4⟧ said.", "⟦1⟧’s CEO ⟦4⟧ said.", "⟦1⟧ co-founder and chairman ⟦4⟧ said.",
        "⟦4⟧ is the president of ⟦1⟧.", "⟦4⟧, who was previously chief operating officer at ⟦1⟧, said.", "⟦4⟧ serves as director-general of the ⟦1⟧.",
        "⟦4⟧, the ⟦1⟧’s chair, said.", "⟦4⟧ is ⟦1⟧'s founder.", "⟦1⟧’s president, ⟦4⟧, said.",
        "⟦1⟧ has appointed ⟦4⟧ as its new chair.", "⟦1⟧ named ⟦4⟧ chief executive.",
        "⟦1⟧ is chaired by ⟦4⟧.", "⟦1⟧ will be led by chief executive ⟦4⟧.", "⟦1⟧ is run by ⟦4⟧.",
        "⟦1⟧, which is a payments network, said.", "⟦1⟧, who was the founder, said.", "⟦1⟧, which builds software for banks, said.",
        "⟦1⟧ was founded in 2015.", "⟦1⟧ is set up in March 2015.",
        "⟦1⟧ opened an office, and it is a big step.", "The ⟦1⟧ is a group of banks.", "⟦1⟧ was an exchange.",
        "⟦6⟧-based lender ⟦1⟧ said.", "⟦1⟧, a ⟦6⟧-based lender, said.", "⟦1⟧, the ⟦6⟧-headquartered bank, said.",
        "Headquartered in ⟦6⟧, ⟦1⟧ employs 40 people.", "Last year, Based in the ⟦6⟧, ⟦1⟧ grew.",
        "⟦1⟧ is headquartered in ⟦6⟧.", "⟦1⟧, based in ⟦6⟧, said.", "⟦1⟧ was founded in 2015 and is based in ⟦6⟧.",
        "⟦1⟧, a lender headquartered in ⟦6⟧, said.", "Its headquarters will be in ⟦6⟧.", "⟦1⟧’s headquarters is in ⟦6⟧.",
        "⟦1⟧ and ⟦2⟧ will provide the nodes for the ⟦3⟧.", "Officials said that ⟦1⟧ supplies data to ⟦3⟧.",
        "⟦5⟧ will be the technical provider for the ⟦1⟧.", "⟦5⟧, which also provides the ⟦1⟧’s hosting, said.",
        "Hosting will be provided by ⟦5⟧.", "⟦5⟧ provides a cloud service.", "⟦5⟧ will offer the software.",
        "⟦1⟧ has partnered with ⟦2⟧.", "It signed a partnership agreement with the ⟦2⟧.", "⟦1⟧ plans to work with local banks like ⟦2⟧.",
        "⟦1⟧ has grown to 40 members.", "It rose to more than 120 companies, including ⟦2⟧ and ⟦3⟧.",
        "⟦1⟧ is a group of 40 banks.", "The deal takes ⟦1⟧ to 40 members.", "Its 40 members include banks.", "⟦1⟧’s twelve members met.",
        "The ⟦1⟧ is made up of 60 members.", "⟦1⟧ employs more than 600 people.", "It has some 2,000 staff.", "⟦1⟧, which was founded in 2015, counts dozens of banks.",
        "These include ⟦2⟧ and ⟦3⟧.", "They range from banks to insurers, such as ⟦2⟧.",
    ];

    private static readonly List<string> Sentences = LoadSentences();

    private static List<string> LoadSentences()
    {
        var sentences = new List<string>(Written);
        foreach (var set in new[] { "Blind", "Unseen", "HeldOut" })
        {
            foreach (var file in Directory.EnumerateFiles(Path.Combine(AppContext.BaseDirectory, "Extraction", set, "articles")).Order(StringComparer.Ordinal))
            {
                var paragraphs = File.ReadAllText(file).Split("\n\n", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
                sentences.AddRange(Extractor.MaskedState(paragraphs).Masked);
            }
        }

        foreach (var file in Directory.EnumerateFiles(RepoPaths.Articles).Order(StringComparer.Ordinal))
        {
            var paragraphs = File.ReadAllText(file).Split("\n\n", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            sentences.AddRange(Extractor.MaskedState(paragraphs).Masked);
        }

        return sentences;
    }

    /// <summary>The sentences and variants of each: other white space, other case, letters that fold to ASCII, words around.</summary>
    private static IEnumerable<string> Variants()
    {
        var random = new Random(7);
        string[] spaces = [" ", "  ", "\t", "\u00A0", "\u2009", " \n "];
        foreach (var sentence in Sentences)
        {
            yield return sentence;
            yield return "Officials said that " + sentence.TrimEnd('.') + ", analysts said.";
            yield return string.Concat(sentence.Split(' ').Select((w, i) => i == 0 ? w : spaces[random.Next(spaces.Length)] + w));
            yield return new string([.. sentence.Select(c => char.IsAsciiLetter(c) && random.Next(4) == 0 ? (char)(c ^ 0x20) : c)]);
            yield return sentence.ToUpperInvariant();
            yield return new string([.. sentence.Select(c => random.Next(3) == 0 ? c switch { 'k' => '\u212A', 's' => '\u017F', 'i' => '\u0131', 'I' => '\u0130', _ => c } : c)]);
        }
    }

    [Fact]
    public void PatternCues_EveryMatchOfEachPattern_PassesItsCueOnTheMatchAlone()
    {
        var checkedMatches = ArticleExtractor.PatternCues.ToDictionary(p => p.Name, _ => 0);
        var failures = new List<string>();
        foreach (var text in Variants())
        {
            foreach (var (name, pattern, cue) in ArticleExtractor.PatternCues)
            {
                for (var m = pattern.Match(text); m.Success; m = m.NextMatch())
                {
                    checkedMatches[name]++;
                    if (!cue(m.ValueSpan) || !cue(text) || !cue(text.AsSpan(m.Index)))
                    {
                        failures.Add($"{name}: {Escape(text)} (match {Escape(m.Value)})");
                    }
                }
            }
        }

        Assert.Empty(failures);
        Assert.All(checkedMatches, p => Assert.True(p.Value > 0, $"no sentence matches {p.Key}"));
    }

    [Fact]
    public void SentenceCueWords_EachSentenceAndVariant_SetsExactlyTheWordsItContains()
    {
        var words = ArticleExtractor.CueWordTexts;
        var checkedSentences = 0;
        foreach (var text in Sentences.Concat(Variants()).Append("signed up, joined; ⟦1⟧’s members rose to ten").Append(string.Empty).Append("x"))
        {
            var found = ArticleExtractor.SentenceCueWords(text);
            for (var k = 0; k < words.Length; k++)
            {
                Assert.True(
                    found.Any(UInt128.One << k) == text.Contains(words[k], StringComparison.Ordinal),
                    $"{words[k]} in \"{text}\"");
            }

            checkedSentences++;
        }

        Assert.True(checkedSentences > 1000);
    }

    [Fact]
    public void LiteralSet_OverlappingLiterals_FindsEachWhereverItStarts()
    {
        var set = new LiteralSet(["ab", "abc", "bcd", "cd", "zz"]);
        Assert.Equal((UInt128)0b01111, set.Find("xabcd"));
        Assert.Equal((UInt128)0b10001, set.Find("ab\u00E9zz"));
        Assert.Equal((UInt128)0, set.Find("a"));
        Assert.Throws<ArgumentException>(() => new LiteralSet(["\u00E9t\u00E9"]));
    }

    [Fact]
    public void PatternCues_SentencesWithoutTheirWords_FailTheCues()
    {
        // A cue that let everything through would pass the test above: these sentences hold no pattern's words.
        string[] plain = ["⟦1⟧ said on Tuesday that prices rose.", "The ⟦2⟧ report came out in ⟦3⟧ last week.", "⟦4⟧ declined to comment."];
        foreach (var text in plain)
        {
            var passed = ArticleExtractor.PatternCues.Where(p => p.Cue(text)).Select(p => p.Name).ToList();
            Assert.Empty(passed);
        }
    }

    [Theory]
    [InlineData("⟦1⟧", new[] { 1 })]
    [InlineData("⟦12⟧ and ⟦3⟧", new[] { 12, 3 })]
    [InlineData("⟦1⟧, ⟦2⟧, and ⟦3⟧", new[] { 1, 2, 3 })]
    [InlineData("⟦1⟧, ⟦2⟧, ⟦3⟧ and ⟦4⟧ in 2020", new[] { 1, 2, 3, 4 })]
    public void PlainListIds_PlainList_EachNameAsThePatternReadsIt(string segment, int[] expected)
    {
        Assert.Equal(expected, ArticleExtractor.PlainListIds(segment));
        Assert.Equal(expected, ArticleExtractor.PatternListIds(segment));
    }

    [Fact]
    public void PlainListIds_AnyList_NoneOrWhatThePatternReads()
    {
        var random = new Random(11);
        // Plain pieces more often than not, so that both plain lists and near misses come up.
        string[] separators = [", ", ", and ", " and ", ", ", ", and ", " and ", ",  ", " & ", ", as well as ", "  and ", " and, ", ", the ", " ", ",", " or "];
        string[] tails = ["", " in 2020", "", " in 2020", "", " in 20201", " in 202", ".", ", among others", " in ⟦9⟧", "’s unit", "-based", " in 2020 and ⟦8⟧"];
        string[] heads = ["", "", "", "", " ", "the ", "lender ", "⟦7⟧’s "];
        var plain = 0;
        for (var i = 0; i < 3000; i++)
        {
            var text = new StringBuilder(heads[random.Next(heads.Length)]);
            var count = random.Next(1, 5);
            for (var k = 0; k < count; k++)
            {
                text.Append(k == 0 ? string.Empty : separators[random.Next(separators.Length)]).Append('⟦').Append(random.Next(100)).Append('⟧');
            }

            var segment = text.Append(tails[random.Next(tails.Length)]).ToString();
            if (ArticleExtractor.PlainListIds(segment) is { } ids)
            {
                plain++;
                Assert.Equal(ArticleExtractor.PatternListIds(segment), ids);
            }
        }

        Assert.InRange(plain, 100, 2900);
    }

    [Fact]
    public void AuxSearchStart_EveryTextBeforeAWord_SameMatchAsFromTheStart()
    {
        var aux = (Regex)typeof(ArticleExtractor).GetMethod("AuxBefore", BindingFlags.NonPublic | BindingFlags.Static)!.Invoke(null, null)!;
        var compared = 0;
        foreach (var text in Variants().Concat(["⟦1⟧, the alliance that is being", "⟦1⟧ and is currently", "(it) was officially", "⟦1⟧ band is"]))
        {
            for (var end = 1; end <= text.Length; end++)
            {
                if (end < text.Length && !char.IsWhiteSpace(text[end]))
                {
                    continue;
                }

                var before = text.AsSpan(0, end);
                (int Index, int Length) first = (-1, 0), from = (-1, 0);
                foreach (var m in aux.EnumerateMatches(before))
                {
                    first = (m.Index, m.Length);
                    break;
                }

                foreach (var m in aux.EnumerateMatches(before, ArticleExtractor.AuxSearchStart(before)))
                {
                    from = (m.Index, m.Length);
                    break;
                }

                Assert.Equal(first, from);
                compared += first.Index >= 0 ? 1 : 0;
            }
        }

        Assert.True(compared > 50, $"only {compared} texts end with an auxiliary");
    }

    private static string Escape(string text) => text.Replace("\t", "\\t", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal);
}

using Bot.Core.Articles;

namespace Bot.Core.Tests.Articles;

public sealed class TextShapeTests
{
    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("Lakeside Mill Joins State-Backed Flood Alliance")]
    [InlineData("  two  spaces   between — dashes – and … marks ")]
    [InlineData("“Quoted,” he said. (Reuters) -- 42 %")]
    [InlineData("— – … | · •")]
    [InlineData("tab\tis not a separator\u00a0nor a no-break space")]
    [InlineData("Ünïcödé wörds 字 and ٣ digits")]
    public void WordCount_AnyLine_EqualsTheNumberOfWords(string line) =>
        Assert.Equal(TextShape.Words(line).Length, TextShape.WordCount(line, int.MaxValue));

    [Theory]
    [InlineData("")]
    [InlineData("Lakeside Mill Joins State-Backed Flood Alliance")]
    [InlineData("  the  Mill of the (Valley) — and “Quoted” words ")]
    [InlineData("Jane Q. Doe")]
    [InlineData("“Jane” (Doe)")]
    [InlineData("Jane Doe 2nd")]
    [InlineData("Jane d٣e")]
    [InlineData("jane Doe, Staff Writer.")]
    [InlineData("— – … | · •")]
    [InlineData("Ünïcödé Wörds 字 and $5")]
    public void EnumerateWords_AnyLine_GivesTheWords(string line) =>
        Assert.Equal(TextShape.Words(line), Enumerate(line));

    [Theory]
    [InlineData("", 0.0, false, "", false)]
    [InlineData("Lakeside Mill Joins State-Backed Flood Alliance", 1.0, true, "Alliance", false)]
    [InlineData("  the  Mill of the (Valley) — and “Quoted” words ", 0.75, false, "words", false)] // small words left out, marks trimmed
    [InlineData("Jane Q. Doe", 1.0, true, "Doe", false)]
    [InlineData("“Jane” (Doe)", 1.0, true, "(Doe)", false)]
    [InlineData("Jane Doe 2nd", 1.0, false, "2nd", true)]
    [InlineData("Jane d٣e", 0.5, false, "d٣e", true)]
    [InlineData("jane Doe, Staff Writer.", 0.75, false, "Writer.", false)]
    [InlineData("— – … | · •", 0.0, false, "", false)]
    [InlineData("Ünïcödé Wörds 字 and $5", 0.75, false, "$5", true)]
    public void Shapes_AnyLine_ReadFromItsWords(string line, double capitalisedShare, bool nameLike, string lastWord, bool hasDigit)
    {
        Assert.Equal(capitalisedShare, TextShape.CapitalisedShare(line));
        Assert.Equal(nameLike, TextShape.IsNameLike(line));
        Assert.Equal(lastWord, TextShape.LastWord(line).ToString());
        Assert.Equal(hasDigit, TextShape.HasDigit(line));
    }

    [Theory]
    [InlineData("The mill reopened.", true)]
    [InlineData("The mill reopened.”", true)]
    [InlineData("The mill reopened.\")", true)]
    [InlineData("The mill reopened...", false)]
    [InlineData("The mill reopened", false)]
    [InlineData(".", true)]
    [InlineData("”", false)]
    [InlineData("", false)]
    public void EndsWithPeriod_Line_IsTrueForAPeriodBeforeClosingMarks(string line, bool expected) =>
        Assert.Equal(expected, TextShape.EndsWithPeriod(line));

    private static List<string> Enumerate(string line)
    {
        var words = new List<string>();
        foreach (var word in TextShape.EnumerateWords(line))
        {
            words.Add(word.ToString());
        }

        return words;
    }
}

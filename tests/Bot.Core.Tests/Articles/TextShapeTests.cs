using Bot.Core.Articles;

namespace Bot.Core.Tests.Articles;

public sealed class TextShapeTests
{
    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("Huobi Joins Chinese State-Backed Blockchain Alliance")]
    [InlineData("  two  spaces   between — dashes – and … marks ")]
    [InlineData("“Quoted,” he said. (Reuters) -- 42 %")]
    [InlineData("— – … | · •")]
    [InlineData("tab\tis not a separator\u00a0nor a no-break space")]
    [InlineData("Ünïcödé wörds 字 and ٣ digits")]
    public void WordCount_AnyLine_EqualsTheNumberOfWords(string line) =>
        Assert.Equal(TextShape.Words(line).Length, TextShape.WordCount(line, int.MaxValue));

    [Theory]
    [InlineData("")]
    [InlineData("Huobi Joins Chinese State-Backed Blockchain Alliance")]
    [InlineData("  the  Mill of the (Valley) — and “Quoted” words ")]
    [InlineData("Jane Q. Doe")]
    [InlineData("“Jane” (Doe)")]
    [InlineData("Jane Doe 2nd")]
    [InlineData("Jane d٣e")]
    [InlineData("jane Doe, Staff Writer.")]
    [InlineData("— – … | · •")]
    [InlineData("Ünïcödé Wörds 字 and $5")]
    public void SpanShapes_AnyLine_EqualTheShapesOfTheWords(string line)
    {
        var words = TextShape.Words(line);

        Assert.Equal(words, Enumerate(line));
        Assert.Equal(TextShape.CapitalisedShare(words), TextShape.CapitalisedShare(line.AsSpan()));
        Assert.Equal(TextShape.IsNameLike(words), TextShape.IsNameLike(line.AsSpan()));
        Assert.Equal(words.Length > 0 ? words[^1] : string.Empty, TextShape.LastWord(line).ToString());
        Assert.Equal(line.Any(char.IsDigit), TextShape.HasDigit(line));
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

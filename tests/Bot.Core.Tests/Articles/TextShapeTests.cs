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
}

using Bot.Core.Replies;
using Bot.Telegram.Rendering;
using Bot.Testing.Fakes;
using Bot.Testing.Telegram;

namespace Bot.Telegram.Tests;

public sealed class RendererTests
{
    [Fact]
    public void Render_Members_BoldTitleBulletsSourcesAndBasis()
    {
        var html = Assert.Single(ReplyRenderer.Render(Replies.Members("BSN", ("Ann Lee", "chair"))));

        Assert.Equal(
            "<b>Members of BSN</b>\n\n1 people are named as members of BSN.\n\n<b>Members</b>\n• <b>Ann Lee</b> — chair [1]\n\n"
            + "[1] <a href=\"https://news.example/bsn-board?a=1&amp;b=2\">BSN congress elects new board</a> — Daily Post, 8 Jun 2019\n"
            + "[2] Party statement — statement.txt\n\n<i>Based on 2 articles, 8 Jun 2019</i>",
            html);
    }

    [Fact]
    public void Render_ItemWithCommand_ShowsLabelDetailAndCitationsNotTheCommand()
    {
        var reply = SampleReplies.MemberWithCommand;

        var parsed = Testing.Telegram.TelegramHtml.Parse(Assert.Single(ReplyRenderer.Render(reply)));

        Assert.Equal("Members of BSN\n\nMembers\n• China Mobile — founding member; “operator” [1][2]\n\n[1] Huobi Joins BSN — a.txt\n[2] BSN grows — b.txt", parsed.PlainText);
    }

    [Theory]
    [InlineData("a < b", "a &lt; b")]
    [InlineData("AT&T", "AT&amp;T")]
    [InlineData("x > y", "x &gt; y")]
    [InlineData("&lt;", "&amp;lt;")]
    [InlineData("@everyone", "@everyone")]
    public void Escape_ContentText(string text, string expected) => Assert.Equal(expected, Rendering.TelegramHtml.Escape(text));

    [Fact]
    public void Render_UnsafeOrRelativeUrl_IsNotLinked()
    {
        var reply = new Reply(ReplyKind.Answer, "T", [], [new Citation(1, "Title", "javascript:alert(1)", "src", null), new Citation(2, "Other", "\"><b>", "src", null)], []);

        var parsed = Testing.Telegram.TelegramHtml.Parse(Assert.Single(ReplyRenderer.Render(reply)));

        Assert.Empty(parsed.Links);
        Assert.Equal("T\n\n[1] Title — src\n[2] Other — src", parsed.PlainText);
    }

    [Fact]
    public void Render_EmptyReply_IsNotAnEmptyMessage()
    {
        var html = Assert.Single(ReplyRenderer.Render(new Reply(ReplyKind.NotFound, "", [], [], [])));

        Assert.NotEmpty(Testing.Telegram.TelegramHtml.Parse(html).PlainText.Trim());
    }

    [Fact]
    public void Split_9000Characters_ThreeMessagesAtItemBoundaries()
    {
        var messages = ReplyRenderer.Render(Replies.Long(90, 100));

        Assert.Equal(3, messages.Count);
        foreach (var message in messages)
        {
            var parsed = Testing.Telegram.TelegramHtml.Parse(message);
            Assert.InRange(parsed.PlainText.Length, 1, ReplyRenderer.MaxMessageLength);
            Assert.All(parsed.PlainText.Split('\n').Where(l => l.StartsWith('•')), l => Assert.EndsWith("[1]", l, StringComparison.Ordinal));
        }
    }

    [Fact]
    public void Split_OneHugeParagraph_CutsAtWhitespaceNeverInsideTagEntityOrSurrogatePair()
    {
        var words = string.Concat(Enumerable.Repeat("a&b <c> 😀 ", 1_500));
        var messages = ReplyRenderer.Render(new Reply(ReplyKind.Answer, "Title", [new Paragraph(words)], [], []), 100);

        var shown = messages.Select(m => Testing.Telegram.TelegramHtml.Parse(m).PlainText).ToList();
        Assert.All(shown, s => Assert.InRange(s.Length, 1, 100));
        Assert.All(shown, s => Assert.False(char.IsHighSurrogate(s[^1])));
        Assert.Equal("Title" + words, string.Concat(shown).Replace("\n", "", StringComparison.Ordinal));
    }

    [Fact]
    public void Split_LongItemsStayWhole_WhenTheyFit()
    {
        var pieces = new List<HtmlPiece>
        {
            new("<b>A</b>", 1, "A", false),
            new("<b>" + new string('b', 60) + "</b>", 60, new string('b', 60), false),
            new("<b>" + new string('c', 60) + "</b>", 60, new string('c', 60), false),
        };

        var messages = MessageSplitter.Split(pieces, 100);

        Assert.Equal(["<b>A</b>\n<b>" + new string('b', 60) + "</b>", "<b>" + new string('c', 60) + "</b>"], messages);
    }
}

using System.Text.Json;
using Bot.Core.Replies;
using Bot.Discord.Rendering;
using Bot.Discord.Rest;
using Bot.Testing.Fakes;

namespace Bot.Discord.Tests.Rendering;

public sealed class EmbedRendererTests
{
    private static Reply Members(int count, int detailLength) => new(
        ReplyKind.Answer,
        "Members",
        [new Section("Members", [.. Enumerable.Range(1, count).Select(i => new ReplyItem($"Member {i:D4}", new string('d', detailLength), [1]))])],
        [new Citation(1, "Article", "https://news.example/a", "a.txt", new DateOnly(2019, 11, 9))],
        [],
        new string('b', 3000));

    [Fact]
    public void Render_ShortReply_OneMessageWithTitleBulletsSourcesAndFooter()
    {
        var messages = EmbedRenderer.Render(Members(3, 10));

        var embed = Assert.Single(Assert.Single(messages).Embeds!);
        Assert.Equal("Members", embed.Title);
        Assert.Equal(
            "**Members**\n• **Member 0001** — dddddddddd \\[1\\]\n• **Member 0002** — dddddddddd \\[1\\]\n• **Member 0003** — dddddddddd \\[1\\]\n\n**Sources**\n\\[1\\] [Article](https://news.example/a) — a.txt, 9 Nov 2019",
            embed.Description);
        Assert.Equal(2048, embed.Footer!.Text.Length);
    }

    [Fact]
    public void Render_ItemWithCommand_ShowsLabelDetailAndCitationsNotTheCommand()
    {
        var reply = SampleReplies.MemberWithCommand;

        var embed = Assert.Single(Assert.Single(EmbedRenderer.Render(reply)).Embeds!);

        Assert.Equal("**Members**\n• **China Mobile** — founding member; “operator” \\[1\\]\\[2\\]\n\n**Sources**\n\\[1\\] Huobi Joins BSN — a.txt\n\\[2\\] BSN grows — b.txt", embed.Description);
    }

    [Fact]
    public void Render_LongReply_EveryMessageWithinDiscordLimits()
    {
        var messages = EmbedRenderer.Render(Members(60, 200));

        Assert.InRange(messages.Count, 3, EmbedRenderer.MaxMessages);
        foreach (var message in messages)
        {
            var embed = Assert.Single(message.Embeds!);
            Assert.InRange(embed.Title!.Length, 1, 256);
            Assert.InRange(embed.Description!.Length, 1, 4096);
            Assert.InRange(embed.Title.Length + embed.Description.Length + (embed.Footer?.Text.Length ?? 0), 1, 6000);
            Assert.Empty(message.AllowedMentions.Parse);
        }

        var all = string.Join("\n", messages.Select(m => m.Embeds![0].Description));
        Assert.All(Enumerable.Range(1, 60), i => Assert.Contains($"**Member {i:D4}**", all, StringComparison.Ordinal));
        Assert.Equal("Members (2/" + messages.Count + ")", messages[1].Embeds![0].Title);
    }

    [Fact]
    public void Render_HugeReply_CappedAtMaxMessagesWithNote()
    {
        var messages = EmbedRenderer.Render(Members(400, 300));

        Assert.Equal(EmbedRenderer.MaxMessages, messages.Count);
        Assert.Contains("reply shortened", messages[^1].Embeds![0].Description, StringComparison.Ordinal);
        Assert.All(messages, m => Assert.InRange(m.Embeds![0].Description!.Length, 1, 4096));
    }

    [Fact]
    public void Render_OneParagraphLongerThanDescription_SplitAtSpacesKeepingEveryWord()
    {
        var words = Enumerable.Range(0, 2000).Select(i => $"w{i}").ToList();
        var messages = EmbedRenderer.Render(Reply.Text(ReplyKind.Answer, "Long", string.Join(' ', words)));

        Assert.True(messages.Count >= 2);
        Assert.All(messages, m => Assert.InRange(m.Embeds![0].Description!.Length, 1, 4096));
        var rejoined = string.Join(' ', messages.Select(m => m.Embeds![0].Description)).Split(' ', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(words, rejoined);
    }

    [Fact]
    public void Render_LongTitle_TruncatedTo256()
    {
        var messages = EmbedRenderer.Render(Reply.Text(ReplyKind.Answer, new string('t', 400), "x"));

        Assert.Equal(256, messages[0].Embeds![0].Title!.Length);
        Assert.EndsWith("…", messages[0].Embeds![0].Title, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_ArticleTextWithMarkdownAndMentions_EscapedAndNoMentionParsed()
    {
        var reply = new Reply(
            ReplyKind.Answer,
            "*Big* news",
            [new Paragraph("# Heading\n- list\n1. item\n**bold** __u__ ~~s~~ `code` ||spoiler|| > quote [link](https://evil.example) @everyone <@123>")],
            [new Citation(1, "Title [with] brackets", "https://news.example/a_(b)", "x.txt", null)],
            []);

        var message = Assert.Single(EmbedRenderer.Render(reply));
        var embed = message.Embeds![0];

        Assert.Equal("\\*Big\\* news", embed.Title);
        Assert.StartsWith(
            "\\# Heading\n\\- list\n1\\. item\n\\*\\*bold\\*\\* \\_\\_u\\_\\_ \\~\\~s\\~\\~ \\`code\\` \\|\\|spoiler\\|\\| \\> quote \\[link\\](https://evil.example) @everyone \\<@123\\>",
            embed.Description,
            StringComparison.Ordinal);
        Assert.Contains("[Title \\[with\\] brackets](https://news.example/a_%28b%29)", embed.Description, StringComparison.Ordinal);
        Assert.Empty(message.AllowedMentions.Parse);
    }

    [Fact]
    public void Serialize_AnyMessage_CarriesEmptyAllowedMentionsParse()
    {
        var json = JsonSerializer.Serialize(EmbedRenderer.Render(Reply.Text(ReplyKind.Answer, "t", "@everyone"))[0], DiscordJson.Options);

        Assert.Contains("\"allowed_mentions\":{\"parse\":[]}", json, StringComparison.Ordinal);
        Assert.DoesNotContain("null", json, StringComparison.Ordinal);
    }

    [Fact]
    public void Buttons_ManyChoices_AtMostTwentyFiveInRowsOfFiveAndLongCommandsLeftOut()
    {
        var choices = Enumerable.Range(0, 30).Select(i => new ReplyChoice($"Choice {i}", $"/about Name {i}")).Append(new ReplyChoice("Too long", "/about " + new string('x', 100))).ToList();

        var rows = EmbedRenderer.Buttons(choices)!;

        Assert.Equal(5, rows.Count);
        Assert.All(rows, r => Assert.Equal(5, r.Components.Count));
        Assert.All(rows.SelectMany(r => r.Components), b => Assert.InRange(b.CustomId.Length, 1, 100));
        Assert.DoesNotContain(rows.SelectMany(r => r.Components), b => b.Label == "Too long");
        Assert.Equal("cmd:/about Name 0", rows[0].Components[0].CustomId);
    }

    [Fact]
    public void PlainText_Over2000_SplitIntoContentMessages()
    {
        var messages = EmbedRenderer.PlainText(string.Join('\n', Enumerable.Range(0, 300).Select(i => $"line {i:D3} of text")));

        Assert.True(messages.Count >= 2);
        Assert.All(messages, m => Assert.InRange(m.Content!.Length, 1, 2000));
    }

    [Theory]
    [InlineData("a_b", "a\\_b")]
    [InlineData("back\\slash", "back\\\\slash")]
    [InlineData("2019. A year", "2019\\. A year")]
    [InlineData("not 1. a list", "not 1. a list")]
    [InlineData("-# subtext", "\\-# subtext")]
    [InlineData("plain words", "plain words")]
    public void Escape_Text_ShowsLiterally(string input, string expected) =>
        Assert.Equal(expected, DiscordMarkdown.Escape(input));

    [Fact]
    public void Truncate_SurrogatePairAtCut_NotSplit()
    {
        var text = new string('a', 9) + "😀" + "bbbb";

        var cut = DiscordMarkdown.Truncate(text, 11);

        Assert.Equal(new string('a', 9) + "…", cut);
    }
}

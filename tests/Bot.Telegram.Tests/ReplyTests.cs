using System.Text;
using Bot.Core.Replies;
using Bot.Testing.Fakes;
using Bot.Testing.Telegram;

namespace Bot.Telegram.Tests;

public sealed class ReplyTests
{
    [Fact]
    public async Task Reply_9000Characters_SplitInThreeValidMessages()
    {
        await using var server = await TelegramTestServer.StartAsync();
        var reply = Replies.Long(90, 100);
        var engine = new FakeCommandEngine { Respond = _ => reply };
        await using var bot = await TelegramBotHost.StartAsync(server, engine);

        server.EnqueueUpdate(TelegramUpdates.PrivateMessage(9001, "/search everything", messageId: 31));
        await server.WaitForSentAsync(3);
        await Task.Delay(200);
        var sent = server.Sent;

        // The server parsed each as Telegram does (it refuses broken HTML and >4096 characters).
        Assert.Equal(3, sent.Count);
        Assert.All(sent, s => Assert.InRange(s.Shown.PlainText.Length, 1, 4096));
        Assert.Equal([31L, null, null], sent.Select(s => s.ReplyToMessageId));
        var items = ((Section)reply.Blocks[0]).Items;
        var shown = string.Join("\n", sent.Select(s => s.Shown.PlainText));
        Assert.InRange(sent.Sum(s => s.Shown.PlainText.Length), 9_000, 9_400);
        var position = 0;
        foreach (var item in items)
        {
            var line = $"• {item.Label} — {item.Detail} [1]";

            // Every item is whole inside exactly one message, and in order.
            Assert.Single(sent, s => s.Shown.PlainText.Contains(line, StringComparison.Ordinal));
            var at = shown.IndexOf(line, position, StringComparison.Ordinal);
            Assert.True(at >= position, $"{item.Label} out of order");
            position = at + line.Length;
        }
    }

    [Fact]
    public async Task Reply_ArticleTextWithMarkup_IsEscaped()
    {
        await using var server = await TelegramTestServer.StartAsync();
        var reply = new Reply(
            ReplyKind.Answer,
            "AT&T <Mobile> & friends",
            [
                new Paragraph("The article says: <b>not bold</b> & @everyone should read it > now."),
                new Section("People", [new ReplyItem("Ann <script>", "said \"x < y && y > z\" to @everyone", [1])]),
            ],
            [new Citation(1, "Q&A: <ruling>", "https://news.example/a?x=1&y=\"2\"", "Post & Courier", null)],
            []);
        await using var bot = await TelegramBotHost.StartAsync(server, new FakeCommandEngine { Respond = _ => reply });

        server.EnqueueUpdate(TelegramUpdates.PrivateMessage(9002, "/about AT&T"));
        var sent = (await server.WaitForSentAsync(1)).Single();

        Assert.Equal(
            "AT&T <Mobile> & friends\n\nThe article says: <b>not bold</b> & @everyone should read it > now.\n\nPeople\n"
            + "• Ann <script> — said \"x < y && y > z\" to @everyone [1]\n\n[1] Q&A: <ruling> — Post & Courier",
            sent.Shown.PlainText);
        Assert.Equal(["AT&T <Mobile> & friends", "People", "Ann <script>"], sent.Shown.BoldTexts);
        Assert.Equal([new HtmlLink("Q&A: <ruling>", "https://news.example/a?x=1&y=\"2\"")], sent.Shown.Links);
        Assert.Contains("&lt;b&gt;not bold&lt;/b&gt; &amp; @everyone", sent.Text, StringComparison.Ordinal);

        // One article cited: a link preview is allowed.
        Assert.False(sent.LinkPreviewDisabled);
    }

    [Fact]
    public async Task Choices_BecomeButtonsThatRunTheChosenCommand()
    {
        await using var server = await TelegramTestServer.StartAsync();
        var longCommand = "/members Бюро социалистической партии Нидерландов и его региональные отделения";
        var engine = new FakeCommandEngine
        {
            Respond = r => r.Text.StartsWith("/members BSN", StringComparison.Ordinal)
                ? Reply.Text(ReplyKind.Ambiguous, "Which BSN?", "Several names match.", [new ReplyChoice("BSN (party)", "/members BSN party"), new ReplyChoice("Бюро 🇳🇱", longCommand)])
                : Reply.Text(ReplyKind.Answer, "Members", r.Text),
        };
        await using var bot = await TelegramBotHost.StartAsync(server, engine);

        server.EnqueueUpdate(TelegramUpdates.PrivateMessage(9003, "/members BSN"));
        var question = (await server.WaitForSentAsync(1)).Single();
        Assert.Equal(["BSN (party)", "Бюро 🇳🇱"], question.Buttons.Select(b => b.Text));
        Assert.Equal("c:/members BSN party", question.Buttons[0].Data);
        Assert.True(Encoding.UTF8.GetByteCount(longCommand) > 64);
        Assert.InRange(Encoding.UTF8.GetByteCount(question.Buttons[1].Data), 1, 64);

        server.EnqueueUpdate(TelegramUpdates.CallbackQuery(9003, 9003, question.MessageId, question.Buttons[1].Data));
        var answer = (await server.WaitForSentAsync(2))[1];

        Assert.Equal("Members\n\n" + longCommand, answer.Shown.PlainText);
        Assert.Equal(question.MessageId, answer.ReplyToMessageId);
        await server.WaitForCallsAsync("answerCallbackQuery");
        Assert.Equal(longCommand, engine.Requests.Last().Text);
    }

    [Fact]
    public async Task Callback_ForgedData_IsAnsweredAndRunsNothing()
    {
        await using var server = await TelegramTestServer.StartAsync();
        var engine = new FakeCommandEngine();
        await using var bot = await TelegramBotHost.StartAsync(server, engine);

        server.EnqueueUpdate(TelegramUpdates.CallbackQuery(9004, 9004, 1, "k:doesnotexist"));
        server.EnqueueUpdate(TelegramUpdates.CallbackQuery(9004, 9004, 1, "c:not a command"));
        var answers = await server.WaitForCallsAsync("answerCallbackQuery", count: 2);
        await server.WaitForCallsAsync("getUpdates", count: 3);

        Assert.Equal("This button has expired; ask again.", answers[0].Parameters["text"]!.ToString());
        Assert.Empty(engine.Requests);
        Assert.Empty(server.Sent);
    }

    [Fact]
    public async Task More_VeryLongReply_PagesBehindAMoreButton()
    {
        await using var server = await TelegramTestServer.StartAsync();
        var engine = new FakeCommandEngine { Respond = _ => Replies.Long(180, 100) };
        await using var bot = await TelegramBotHost.StartAsync(server, engine);

        server.EnqueueUpdate(TelegramUpdates.PrivateMessage(9005, "/search everything"));
        var first = await server.WaitForSentAsync(3);
        Assert.Empty(first[0].Buttons);
        Assert.Empty(first[1].Buttons);
        var more = Assert.Single(first[2].Buttons);
        Assert.StartsWith("More", more.Text, StringComparison.Ordinal);

        server.EnqueueUpdate(TelegramUpdates.CallbackQuery(9005, 9005, first[2].MessageId, more.Data));
        var fourth = (await server.WaitForSentAsync(4))[3];
        var next = Assert.Single(fourth.Buttons);

        server.EnqueueUpdate(TelegramUpdates.CallbackQuery(9005, 9005, fourth.MessageId, next.Data));
        var fifth = (await server.WaitForSentAsync(5))[4];
        Assert.Contains("• Item 180 —", fifth.Shown.PlainText, StringComparison.Ordinal);
        Assert.Empty(fifth.Buttons);
        var all = string.Join("\n", server.Sent.Select(m => m.Shown.PlainText));
        for (var i = 1; i <= 180; i++)
        {
            Assert.Single(server.Sent, m => m.Shown.PlainText.Contains($"• Item {i:D3} —", StringComparison.Ordinal));
        }

        Assert.Single(engine.Requests);
        await server.WaitForCallsAsync("answerCallbackQuery", count: 2);
    }
}

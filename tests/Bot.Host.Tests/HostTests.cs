using Bot.Host.ConsoleChat;
using Bot.Testing.Knowledge;
using Microsoft.Extensions.Options;

namespace Bot.Host.Tests;

/// <summary>The executable as a user runs it: the ask verb, the console chat, start-up validation.</summary>
public sealed class HostTests : IDisposable
{
    private readonly string _state = Path.Combine(Path.GetTempPath(), "newsbot-host-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (Directory.Exists(_state))
        {
            Directory.Delete(_state, recursive: true);
        }
    }

    private string[] Settings(params string[] more) => [.. TestKnowledge.Arguments(TestKnowledge.StoreSettings(_state)), .. more];

    [Fact]
    public async Task Ask_MembersBsn_PrintsTheAnswerAndExitsZero()
    {
        using var output = new StringWriter();

        var code = await BotApp.RunAsync(["ask", "/members BSN", .. Settings()], output);

        Assert.Equal(0, code);
        Assert.StartsWith("Members of ", output.ToString(), StringComparison.Ordinal);
        Assert.Contains("Huobi China", output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ask_WordsWithoutQuotes_AreOneCommand()
    {
        using var output = new StringWriter();

        var code = await BotApp.RunAsync(["ask", "about", "Huobi", "China", .. Settings()], output);

        Assert.Equal(0, code);
        Assert.Contains("Yuming Yuan", output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ask_UnknownName_ExitsNonZeroWithAClearAnswer()
    {
        using var output = new StringWriter();

        var code = await BotApp.RunAsync(["ask", "/about Xyzzy Holdings", .. Settings()], output);

        Assert.Equal(1, code);
        Assert.Contains("I know nothing about “Xyzzy Holdings”", output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_NoToken_ChatsOnTheConsoleUntilInputEnds()
    {
        using var output = new StringWriter();
        var input = new StringReader("/about Trias\nmembers Dawan District Blockchain Alliance\n\n/frobnicate\n");

        var code = await BotApp.RunAsync(Settings(), output, new ConsoleChatStreams(input, output, Interactive: false));

        var text = output.ToString();
        Assert.Equal(0, code);
        Assert.Contains("News bot: 5 articles", text, StringComparison.Ordinal);
        Assert.Contains("Anbang Ruan", text, StringComparison.Ordinal);
        Assert.Contains("Guangzhou City Blockchain Industry Association", text, StringComparison.Ordinal);
        Assert.Contains("Send /help", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_NoToken_ConsoleSubscriptionPrintsItsDigestWhenTheTriggerFires()
    {
        var sink = new StringWriter();
        using var output = TextWriter.Synchronized(sink);
        using var input = new LineFeed();
        using var cancel = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        string Shown()
        {
            lock (output)
            {
                return sink.ToString();
            }
        }

        var run = BotApp.RunAsync(Settings(), output, new ConsoleChatStreams(input, output, Interactive: false), cancel.Token);
        input.Send("/subscribe cron 0/2 * * * * ? UTC");
        while (!Shown().Contains("News digest", StringComparison.Ordinal) && !cancel.IsCancellationRequested)
        {
            await Task.Delay(100);
        }

        input.Send("/settings");
        input.End();
        await run;

        var text = Shown();
        Assert.Contains("Subscribed", text, StringComparison.Ordinal);
        Assert.Contains("Reported by 3 articles", text, StringComparison.Ordinal);
        Assert.Contains("This chat's subscription", text, StringComparison.Ordinal);
        Assert.Equal(1, text.Split("News digest").Length - 1);
    }

    [Fact]
    public async Task Run_Cancelled_StopsCleanly()
    {
        using var output = new StringWriter();
        using var cancel = new CancellationTokenSource();
        var never = new BlockingReader();
        var run = BotApp.RunAsync(Settings(), output, new ConsoleChatStreams(never, output, Interactive: false), cancel.Token);

        await cancel.CancelAsync();
        var code = await run.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(0, code);
    }

    [Fact]
    public async Task Start_InvalidOption_FailsNamingTheSetting()
    {
        using var output = new StringWriter();

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => BotApp.RunAsync(["ask", "/help", .. Settings("--Commands:MaxArgumentLength=1")], output));

        Assert.Contains("MaxArgumentLength", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Evaluate_SeedFacts_PrintsPrecisionAndRecallPerRelationKind()
    {
        using var output = new StringWriter();

        var facts = Path.Combine(Bot.Testing.RepoPaths.Root, "tests", "Bot.Core.Tests", "Acceptance", "seed-facts.json");

        var code = await BotApp.RunAsync(["eval", "--facts", facts, .. Settings()], output);

        var lines = output.ToString().Split('\n', StringSplitOptions.TrimEntries);
        Assert.Equal(0, code);
        Assert.Contains(lines, l => l.StartsWith("kind", StringComparison.Ordinal) && l.EndsWith("precision  recall", StringComparison.Ordinal));
        var member = Assert.Single(lines, l => l.StartsWith("member ", StringComparison.OrdinalIgnoreCase));
        var figures = member.Split(' ', StringSplitOptions.RemoveEmptyEntries)[^2..].Select(f => double.Parse(f, System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.InRange(figures[0], 0.95, 1.0);
        Assert.Equal(1.0, figures[1]);
        Assert.Contains(lines, l => l.StartsWith("all", StringComparison.OrdinalIgnoreCase));
    }

    [Theory]
    [InlineData("evaluate")]
    [InlineData("Dataset:Path=/news")]
    public async Task Run_UnknownVerbOrStrayWord_SaysSoWithTheUsageAndStartsNothing(string word)
    {
        using var output = new StringWriter();

        var code = await BotApp.RunAsync([word, .. Settings()], output);

        Assert.Equal(2, code);
        Assert.StartsWith("Not understood: " + word, output.ToString(), StringComparison.Ordinal);
        Assert.Contains("eval [--facts F]", output.ToString(), StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(_state, "knowledge.db")), "no store was opened");
    }

    [Fact]
    public async Task Ask_DatasetPathFromTheEnvironment_ReadsThatFolder()
    {
        // Dataset__Path, as an operator sets it: every setting is overridable from the environment.
        var folder = Path.Combine(_state, "other-news");
        Directory.CreateDirectory(folder);
        await File.WriteAllTextAsync(Path.Combine(folder, "harbour.txt"), "Harbour Fund Opens Office\n\nThe Harbour Fund opened an office in Tromso on Monday, its chairman said.\n");
        var store = TestKnowledge.StoreSettings(_state);
        store.Remove("Dataset:Path");
        using var output = new StringWriter();
        Environment.SetEnvironmentVariable("Dataset__Path", folder);
        try
        {
            var code = await BotApp.RunAsync(["ask", "/sources", .. TestKnowledge.Arguments(store)], output);

            Assert.Equal(0, code);
            Assert.Contains("harbour.txt", output.ToString(), StringComparison.Ordinal);
            Assert.DoesNotContain(".txt", output.ToString().Replace("harbour.txt", "", StringComparison.Ordinal), StringComparison.Ordinal);
        }
        finally
        {
            Environment.SetEnvironmentVariable("Dataset__Path", null);
        }
    }

    [Fact]
    public async Task Ask_MissingDatasetFolder_SaysWhichFolderAndWhatToSet()
    {
        using var output = new StringWriter();

        var error = await Assert.ThrowsAsync<DirectoryNotFoundException>(() => BotApp.RunAsync(["ask", "/help", .. Settings("--Dataset:Path=/nonexistent/news")], output));

        Assert.Contains("Dataset:Path", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Help_PrintsTheVerbs()
    {
        using var output = new StringWriter();

        var code = await BotApp.RunAsync(["--help"], output);

        Assert.Equal(0, code);
        Assert.Contains("ask \"/members X\"", output.ToString(), StringComparison.Ordinal);
    }

    /// <summary>Standard input that never delivers a line, like a terminal nobody types into.</summary>
    private sealed class BlockingReader : TextReader
    {
        public override ValueTask<string?> ReadLineAsync(CancellationToken cancellationToken) =>
            new(Task.Delay(Timeout.Infinite, cancellationToken).ContinueWith(_ => (string?)null, TaskScheduler.Default));
    }

    /// <summary>Standard input that a test types into line by line.</summary>
    private sealed class LineFeed : TextReader
    {
        private readonly System.Threading.Channels.Channel<string> _lines = System.Threading.Channels.Channel.CreateUnbounded<string>();

        public void Send(string line) => _lines.Writer.TryWrite(line);

        public void End() => _lines.Writer.TryComplete();

        public override async ValueTask<string?> ReadLineAsync(CancellationToken cancellationToken)
        {
            try
            {
                return await _lines.Reader.ReadAsync(cancellationToken);
            }
            catch (System.Threading.Channels.ChannelClosedException)
            {
                return null;
            }
        }
    }
}

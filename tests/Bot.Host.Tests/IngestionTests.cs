using Bot.Core.Replies;
using Bot.Testing;
using Bot.Testing.Knowledge;
using Bot.Testing.Logging;
using Microsoft.Extensions.Logging;

namespace Bot.Host.Tests;

/// <summary>Ingestion through the host's composition: what is re-read, what is skipped, what is kept.</summary>
public sealed class IngestionTests : IDisposable
{
    private readonly string _dataset = Path.Combine(Path.GetTempPath(), "newsbot-dataset-" + Guid.NewGuid().ToString("N"));
    private readonly string _state = Path.Combine(Path.GetTempPath(), "newsbot-state-" + Guid.NewGuid().ToString("N"));

    public IngestionTests()
    {
        Directory.CreateDirectory(_dataset);
        foreach (var file in Directory.GetFiles(RepoPaths.Articles))
        {
            File.Copy(file, Path.Combine(_dataset, Path.GetFileName(file)));
        }
    }

    public void Dispose()
    {
        Directory.Delete(_dataset, recursive: true);
        if (Directory.Exists(_state))
        {
            Directory.Delete(_state, recursive: true);
        }
    }

    [Fact]
    public void Sync_AfterRestart_DoesNotExtractUnchangedFilesAgain()
    {
        using (var first = TestKnowledge.Create(_dataset, stateFolder: _state, ingest: false))
        {
            var report = first.Ingestor.Sync();
            Assert.Equal(5, report.Extracted);
        }

        using var second = TestKnowledge.Create(_dataset, stateFolder: _state, ingest: false);
        var again = second.Ingestor.Sync();

        Assert.Equal(0, again.Extracted);
        Assert.Equal(5, again.Unchanged);
        Assert.False(again.Resolved);
        Assert.Equal(5, second.Reader.GetStats().Articles);
    }

    [Fact]
    public void Sync_FirstStart_SameKnowledgeAsResolvingFromTheStore()
    {
        using var bot = TestKnowledge.Create(_dataset, stateFolder: _state, ingest: false);
        var report = bot.Ingestor.Sync();
        var fed = Knowledge(bot);

        bot.Ingestor.Resolve();

        Assert.True(report.Resolved);
        Assert.NotEmpty(bot.Reader.AllFacts());
        Assert.Equal(fed, Knowledge(bot));
    }

    [Fact]
    public void Sync_FirstStartWithTwoFilesOfOneContent_SameKnowledgeAsResolvingFromTheStore()
    {
        var file = Directory.GetFiles(_dataset)[0];
        File.Copy(file, Path.Combine(_dataset, "copy-" + Path.GetFileName(file)));
        using var bot = TestKnowledge.Create(_dataset, stateFolder: _state, ingest: false);
        bot.Ingestor.Sync();
        var synced = Knowledge(bot);

        bot.Ingestor.Resolve();

        Assert.Equal(5, bot.Reader.GetStats().Articles);
        Assert.Equal(synced, Knowledge(bot));
    }

    /// <summary>Every fact and entity name as text, in order.</summary>
    private static List<string> Knowledge(TestKnowledge bot) =>
    [
        .. bot.Reader.AllFacts().Select(f => $"{f.Id}|{f.Kind}|{f.SubjectId}|{f.SubjectName}|{f.ObjectId}|{f.Text}|{f.Detail}|{f.ForId}|{f.ArticleId}|{f.Evidence}|{string.Join(",", f.Examples)}"),
        .. bot.Reader.AllNames().Select(n => $"{n.Name}|{n.Entity}").Order(StringComparer.Ordinal),
        bot.Reader.GetStats().ToString(),
    ];

    [Fact]
    public void Sync_SameContentUnderNewTime_IsNotExtractedAgain()
    {
        using var bot = TestKnowledge.Create(_dataset, stateFolder: _state);
        var file = Directory.GetFiles(_dataset)[0];
        File.SetLastWriteTimeUtc(file, new DateTime(2020, 1, 1, 0, 0, 0, DateTimeKind.Utc));

        var report = bot.Ingestor.Sync();

        Assert.Equal(0, report.Extracted);
    }

    [Fact]
    public async Task Sync_NewArticle_IsAnsweredFromAtOnce()
    {
        using var bot = TestKnowledge.Create(_dataset, stateFolder: _state);
        await File.WriteAllTextAsync(Path.Combine(_dataset, "new.txt"),
            "Harbour Pay Joins Payments Alliance\n\nHarbour Pay has joined the Blockchain Services Network (BSN), the company said on Monday.\n");

        var report = bot.Ingestor.Sync();
        var text = await bot.AskAsync("/members BSN");

        Assert.Equal(1, report.Extracted);
        Assert.Contains("Harbour Pay", text, StringComparison.Ordinal);
        Assert.Contains("Based on 4 articles", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sync_RemovedFile_TakesItsFactsAway()
    {
        using var bot = TestKnowledge.Create(_dataset, stateFolder: _state);
        File.Delete(Path.Combine(_dataset, "003_19f4eae52a6800cd.txt"));

        bot.Ingestor.Sync();
        var reply = await bot.SendAsync("/about Trias");

        Assert.Equal(ReplyKind.NotFound, reply.Kind);
        Assert.Equal(4, bot.Reader.GetStats().Articles);
    }

    [Fact]
    public async Task Sync_BrokenFiles_AreSkippedWithWarningsNamingThem_AndTheRestLoad()
    {
        await File.WriteAllBytesAsync(Path.Combine(_dataset, "binary.txt"), [0x00, 0x01, 0x02, 0xFF, 0x00, 0x10]);
        await File.WriteAllBytesAsync(Path.Combine(_dataset, "latin1.txt"), [.. "Caf"u8.ToArray(), 0xE9, .. " news about a bank joining a network."u8.ToArray()]);
        await File.WriteAllTextAsync(Path.Combine(_dataset, "empty.md"), "   \n");
        var logs = new RecordingLoggerProvider();

        using var bot = TestKnowledge.Create(_dataset, stateFolder: _state, logs: logs);

        Assert.Equal(5, bot.Reader.GetStats().Articles);
        var warnings = logs.Entries.Where(e => e.Level == LogLevel.Warning).Select(e => e.Message).ToList();
        Assert.Contains(warnings, w => w.Contains("binary.txt", StringComparison.Ordinal));
        Assert.Contains(warnings, w => w.Contains("latin1.txt", StringComparison.Ordinal));
        Assert.Contains(warnings, w => w.Contains("empty.md", StringComparison.Ordinal));
        Assert.Contains("Huobi China", await bot.AskAsync("/members BSN"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sync_OperatorAliasAdded_ResolvesAgainWithoutReextracting()
    {
        var aliases = Path.Combine(_state, "aliases.yaml");
        Directory.CreateDirectory(_state);
        await File.WriteAllTextAsync(aliases, "aliases:\n  - [Trias, Trias Lab]\n");
        using var bot = TestKnowledge.Create(_dataset, new Dictionary<string, string?> { ["Knowledge:AliasFile"] = aliases }, stateFolder: _state);

        var text = await bot.AskAsync("/about Trias Lab");

        Assert.Contains("Anbang Ruan", text, StringComparison.Ordinal);
    }
}

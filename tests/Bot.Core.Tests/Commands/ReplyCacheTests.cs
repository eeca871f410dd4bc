using Bot.Testing.Knowledge;

namespace Bot.Core.Tests.Commands;

/// <summary>Answers kept for the next ask are never older than the knowledge: a sync that changes it makes them new.</summary>
public sealed class ReplyCacheTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "newsbot-cache-" + Guid.NewGuid().ToString("N"));

    public ReplyCacheTests()
    {
        Directory.CreateDirectory(_folder);
        File.WriteAllText(Path.Combine(_folder, "a1.txt"), "Lender Joins Test Network\n\nAlder Holdings has joined the Open Test Network (OTN), the group said on Monday.\n");
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task Members_AskedAgainAfterSyncAddsMember_ListsTheNewMember()
    {
        using var bot = TestKnowledge.Create(_folder);
        var before = await bot.AskAsync("/members OTN");
        Assert.Equal(before, await bot.AskAsync("/members Open Test Network"));

        await File.WriteAllTextAsync(Path.Combine(_folder, "a2.txt"), "Bank Joins Test Network\n\nHarbour Bank has joined the Open Test Network, the bank said on Tuesday.\n");
        bot.Ingestor.Sync();
        var after = await bot.AskAsync("/members OTN");

        Assert.DoesNotContain("Harbour Bank", before, StringComparison.Ordinal);
        Assert.Contains("Harbour Bank", after, StringComparison.Ordinal);
        Assert.Contains("Alder Holdings", after, StringComparison.Ordinal);
    }

    [Fact]
    public async Task About_AskedAgainAfterFileRemoved_NoLongerCitesIt()
    {
        File.WriteAllText(Path.Combine(_folder, "a2.txt"), "Bank Joins Test Network\n\nHarbour Bank has joined the Open Test Network, the bank said on Tuesday.\n");
        using var bot = TestKnowledge.Create(_folder);
        var before = await bot.AskAsync("/about Harbour Bank");

        File.Delete(Path.Combine(_folder, "a2.txt"));
        bot.Ingestor.Sync();
        var after = await bot.AskAsync("/about Harbour Bank");

        Assert.Contains("Open Test Network", before, StringComparison.Ordinal);
        Assert.DoesNotContain("Open Test Network", after, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Members_AskedAgainAfterFileRenamed_CitesTheNewFileName()
    {
        using var bot = TestKnowledge.Create(_folder);
        var before = await bot.AskAsync("/members OTN");

        File.Move(Path.Combine(_folder, "a1.txt"), Path.Combine(_folder, "renamed.txt"));
        bot.Ingestor.Sync();
        var after = await bot.AskAsync("/members OTN");

        Assert.Contains("a1.txt", before, StringComparison.Ordinal);
        Assert.Contains("renamed.txt", after, StringComparison.Ordinal);
        Assert.DoesNotContain("a1.txt", after, StringComparison.Ordinal);
    }

    [Fact]
    public async Task About_AskedAgainAfterTwoFilesSwappedContents_CitesTheFileThatHoldsEachArticle()
    {
        File.WriteAllText(Path.Combine(_folder, "a2.txt"), "Bank Joins Test Network\n\nHarbour Bank has joined the Open Test Network, the bank said on Tuesday.\n");
        using var bot = TestKnowledge.Create(_folder);
        var first = File.ReadAllText(Path.Combine(_folder, "a1.txt"));
        File.WriteAllText(Path.Combine(_folder, "a1.txt"), File.ReadAllText(Path.Combine(_folder, "a2.txt")));
        File.WriteAllText(Path.Combine(_folder, "a2.txt"), first);

        bot.Ingestor.Sync();
        var harbour = await bot.AskAsync("/about Harbour Bank");
        var alder = await bot.AskAsync("/about Alder Holdings");

        Assert.Contains("a1.txt", harbour, StringComparison.Ordinal);
        Assert.DoesNotContain("a2.txt", harbour, StringComparison.Ordinal);
        Assert.Contains("a2.txt", alder, StringComparison.Ordinal);
        Assert.DoesNotContain("a1.txt", alder, StringComparison.Ordinal);
    }
}

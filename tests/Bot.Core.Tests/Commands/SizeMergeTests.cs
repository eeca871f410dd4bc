using Bot.Testing.Knowledge;

namespace Bot.Core.Tests.Commands;

/// <summary>
/// One size stated by several articles that name different examples: /members lists the size once with every article
/// that states it; /about keeps each statement with its own examples.
/// </summary>
public sealed class SizeMergeTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "newsbot-sizes-" + Guid.NewGuid().ToString("N"));

    public SizeMergeTests()
    {
        Directory.CreateDirectory(_folder);
        File.WriteAllText(Path.Combine(_folder, "a1.txt"), "Freight Lender Expands Its Network\n\n"
            + "Nordkap Freight Bank collaborates with 54 companies across the region. The companies include Alvar Steel and Brisa Foods.\n");
        File.WriteAllText(Path.Combine(_folder, "a2.txt"), "Second Report On Freight Lending\n\n"
            + "Nordkap Freight Bank collaborates with 54 companies across the region. The companies include Corvo Paper and Delta Mills.\n");
        File.WriteAllText(Path.Combine(_folder, "a3.txt"), "Third Report On Freight Lending\n\n"
            + "Nordkap Freight Bank collaborates with 54 companies across the region.\n");
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task Members_OneSizeWithDifferentExamples_IsListedOnceWithEveryArticle()
    {
        using var bot = TestKnowledge.Create(_folder);

        var text = await bot.AskAsync("/members Nordkap Freight Bank");

        Assert.Contains("Reported size:\n  • 54 companies reported [1][2][3]\n", text.ReplaceLineEndings("\n"), StringComparison.Ordinal);
        Assert.Single(text.Split('\n'), l => l.Contains("54 companies", StringComparison.Ordinal));
        Assert.Contains("Based on 3 articles", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task About_OneSizeWithDifferentExamples_ShowsEachStatementWithItsExamples()
    {
        using var bot = TestKnowledge.Create(_folder);

        var text = (await bot.AskAsync("/about Nordkap Freight Bank")).ReplaceLineEndings("\n");

        Assert.Contains("  • 54 companies — including Alvar Steel, Brisa Foods [1]\n", text, StringComparison.Ordinal);
        Assert.Contains("  • 54 companies — including Corvo Paper, Delta Mills [2]\n", text, StringComparison.Ordinal);
        Assert.Contains("  • 54 companies [3]\n", text, StringComparison.Ordinal);
    }
}

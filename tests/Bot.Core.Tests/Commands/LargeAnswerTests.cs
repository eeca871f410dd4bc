using Bot.Core.Commands;
using Bot.Core.Replies;
using Bot.Testing.Knowledge;

namespace Bot.Core.Tests.Commands;

/// <summary>A group named by many articles: answers stay readable (members and citations capped, the rest counted).</summary>
public sealed class LargeAnswerTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "newsbot-large-" + Guid.NewGuid().ToString("N"));

    public LargeAnswerTests()
    {
        Directory.CreateDirectory(_folder);
        for (var i = 1; i <= 105; i++)
        {
            File.WriteAllText(Path.Combine(_folder, $"a{i:D3}.txt"),
                $"Lender Joins Test Network\n\nAlder{i} Holdings has joined the Open Test Network (OTN), the group said on Monday.\n\nHarbour Bank has joined the Open Test Network too.\n");
        }
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task Members_ManyMembersAndArticles_ListsTheFirstHundredAndCountsTheRest()
    {
        using var bot = TestKnowledge.Create(_folder);

        var reply = await bot.SendAsync("/members OTN");

        var members = reply.Blocks.OfType<Section>().First();
        Assert.Equal("Members named in the articles (106)", members.Heading);
        Assert.Equal(100, members.Items.Count);
        Assert.Contains(reply.Blocks.OfType<Paragraph>(), p => p.Text.Contains("6 more are named too", StringComparison.Ordinal));
        var harbour = members.Items[0];
        Assert.Equal("Harbour Bank", harbour.Label);
        Assert.Equal(Sources.MaxPerClaim, harbour.Citations.Count);
        Assert.Contains("100 more articles", harbour.Detail, StringComparison.Ordinal);
        Assert.StartsWith("Based on 105 articles;", reply.Basis, StringComparison.Ordinal);
    }
}

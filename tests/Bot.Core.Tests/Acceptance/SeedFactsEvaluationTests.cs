using Bot.Core.Evaluation;
using Bot.Testing;

namespace Bot.Core.Tests.Acceptance;

/// <summary>The extractor against the reference facts of the five dataset articles (seed-facts.json): the targets.</summary>
public sealed class SeedFactsEvaluationTests(DatasetKnowledge dataset) : IClassFixture<DatasetKnowledge>
{
    private static readonly string FactsPath = Path.Combine(RepoPaths.Root, "tests", "Bot.Core.Tests", "Acceptance", "seed-facts.json");

    [Fact]
    public void Evaluate_SeedArticles_MemberPrecisionAtLeast95AndRecallComplete()
    {
        var result = FactEvaluator.Evaluate(dataset.Knowledge.Reader, FactsPath);

        var member = result["member"];
        Assert.True(member.Precision >= 0.95, result.ToTable() + "\n" + string.Join("\n", result.Spurious));
        Assert.True(member.Recall >= 1.0, result.ToTable() + "\n" + string.Join("\n", result.Missed));
    }

    [Fact]
    public void Evaluate_SeedArticles_AllKindsPrecisionAtLeast90AndRecallAtLeast85()
    {
        var result = FactEvaluator.Evaluate(dataset.Knowledge.Reader, FactsPath);

        var all = result["all"];
        Assert.True(all.Precision >= 0.90, result.ToTable() + "\n" + string.Join("\n", result.Spurious));
        Assert.True(all.Recall >= 0.85, result.ToTable() + "\n" + string.Join("\n", result.Missed));
    }

    [Fact]
    public void Extraction_BoilerplateNames_NeverBecomeFacts()
    {
        string[] boilerplate = ["Coinplug", "GG56", "Kim & Chang", "Relex", "iFX EXPO", "Chainwire", "KPMG", "Mao Shixing", "Akansha Kesarwani", "Event Manager"];

        var facts = dataset.Knowledge.Reader.AllFacts();

        var leaked = facts.Where(f => boilerplate.Any(b => $"{f.SubjectName} {f.ObjectName} {f.Text} {f.Evidence}".Contains(b, StringComparison.OrdinalIgnoreCase))).ToList();
        Assert.Empty(leaked);
    }

    [Fact]
    public async Task Search_BoilerplateNames_FindNothing()
    {
        foreach (var name in new[] { "Coinplug", "KPMG", "Chainwire", "Relex" })
        {
            var reply = await dataset.Knowledge.SendAsync("/search " + name);
            Assert.Equal(Replies.ReplyKind.NotFound, reply.Kind);
        }
    }
}

using Bot.Core.Evaluation;
using Bot.Core.Replies;
using Bot.Testing.Acceptance;
using Bot.Testing.Knowledge;

namespace Bot.Core.Tests.Extraction;

/// <summary>Five articles of the same genre written for the tests by someone other than the rules' author, with their own reference facts and questions.</summary>
public sealed class UnseenKnowledge : IDisposable
{
    public static readonly string Folder = Path.Combine(AppContext.BaseDirectory, "Extraction", "Unseen");

    public TestKnowledge Knowledge { get; } = TestKnowledge.Create(Path.Combine(Folder, "articles"));

    public void Dispose() => Knowledge.Dispose();
}

public sealed class UnseenArticlesTests(UnseenKnowledge unseen) : IClassFixture<UnseenKnowledge>
{
    private static readonly string FactsPath = Path.Combine(UnseenKnowledge.Folder, "unseen-facts.json");
    private static readonly string QuestionsPath = Path.Combine(UnseenKnowledge.Folder, "unseen-questions.json");

    [Fact]
    public void Evaluate_UnseenArticles_MeetTheSameTargetsAsTheSeed()
    {
        var result = FactEvaluator.Evaluate(unseen.Knowledge.Reader, FactsPath);

        var detail = result.ToTable() + "\nmissed:\n" + string.Join("\n", result.Missed) + "\nspurious:\n" + string.Join("\n", result.Spurious);
        Assert.True(result["member"].Precision >= 0.95, detail);
        Assert.True(result["member"].Recall >= 1.0, detail);
        Assert.True(result["all"].Precision >= 0.90, detail);
        Assert.True(result["all"].Recall >= 0.85, detail);
    }

    [Fact]
    public void Extraction_UnseenArticles_AllFiveLoadIncludingMarkdownAndHtml()
    {
        var sources = unseen.Knowledge.Reader.AllArticles().Select(a => Path.GetExtension(a.SourceName)).ToList();

        Assert.Equal(5, sources.Count);
        Assert.Contains(".md", sources);
        Assert.Contains(".html", sources);
    }

    public static TheoryData<string> Commands() => [.. QuestionFile.Load(QuestionsPath).Where(q => q.KnownGap is null).Select(q => q.Command)];

    public static TheoryData<string> KnownGaps() => [.. QuestionFile.Load(QuestionsPath).Where(q => q.KnownGap is not null).Select(q => q.Command)];

    [Theory]
    [MemberData(nameof(KnownGaps))]
    public async Task UnseenQuestion_KnownGap_IsStillAGap(string command)
    {
        var question = QuestionFile.Load(QuestionsPath).First(q => q.Command == command);

        var reply = await unseen.Knowledge.SendAsync(question.Command);

        // When this fails, the gap is fixed: remove "known_gap" from the question (and from the README's limits).
        Assert.NotEmpty(QuestionFile.Check(question, reply.Kind, PlainTextRenderer.Render(reply), unseen.Knowledge.Reader.AllArticles()));
    }

    [Theory]
    [MemberData(nameof(Commands))]
    public async Task UnseenQuestion_ReplyShowsWhatTheArticlesSay(string command)
    {
        var question = QuestionFile.Load(QuestionsPath).First(q => q.Command == command);

        var reply = await unseen.Knowledge.SendAsync(question.Command);
        var text = PlainTextRenderer.Render(reply);

        var failures = QuestionFile.Check(question, reply.Kind, text, unseen.Knowledge.Reader.AllArticles());
        Assert.True(failures.Count == 0, $"{command}: {string.Join("; ", failures)}\n--- reply ---\n{text}");
    }
}

using Bot.Core.Replies;
using Bot.Testing.Acceptance;

namespace Bot.Core.Tests.Acceptance;

/// <summary>Every question of seed-questions.json, fed through the command engine the chats use, checked on the rendered plain text.</summary>
public sealed class SeedQuestionsTests(DatasetKnowledge dataset) : IClassFixture<DatasetKnowledge>
{
    private static readonly string QuestionsPath = QuestionFile.SeedQuestionsPath;

    public static TheoryData<string> Commands() => [.. QuestionFile.Load(QuestionsPath).Select(q => q.Command)];

    [Theory]
    [MemberData(nameof(Commands))]
    public async Task SeedQuestion_ReplyShowsWhatTheArticlesSay(string command)
    {
        var question = QuestionFile.Load(QuestionsPath).First(q => q.Command == command);

        // Telegram appends the bot's own name in groups: the engine is told the bot's name as a transport would.
        var reply = await dataset.Knowledge.SendAsync(question.Command, botUsername: "NewsBot");
        var text = PlainTextRenderer.Render(reply);

        var failures = QuestionFile.Check(question, reply.Kind, text, dataset.Knowledge.Reader.AllArticles());
        Assert.True(failures.Count == 0, $"{command}: {string.Join("; ", failures)}\n--- reply ---\n{text}");
    }

    [Fact]
    public void SeedQuestions_AreAllLoaded() => Assert.Equal(24, QuestionFile.Load(QuestionsPath).Count);
}

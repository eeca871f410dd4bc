using System.Text.Json;
using System.Text.Json.Serialization;
using Bot.Core.Knowledge;
using Bot.Core.Replies;

namespace Bot.Testing.Acceptance;

/// <summary>One question of a questions file (seed-questions.json format): a command and what its plain-text reply must show.</summary>
public sealed class Question
{
    [JsonPropertyName("command")]
    public string Command { get; set; } = string.Empty;

    [JsonPropertyName("must_include")]
    public List<string> MustInclude { get; set; } = [];

    [JsonPropertyName("any_of")]
    public List<List<string>> AnyOf { get; set; } = [];

    [JsonPropertyName("must_not_include")]
    public List<string> MustNotInclude { get; set; } = [];

    [JsonPropertyName("cites")]
    public List<string> Cites { get; set; } = [];

    [JsonPropertyName("expect")]
    public string? Expect { get; set; }

    /// <summary>Set when the bot is known not to answer this yet: why. Tests check the gap is still there, so fixing it flips a test.</summary>
    [JsonPropertyName("known_gap")]
    public string? KnownGap { get; set; }

    [JsonPropertyName("suggests")]
    public string? Suggests { get; set; }

    public override string ToString() => Command;
}

/// <summary>Reads a questions file and checks a reply against one of its questions.</summary>
public static class QuestionFile
{
    /// <summary>The acceptance questions on the repo's dataset, which the core and every transport must answer.</summary>
    public static string SeedQuestionsPath => Path.Combine(RepoPaths.Root, "tests", "Bot.Core.Tests", "Acceptance", "seed-questions.json");

    public static IReadOnlyList<Question> Load(string path) =>
        JsonSerializer.Deserialize<QuestionsDocument>(File.ReadAllText(path))!.Questions;

    /// <summary>Every failed expectation of <paramref name="question"/> on the reply <paramref name="text"/> of kind <paramref name="kind"/>.</summary>
    public static List<string> Check(Question question, ReplyKind kind, string text, IReadOnlyList<ArticleRecord>? articles = null)
    {
        var failures = new List<string>();
        failures.AddRange(question.MustInclude.Where(s => !text.Contains(s, StringComparison.OrdinalIgnoreCase)).Select(s => $"missing “{s}”"));
        failures.AddRange(question.AnyOf.Where(g => !g.Any(s => text.Contains(s, StringComparison.OrdinalIgnoreCase))).Select(g => $"none of “{string.Join("”, “", g)}”"));
        failures.AddRange(question.MustNotInclude.Where(s => text.Contains(s, StringComparison.OrdinalIgnoreCase)).Select(s => $"must not include “{s}”"));
        // An article is cited by its file name, or by the title or link the reply resolves a number to.
        bool Cites(string file)
        {
            var article = articles?.FirstOrDefault(a => Path.GetFileName(a.SourceName) == file);
            return text.Contains(file, StringComparison.OrdinalIgnoreCase)
                || (article is not null && (text.Contains(article.Title, StringComparison.Ordinal) || (article.Url is { } url && text.Contains(url, StringComparison.Ordinal))));
        }

        failures.AddRange(question.Cites.Where(s => !Cites(s)).Select(s => $"does not cite {s}"));
        switch (question.Expect)
        {
            case "usage" when kind != ReplyKind.Usage || !text.Contains('/'):
                failures.Add($"expected a usage reply, got {kind}");
                break;
            case "not_found" when kind != ReplyKind.NotFound:
                failures.Add($"expected not-found, got {kind}");
                break;
            case "suggestion" when kind != ReplyKind.Suggestion || !text.Contains(question.Suggests ?? string.Empty, StringComparison.OrdinalIgnoreCase):
                failures.Add($"expected a suggestion of {question.Suggests}, got {kind}");
                break;
            case null when kind is not (ReplyKind.Answer or ReplyKind.Help):
                failures.Add($"expected an answer, got {kind}");
                break;
        }

        return failures;
    }

    /// <summary>
    /// What of <paramref name="reply"/> a user does not see in <paramref name="text"/> (a transport's output as plain text):
    /// each section item whole on one line (label, detail, citation numbers) and each source by its title.
    /// </summary>
    public static List<string> NotShown(Reply reply, string text)
    {
        ArgumentNullException.ThrowIfNull(reply);
        var missing = new List<string>();
        foreach (var item in reply.Blocks.OfType<Section>().SelectMany(s => s.Items))
        {
            var line = item.Label + (string.IsNullOrWhiteSpace(item.Detail) ? "" : " — " + item.Detail.ReplaceLineEndings(" ")) + PlainTextRenderer.Cites(item.Citations);
            if (!text.Contains(line, StringComparison.Ordinal))
            {
                missing.Add($"item not shown whole: “{line}”");
            }
        }

        missing.AddRange(reply.Citations.Where(c => !text.Contains(c.Title, StringComparison.Ordinal)).Select(c => $"source [{c.Number}] “{c.Title}” not shown"));
        return missing;
    }

    private sealed class QuestionsDocument
    {
        [JsonPropertyName("questions")]
        public List<Question> Questions { get; set; } = [];
    }
}

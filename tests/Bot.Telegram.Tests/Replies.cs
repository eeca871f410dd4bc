using Bot.Core.Replies;

namespace Bot.Telegram.Tests;

/// <summary>Replies as the core would build them, for transport tests.</summary>
internal static class Replies
{
    public static Reply Members(string org, params (string Name, string Role)[] members) => new(
        ReplyKind.Answer,
        $"Members of {org}",
        [
            new Paragraph($"{members.Length} people are named as members of {org}."),
            new Section("Members", [.. members.Select((m, i) => new ReplyItem(m.Name, m.Role, [1 + (i % 2)]))]),
        ],
        [
            new Citation(1, "BSN congress elects new board", "https://news.example/bsn-board?a=1&b=2", "Daily Post", new DateOnly(2019, 6, 8)),
            new Citation(2, "Party statement", null, "statement.txt", null),
        ],
        [],
        "Based on 2 articles, 8 Jun 2019");

    /// <summary>A reply whose one section holds <paramref name="count"/> items of about <paramref name="itemLength"/> visible characters.</summary>
    public static Reply Long(int count, int itemLength) => new(
        ReplyKind.Answer,
        "Search results",
        [new Section("Hits", [.. Enumerable.Range(1, count).Select(i => new ReplyItem($"Item {i:D3}", new string('x', itemLength - 20) + $" <{i}>", [1]))])],
        [],
        []);
}

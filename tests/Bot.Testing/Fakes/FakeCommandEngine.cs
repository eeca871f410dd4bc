using System.Collections.Concurrent;
using Bot.Core.Commands;
using Bot.Core.Replies;

namespace Bot.Testing.Fakes;

/// <summary>
/// A hand-written <see cref="ICommandEngine"/> for transport tests (the real engine is <c>AddKnowledge</c>'s): the five
/// commands, a canned <c>/members BSN</c> answer with sources, an ambiguous <c>/members Bank</c>, names for autocomplete,
/// an echo of any other command, and hooks to make replies custom or slow. It records every request.
/// </summary>
public sealed class FakeCommandEngine : ICommandEngine
{
    private readonly ConcurrentQueue<CommandRequest> _requests = new();

    /// <summary>The names autocomplete draws from (entity names and aliases).</summary>
    public IReadOnlyList<string> Names { get; set; } =
    [
        "Blockchain Services Network", "BSN", "WeBank", "Weizhong Bank", "Webank AI Lab", "China Mobile", "China Telecom",
        "China UnionPay", "China Merchants Bank", "Huobi China", "State Information Center", "Red Date Technology",
    ];

    /// <summary>When set, answers every command instead of the canned replies.</summary>
    public Func<CommandRequest, Reply>? Respond { get; set; }

    /// <summary>When set, every command waits for this before answering (a slow core).</summary>
    public TaskCompletionSource? Gate { get; set; }

    /// <summary>Every request the engine was asked, in order.</summary>
    public IReadOnlyList<CommandRequest> Requests => [.. _requests];

    /// <inheritdoc />
    public IReadOnlyList<CommandInfo> Commands { get; set; } =
    [
        new("members", "Members of a consortium, alliance or network", "/members <name>", CommandArgument.EntityName, "name", true),
        new("about", "What the articles say about a company or organisation", "/about <name>", CommandArgument.EntityName, "name", true),
        new("search", "Articles that mention some words", "/search <words>", CommandArgument.Text, "words", true),
        new("latest", "The latest articles", "/latest [n]", CommandArgument.Number, "n", false),
        new("help", "What the bot can answer", "/help", CommandArgument.None, null, false),
    ];

    /// <summary>The canned answer to <c>/members BSN</c>, shaped like the real one.</summary>
    public static Reply BsnMembers { get; } = new(
        ReplyKind.Answer,
        "Members of Blockchain Services Network (BSN)",
        [
            new Section("Founding members",
            [
                new ReplyItem("State Information Center", "leads the network", [1, 2]),
                new ReplyItem("China Mobile", null, [1, 2]),
                new ReplyItem("China UnionPay", null, [1]),
                new ReplyItem("China Telecom", null, [2]),
                new ReplyItem("China Merchants Bank", null, [3]),
                new ReplyItem("Huobi China", "joined later", [3]),
                new ReplyItem("WeBank", "also called Weizhong Bank", [3]),
            ]),
        ],
        [
            new Citation(1, "China's Blockchain Service Network to launch globally", "https://news.example/bsn-launch", "000_c81238c294599553.txt", new DateOnly(2019, 10, 15)),
            new Citation(2, "BSN opens to developers", "https://news.example/bsn-developers", "001_c0cef06f19ac3310.txt", new DateOnly(2019, 11, 9)),
            new Citation(3, "Huobi China joins BSN", null, "002_3aa5ccf95f2b9b28.txt", new DateOnly(2019, 8, 1)),
        ],
        [],
        "Based on 3 articles, 1 Aug 2019 – 9 Nov 2019");

    /// <summary>The reply to any command without a canned answer: "Echo" and the command text.</summary>
    public static Reply Echo(CommandRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return Reply.Text(ReplyKind.Answer, "Echo", request.Text);
    }

    /// <inheritdoc />
    public async ValueTask<Reply> HandleAsync(CommandRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        _requests.Enqueue(request);
        if (Gate is { } gate)
        {
            await gate.Task.WaitAsync(cancellationToken);
        }

        if (Respond is { } respond)
        {
            return respond(request);
        }

        var parts = request.Text.Split(' ', 2, StringSplitOptions.TrimEntries);
        var argument = parts.Length > 1 ? parts[1] : "";
        return parts[0].ToLowerInvariant() switch
        {
            "/members" when argument.Equals("BSN", StringComparison.OrdinalIgnoreCase) => BsnMembers,
            "/members" when argument.Equals("Bank", StringComparison.OrdinalIgnoreCase) => Reply.Text(
                ReplyKind.Ambiguous, "Which one?", "\"Bank\" fits several names.",
                [new ReplyChoice("WeBank", "/members WeBank"), new ReplyChoice("China Merchants Bank", "/members China Merchants Bank")]),
            "/members" when argument.Length > 0 => Reply.Text(ReplyKind.NotFound, "Not found", "I know nothing about " + argument + "."),
            _ => Echo(request),
        };
    }

    /// <inheritdoc />
    public IReadOnlyList<string> CompleteNames(string prefix, int max)
    {
        ArgumentNullException.ThrowIfNull(prefix);
        return Names.Where(n => n.StartsWith(prefix, StringComparison.OrdinalIgnoreCase)).OrderBy(n => n.Length)
            .Concat(Names.Where(n => !n.StartsWith(prefix, StringComparison.OrdinalIgnoreCase) && n.Contains(prefix, StringComparison.OrdinalIgnoreCase)))
            .Take(max)
            .ToList();
    }

    /// <inheritdoc />
    public bool IsCommandFor(string text, string? botUsername)
    {
        ArgumentNullException.ThrowIfNull(text);
        var trimmed = text.TrimStart();
        if (!trimmed.StartsWith('/'))
        {
            return false;
        }

        var end = trimmed.AsSpan().IndexOfAny(' ', '\n', '\t');
        var word = end < 0 ? trimmed : trimmed[..end];
        var at = word.IndexOf('@', StringComparison.Ordinal);
        return at < 0 || botUsername is null || string.Equals(word[(at + 1)..], botUsername, StringComparison.OrdinalIgnoreCase);
    }
}

using Bot.Core.Replies;

namespace Bot.Core.Commands;

/// <summary>
/// One built-in command: its description and how it answers, synchronously (the store is local). Handlers never throw
/// for bad input. As an <see cref="IChatCommand"/> it answers with an already completed task, so the engine routes
/// built-in and added commands through one dictionary.
/// </summary>
internal interface ICommandHandler : IChatCommand
{
    Reply Handle(string argument, CommandRequest request);

    ValueTask<Reply> IChatCommand.HandleAsync(string argument, CommandRequest request, CancellationToken cancellationToken) =>
        new(Handle(argument, request));
}

/// <summary>Replies shared by the handlers: usage, unknown names, ambiguous names.</summary>
internal static class Replies
{
    public static Reply Usage(CommandInfo info, string? why = null) =>
        Reply.Text(ReplyKind.Usage, "How to use /" + info.Name, (why is null ? string.Empty : why + "\n") + "Usage: " + info.Usage + "\n" + info.Description);

    /// <summary>The entity <paramref name="argument"/> names, or the reply to send instead: usage when it is empty, a choice, a suggestion or not-found.</summary>
    public static Reply? FindEntity(EntityLookup lookup, CommandInfo info, string argument, string usageHint, out Knowledge.EntityRecord entity)
    {
        entity = null!;
        if (argument.Length == 0)
        {
            return Usage(info, usageHint);
        }

        var result = lookup.Find(argument);
        if (result is Found found)
        {
            entity = found.Entity;
            return null;
        }

        return NotResolved(result, info.Name, argument);
    }

    /// <summary>"Members (10 of 1,204)" when a section lists only the first of its lines.</summary>
    public static string Heading(string heading, int listed, int total) => total > listed ? $"{heading} ({listed} of {total:N0})" : heading;

    /// <summary>Cites an answer line; its detail, followed by "37 more articles" when more articles state it than are cited.</summary>
    public static string? Cite(Sources sources, Knowledge.AnswerLine line, string? detail, out IReadOnlyList<int> cited)
    {
        cited = sources.Cite(line, out var uncited);
        var more = uncited > 0 ? $"{uncited:N0} more articles" : null;
        return detail is null ? more : more is null ? detail : detail + "; " + more;
    }

    public static Reply NotResolved(Lookup lookup, string command, string name) => lookup switch
    {
        Ambiguous a => new Reply(
            ReplyKind.Ambiguous,
            "Which one do you mean?",
            [new Paragraph($"“{name}” fits {a.Entities.Count} names equally well. Pick one:")],
            [],
            [.. a.Entities.Select(e => new ReplyChoice(e.Name, $"/{command} {e.Name}"))]),
        Unknown { Suggestions.Count: > 0 } u => new Reply(
            ReplyKind.Suggestion,
            "Not found",
            [new Paragraph($"I know nothing about “{name}”. Did you mean {string.Join(" or ", u.Suggestions.Select(s => "“" + s + "”"))}?")],
            [],
            [.. u.Suggestions.Select(s => new ReplyChoice(s, $"/{command} {s}"))]),
        _ => Reply.Text(ReplyKind.NotFound, "Not found",
            $"I know nothing about “{name}”: no article in the dataset names it. Try /search with other words, or /sources for what I have read."),
    };
}

using Bot.Core.Replies;

namespace Bot.Core.Commands;

/// <summary>
/// A command another part of the core adds to the engine (the digest commands), registered in DI. Like the built-in
/// handlers it never throws for bad input: usage, refusals and not-found are replies.
/// </summary>
public interface IChatCommand
{
    /// <summary>Its name, usage and argument, for help and platform menus.</summary>
    CommandInfo Info { get; }

    /// <summary>Answers the command; <paramref name="argument"/> is the text after the command name, trimmed.</summary>
    ValueTask<Reply> HandleAsync(string argument, CommandRequest request, CancellationToken cancellationToken);
}

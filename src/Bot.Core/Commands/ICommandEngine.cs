using Bot.Core.Replies;

namespace Bot.Core.Commands;

/// <summary>The one entry point every transport uses: text in, platform-neutral reply out.</summary>
public interface ICommandEngine
{
    /// <summary>The commands, in the order help lists them.</summary>
    IReadOnlyList<CommandInfo> Commands { get; }

    /// <summary>Answers one command. Never throws for bad input: usage, not-found and refusals are replies.</summary>
    ValueTask<Reply> HandleAsync(CommandRequest request, CancellationToken cancellationToken);

    /// <summary>Known entity names and aliases that start with (or contain) <paramref name="prefix"/>, best first, for autocomplete.</summary>
    IReadOnlyList<string> CompleteNames(string prefix, int max);

    /// <summary>True when <paramref name="text"/> is a command addressed to this bot (starts with '/', and any @suffix names <paramref name="botUsername"/>).</summary>
    bool IsCommandFor(string text, string? botUsername);
}

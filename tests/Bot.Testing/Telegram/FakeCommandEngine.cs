using System.Collections.Concurrent;
using Bot.Core.Commands;
using Bot.Core.Replies;

namespace Bot.Testing.Telegram;

/// <summary>
/// A hand-written <see cref="ICommandEngine"/> for transport tests, until the real engine lands: it answers every
/// command with <see cref="Respond"/> (by default a reply echoing the command) and records the requests.
/// </summary>
public sealed class FakeCommandEngine : ICommandEngine
{
    /// <summary>Builds the reply for a request; replace it to return any reply.</summary>
    public Func<CommandRequest, Reply> Respond { get; set; } = request => Reply.Text(ReplyKind.Answer, "Echo", request.Text);

    /// <summary>Every request the engine was asked, in order.</summary>
    public ConcurrentQueue<CommandRequest> Requests { get; } = new();

    /// <inheritdoc/>
    public IReadOnlyList<CommandInfo> Commands { get; set; } =
    [
        new("members", "Who belongs to an organisation", "/members <name>", CommandArgument.EntityName, "name", true),
        new("about", "What the articles say about a name", "/about <name>", CommandArgument.EntityName, "name", true),
        new("search", "Search the articles", "/search <words>", CommandArgument.Text, "words", true),
        new("help", "How to use the bot", "/help", CommandArgument.None, null, false),
    ];

    /// <inheritdoc/>
    public ValueTask<Reply> HandleAsync(CommandRequest request, CancellationToken cancellationToken)
    {
        Requests.Enqueue(request);
        return ValueTask.FromResult(Respond(request));
    }

    /// <inheritdoc/>
    public IReadOnlyList<string> CompleteNames(string prefix, int max) => [];

    /// <inheritdoc/>
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

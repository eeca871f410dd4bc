using System.Collections.Frozen;
using Bot.Core.Knowledge;
using Bot.Core.Replies;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Bot.Core.Commands;

/// <summary>
/// The router every transport calls: parses "/name@Bot argument", refuses over-long arguments, and hands the rest to
/// one small handler per command through a case-insensitive frozen dictionary.
/// </summary>
public sealed partial class CommandEngine : ICommandEngine
{
    private readonly FrozenDictionary<string, IChatCommand> _commands;
    private readonly IKnowledgeReader _knowledge;
    private readonly IOptions<CommandOptions> _options;
    private readonly ILogger<CommandEngine> _logger;

    /// <summary>Creates the engine over a knowledge reader, with the commands other parts of the core add (digests).</summary>
    public CommandEngine(IKnowledgeReader knowledge, IOptions<CommandOptions> options, ILogger<CommandEngine> logger, IEnumerable<IChatCommand>? extraCommands = null)
    {
        _knowledge = knowledge;
        _options = options;
        _logger = logger;
        var lookup = new EntityLookup(knowledge, options);
        var cache = new ReplyCache(knowledge, options.Value.ReplyCacheSize);
        var infos = new List<CommandInfo>();
        ICommandHandler[] handlers =
        [
            new StartCommand(() => infos),
            new HelpCommand(() => infos),
            new MembersCommand(knowledge, lookup, cache),
            new AboutCommand(knowledge, lookup, cache),
            new SearchCommand(knowledge, options),
            new LatestCommand(knowledge, options),
            new ArticleCommand(knowledge),
            new SourcesCommand(knowledge),
        ];
        // An added command never replaces a built-in one of the same name; two added ones of the same name are an error.
        var builtIn = handlers.Select(h => h.Info.Name).ToHashSet(StringComparer.OrdinalIgnoreCase);
        IChatCommand[] commands = [.. handlers, .. (extraCommands ?? []).Where(c => !builtIn.Contains(c.Info.Name))];
        _commands = commands.ToFrozenDictionary(c => c.Info.Name, StringComparer.OrdinalIgnoreCase);
        infos.AddRange(commands.Select(c => c.Info));
        Commands = infos;
    }

    /// <inheritdoc />
    public IReadOnlyList<CommandInfo> Commands { get; }

    /// <inheritdoc />
    public bool IsCommandFor(string text, string? botUsername) =>
        CommandText.TryParse(text, out var command)
        && (command.Addressee is null || botUsername is null || string.Equals(command.Addressee, botUsername, StringComparison.OrdinalIgnoreCase));

    /// <inheritdoc />
    public async ValueTask<Reply> HandleAsync(CommandRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        cancellationToken.ThrowIfCancellationRequested();
        if (!CommandText.TryParse(request.Text, out var command))
        {
            return Reply.Text(ReplyKind.Usage, "Not a command", "Commands start with a slash, like /members followed by a name. Send /help for the list.");
        }

        if (!_commands.TryGetValue(command.Name, out var handler))
        {
            return Reply.Text(ReplyKind.Usage, "Unknown command", $"I don't know /{Shorten(command.Name)}. Send /help for the commands I understand.");
        }

        var info = handler.Info;

        if (command.Argument.Length > _options.Value.MaxArgumentLength)
        {
            return Reply.Text(ReplyKind.Refusal, "Too long",
                $"That is {command.Argument.Length} characters; /{info.Name} takes at most {_options.Value.MaxArgumentLength}. Please shorten it.");
        }

        try
        {
            return await handler.HandleAsync(command.Argument, request, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogHandlerFailed(_logger, e, info.Name);
            return Reply.Text(ReplyKind.Refusal, "Something went wrong", "I could not answer that just now. Please try again in a moment.");
        }
    }

    /// <inheritdoc />
    public IReadOnlyList<string> CompleteNames(string prefix, int max)
    {
        prefix = prefix.Trim();
        if (max <= 0)
        {
            return [];
        }

        if (prefix.Length == 0)
        {
            return _knowledge.NamesStartingWith(string.Empty, max);
        }

        var names = _knowledge.NamesStartingWith(prefix, max).ToList();
        if (names.Count < max && prefix.Length >= 3)
        {
            // Then names with a word that starts with the prefix ("Bank" → "China Merchants Bank International").
            foreach (var (name, _) in _knowledge.AllNames())
            {
                if (names.Count >= max)
                {
                    break;
                }

                if (!names.Contains(name, StringComparer.OrdinalIgnoreCase)
                    && name.Split(' ').Any(w => w.StartsWith(prefix, StringComparison.OrdinalIgnoreCase)))
                {
                    names.Add(name);
                }
            }
        }

        return names;
    }

    private static string Shorten(string name) => name.Length <= 32 ? name : name[..32] + "…";

    [LoggerMessage(EventId = 1061, Level = LogLevel.Error, Message = "Command /{Command} failed")]
    private static partial void LogHandlerFailed(ILogger logger, Exception exception, string command);
}

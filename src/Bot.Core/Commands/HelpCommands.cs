using System.Text;
using Bot.Core.Replies;

namespace Bot.Core.Commands;

/// <summary>/help: every command with its usage.</summary>
internal sealed class HelpCommand(Func<IReadOnlyList<CommandInfo>> commands) : ICommandHandler
{
    public CommandInfo Info { get; } = new("help", "List the commands", "/help", CommandArgument.None, null, false);

    public Reply Handle(string argument, CommandRequest request) => Build(commands());

    internal static Reply Build(IReadOnlyList<CommandInfo> commands) => new(
        ReplyKind.Help,
        "Commands",
        [
            new Paragraph("I answer from the news articles I have read, and cite them."),
            new Section("Commands", [.. commands.Where(c => c.Name != "start").Select(c => new ReplyItem(c.Usage, c.Description, []))]),
            new Paragraph("Names work with any spelling or acronym the articles use: /members and /about take a name, /search any words."),
        ],
        [],
        []);
}

/// <summary>/start: a welcome and the help.</summary>
internal sealed class StartCommand(Func<IReadOnlyList<CommandInfo>> commands) : ICommandHandler
{
    public CommandInfo Info { get; } = new("start", "Start and see what the bot can do", "/start", CommandArgument.None, null, false);

    public Reply Handle(string argument, CommandRequest request)
    {
        var help = HelpCommand.Build(commands());
        var text = new StringBuilder("Hello! I read news articles and tell you who is who: members of alliances, what organisations are, who runs them.");
        return help with { Title = "Welcome", Blocks = [new Paragraph(text.ToString()), .. help.Blocks.Skip(1)] };
    }
}

using System.Text.RegularExpressions;
using Bot.Core.Commands;
using Bot.Discord.Rest;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Bot.Discord.Interactions;

/// <summary>
/// Registers the core's commands as application commands on start by bulk overwrite: per guild when
/// <see cref="DiscordOptions.GuildId"/> is set (instant), otherwise globally. Entity-name arguments
/// become STRING options with autocomplete.
/// </summary>
internal sealed partial class CommandRegistrar(ICommandEngine engine, DiscordRestClient rest, IOptions<DiscordOptions> options, ILogger<CommandRegistrar> logger)
{
    private const int OptionString = 3;
    private const int OptionInteger = 4;

    public async Task RegisterAsync(CancellationToken cancellationToken)
    {
        var commands = Build(engine.Commands);
        var guildId = string.IsNullOrWhiteSpace(options.Value.GuildId) ? null : options.Value.GuildId;
        await rest.BulkOverwriteCommandsAsync(commands, guildId, cancellationToken).ConfigureAwait(false);
        LogRegistered(commands.Count, guildId is null ? "global" : "guild");
    }

    internal static IReadOnlyList<ApplicationCommand> Build(IReadOnlyList<CommandInfo> commands) =>
        commands
            .Select(c => (Info: c, Name: CommandName(c.Name)))
            .Where(c => c.Name is not null)
            .DistinctBy(c => c.Name, StringComparer.Ordinal)
            .Take(100)
            .Select(c => new ApplicationCommand(c.Name!, Description(c.Info.Description, c.Name!), Options(c.Info)))
            .ToList();

    private static IReadOnlyList<ApplicationCommandOption>? Options(CommandInfo info)
    {
        if (info.Argument == CommandArgument.None)
        {
            return null;
        }

        var name = CommandName(info.ArgumentName ?? "") ?? "value";
        var option = info.Argument switch
        {
            CommandArgument.EntityName => new ApplicationCommandOption(OptionString, name, "A name or alias (suggestions appear as you type)", info.ArgumentRequired, Autocomplete: true),
            CommandArgument.Number => new ApplicationCommandOption(OptionInteger, name, "A whole number", info.ArgumentRequired),
            _ => new ApplicationCommandOption(OptionString, name, "Words to look for", info.ArgumentRequired),
        };
        return [option];
    }

    private static string Description(string description, string name)
    {
        var text = description.Trim();
        if (text.Length == 0)
        {
            text = name;
        }

        return text.Length <= 100 ? text : text[..99] + "…";
    }

    /// <summary>Discord's command name rule: lowercase, 1–32 of letters, digits, '-', '_' and '\''; null when nothing is left.</summary>
    internal static string? CommandName(string name)
    {
        var lowered = NotAllowed().Replace(name.Trim().TrimStart('/').ToLowerInvariant(), "");
        if (lowered.Length > 32)
        {
            lowered = lowered[..32];
        }

        return lowered.Length == 0 ? null : lowered;
    }

    [GeneratedRegex(@"[^-_'\p{L}\p{N}]")]
    private static partial Regex NotAllowed();

    [LoggerMessage(EventId = 4200, Level = LogLevel.Information, Message = "Registered {Count} Discord application commands ({Scope})")]
    private partial void LogRegistered(int count, string scope);
}

namespace Bot.Core.Commands;

/// <summary>
/// A command as a transport hands it to the core: the raw text the user sent ("/members OLN",
/// "/members@NewsBot OLN"), and who sent it where. Platform types never cross into the core.
/// </summary>
/// <param name="Text">The message text as sent, starting with the command.</param>
/// <param name="Platform">"telegram", "discord", "console".</param>
/// <param name="ChatId">The chat, channel or DM id as a string.</param>
/// <param name="UserId">The sender, when known.</param>
/// <param name="BotUsername">The bot's own username, so "/cmd@OtherBot" can be told apart; null accepts any.</param>
public sealed record CommandRequest(string Text, string Platform, string ChatId, string? UserId = null, string? BotUsername = null);

/// <summary>A command the engine knows, for help texts and platform menus (Telegram setMyCommands, Discord application commands).</summary>
/// <param name="Name">The name without slash, lowercase ("members").</param>
/// <param name="Description">One line for menus (at most 100 characters).</param>
/// <param name="Usage">How to call it ("/members &lt;name&gt;").</param>
/// <param name="Argument">The argument's kind, or <see cref="CommandArgument.None"/>.</param>
/// <param name="ArgumentName">The argument's name for platforms that name options ("name", "words", "n").</param>
/// <param name="ArgumentRequired">True when the command cannot run without its argument.</param>
public sealed record CommandInfo(string Name, string Description, string Usage, CommandArgument Argument, string? ArgumentName, bool ArgumentRequired);

/// <summary>What a command's argument is, so platforms can offer the right input (autocomplete for entity names).</summary>
public enum CommandArgument
{
    /// <summary>No argument.</summary>
    None,
    /// <summary>An entity name: platforms offer autocomplete from <see cref="ICommandEngine.CompleteNames"/>.</summary>
    EntityName,
    /// <summary>Free text.</summary>
    Text,
    /// <summary>A whole number.</summary>
    Number,
}

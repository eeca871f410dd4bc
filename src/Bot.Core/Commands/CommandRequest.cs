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
/// <param name="Chat">What kind of chat it came from: commands that change a chat's settings check the sender's rights in groups.</param>
/// <param name="Rights">How the transport tells whether the sender may change the chat's settings (Telegram getChatMember, Discord the member's permissions); needed in groups.</param>
public sealed record CommandRequest(
    string Text,
    string Platform,
    string ChatId,
    string? UserId = null,
    string? BotUsername = null,
    ChatKind Chat = ChatKind.Private,
    ISenderRights? Rights = null);

/// <summary>What kind of chat a command came from.</summary>
public enum ChatKind
{
    /// <summary>A one-to-one chat with the bot (or the console): the sender owns its settings.</summary>
    Private,
    /// <summary>A group, supergroup or guild channel: only administrators change its settings.</summary>
    Group,
    /// <summary>A broadcast channel: only its administrators can post, so a command there comes from one.</summary>
    Channel,
}

/// <summary>The transport's answer to "may this sender change this chat's settings?", asked only by commands that change them.</summary>
public interface ISenderRights
{
    /// <summary>True when the sender administers the chat (Telegram: creator or administrator; Discord: Administrator or Manage Server).</summary>
    ValueTask<bool> CanManageChatAsync(CancellationToken cancellationToken);
}

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

using System.Text.Json;
using Bot.Core.Commands;
using Bot.Discord.Rendering;
using Bot.Discord.Rest;
using Microsoft.Extensions.Logging;

namespace Bot.Discord.Interactions;

/// <summary>
/// The optional <c>!members OLN</c> text commands (MESSAGE_CREATE; needs the privileged MESSAGE_CONTENT
/// intent, so it only runs when <see cref="DiscordOptions.EnableTextCommands"/> is set).
/// </summary>
internal sealed partial class TextCommandHandler(ICommandEngine engine, DiscordRestClient rest, ILogger<TextCommandHandler> logger)
{
    public const char Prefix = '!';

    public async Task HandleAsync(JsonElement message, CancellationToken cancellationToken)
    {
        if (message.TryGetProperty("author", out var author) && author.TryGetProperty("bot", out var bot) && bot.ValueKind == JsonValueKind.True)
        {
            return;
        }

        var content = message.TryGetProperty("content", out var c) && c.ValueKind == JsonValueKind.String ? c.GetString() ?? "" : "";
        if (content.Length < 2 || content[0] != Prefix || !char.IsAsciiLetter(content[1]))
        {
            return;
        }

        var text = "/" + content[1..].Trim();
        if (!engine.IsCommandFor(text, null))
        {
            return;
        }

        var channelId = message.GetProperty("channel_id").GetString() ?? "";
        var messageId = message.GetProperty("id").GetString() ?? "";
        var userId = author.ValueKind == JsonValueKind.Object && author.TryGetProperty("id", out var uid) ? uid.GetString() : null;
        using var scope = logger.BeginScope(new Dictionary<string, object?> { ["Platform"] = "discord", ["ChannelId"] = channelId, ["MessageId"] = messageId });
        var commandName = text.Split(' ', 2)[0];
        LogTextCommand(commandName);
        // A message carries the member's roles but not their permissions in the channel (roles, overwrites and the
        // owner would have to be fetched and combined): in guilds, no rights, and the core points to the slash command.
        var chat = message.TryGetProperty("guild_id", out var guild) && guild.ValueKind == JsonValueKind.String ? ChatKind.Group : ChatKind.Private;
        var reply = await engine.HandleAsync(new CommandRequest(text, "discord", channelId, userId, Chat: chat), cancellationToken).ConfigureAwait(false);
        var messages = EmbedRenderer.Render(reply);
        for (var i = 0; i < messages.Count; i++)
        {
            var payload = i == 0 ? messages[i] with { MessageReference = new MessageReference(messageId) } : messages[i];
            await rest.CreateMessageAsync(channelId, payload, cancellationToken).ConfigureAwait(false);
        }
    }

    [LoggerMessage(EventId = 4310, Level = LogLevel.Information, Message = "Discord text command {Command}")]
    private partial void LogTextCommand(string command);
}

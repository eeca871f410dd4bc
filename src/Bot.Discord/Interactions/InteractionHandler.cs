using System.Globalization;
using System.Text;
using System.Text.Json;
using Bot.Core.Commands;
using Bot.Core.Replies;
using Bot.Discord.Rendering;
using Bot.Discord.Rest;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Bot.Discord.Interactions;

/// <summary>
/// Answers INTERACTION_CREATE: slash commands (type 2) and button clicks (type 3) run through the core
/// and come back as embeds (deferred with type 5 and an edit of the original when the core is slow);
/// autocomplete (type 4) answers with at most 25 known names (type 8).
/// </summary>
internal sealed partial class InteractionHandler(
    ICommandEngine engine,
    DiscordRestClient rest,
    IOptions<DiscordOptions> options,
    TimeProvider time,
    ILogger<InteractionHandler> logger)
{
    internal const int MaxAutocompleteChoices = 25;
    private const int ChoiceLimit = 100;
    private const int ApplicationCommand = 2;
    private const int MessageComponent = 3;
    private const int Autocomplete = 4;

    public async Task HandleAsync(JsonElement interaction, CancellationToken cancellationToken)
    {
        var id = interaction.GetProperty("id").GetString() ?? throw new JsonException("interaction without id");
        var token = interaction.GetProperty("token").GetString() ?? throw new JsonException("interaction without token");
        var type = interaction.GetProperty("type").GetInt32();
        var channelId = Str(interaction, "channel_id") ?? (interaction.TryGetProperty("channel", out var ch) ? Str(ch, "id") : null) ?? "";
        var userId = interaction.TryGetProperty("member", out var member) && member.TryGetProperty("user", out var mu) ? Str(mu, "id")
            : interaction.TryGetProperty("user", out var user) ? Str(user, "id") : null;

        using var scope = logger.BeginScope(new Dictionary<string, object?> { ["Platform"] = "discord", ["ChannelId"] = channelId, ["InteractionId"] = id });
        var data = interaction.TryGetProperty("data", out var d) ? d : default;
        var (chat, rights) = MemberPermissions.Of(interaction);
        var sender = new Sender(channelId, userId, chat, rights);
        switch (type)
        {
            case Autocomplete:
                await AutocompleteAsync(id, token, data, cancellationToken).ConfigureAwait(false);
                break;
            case ApplicationCommand:
                await RunAsync(id, token, CommandText(data), sender, cancellationToken).ConfigureAwait(false);
                break;
            case MessageComponent:
                var customId = Str(data, "custom_id") ?? "";
                if (customId.StartsWith(EmbedRenderer.CommandPrefix, StringComparison.Ordinal))
                {
                    await RunAsync(id, token, customId[EmbedRenderer.CommandPrefix.Length..], sender, cancellationToken).ConfigureAwait(false);
                }
                else
                {
                    LogUnknownComponent(customId.Length);
                }

                break;
            default:
                LogUnknownInteraction(type);
                break;
        }
    }

    /// <summary>The command text the core understands: "/members OLN".</summary>
    internal static string CommandText(JsonElement data)
    {
        var sb = new StringBuilder("/").Append(Str(data, "name"));
        if (data.ValueKind == JsonValueKind.Object && data.TryGetProperty("options", out var opts) && opts.ValueKind == JsonValueKind.Array)
        {
            foreach (var option in opts.EnumerateArray())
            {
                if (option.TryGetProperty("value", out var value) && OptionValue(value) is { Length: > 0 } text)
                {
                    sb.Append(' ').Append(text);
                }
            }
        }

        return sb.ToString();
    }

    private async Task AutocompleteAsync(string id, string token, JsonElement data, CancellationToken cancellationToken)
    {
        var prefix = "";
        if (data.ValueKind == JsonValueKind.Object && data.TryGetProperty("options", out var opts) && opts.ValueKind == JsonValueKind.Array)
        {
            foreach (var option in opts.EnumerateArray())
            {
                if (option.TryGetProperty("focused", out var focused) && focused.ValueKind == JsonValueKind.True && option.TryGetProperty("value", out var value))
                {
                    prefix = OptionValue(value) ?? "";
                }
            }
        }

        var names = engine.CompleteNames(prefix.Trim(), MaxAutocompleteChoices);
        var choices = names
            .Where(n => n.Length is > 0 and <= ChoiceLimit)
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .Take(MaxAutocompleteChoices)
            .Select(n => new AutocompleteChoice(n, n))
            .ToList();
        await rest.CreateInteractionResponseAsync(id, token, new InteractionResponse(InteractionResponse.AutocompleteResult, new AutocompleteData(choices)), cancellationToken).ConfigureAwait(false);
        LogAutocomplete(prefix.Length, choices.Count);
    }

    private async Task RunAsync(string id, string token, string text, Sender sender, CancellationToken cancellationToken)
    {
        var commandName = text.Split(' ', 2)[0];
        LogCommand(commandName);
        var work = ReplyAsync(new CommandRequest(text, "discord", sender.ChannelId, sender.UserId, Chat: sender.Chat, Rights: sender.Rights), cancellationToken);
        using var deferCts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var timer = Task.Delay(options.Value.DeferAfter, time, deferCts.Token);
        if (await Task.WhenAny(work, timer).ConfigureAwait(false) == work)
        {
            await deferCts.CancelAsync().ConfigureAwait(false);
            var messages = EmbedRenderer.Render(await work.ConfigureAwait(false));
            await rest.CreateInteractionResponseAsync(id, token, new InteractionResponse(InteractionResponse.ChannelMessageWithSource, messages[0]), cancellationToken).ConfigureAwait(false);
            await FollowUpAsync(token, messages, cancellationToken).ConfigureAwait(false);
            return;
        }

        LogDeferred(options.Value.DeferAfter.TotalMilliseconds);
        await rest.CreateInteractionResponseAsync(id, token, new InteractionResponse(InteractionResponse.DeferredChannelMessageWithSource), cancellationToken).ConfigureAwait(false);
        var rendered = EmbedRenderer.Render(await work.ConfigureAwait(false));
        await rest.EditOriginalResponseAsync(token, rendered[0], cancellationToken).ConfigureAwait(false);
        await FollowUpAsync(token, rendered, cancellationToken).ConfigureAwait(false);
    }

    private async Task FollowUpAsync(string token, IReadOnlyList<MessagePayload> messages, CancellationToken cancellationToken)
    {
        for (var i = 1; i < messages.Count; i++)
        {
            await rest.CreateFollowupAsync(token, messages[i], cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task<Reply> ReplyAsync(CommandRequest request, CancellationToken cancellationToken)
    {
        try
        {
            return await engine.HandleAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogEngineFailed(ex);
            return Reply.Text(ReplyKind.Refusal, "Something went wrong", "Sorry, that command failed. Please try again later.");
        }
    }

    private static string? Str(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static string? OptionValue(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString(),
        JsonValueKind.Number => value.GetRawText(),
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        _ => null,
    };

    [LoggerMessage(EventId = 4300, Level = LogLevel.Information, Message = "Discord command {Command}")]
    private partial void LogCommand(string command);

    [LoggerMessage(EventId = 4301, Level = LogLevel.Debug, Message = "Discord autocomplete for {PrefixLength} characters offered {Count} choices")]
    private partial void LogAutocomplete(int prefixLength, int count);

    [LoggerMessage(EventId = 4302, Level = LogLevel.Information, Message = "Discord command still running after {DeferAfterMs} ms: deferred")]
    private partial void LogDeferred(double deferAfterMs);

    [LoggerMessage(EventId = 4303, Level = LogLevel.Error, Message = "The command engine failed")]
    private partial void LogEngineFailed(Exception exception);

    [LoggerMessage(EventId = 4304, Level = LogLevel.Warning, Message = "Discord interaction of unknown type {Type} skipped")]
    private partial void LogUnknownInteraction(int type);

    [LoggerMessage(EventId = 4305, Level = LogLevel.Warning, Message = "Discord component with an unknown custom id ({Length} characters) skipped")]
    private partial void LogUnknownComponent(int length);

    /// <summary>Who asked where: the channel, the user, and in guilds the member's rights.</summary>
    private sealed record Sender(string ChannelId, string? UserId, ChatKind Chat, ISenderRights? Rights);
}

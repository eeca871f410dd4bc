using System.Net;

namespace Bot.Discord.Rest;

/// <summary>A REST call Discord refused, with its JSON error <c>code</c> (10062 unknown interaction, 40060 already acknowledged, 50013 missing permissions…).</summary>
public sealed class DiscordApiException : Exception
{
    public DiscordApiException()
    {
    }

    public DiscordApiException(string message) : base(message)
    {
    }

    public DiscordApiException(string message, Exception innerException) : base(message, innerException)
    {
    }

    public DiscordApiException(HttpStatusCode status, int? code, string message, string route)
        : base($"Discord answered {(int)status} on {route}: {message}" + (code is null ? "" : $" (code {code})"))
    {
        Status = status;
        Code = code;
        Route = route;
    }

    /// <summary>The HTTP status.</summary>
    public HttpStatusCode Status { get; }

    /// <summary>Discord's JSON error code, when the body carried one.</summary>
    public int? Code { get; }

    /// <summary>The route template (no ids, no tokens).</summary>
    public string Route { get; } = "";

    /// <summary>Unknown interaction: the 3-second window passed.</summary>
    public const int UnknownInteraction = 10062;

    /// <summary>The interaction was already acknowledged.</summary>
    public const int AlreadyAcknowledged = 40060;

    /// <summary>Unknown channel: deleted, or never there.</summary>
    public const int UnknownChannel = 10003;

    /// <summary>Missing access: the bot cannot see the channel (removed from the guild, channel hidden from it).</summary>
    public const int MissingAccess = 50001;

    /// <summary>Cannot send messages to this user: their DMs are closed to the bot.</summary>
    public const int CannotMessageUser = 50007;

    /// <summary>Missing permissions: the bot sees the channel but may not post there (Send Messages, Embed Links).</summary>
    public const int MissingPermissions = 50013;
}

using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace Bot.Discord;

/// <summary>The <c>Discord</c> configuration section.</summary>
public sealed class DiscordOptions
{
    /// <summary>The configuration section name.</summary>
    public const string SectionName = "Discord";

    /// <summary>The bot token from the Developer Portal (Bot page). A secret: environment or user secrets only.</summary>
    [Required]
    public string Token { get; set; } = "";

    /// <summary>The application id (General Information page).</summary>
    [Required]
    public string ApplicationId { get; set; } = "";

    /// <summary>When set, commands are registered for this guild only (instant updates); otherwise globally.</summary>
    public string? GuildId { get; set; }

    /// <summary>The REST base; the gateway address comes from this server's <c>/gateway/bot</c>.</summary>
    [Required]
    public Uri ApiBaseUrl { get; set; } = new("https://discord.com/api/v10");

    /// <summary>The number of shards; null takes Discord's recommendation from <c>/gateway/bot</c>.</summary>
    [Range(1, 1024)]
    public int? ShardCount { get; set; }

    /// <summary>Also answer <c>!members OLN</c> typed in channels. Needs the privileged MESSAGE_CONTENT intent enabled in the portal.</summary>
    public bool EnableTextCommands { get; set; }

    /// <summary>How long a command may run before the interaction is deferred (type 5) and answered by editing the original response.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:00:02.5")]
    public TimeSpan DeferAfter { get; set; } = TimeSpan.FromSeconds(1.5);
}

/// <summary>Validates <see cref="DiscordOptions"/> at start, with messages that say what to set.</summary>
[OptionsValidator]
internal sealed partial class DiscordOptionsValidator : IValidateOptions<DiscordOptions>;

/// <summary>Checks the generator cannot express: placeholders, snowflakes, URL shape.</summary>
internal sealed class DiscordOptionsSemanticValidator : IValidateOptions<DiscordOptions>
{
    private static readonly string[] Placeholders = ["your", "placeholder", "changeme", "change-me", "replace", "token_here", "insert"];

    public ValidateOptionsResult Validate(string? name, DiscordOptions options)
    {
        var builder = new ValidateOptionsResultBuilder();
        var token = options.Token.Trim();
        if (token.Length < 20 || token.Any(char.IsWhiteSpace) || token.StartsWith('<') || Placeholders.Any(p => token.Contains(p, StringComparison.OrdinalIgnoreCase)))
        {
            builder.AddError("Discord:Token looks like a placeholder: set Discord__Token (environment) or user secrets to the bot token from the Developer Portal's Bot page.");
        }

        if (!ulong.TryParse(options.ApplicationId, out _))
        {
            builder.AddError("Discord:ApplicationId must be the numeric application id from the Developer Portal's General Information page.");
        }

        if (!string.IsNullOrWhiteSpace(options.GuildId) && !ulong.TryParse(options.GuildId, out _))
        {
            builder.AddError("Discord:GuildId must be a numeric guild (server) id, or empty for global commands.");
        }

        if (!options.ApiBaseUrl.IsAbsoluteUri || (options.ApiBaseUrl.Scheme != Uri.UriSchemeHttps && options.ApiBaseUrl.Scheme != Uri.UriSchemeHttp))
        {
            builder.AddError("Discord:ApiBaseUrl must be an absolute http(s) URL such as https://discord.com/api/v10.");
        }

        return builder.Build();
    }
}

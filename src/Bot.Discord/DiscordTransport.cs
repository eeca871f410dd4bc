using Microsoft.Extensions.Configuration;

namespace Bot.Discord;

/// <summary>Helpers for the host's composition root.</summary>
public static class DiscordTransport
{
    /// <summary>True when <c>Discord:Token</c> is set, so Program.cs enables the Discord transport.</summary>
    public static bool IsConfigured(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return !string.IsNullOrWhiteSpace(configuration[$"{DiscordOptions.SectionName}:{nameof(DiscordOptions.Token)}"]);
    }
}

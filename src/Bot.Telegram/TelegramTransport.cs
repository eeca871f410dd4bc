using Microsoft.Extensions.Configuration;

namespace Bot.Telegram;

/// <summary>Helpers for the host's composition root.</summary>
public static class TelegramTransport
{
    /// <summary>True when <c>Telegram:Token</c> is set, so the host should call <c>AddTelegramTransport</c>.</summary>
    public static bool IsConfigured(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return !string.IsNullOrWhiteSpace(configuration[TelegramOptions.SectionName + ":Token"]);
    }
}

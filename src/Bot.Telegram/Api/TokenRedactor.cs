using System.Text.RegularExpressions;

namespace Bot.Telegram.Api;

/// <summary>Removes the bot token from anything that may reach a log: URLs, exception messages.</summary>
internal static partial class TokenRedactor
{
    public const string Mask = "<redacted>";

    /// <summary>Replaces <paramref name="token"/> and anything shaped like "/bot&lt;id&gt;:&lt;secret&gt;" in <paramref name="text"/>.</summary>
    public static string Redact(string? text, string? token)
    {
        if (string.IsNullOrEmpty(text))
        {
            return text ?? "";
        }

        if (!string.IsNullOrEmpty(token))
        {
            text = text.Replace(token, Mask, StringComparison.Ordinal);
        }

        return TokenShape().Replace(text, "bot" + Mask);
    }

    [GeneratedRegex("bot[0-9]{3,20}:[A-Za-z0-9_-]{10,}")]
    private static partial Regex TokenShape();
}

using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;

namespace Bot.Telegram;

/// <summary>Validates <see cref="TelegramOptions"/> at start, with messages that say what to set.</summary>
internal sealed partial class TelegramOptionsValidator : IValidateOptions<TelegramOptions>
{
    public ValidateOptionsResult Validate(string? name, TelegramOptions options)
    {
        var failures = new List<string>();
        if (!IsPlausibleToken(options.Token))
        {
            failures.Add("Telegram:Token is missing or a placeholder. Set the environment variable Telegram__Token (or the user secret Telegram:Token) to the token BotFather gave you, e.g. 123456789:AAE... (digits, a colon, then at least 30 letters, digits, '_' or '-').");
        }

        if (!options.ApiBaseUrl.IsAbsoluteUri || (options.ApiBaseUrl.Scheme != Uri.UriSchemeHttps && options.ApiBaseUrl.Scheme != Uri.UriSchemeHttp))
        {
            failures.Add("Telegram:ApiBaseUrl must be an absolute http(s) URL such as https://api.telegram.org.");
        }

        if (options.PollTimeoutSeconds is < 0 or > 50)
        {
            failures.Add("Telegram:PollTimeoutSeconds must be between 0 and 50.");
        }

        if (options.GlobalMessagesPerSecond <= 0 || options.PrivateChatMessagesPerSecond <= 0 || options.GroupMessagesPerMinute <= 0)
        {
            failures.Add("Telegram rate limits (GlobalMessagesPerSecond, PrivateChatMessagesPerSecond, GroupMessagesPerMinute) must be positive.");
        }

        if (options.MaxMessagesPerReply < 1 || options.MaxSendAttempts < 1)
        {
            failures.Add("Telegram:MaxMessagesPerReply and Telegram:MaxSendAttempts must be at least 1.");
        }

        if (string.IsNullOrWhiteSpace(options.StatePath))
        {
            failures.Add("Telegram:StatePath must name the SQLite state file, e.g. state/telegram.db.");
        }

        if (options.Mode == TelegramMode.Webhook)
        {
            if (options.WebhookUrl is null || !options.WebhookUrl.IsAbsoluteUri || options.WebhookUrl.Scheme != Uri.UriSchemeHttps)
            {
                failures.Add("Telegram:WebhookUrl must be the public https:// URL Telegram posts updates to when Telegram:Mode is Webhook.");
            }

            if (options.WebhookSecret is null || !SecretPattern().IsMatch(options.WebhookSecret))
            {
                failures.Add("Telegram:WebhookSecret must be 1-256 characters of A-Z, a-z, 0-9, '_' or '-' when Telegram:Mode is Webhook (set Telegram__WebhookSecret).");
            }

            if (!Uri.TryCreate(options.WebhookListenUrl, UriKind.Absolute, out _))
            {
                failures.Add("Telegram:WebhookListenUrl must be a URL Kestrel can listen on, e.g. http://0.0.0.0:8080.");
            }

            if (!options.WebhookPath.StartsWith('/'))
            {
                failures.Add("Telegram:WebhookPath must start with '/'.");
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    /// <summary>True for something shaped like a real token: a bot id, a colon and a long secret; placeholders like "&lt;your-token&gt;" or "123:TEST" fail.</summary>
    internal static bool IsPlausibleToken(string? token) => token is not null && TokenPattern().IsMatch(token);

    [GeneratedRegex("^[0-9]{3,20}:[A-Za-z0-9_-]{30,}$")]
    private static partial Regex TokenPattern();

    [GeneratedRegex("^[A-Za-z0-9_-]{1,256}$")]
    private static partial Regex SecretPattern();
}

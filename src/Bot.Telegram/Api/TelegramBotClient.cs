using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.Options;

namespace Bot.Telegram.Api;

/// <summary>
/// A small typed client of the Bot API over HttpClient. Every call is a JSON POST to
/// <c>{ApiBaseUrl}/bot{token}/{method}</c>; <c>ok:false</c> becomes <see cref="TelegramApiException"/>,
/// anything else (network, non-envelope answers) <see cref="TelegramTransportException"/> with the token redacted.
/// The HttpClient is registered without request logging because the token is in every URL.
/// </summary>
internal sealed class TelegramBotClient(HttpClient http, IOptions<TelegramOptions> options)
{
    /// <summary>Allowed update kinds we handle; anything else is not requested.</summary>
    public static readonly string[] AllowedUpdates = ["message", "channel_post", "callback_query", "my_chat_member"];

    private readonly TelegramOptions _options = options.Value;
    private readonly string _baseUrl = options.Value.ApiBaseUrl.ToString().TrimEnd('/') + "/bot" + options.Value.Token + "/";

    public Task<User> GetMeAsync(CancellationToken ct) => CallAsync<User>("getMe", new { }, null, ct);

    /// <summary>Long-polls; the HTTP timeout is the poll timeout plus a margin so the server ends the poll, not the client.</summary>
    public Task<JsonElement> GetUpdatesAsync(long? offset, int timeoutSeconds, CancellationToken ct) =>
        CallAsync<JsonElement>(
            "getUpdates",
            new { offset, timeout = timeoutSeconds, limit = 100, allowed_updates = AllowedUpdates },
            TimeSpan.FromSeconds(timeoutSeconds + 15),
            ct);

    public Task<SentMessage> SendMessageAsync(SendMessageRequest request, CancellationToken ct) =>
        CallAsync<SentMessage>("sendMessage", request, null, ct);

    public Task<JsonElement> EditMessageTextAsync(long chatId, long messageId, string html, InlineKeyboardMarkup? markup, CancellationToken ct) =>
        CallAsync<JsonElement>(
            "editMessageText",
            new { chat_id = chatId, message_id = messageId, text = html, parse_mode = "HTML", reply_markup = markup, link_preview_options = new LinkPreviewOptions(true) },
            null,
            ct);

    public Task<bool> AnswerCallbackQueryAsync(string callbackQueryId, string? text, CancellationToken ct) =>
        CallAsync<bool>("answerCallbackQuery", new { callback_query_id = callbackQueryId, text }, null, ct);

    public Task<bool> SetMyCommandsAsync(IReadOnlyList<BotCommand> commands, CancellationToken ct) =>
        CallAsync<bool>("setMyCommands", new { commands }, null, ct);

    public Task<bool> SetWebhookAsync(Uri url, string secretToken, CancellationToken ct) =>
        CallAsync<bool>("setWebhook", new { url = url.ToString(), secret_token = secretToken, allowed_updates = AllowedUpdates }, null, ct);

    public Task<bool> DeleteWebhookAsync(CancellationToken ct) =>
        CallAsync<bool>("deleteWebhook", new { drop_pending_updates = false }, null, ct);

    public Task<ChatMember> GetChatMemberAsync(long chatId, long userId, CancellationToken ct) =>
        CallAsync<ChatMember>("getChatMember", new { chat_id = chatId, user_id = userId }, null, ct);

    private async Task<T> CallAsync<T>(string method, object body, TimeSpan? timeout, CancellationToken ct)
    {
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(ct);
        cts.CancelAfter(timeout ?? TimeSpan.FromSeconds(30));
        HttpResponseMessage response;
        try
        {
            response = await http.PostAsJsonAsync(_baseUrl + method, body, BotApiJson.Options, cts.Token);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            throw;
        }
        catch (OperationCanceledException)
        {
            throw new TelegramTransportException(method, "timed out");
        }
        catch (HttpRequestException ex)
        {
            // The framework's messages can name the request URL: keep none of the original exception.
            throw new TelegramTransportException(method, TokenRedactor.Redact(ex.Message, _options.Token));
        }

        using (response)
        {
            ApiResponse<T>? envelope;
            try
            {
                envelope = await response.Content.ReadFromJsonAsync<ApiResponse<T>>(BotApiJson.Options, cts.Token);
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                throw;
            }
            catch (Exception ex) when (ex is JsonException or HttpRequestException or NotSupportedException or OperationCanceledException)
            {
                throw new TelegramTransportException(method, $"HTTP {(int)response.StatusCode}, not a Bot API answer", (int)response.StatusCode);
            }

            if (envelope is null)
            {
                throw new TelegramTransportException(method, $"HTTP {(int)response.StatusCode}, empty answer", (int)response.StatusCode);
            }

            if (!envelope.Ok)
            {
                throw new TelegramApiException(
                    method,
                    envelope.ErrorCode ?? (int)response.StatusCode,
                    TokenRedactor.Redact(envelope.Description ?? "", _options.Token),
                    envelope.Parameters);
            }

            return envelope.Result!;
        }
    }
}

using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Bot.Testing.Telegram;

/// <summary>A message the bot sent (sendMessage) or edited (editMessageText), as the server received it.</summary>
/// <param name="Method">sendMessage or editMessageText.</param>
/// <param name="MessageId">The id the server gave it.</param>
/// <param name="ChatId">The chat it went to.</param>
/// <param name="Text">The text as sent (HTML when <paramref name="ParseMode"/> is HTML).</param>
/// <param name="ParseMode">The parse_mode.</param>
/// <param name="Shown">What a client shows after parsing.</param>
/// <param name="ReplyToMessageId">reply_parameters.message_id.</param>
/// <param name="MessageThreadId">message_thread_id.</param>
/// <param name="Buttons">Inline keyboard buttons, row by row flattened: (text, callback_data).</param>
/// <param name="LinkPreviewDisabled">link_preview_options.is_disabled.</param>
/// <param name="ReceivedAt">A <see cref="Stopwatch"/> timestamp of when it arrived.</param>
/// <param name="ChatUsername">The "@username" the bot named the chat by, when it did not use the numeric id.</param>
public sealed record SentMessage(
    string Method,
    long MessageId,
    long ChatId,
    string Text,
    string? ParseMode,
    ParsedHtml Shown,
    long? ReplyToMessageId,
    long? MessageThreadId,
    IReadOnlyList<(string Text, string Data)> Buttons,
    bool? LinkPreviewDisabled,
    long ReceivedAt,
    string? ChatUsername = null);

/// <summary>Any call the bot made, with its parameters and the HTTP status it got.</summary>
public sealed record ApiCall(string Method, JsonObject Parameters, int Status, long At);

/// <summary>
/// A Bot API server on loopback (Kestrel in the test process) that speaks the real wire format:
/// <c>/bot{token}/{method}</c>, query, JSON, form or multipart parameters, <c>{ok:true,result}</c> and
/// <c>{ok:false,error_code,description,parameters}</c> with HTTP status = error_code. It queues updates for
/// getUpdates, records what the bot sends, validates HTML like Telegram, injects errors and can enforce flood limits.
/// </summary>
public sealed partial class TelegramTestServer : IAsyncDisposable
{
    /// <summary>A fake token shaped like a real one (it passes the transport's placeholder check).</summary>
    public const string DefaultToken = "123456789:AAFakeTokenForLoopbackTestsOnly_xyz0";

    private readonly WebApplication _app;
    private readonly Lock _lock = new();
    private readonly List<(long Id, string Json)> _updates = [];
    private readonly List<SentMessage> _sent = [];
    private readonly List<ApiCall> _calls = [];
    private readonly List<Failure> _failures = [];
    private readonly ConcurrentDictionary<long, long> _deliveredAt = new();
    private readonly Dictionary<long, List<long>> _floodByChat = [];
    private readonly List<long> _floodGlobal = [];
    private readonly Dictionary<(long Chat, long User), string> _memberStatus = [];
    private readonly Dictionary<string, long> _usernames = new(StringComparer.OrdinalIgnoreCase);
    private readonly HashSet<long> _missingChats = [];
    private int _sendMessageArrivals;
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private TaskCompletionSource _updatesChanged = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long _nextUpdateId = 1000;
    private long _nextMessageId = 5000;

    private TelegramTestServer(WebApplication app, string token, string botUsername)
    {
        _app = app;
        Token = token;
        BotUsername = botUsername;
    }

    /// <summary>The token the server accepts; any other gets 401.</summary>
    public string Token { get; }

    /// <summary>The bot's username getMe returns.</summary>
    public string BotUsername { get; }

    /// <summary>The bot's user id getMe returns.</summary>
    public long BotId { get; } = 424242;

    /// <summary>The base URL to give the bot as Telegram:ApiBaseUrl.</summary>
    public Uri BaseUrl { get; private set; } = null!;

    /// <summary>When true, sendMessage obeys Telegram's flood limits and answers 429 beyond them: at most 30 in any second overall, 20 in any minute per group, 4 in any second per private chat (about 1/s; short bursts pass).</summary>
    public bool EnforceFloodLimits { get; set; }

    /// <summary>When true, getUpdates answers at once with nothing even when asked to wait (a misbehaving server).</summary>
    public bool AnswerPollsImmediately { get; set; }

    /// <summary>When true, confirmed updates are kept and only filtered by each call's offset, so a bot that forgets its offset gets them again (as after a restart before the confirming poll).</summary>
    public bool KeepConfirmedUpdates { get; set; }

    /// <summary>
    /// Called when a sendMessage request arrives, with its 1-based arrival number and parameters, before the server
    /// records or answers it. A hook that does not return (or a bot that goes away meanwhile) leaves the request
    /// unanswered and unrecorded, as a server that never saw it: the kill test kills the bot from here.
    /// </summary>
    public Func<int, JsonObject, CancellationToken, Task>? OnSendMessage { get; set; }

    /// <summary>How many sendMessage requests arrived, answered or not.</summary>
    public int SendMessageArrivals => Volatile.Read(ref _sendMessageArrivals);

    /// <summary>How many times getUpdates was called.</summary>
    public int GetUpdatesCalls { get { lock (_lock) { return _calls.Count(c => c.Method == "getUpdates"); } } }

    /// <summary>The webhook set by setWebhook, or null.</summary>
    public string? WebhookUrl { get; private set; }

    /// <summary>The secret_token set by setWebhook.</summary>
    public string? WebhookSecret { get; private set; }

    /// <summary>The commands set by the last successful setMyCommands.</summary>
    public JsonArray? MyCommands { get; private set; }

    /// <summary>Messages sent or edited successfully, in arrival order.</summary>
    public IReadOnlyList<SentMessage> Sent { get { lock (_lock) { return [.. _sent]; } } }

    /// <summary>Every call, in arrival order.</summary>
    public IReadOnlyList<ApiCall> Calls { get { lock (_lock) { return [.. _calls]; } } }

    /// <summary>When each update was first handed out by getUpdates (Stopwatch timestamp).</summary>
    public IReadOnlyDictionary<long, long> DeliveredAt => _deliveredAt;

    /// <summary>Starts a server on 127.0.0.1 with a free port.</summary>
    public static async Task<TelegramTestServer> StartAsync(string token = DefaultToken, string botUsername = "NewsBot")
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var server = new TelegramTestServer(app, token, botUsername);
        app.Map("/bot{token}/{method}", server.HandleAsync);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        server.BaseUrl = new Uri(address);
        return server;
    }

    /// <summary>Queues an update for getUpdates; assigns the next update_id unless it has one. Returns the update_id.</summary>
    public long EnqueueUpdate(JsonObject update)
    {
        ArgumentNullException.ThrowIfNull(update);
        lock (_lock)
        {
            if (update["update_id"] is null)
            {
                update["update_id"] = ++_nextUpdateId;
            }

            var id = update["update_id"]!.GetValue<long>();
            _nextUpdateId = Math.Max(_nextUpdateId, id);
            AddUpdate(id, update.ToJsonString());
            return id;
        }
    }

    /// <summary>Queues raw JSON as an update (for malformed updates) under the given or next update_id (the id only orders the queue).</summary>
    public long EnqueueRawUpdate(string json, long? updateId = null)
    {
        lock (_lock)
        {
            var id = updateId ?? ++_nextUpdateId;
            _nextUpdateId = Math.Max(_nextUpdateId, id);
            AddUpdate(id, json);
            return id;
        }
    }

    /// <summary>Makes the next <paramref name="times"/> calls of <paramref name="method"/> (to <paramref name="chatId"/>, if given) fail.</summary>
    public void FailNext(string method, int errorCode, string description, int? retryAfter = null, long? migrateToChatId = null, long? chatId = null, int times = 1)
    {
        lock (_lock)
        {
            _failures.Add(new Failure(method, chatId, errorCode, description, retryAfter, migrateToChatId) { Remaining = times });
        }
    }

    /// <summary>Makes every send to <paramref name="chatId"/> fail with 403, as when the user blocked the bot.</summary>
    public void BlockChat(long chatId) => FailNext("sendMessage", 403, "Forbidden: bot was blocked by the user", chatId: chatId, times: int.MaxValue);

    /// <summary>Makes <paramref name="chatId"/> unknown: sendMessage and getChatMember answer 400 "Bad Request: chat not found".</summary>
    public void MissingChat(long chatId)
    {
        lock (_lock)
        {
            _missingChats.Add(chatId);
        }
    }

    /// <summary>The status getChatMember answers for <paramref name="userId"/> in <paramref name="chatId"/> (creator, administrator, member, restricted, left, kicked); "member" when not set.</summary>
    public void SetMemberStatus(long chatId, long userId, string status)
    {
        lock (_lock)
        {
            _memberStatus[(chatId, userId)] = status;
        }
    }

    /// <summary>Gives the public channel or supergroup <paramref name="chatId"/> the username <paramref name="username"/> ("@name"), so chat_id "@name" reaches it.</summary>
    public void AddUsername(string username, long chatId)
    {
        ArgumentNullException.ThrowIfNull(username);
        lock (_lock)
        {
            _usernames[username.TrimStart('@')] = chatId;
        }
    }

    /// <summary>Clears injected failures.</summary>
    public void ClearFailures()
    {
        lock (_lock)
        {
            _failures.Clear();
        }
    }

    /// <summary>Waits until at least <paramref name="count"/> messages match; throws TimeoutException with what was sent otherwise.</summary>
    public Task<IReadOnlyList<SentMessage>> WaitForSentAsync(int count, Func<SentMessage, bool>? filter = null, TimeSpan? timeout = null) =>
        WaitAsync(() =>
        {
            if (filter is null)
            {
                return _sent.Count >= count ? [.. _sent] : null;
            }

            var matching = _sent.Where(filter).ToList();
            return matching.Count >= count ? matching : null;
        }, timeout, () => $"expected {count} sent message(s); got: " + string.Join(" | ", _sent.Select(s => $"{s.ChatId}: {Short(s.Text)}")));

    /// <summary>Waits until a call matches.</summary>
    public Task<IReadOnlyList<ApiCall>> WaitForCallsAsync(string method, int count = 1, Func<ApiCall, bool>? filter = null, TimeSpan? timeout = null) =>
        WaitAsync(() =>
        {
            var matching = _calls.Where(c => c.Method == method && (filter is null || filter(c))).ToList();
            return matching.Count >= count ? matching : null;
        }, timeout, () => $"expected {count} call(s) of {method}; calls: " + string.Join(", ", _calls.Select(c => $"{c.Method}:{c.Status}")));

    /// <summary>Posts an update to a webhook the way Telegram does (JSON body, secret header).</summary>
    public static async Task<HttpResponseMessage> DeliverWebhookAsync(HttpClient http, Uri url, JsonObject update, string? secret)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(update);
        using var request = new HttpRequestMessage(HttpMethod.Post, url)
        {
            Content = new StringContent(update.ToJsonString(), Encoding.UTF8, "application/json"),
        };
        if (secret is not null)
        {
            request.Headers.Add("X-Telegram-Bot-Api-Secret-Token", secret);
        }

        return await http.SendAsync(request);
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        lock (_lock)
        {
            Signal();
        }

        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private async Task<IReadOnlyList<T>> WaitAsync<T>(Func<List<T>?> check, TimeSpan? timeout, Func<string> describe)
    {
        var deadline = Stopwatch.GetTimestamp() + (long)((timeout ?? TimeSpan.FromSeconds(15)).TotalSeconds * Stopwatch.Frequency);
        while (true)
        {
            Task changed;
            lock (_lock)
            {
                if (check() is { } result)
                {
                    return result;
                }

                changed = _changed.Task;
            }

            var left = deadline - Stopwatch.GetTimestamp();
            if (left <= 0)
            {
                lock (_lock)
                {
                    throw new TimeoutException(describe());
                }
            }

            await Task.WhenAny(changed, Task.Delay(TimeSpan.FromSeconds(Math.Min(1.0, (double)left / Stopwatch.Frequency))));
        }
    }

    /// <summary>Keeps the queue ordered by update_id (appends are the common case) and wakes a waiting getUpdates.</summary>
    private void AddUpdate(long id, string json)
    {
        var index = _updates.Count;
        while (index > 0 && _updates[index - 1].Id > id)
        {
            index--;
        }

        _updates.Insert(index, (id, json));
        var old = _updatesChanged;
        _updatesChanged = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        old.TrySetResult();
        Signal();
    }

    private void Signal()
    {
        var old = _changed;
        _changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        old.TrySetResult();
    }

    private static string Short(string text) => text.Length > 80 ? text[..80] + "…" : text;

    private async Task HandleAsync(HttpContext context, string token, string method)
    {
        JsonObject parameters;
        try
        {
            parameters = await ReadParametersAsync(context.Request);
        }
        catch (JsonException)
        {
            await WriteErrorAsync(context, method, new JsonObject(), 400, "Bad Request: can't parse JSON object", null);
            return;
        }

        if (token != Token)
        {
            await WriteErrorAsync(context, method, parameters, 401, "Unauthorized", null);
            return;
        }

        if (method == "sendMessage" && OnSendMessage is { } hook)
        {
            var arrival = Interlocked.Increment(ref _sendMessageArrivals);
            try
            {
                await hook(arrival, parameters, context.RequestAborted);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            if (context.RequestAborted.IsCancellationRequested)
            {
                // The bot went away while the hook ran: nothing was answered, so nothing is recorded.
                return;
            }
        }
        else if (method == "sendMessage")
        {
            Interlocked.Increment(ref _sendMessageArrivals);
        }

        if (TakeFailure(method, parameters) is { } failure)
        {
            var extra = new JsonObject();
            if (failure.RetryAfter is { } retry)
            {
                extra["retry_after"] = retry;
            }

            if (failure.MigrateTo is { } migrate)
            {
                extra["migrate_to_chat_id"] = migrate;
            }

            await WriteErrorAsync(context, method, parameters, failure.Code, failure.Description, extra.Count > 0 ? extra : null);
            return;
        }

        switch (method)
        {
            case "getMe":
                await WriteOkAsync(context, method, parameters, new JsonObject
                {
                    ["id"] = BotId,
                    ["is_bot"] = true,
                    ["first_name"] = "News Bot",
                    ["username"] = BotUsername,
                    ["can_join_groups"] = true,
                    ["can_read_all_group_messages"] = false,
                    ["supports_inline_queries"] = false,
                });
                break;
            case "getUpdates":
                await GetUpdatesAsync(context, parameters);
                break;
            case "sendMessage":
            case "editMessageText":
                await SendMessageAsync(context, method, parameters);
                break;
            case "answerCallbackQuery":
                var text = parameters["text"]?.ToString();
                if (text is { Length: > 200 })
                {
                    await WriteErrorAsync(context, method, parameters, 400, "Bad Request: MESSAGE_TOO_LONG", null);
                    break;
                }

                await WriteOkAsync(context, method, parameters, true);
                break;
            case "setMyCommands":
                await SetMyCommandsAsync(context, parameters);
                break;
            case "setWebhook":
                var secret = parameters["secret_token"]?.ToString();
                if (secret is not null && !SecretPattern().IsMatch(secret))
                {
                    await WriteErrorAsync(context, method, parameters, 400, "Bad Request: secret token contains unallowed characters", null);
                    break;
                }

                lock (_lock)
                {
                    WebhookUrl = parameters["url"]?.ToString() is { Length: > 0 } url ? url : null;
                    WebhookSecret = secret;
                }

                await WriteOkAsync(context, method, parameters, true);
                break;
            case "deleteWebhook":
                lock (_lock)
                {
                    WebhookUrl = null;
                    WebhookSecret = null;
                }

                await WriteOkAsync(context, method, parameters, true);
                break;
            case "getChatMember":
                await GetChatMemberAsync(context, parameters);
                break;
            default:
                await WriteErrorAsync(context, method, parameters, 404, "Not Found: method not found", null);
                break;
        }
    }

    private async Task GetUpdatesAsync(HttpContext context, JsonObject parameters)
    {
        if (WebhookUrl is not null)
        {
            await WriteErrorAsync(context, "getUpdates", parameters, 409, "Conflict: can't use getUpdates method while webhook is active; use deleteWebhook to delete the webhook first", null);
            return;
        }

        var offset = GetLong(parameters, "offset");
        var limit = (int)Math.Clamp(GetLong(parameters, "limit") ?? 100, 1, 100);
        var timeout = Math.Clamp(GetLong(parameters, "timeout") ?? 0, 0, 50);
        var deadline = Stopwatch.GetTimestamp() + (timeout * Stopwatch.Frequency);
        while (true)
        {
            Task changed;
            List<(long Id, string Json)> batch;
            lock (_lock)
            {
                if (offset is { } confirmed && !KeepConfirmedUpdates)
                {
                    var confirmedCount = 0;
                    while (confirmedCount < _updates.Count && _updates[confirmedCount].Id < confirmed)
                    {
                        confirmedCount++;
                    }

                    _updates.RemoveRange(0, confirmedCount);
                }

                batch = [.. _updates.Where(u => offset is null || u.Id >= offset).Take(limit)];
                changed = _updatesChanged.Task;
            }

            var left = deadline - Stopwatch.GetTimestamp();
            if (batch.Count > 0 || left <= 0 || AnswerPollsImmediately || context.RequestAborted.IsCancellationRequested)
            {
                var now = Stopwatch.GetTimestamp();
                foreach (var (id, _) in batch)
                {
                    _deliveredAt.TryAdd(id, now);
                }

                Record("getUpdates", parameters, 200);
                context.Response.StatusCode = 200;
                context.Response.ContentType = "application/json";
                var body = "{\"ok\":true,\"result\":[" + string.Join(",", batch.Select(b => b.Json)) + "]}";
                try
                {
                    await context.Response.WriteAsync(body);
                }
                catch (OperationCanceledException)
                {
                    // The bot went away mid-poll.
                }

                return;
            }

            try
            {
                await changed.WaitAsync(TimeSpan.FromSeconds((double)left / Stopwatch.Frequency), context.RequestAborted);
            }
            catch (TimeoutException)
            {
                // Poll timeout reached: answer empty.
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private async Task GetChatMemberAsync(HttpContext context, JsonObject parameters)
    {
        var chatId = ResolveChat(parameters, out var missing, out _);
        var userId = GetLong(parameters, "user_id");
        if (chatId is null || userId is null)
        {
            await WriteErrorAsync(context, "getChatMember", parameters, 400, missing ? "Bad Request: chat not found" : "Bad Request: chat_id is empty", null);
            return;
        }

        string status;
        lock (_lock)
        {
            status = _memberStatus.GetValueOrDefault((chatId.Value, userId.Value), "member");
        }

        var member = new JsonObject
        {
            ["status"] = status,
            ["user"] = new JsonObject { ["id"] = userId.Value, ["is_bot"] = false, ["first_name"] = "User" },
        };
        if (status == "administrator")
        {
            member["can_be_edited"] = false;
            member["is_anonymous"] = false;
            member["can_manage_chat"] = true;
            member["can_change_info"] = true;
        }

        await WriteOkAsync(context, "getChatMember", parameters, member);
    }

    /// <summary>chat_id as a number or a known "@username"; null (with <paramref name="missing"/> when the chat does not exist) otherwise.</summary>
    private long? ResolveChat(JsonObject parameters, out bool missing, out string? username)
    {
        missing = false;
        username = null;
        var chatId = GetLong(parameters, "chat_id");
        lock (_lock)
        {
            if (chatId is null && parameters["chat_id"] is JsonValue value && value.TryGetValue<string>(out var text) && text.StartsWith('@'))
            {
                username = text;
                if (_usernames.TryGetValue(text[1..], out var known))
                {
                    chatId = known;
                }
                else
                {
                    missing = true;
                    return null;
                }
            }

            if (chatId is { } id && _missingChats.Contains(id))
            {
                missing = true;
                return null;
            }
        }

        return chatId;
    }

    private async Task SendMessageAsync(HttpContext context, string method, JsonObject parameters)
    {
        var chatId = ResolveChat(parameters, out var missing, out var username);
        if (chatId is null)
        {
            await WriteErrorAsync(context, method, parameters, 400, missing ? "Bad Request: chat not found" : "Bad Request: chat_id is empty", null);
            return;
        }

        var text = parameters["text"]?.ToString() ?? "";
        var parseMode = parameters["parse_mode"]?.ToString();
        ParsedHtml? shown;
        if (string.Equals(parseMode, "HTML", StringComparison.OrdinalIgnoreCase))
        {
            shown = TelegramHtml.TryParse(text, out var error);
            if (shown is null)
            {
                await WriteErrorAsync(context, method, parameters, 400, "Bad Request: can't parse entities: " + error, null);
                return;
            }
        }
        else
        {
            shown = new ParsedHtml(text, [], [], []);
        }

        if (shown.PlainText.Trim().Length == 0)
        {
            await WriteErrorAsync(context, method, parameters, 400, "Bad Request: message text is empty", null);
            return;
        }

        if (shown.PlainText.Length > 4096)
        {
            await WriteErrorAsync(context, method, parameters, 400, "Bad Request: message is too long", null);
            return;
        }

        var buttons = new List<(string, string)>();
        if (parameters["reply_markup"]?["inline_keyboard"] is JsonArray rows)
        {
            foreach (var button in rows.OfType<JsonArray>().SelectMany(r => r.OfType<JsonObject>()))
            {
                var data = button["callback_data"]?.ToString() ?? "";
                var bytes = Encoding.UTF8.GetByteCount(data);
                if (bytes is < 1 or > 64)
                {
                    await WriteErrorAsync(context, method, parameters, 400, "Bad Request: BUTTON_DATA_INVALID", null);
                    return;
                }

                buttons.Add((button["text"]?.ToString() ?? "", data));
            }
        }

        if (method == "sendMessage" && EnforceFloodLimits && FloodWait(chatId.Value) is { } wait)
        {
            await WriteErrorAsync(context, method, parameters, 429, "Too Many Requests: retry after " + wait, new JsonObject { ["retry_after"] = wait });
            return;
        }

        long messageId;
        lock (_lock)
        {
            // The call is recorded with the message, under the same lock: whoever sees the message in Sent also sees its
            // successful call in Calls (recorded apart, a wait for Sent could wake between the two and count one call short).
            messageId = method == "sendMessage" ? ++_nextMessageId : GetLong(parameters, "message_id") ?? 0;
            _calls.Add(new ApiCall(method, parameters, 200, Stopwatch.GetTimestamp()));
            _sent.Add(new SentMessage(
                method,
                messageId,
                chatId.Value,
                text,
                parseMode,
                shown,
                GetLong(parameters["reply_parameters"] as JsonObject, "message_id"),
                GetLong(parameters, "message_thread_id"),
                buttons,
                parameters["link_preview_options"]?["is_disabled"]?.GetValue<bool>(),
                Stopwatch.GetTimestamp(),
                username));
            Signal();
        }

        await WriteOkBodyAsync(context, new JsonObject
        {
            ["message_id"] = messageId,
            ["date"] = DateTimeOffset.FromUnixTimeSeconds(1_700_000_000).ToUnixTimeSeconds(),
            ["chat"] = new JsonObject { ["id"] = chatId.Value, ["type"] = chatId.Value > 0 ? "private" : username is null ? "supergroup" : "channel" },
            ["text"] = shown.PlainText,
        });
    }

    private async Task SetMyCommandsAsync(HttpContext context, JsonObject parameters)
    {
        if (parameters["commands"] is not JsonArray commands || commands.Count > 100)
        {
            await WriteErrorAsync(context, "setMyCommands", parameters, 400, "Bad Request: commands must be an array of at most 100 commands", null);
            return;
        }

        foreach (var command in commands)
        {
            var name = command?["command"]?.ToString() ?? "";
            var description = command?["description"]?.ToString() ?? "";
            if (!CommandPattern().IsMatch(name))
            {
                await WriteErrorAsync(context, "setMyCommands", parameters, 400, "Bad Request: BOT_COMMAND_INVALID", null);
                return;
            }

            if (description.Length is < 1 or > 256)
            {
                await WriteErrorAsync(context, "setMyCommands", parameters, 400, "Bad Request: command description is invalid", null);
                return;
            }
        }

        lock (_lock)
        {
            MyCommands = (JsonArray)commands.DeepClone();
        }

        await WriteOkAsync(context, "setMyCommands", parameters, true);
    }

    /// <summary>Seconds to wait when this send would break a flood limit, else null (and the send is counted).</summary>
    private int? FloodWait(long chatId)
    {
        lock (_lock)
        {
            var now = Stopwatch.GetTimestamp();
            var second = Stopwatch.Frequency;
            _floodGlobal.RemoveAll(t => now - t > second);
            if (_floodGlobal.Count >= 30)
            {
                return 1;
            }

            if (!_floodByChat.TryGetValue(chatId, out var times))
            {
                _floodByChat[chatId] = times = [];
            }

            var isGroup = chatId < 0;
            var window = isGroup ? 60 * second : second;
            times.RemoveAll(t => now - t > window);
            if (times.Count >= (isGroup ? 20 : 4))
            {
                return (int)Math.Max(1, Math.Ceiling((double)(window - (now - times[0])) / second));
            }

            times.Add(now);
            _floodGlobal.Add(now);
            return null;
        }
    }

    private Failure? TakeFailure(string method, JsonObject parameters)
    {
        lock (_lock)
        {
            var chatId = GetLong(parameters, "chat_id");
            if (chatId is null && parameters["chat_id"] is JsonValue value && value.TryGetValue<string>(out var text) && text.StartsWith('@') && _usernames.TryGetValue(text[1..], out var known))
            {
                chatId = known;
            }

            var failure = _failures.FirstOrDefault(f => f.Method == method && (f.ChatId is null || f.ChatId == chatId) && f.Remaining > 0);
            if (failure is not null && --failure.Remaining == 0)
            {
                _failures.Remove(failure);
            }

            return failure;
        }
    }

    private static async Task<JsonObject> ReadParametersAsync(HttpRequest request)
    {
        var parameters = new JsonObject();
        foreach (var (key, value) in request.Query)
        {
            parameters[key] = FormValue(value.ToString());
        }

        if (request.HasJsonContentType())
        {
            var body = await JsonNode.ParseAsync(request.Body);
            if (body is JsonObject obj)
            {
                foreach (var (key, value) in obj.ToList())
                {
                    obj.Remove(key);
                    parameters[key] = value;
                }
            }
        }
        else if (request.HasFormContentType)
        {
            var form = await request.ReadFormAsync();
            foreach (var (key, value) in form)
            {
                parameters[key] = FormValue(value.ToString());
            }
        }

        return parameters;
    }

    /// <summary>Outside JSON bodies, objects (reply_markup) arrive as JSON strings.</summary>
    private static JsonNode? FormValue(string value)
    {
        if (value.StartsWith('{') || value.StartsWith('['))
        {
            try
            {
                return JsonNode.Parse(value);
            }
            catch (JsonException)
            {
                return value;
            }
        }

        return value;
    }

    private static long? GetLong(JsonObject? parameters, string name)
    {
        var node = parameters?[name];
        if (node is null)
        {
            return null;
        }

        if (node is JsonValue value)
        {
            if (value.TryGetValue<long>(out var l))
            {
                return l;
            }

            if (value.TryGetValue<string>(out var s) && long.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out var parsed))
            {
                return parsed;
            }
        }

        return null;
    }

    private Task WriteOkAsync(HttpContext context, string method, JsonObject parameters, JsonNode? result)
    {
        Record(method, parameters, 200);
        return WriteOkBodyAsync(context, result);
    }

    /// <summary>Answers <c>{ok:true,result}</c> for a call already recorded.</summary>
    private static Task WriteOkBodyAsync(HttpContext context, JsonNode? result)
    {
        var body = new JsonObject { ["ok"] = true, ["result"] = result };
        context.Response.StatusCode = 200;
        context.Response.ContentType = "application/json";
        return context.Response.WriteAsync(body.ToJsonString());
    }

    private Task WriteErrorAsync(HttpContext context, string method, JsonObject parameters, int code, string description, JsonObject? extra)
    {
        Record(method, parameters, code);
        var body = new JsonObject { ["ok"] = false, ["error_code"] = code, ["description"] = description };
        if (extra is not null)
        {
            body["parameters"] = extra;
        }

        context.Response.StatusCode = code;
        context.Response.ContentType = "application/json";
        return context.Response.WriteAsync(body.ToJsonString());
    }

    private void Record(string method, JsonObject parameters, int status)
    {
        lock (_lock)
        {
            _calls.Add(new ApiCall(method, parameters, status, Stopwatch.GetTimestamp()));
            Signal();
        }
    }

    [GeneratedRegex("^[A-Za-z0-9_-]{1,256}$")]
    private static partial Regex SecretPattern();

    [GeneratedRegex("^[a-z0-9_]{1,32}$")]
    private static partial Regex CommandPattern();

    private sealed record Failure(string Method, long? ChatId, int Code, string Description, int? RetryAfter, long? MigrateTo)
    {
        public int Remaining { get; set; }
    }
}

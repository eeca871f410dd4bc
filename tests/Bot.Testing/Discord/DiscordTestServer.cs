using System.Collections.Concurrent;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Bot.Testing.Discord;

/// <summary>A request the bot sent to the REST side of <see cref="DiscordTestServer"/>.</summary>
/// <param name="Method">GET, POST, PUT, PATCH.</param>
/// <param name="Path">The path after the API base ("interactions/1/tok/callback").</param>
/// <param name="Headers">Request headers (Authorization included, for the tests that check it).</param>
/// <param name="Body">The JSON body, or null.</param>
/// <param name="ReceivedAt">When the server read it.</param>
/// <param name="Status">The status the server answered.</param>
public sealed record RecordedRequest(string Method, string Path, IReadOnlyDictionary<string, string> Headers, JsonNode? Body, DateTimeOffset ReceivedAt, int Status)
{
    /// <summary>True when the server answered with a success status.</summary>
    public bool Succeeded => Status is >= 200 and < 300;
}

/// <summary>A message the server created in a channel (POST /channels/{id}/messages), as a client would show it.</summary>
/// <param name="ChannelId">The channel.</param>
/// <param name="MessageId">The id the server gave it.</param>
/// <param name="Content">The text content, or null.</param>
/// <param name="Embeds">The embeds, or null.</param>
/// <param name="Nonce">The nonce the bot sent, or null.</param>
/// <param name="AllowedMentions">The allowed_mentions object the bot sent, or null (then Discord parses every mention).</param>
/// <param name="Body">The whole request body.</param>
public sealed record ChannelMessage(string ChannelId, string MessageId, string? Content, JsonArray? Embeds, string? Nonce, JsonObject? AllowedMentions, JsonObject Body)
{
    /// <summary>The content, then each embed's texts (<see cref="DiscordMessageText.EmbedTexts"/>), markdown kept: the text a reader sees.</summary>
    public string Text => string.Join("\n", (Embeds ?? []).OfType<JsonObject>().SelectMany(DiscordMessageText.EmbedTexts).Prepend(Content ?? "").Where(t => t.Length > 0));

    /// <summary>True when nothing in it can ping: allowed_mentions is present with an empty parse list and no ids.</summary>
    public bool PingsNobody =>
        AllowedMentions is { } mentions
        && mentions["parse"] is JsonArray { Count: 0 }
        && mentions["users"] is null or JsonArray { Count: 0 }
        && mentions["roles"] is null or JsonArray { Count: 0 };
}

/// <summary>Why a channel refuses messages, as Discord answers it.</summary>
public enum ChannelRefusal
{
    /// <summary>403, code 50001 Missing Access: the bot cannot see the channel (removed from the guild).</summary>
    MissingAccess,
    /// <summary>403, code 50013 Missing Permissions: it sees the channel but may not post.</summary>
    MissingPermissions,
    /// <summary>404, code 10003 Unknown Channel: deleted.</summary>
    UnknownChannel,
}

/// <summary>A response to inject instead of the normal one (429, 5xx).</summary>
/// <param name="Method">The method to match, or null for any.</param>
/// <param name="PathContains">A fragment of the path to match.</param>
/// <param name="Status">The status to answer.</param>
/// <param name="Body">The JSON body.</param>
/// <param name="Headers">Extra response headers.</param>
public sealed record InjectedFault(string? Method, string PathContains, int Status, string? Body, IReadOnlyDictionary<string, string>? Headers = null)
{
    /// <summary>A 429 as Discord sends it: headers, then <c>{message, retry_after, global}</c>.</summary>
    public static InjectedFault TooManyRequests(string? method, string pathContains, double retryAfterSeconds, bool global = false, bool withHeaders = true) => new(
        method,
        pathContains,
        429,
        $$"""{"message":"You are being rate limited.","retry_after":{{retryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture)}},"global":{{(global ? "true" : "false")}}}""",
        !withHeaders ? null : new Dictionary<string, string>
        {
            ["Retry-After"] = Math.Ceiling(retryAfterSeconds).ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["X-RateLimit-Limit"] = "5",
            ["X-RateLimit-Remaining"] = "0",
            ["X-RateLimit-Reset-After"] = retryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["X-RateLimit-Bucket"] = "test-bucket-" + pathContains.GetHashCode(StringComparison.Ordinal).ToString("x", System.Globalization.CultureInfo.InvariantCulture),
            ["X-RateLimit-Scope"] = global ? "global" : "user",
        }.Concat(global ? [KeyValuePair.Create("X-RateLimit-Global", "true")] : []).ToDictionary());
}

/// <summary>
/// A loopback stand-in for Discord: the REST API (<c>/api/v10/...</c>) and the gateway (WebSockets on
/// <c>/gateway</c>, resumes on <c>/resume</c>), speaking the documented payloads: Hello, READY, RESUMED,
/// heartbeat ACKs (switchable off), dispatches, op 7, op 9 and close codes. Every REST call is recorded.
/// </summary>
public sealed class DiscordTestServer : IAsyncDisposable
{
    /// <summary>The session id READY hands out.</summary>
    public const string SessionId = "test-session-1";

    /// <summary>The bot user id READY hands out.</summary>
    public const string BotUserId = "900000000000000001";

    private readonly WebApplication _app;
    private readonly ConcurrentQueue<RecordedRequest> _requests = new();
    private readonly ConcurrentQueue<InjectedFault> _faults = new();
    private readonly List<GatewayConnection> _connections = [];
    private readonly Lock _lock = new();
    private readonly List<ChannelMessage> _messages = [];
    private readonly Dictionary<string, (ChannelMessage Message, DateTimeOffset At)> _nonces = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, ChannelRefusal> _refusals = new(StringComparer.Ordinal);
    private long _sequence;
    private bool _sessionValid;

    private DiscordTestServer(WebApplication app) => _app = app;

    /// <summary>The REST base to configure as <c>Discord:ApiBaseUrl</c>.</summary>
    public Uri ApiBaseUrl { get; private set; } = null!;

    /// <summary>The gateway address <c>/gateway/bot</c> hands out.</summary>
    public Uri GatewayUrl { get; private set; } = null!;

    /// <summary>The heartbeat interval Hello announces (short, so tests are fast).</summary>
    public int HeartbeatIntervalMs { get; set; } = 1000;

    /// <summary>Whether new connections acknowledge heartbeats (see <see cref="ConfigureConnection"/> for per-connection control).</summary>
    public bool AckHeartbeats { get; set; } = true;

    /// <summary>When set, the gateway answers Identify by closing with this code (4004, 4014…).</summary>
    public int? CloseOnIdentify { get; set; }

    /// <summary>The shard count <c>/gateway/bot</c> recommends.</summary>
    public int RecommendedShards { get; set; } = 1;

    /// <summary>The <c>max_concurrency</c> <c>/gateway/bot</c> reports.</summary>
    public int MaxConcurrency { get; set; } = 1;

    /// <summary>Called for each new gateway connection before Hello, to set per-connection behaviour.</summary>
    public Action<GatewayConnection>? ConfigureConnection { get; set; }

    /// <summary>How long a nonce sent with enforce_nonce makes a repeat return the first message (Discord: "the past few minutes").</summary>
    public TimeSpan NonceWindow { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Messages created in channels, in order (a repeat with an enforced nonce creates none).</summary>
    public IReadOnlyList<ChannelMessage> Messages
    {
        get
        {
            lock (_lock)
            {
                return [.. _messages];
            }
        }
    }

    /// <summary>Makes every message to <paramref name="channelId"/> fail the way Discord refuses it.</summary>
    public void RefuseChannel(string channelId, ChannelRefusal refusal) => _refusals[channelId] = refusal;

    /// <summary>Every REST request so far, in arrival order.</summary>
    public IReadOnlyList<RecordedRequest> Requests => [.. _requests];

    /// <summary>Every gateway connection so far.</summary>
    public IReadOnlyList<GatewayConnection> Connections
    {
        get
        {
            lock (_lock)
            {
                return [.. _connections];
            }
        }
    }

    /// <summary>How many Identify (op 2) payloads the gateway received over all connections.</summary>
    public int IdentifyCount => Connections.Sum(c => c.Received.Count(p => Op(p) == 2));

    /// <summary>How many Resume (op 6) payloads the gateway received over all connections.</summary>
    public int ResumeCount => Connections.Sum(c => c.Received.Count(p => Op(p) == 6));

    /// <summary>Starts the server on a free loopback port.</summary>
    public static async Task<DiscordTestServer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var server = new DiscordTestServer(app);
        app.UseWebSockets();
        app.Map("/gateway", context => server.AcceptGatewayAsync(context, resume: false));
        app.Map("/resume", context => server.AcceptGatewayAsync(context, resume: true));
        app.Map("/api/v10/{**path}", server.HandleRestAsync);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        var port = new Uri(address).Port;
        server.ApiBaseUrl = new Uri($"http://127.0.0.1:{port}/api/v10");
        server.GatewayUrl = new Uri($"ws://127.0.0.1:{port}/gateway");
        return server;
    }

    /// <summary>Answers the next request matching the fault instead of the normal answer (once).</summary>
    public void Inject(InjectedFault fault) => _faults.Enqueue(fault);

    /// <summary>Waits for a connection whose session is live (READY or RESUMED sent), the <paramref name="index"/>-th connection overall.</summary>
    public Task<GatewayConnection> WaitForConnectionAsync(int index = 0, bool live = true) =>
        WaitForAsync(() => Connections.Count > index && (!live || Connections[index].IsLive) ? Connections[index] : null, $"gateway connection #{index}{(live ? " to be live" : "")}");

    /// <summary>Waits for a REST request matching <paramref name="predicate"/>.</summary>
    public Task<RecordedRequest> WaitForRequestAsync(Func<RecordedRequest, bool> predicate, string what) =>
        WaitForAsync(() => _requests.FirstOrDefault(predicate), what);

    /// <summary>Waits until <paramref name="condition"/> holds (polling; a guard timeout turns a hang into a failure, not a timing assertion).</summary>
    public static async Task WaitUntilAsync(Func<bool> condition, string what)
    {
        await WaitForAsync(() => condition() ? (object?)true : null, what);
    }

    /// <summary>Polls <paramref name="probe"/> until it returns a value.</summary>
    public static async Task<T> WaitForAsync<T>(Func<T?> probe, string what)
        where T : class
    {
        var deadline = TimeProvider.System.GetUtcNow() + TimeSpan.FromSeconds(20);
        while (true)
        {
            if (probe() is { } value)
            {
                return value;
            }

            if (TimeProvider.System.GetUtcNow() > deadline)
            {
                throw new TimeoutException("Timed out waiting for " + what);
            }

            await Task.Delay(15);
        }
    }

    /// <summary>Every permission bit Discord defines (what the default member of a test guild has): "2147483647".</summary>
    public const string AllPermissions = "2147483647";

    /// <summary>VIEW_CHANNEL, SEND_MESSAGES, EMBED_LINKS, READ_MESSAGE_HISTORY, USE_APPLICATION_COMMANDS: an ordinary member.</summary>
    public const string MemberPermissions = "2147568640";

    /// <summary>
    /// An INTERACTION_CREATE payload for a chat input command (type 2) with one string option, in the test guild by a
    /// member with <paramref name="permissions"/> (a decimal bit set), or in a DM when <paramref name="inDm"/>.
    /// </summary>
    public static JsonObject SlashCommand(string name, string? optionName = null, string? value = null, string interactionId = "1100000000000000001", string token = "interaction-token-1", string permissions = AllPermissions, bool inDm = false, string channelId = "1300000000000000001", string userId = "1600000000000000001")
    {
        var interaction = Interaction(2, interactionId, token, new JsonObject
        {
            ["id"] = "1200000000000000001",
            ["name"] = name,
            ["type"] = 1,
            ["options"] = optionName is null ? new JsonArray() : new JsonArray(new JsonObject { ["name"] = optionName, ["type"] = 3, ["value"] = value }),
        });
        interaction["channel_id"] = channelId;
        interaction["member"]!["permissions"] = permissions;
        interaction["member"]!["user"]!["id"] = userId;
        if (inDm)
        {
            interaction.Remove("guild_id");
            interaction.Remove("member");
            interaction["user"] = new JsonObject { ["id"] = userId, ["username"] = "reader" };
            interaction["context"] = 1;
        }

        return interaction;
    }

    /// <summary>An INTERACTION_CREATE payload for autocomplete (type 4) with the focused, partial option.</summary>
    public static JsonObject Autocomplete(string name, string optionName, string partial, string interactionId = "1100000000000000002", string token = "interaction-token-2") =>
        Interaction(4, interactionId, token, new JsonObject
        {
            ["id"] = "1200000000000000001",
            ["name"] = name,
            ["type"] = 1,
            ["options"] = new JsonArray(new JsonObject { ["name"] = optionName, ["type"] = 3, ["value"] = partial, ["focused"] = true }),
        });

    /// <summary>An INTERACTION_CREATE payload for a button click (type 3).</summary>
    public static JsonObject ButtonClick(string customId, string interactionId = "1100000000000000003", string token = "interaction-token-3") =>
        Interaction(3, interactionId, token, new JsonObject { ["custom_id"] = customId, ["component_type"] = 2 });

    /// <summary>A MESSAGE_CREATE payload typed by a user.</summary>
    public static JsonObject UserMessage(string content, string channelId = "1300000000000000001") => new()
    {
        ["id"] = "1400000000000000001",
        ["channel_id"] = channelId,
        ["guild_id"] = "1500000000000000001",
        ["author"] = new JsonObject { ["id"] = "1600000000000000001", ["username"] = "reader", ["bot"] = false },
        ["content"] = content,
        ["type"] = 0,
    };

    private static JsonObject Interaction(int type, string id, string token, JsonObject data) => new()
    {
        ["id"] = id,
        ["application_id"] = "800000000000000001",
        ["type"] = type,
        ["data"] = data,
        ["guild_id"] = "1500000000000000001",
        ["channel_id"] = "1300000000000000001",
        ["member"] = new JsonObject { ["user"] = new JsonObject { ["id"] = "1600000000000000001", ["username"] = "reader" }, ["permissions"] = "2147483647" },
        ["token"] = token,
        ["version"] = 1,
        ["locale"] = "en-US",
    };

    internal static int Op(JsonNode payload) => payload["op"]?.GetValue<int>() ?? -1;

    internal long NextSequence() => Interlocked.Increment(ref _sequence);

    internal long CurrentSequence => Interlocked.Read(ref _sequence);

    private async Task AcceptGatewayAsync(HttpContext context, bool resume)
    {
        if (!context.WebSockets.IsWebSocketRequest)
        {
            context.Response.StatusCode = 400;
            return;
        }

        using var socket = await context.WebSockets.AcceptWebSocketAsync();
        GatewayConnection connection;
        lock (_lock)
        {
            connection = new GatewayConnection(this, socket, context, _connections.Count, context.Request.Path, context.Request.QueryString.Value ?? "") { AckHeartbeats = AckHeartbeats };
            _connections.Add(connection);
        }

        ConfigureConnection?.Invoke(connection);
        await connection.RunAsync(context.RequestAborted);
    }

    internal async Task OnGatewayPayloadAsync(GatewayConnection connection, JsonNode payload)
    {
        switch (Op(payload))
        {
            case 1:
                if (connection.AckHeartbeats)
                {
                    await connection.SendAsync(new JsonObject { ["op"] = 11 });
                }

                break;
            case 2:
                if (CloseOnIdentify is { } code)
                {
                    await connection.CloseAsync(code, code == 4004 ? "Authentication failed." : "Closed by test server.");
                    return;
                }

                _sessionValid = true;
                await connection.SendDispatchAsync("READY", new JsonObject
                {
                    ["v"] = 10,
                    ["user"] = new JsonObject { ["id"] = BotUserId, ["username"] = "NewsBot", ["bot"] = true },
                    ["guilds"] = new JsonArray(new JsonObject { ["id"] = "1500000000000000001", ["unavailable"] = true }),
                    ["session_id"] = SessionId,
                    ["resume_gateway_url"] = GatewayUrl.ToString().Replace("/gateway", "/resume", StringComparison.Ordinal),
                    ["shard"] = payload["d"]?["shard"]?.DeepClone(),
                    ["application"] = new JsonObject { ["id"] = "800000000000000001", ["flags"] = 0 },
                });
                connection.IsLive = true;
                break;
            case 6:
                if (_sessionValid && payload["d"]?["session_id"]?.GetValue<string>() == SessionId)
                {
                    await connection.SendDispatchAsync("RESUMED", new JsonObject());
                    connection.IsLive = true;
                }
                else
                {
                    await connection.SendAsync(new JsonObject { ["op"] = 9, ["d"] = false });
                }

                break;
            default:
                break;
        }
    }

    /// <summary>Makes the next Resume fail with op 9 (d: false), as after a session timeout.</summary>
    public void InvalidateSession() => _sessionValid = false;

    private async Task HandleRestAsync(HttpContext context)
    {
        var path = (string?)context.Request.RouteValues["path"] ?? "";
        var method = context.Request.Method;
        JsonNode? body = null;
        if (context.Request.ContentLength is > 0 || context.Request.Headers.ContainsKey("Transfer-Encoding"))
        {
            using var reader = new StreamReader(context.Request.Body, Encoding.UTF8);
            var text = await reader.ReadToEndAsync();
            body = text.Length == 0 ? null : JsonNode.Parse(text);
        }

        var headers = context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase);
        var now = TimeProvider.System.GetUtcNow();
        if (TakeFault(method, path) is { } fault)
        {
            _requests.Enqueue(new RecordedRequest(method, path, headers, body, now, fault.Status));
            context.Response.StatusCode = fault.Status;
            foreach (var (name, value) in fault.Headers ?? new Dictionary<string, string>())
            {
                context.Response.Headers[name] = value;
            }

            if (fault.Body is not null)
            {
                context.Response.ContentType = "application/json";
                await context.Response.WriteAsync(fault.Body);
            }

            return;
        }

        var (status, response) = Answer(method, path, body);
        _requests.Enqueue(new RecordedRequest(method, path, headers, body, now, status));
        context.Response.StatusCode = status;
        context.Response.Headers["X-RateLimit-Limit"] = "5";
        context.Response.Headers["X-RateLimit-Remaining"] = "4";
        context.Response.Headers["X-RateLimit-Reset-After"] = "1.0";
        if (response is not null)
        {
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync(response.ToJsonString());
        }
    }

    private InjectedFault? TakeFault(string method, string path)
    {
        lock (_lock)
        {
            var all = new List<InjectedFault>();
            InjectedFault? match = null;
            while (_faults.TryDequeue(out var fault))
            {
                if (match is null && (fault.Method is null || fault.Method.Equals(method, StringComparison.OrdinalIgnoreCase)) && path.Contains(fault.PathContains, StringComparison.Ordinal))
                {
                    match = fault;
                }
                else
                {
                    all.Add(fault);
                }
            }

            all.ForEach(_faults.Enqueue);
            return match;
        }
    }

    private (int Status, JsonNode? Body) Answer(string method, string path, JsonNode? body)
    {
        var segments = path.Split('/');
        return (method, segments) switch
        {
            ("GET", ["gateway", "bot"]) => (200, new JsonObject
            {
                ["url"] = GatewayUrl.ToString().TrimEnd('/'),
                ["shards"] = RecommendedShards,
                ["session_start_limit"] = new JsonObject { ["total"] = 1000, ["remaining"] = 999, ["reset_after"] = 14_400_000, ["max_concurrency"] = MaxConcurrency },
            }),
            ("PUT", ["applications", _, "commands"] or ["applications", _, "guilds", _, "commands"]) => (200, Commands(body)),
            ("POST", ["interactions", _, _, "callback"]) => (204, null),
            ("PATCH", ["webhooks", _, _, "messages", "@original"]) => (200, Message(body)),
            ("POST", ["webhooks", _, _]) => (200, Message(body)),
            ("POST", ["channels", var channel, "messages"]) => CreateMessage(channel, body),
            _ => (404, new JsonObject { ["message"] = "404: Not Found", ["code"] = 0 }),
        };
    }

    private static JsonArray Commands(JsonNode? body)
    {
        var result = new JsonArray();
        var i = 0;
        foreach (var command in body?.AsArray() ?? [])
        {
            var copy = command!.DeepClone().AsObject();
            copy["id"] = (1700000000000000000 + i++).ToString(System.Globalization.CultureInfo.InvariantCulture);
            result.Add(copy);
        }

        return result;
    }

    /// <summary>POST /channels/{id}/messages: refusals, Discord's limits, then a new message, or the one an enforced nonce already made.</summary>
    private (int Status, JsonNode? Body) CreateMessage(string channelId, JsonNode? body)
    {
        if (_refusals.TryGetValue(channelId, out var refusal))
        {
            return refusal switch
            {
                ChannelRefusal.MissingAccess => (403, new JsonObject { ["message"] = "Missing Access", ["code"] = 50001 }),
                ChannelRefusal.MissingPermissions => (403, new JsonObject { ["message"] = "Missing Permissions", ["code"] = 50013 }),
                _ => (404, new JsonObject { ["message"] = "Unknown Channel", ["code"] = 10003 }),
            };
        }

        if (body is not JsonObject payload || InvalidMessage(payload) is { } invalid)
        {
            return (400, new JsonObject
            {
                ["message"] = "Invalid Form Body",
                ["code"] = 50035,
                ["errors"] = new JsonObject { ["_errors"] = new JsonArray(new JsonObject { ["code"] = "BASE_TYPE_INVALID", ["message"] = body is JsonObject ? InvalidMessage((JsonObject)body) : "not an object" }) },
            });
        }

        var nonce = payload["nonce"]?.ToString();
        var enforce = payload["enforce_nonce"] is JsonValue e && e.TryGetValue<bool>(out var on) && on;
        var now = TimeProvider.System.GetUtcNow();
        lock (_lock)
        {
            if (enforce && nonce is not null && _nonces.TryGetValue(nonce, out var earlier) && now - earlier.At <= NonceWindow)
            {
                var again = earlier.Message.Body.DeepClone().AsObject();
                again["id"] = earlier.Message.MessageId;
                return (200, again);
            }

            var created = Message(body);
            var message = new ChannelMessage(
                channelId,
                created["id"]!.GetValue<string>(),
                payload["content"]?.ToString(),
                payload["embeds"]?.DeepClone() as JsonArray,
                nonce,
                payload["allowed_mentions"]?.DeepClone() as JsonObject,
                payload.DeepClone().AsObject());
            _messages.Add(message);
            if (nonce is not null)
            {
                _nonces[nonce] = (message, now);
            }

            created["channel_id"] = channelId;
            return (200, created);
        }
    }

    /// <summary>Discord's limits on a created message; null when it keeps to them.</summary>
    private static string? InvalidMessage(JsonObject payload)
    {
        var embeds = payload["embeds"] as JsonArray ?? [];
        var content = payload["content"]?.ToString() ?? "";
        if (content.Length == 0 && embeds.Count == 0)
        {
            return "Cannot send an empty message";
        }

        if (content.Length > 2000)
        {
            return "content: Must be 2000 or fewer in length.";
        }

        if (embeds.Count > 10)
        {
            return "embeds: Must be 10 or fewer in length.";
        }

        if (payload["nonce"]?.ToString() is { Length: > 25 })
        {
            return "nonce: Must be 25 or fewer in length.";
        }

        foreach (var embed in embeds.OfType<JsonObject>())
        {
            if (embed["title"]?.ToString().Length > 256 || embed["description"]?.ToString().Length > 4096 || embed["footer"]?["text"]?.ToString().Length > 2048)
            {
                return "embeds: a title, description or footer is too long.";
            }
        }

        return embeds.OfType<JsonObject>().SelectMany(DiscordMessageText.EmbedTexts).Sum(t => t.Length) > 6000
            ? "embeds: Embed size exceeds maximum size of 6000"
            : null;
    }

    private JsonObject Message(JsonNode? body)
    {
        var copy = body?.DeepClone().AsObject() ?? [];
        copy["id"] = (1800000000000000000 + NextSequence()).ToString(System.Globalization.CultureInfo.InvariantCulture);
        return copy;
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        foreach (var connection in Connections)
        {
            connection.Abort();
        }

        await _app.StopAsync();
        await _app.DisposeAsync();
        foreach (var connection in Connections)
        {
            connection.Dispose();
        }
    }
}

/// <summary>One gateway connection as the test server sees it; tests push events and closes through it.</summary>
public sealed class GatewayConnection : IDisposable
{
    private readonly DiscordTestServer _server;
    private readonly WebSocket _socket;
    private readonly HttpContext _context;
    private readonly SemaphoreSlim _send = new(1, 1);
    private readonly ConcurrentQueue<JsonNode> _received = new();
    private readonly TaskCompletionSource<WebSocketCloseStatus?> _closed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    internal GatewayConnection(DiscordTestServer server, WebSocket socket, HttpContext context, int index, string path, string query)
    {
        _server = server;
        _socket = socket;
        _context = context;
        Index = index;
        Path = path;
        Query = query;
    }

    /// <summary>0 for the first connection, then 1, 2…</summary>
    public int Index { get; }

    /// <summary>"/gateway" or "/resume".</summary>
    public string Path { get; }

    /// <summary>The query string the bot connected with ("?v=10&amp;encoding=json").</summary>
    public string Query { get; }

    /// <summary>Whether this connection answers heartbeats with op 11.</summary>
    public bool AckHeartbeats { get; set; }

    /// <summary>True once READY or RESUMED was sent on it.</summary>
    public bool IsLive { get; internal set; }

    /// <summary>Payloads the bot sent on this connection.</summary>
    public IReadOnlyList<JsonNode> Received => [.. _received];

    /// <summary>Completes with the close code the bot sent (null when the bot dropped without one), once the connection ended.</summary>
    public Task<WebSocketCloseStatus?> Closed => _closed.Task;

    /// <summary>Sends a dispatch (op 0) with the next sequence number.</summary>
    public Task SendDispatchAsync(string eventName, JsonNode data) =>
        SendAsync(new JsonObject { ["op"] = 0, ["t"] = eventName, ["s"] = _server.NextSequence(), ["d"] = data });

    /// <summary>Sends any payload.</summary>
    public Task SendAsync(JsonNode payload) => SendRawAsync(payload.ToJsonString());

    /// <summary>Sends raw text (malformed payloads) as one frame, or split into <paramref name="fragments"/> frames.</summary>
    public async Task SendRawAsync(string text, int fragments = 1)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        await _send.WaitAsync();
        try
        {
            var size = (int)Math.Ceiling(bytes.Length / (double)fragments);
            for (var offset = 0; offset < bytes.Length; offset += size)
            {
                var count = Math.Min(size, bytes.Length - offset);
                await _socket.SendAsync(bytes.AsMemory(offset, count), WebSocketMessageType.Text, offset + count >= bytes.Length, CancellationToken.None);
            }
        }
        finally
        {
            _send.Release();
        }
    }

    /// <summary>Closes from the server side with a close code (4000 resumable, 4004 fatal…).</summary>
    public async Task CloseAsync(int code, string reason)
    {
        await _send.WaitAsync();
        try
        {
            if (_socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
            {
                await _socket.CloseOutputAsync((WebSocketCloseStatus)code, reason, CancellationToken.None);
            }
        }
        catch (WebSocketException)
        {
            // Already gone.
        }
        finally
        {
            _send.Release();
        }
    }

    /// <summary>Drops the TCP connection without a close frame (a network failure).</summary>
    public void Abort()
    {
        if (_closed.Task.IsCompleted)
        {
            return;
        }

        try
        {
            _context.Abort();
        }
        catch (ObjectDisposedException)
        {
            // The request already ended.
        }
    }

    /// <inheritdoc />
    public void Dispose() => _send.Dispose();

    internal async Task RunAsync(CancellationToken aborted)
    {
        try
        {
            await SendAsync(new JsonObject { ["op"] = 10, ["d"] = new JsonObject { ["heartbeat_interval"] = _server.HeartbeatIntervalMs } });
            var buffer = new byte[64 * 1024];
            while (true)
            {
                using var message = new MemoryStream();
                ValueWebSocketReceiveResult result;
                do
                {
                    result = await _socket.ReceiveAsync(buffer.AsMemory(), aborted);
                    if (result.MessageType == WebSocketMessageType.Close)
                    {
                        _closed.TrySetResult(_socket.CloseStatus);
                        await CloseAsync((int)(_socket.CloseStatus ?? WebSocketCloseStatus.NormalClosure), "bye");
                        return;
                    }

                    message.Write(buffer, 0, result.Count);
                }
                while (!result.EndOfMessage);

                var payload = JsonNode.Parse(message.ToArray())!;
                _received.Enqueue(payload);
                await _server.OnGatewayPayloadAsync(this, payload);
            }
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException or IOException or Microsoft.AspNetCore.Connections.ConnectionAbortedException)
        {
            _closed.TrySetResult(null);
        }
        finally
        {
            _closed.TrySetResult(_socket.CloseStatus);
        }
    }
}

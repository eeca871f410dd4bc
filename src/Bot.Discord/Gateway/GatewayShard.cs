using System.Buffers;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;

namespace Bot.Discord.Gateway;

/// <summary>Receives the dispatch events a shard does not handle itself (INTERACTION_CREATE, MESSAGE_CREATE).</summary>
internal interface IGatewayDispatcher
{
    /// <summary>Called on the receive loop: must return quickly (start work, do not await it).</summary>
    void Dispatch(int shardId, string eventName, JsonElement data, CancellationToken cancellationToken);
}

/// <summary>
/// One gateway connection (shard) and its session: Hello → heartbeat (first beat jittered) → Identify
/// or Resume; sequence tracking; READY's session_id and resume_gateway_url; zombie detection; op 1, 7,
/// 9, 11; close codes. Returns only on cancellation; throws <see cref="GatewayFatalException"/> on fatal closes.
/// </summary>
internal sealed partial class GatewayShard(
    int shardId,
    int shardCount,
    int intents,
    string token,
    IdentifyGate identifyGate,
    IGatewayDispatcher dispatcher,
    TimeProvider time,
    ILogger logger) : IDisposable
{
    private const int MaxFrameBytes = 4096;
    private const int SendsPerMinute = 120;
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(60);

    private readonly SemaphoreSlim _sendLock = new(1, 1);
    private readonly Queue<DateTimeOffset> _sends = new();
    private string? _sessionId;
    private string? _resumeUrl;
    private long? _sequence;
    private volatile bool _acked = true;

    public int ShardId => shardId;

    public void Dispose() => _sendLock.Dispose();

    public async Task RunAsync(string gatewayUrl, CancellationToken cancellationToken)
    {
        var failures = 0;
        while (!cancellationToken.IsCancellationRequested)
        {
            var resume = _sessionId is not null && _resumeUrl is not null;
            var url = resume ? _resumeUrl! : gatewayUrl;
            CloseAction next;
            try
            {
                (next, var healthy) = await RunConnectionAsync(url, resume, cancellationToken).ConfigureAwait(false);
                failures = healthy ? 0 : failures + 1;
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex) when (ex is not GatewayFatalException && !cancellationToken.IsCancellationRequested)
            {
                failures++;
                LogConnectionFailed(shardId, ex);
                next = CloseAction.Resume;
            }

            if (next == CloseAction.Reidentify)
            {
                ClearSession();
            }

            if (failures > 0)
            {
                var delay = TimeSpan.FromMilliseconds(Math.Min(MaxBackoff.TotalMilliseconds, 500 * Math.Pow(2, Math.Min(failures - 1, 7)) * (0.5 + Random.Shared.NextDouble())));
                LogBackoff(shardId, delay.TotalMilliseconds, failures);
                await Task.Delay(delay, time, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private void ClearSession()
    {
        _sessionId = null;
        _resumeUrl = null;
        _sequence = null;
    }

    /// <returns>What to do next, and whether the connection got as far as READY or RESUMED.</returns>
    private async Task<(CloseAction Next, bool Healthy)> RunConnectionAsync(string url, bool resume, CancellationToken cancellationToken)
    {
        using var ws = new ClientWebSocket();
        // Not linked to the stopping token: on shutdown we close with 1000 first, then stop reading.
        using var connection = new CancellationTokenSource();
        var uri = new UriBuilder(url) { Query = "v=10&encoding=json" }.Uri;
        if (!resume)
        {
            // Wait for our identify slot before connecting: blocking the receive loop later would starve heartbeat ACKs.
            await identifyGate.WaitAsync(shardId, cancellationToken).ConfigureAwait(false);
        }

        LogConnecting(shardId, resume ? "resume" : "identify");
        await ws.ConnectAsync(uri, cancellationToken).ConfigureAwait(false);
        await using var onShutdown = cancellationToken.Register(() => _ = CloseForShutdownAsync(ws, connection)).ConfigureAwait(false);

        var healthy = false;
        var zombie = false;
        Task heartbeat = Task.CompletedTask;
        try
        {
            var buffer = new ArrayBufferWriter<byte>(8192);
            while (true)
            {
                var result = await ReceiveFrameAsync(ws, buffer, connection.Token).ConfigureAwait(false);
                if (result is null)
                {
                    var code = (int?)ws.CloseStatus;
                    var action = zombie ? CloseAction.Resume : GatewayCloseCodes.ActionFor(code);
                    LogClosed(shardId, code, ws.CloseStatusDescription, action);
                    if (action == CloseAction.Fatal)
                    {
                        throw new GatewayFatalException(code!.Value, ws.CloseStatusDescription);
                    }

                    return (action, healthy);
                }

                JsonElement root;
                try
                {
                    using var doc = JsonDocument.Parse(buffer.WrittenMemory);
                    root = doc.RootElement.Clone();
                }
                catch (JsonException ex)
                {
                    LogMalformed(shardId, buffer.WrittenCount, ex);
                    continue;
                }

                if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("op", out var opElement) || !opElement.TryGetInt32(out var op))
                {
                    LogMalformed(shardId, buffer.WrittenCount, null);
                    continue;
                }

                var data = root.TryGetProperty("d", out var d) ? d : default;
                switch (op)
                {
                    case 10: // Hello
                        var interval = TimeSpan.FromMilliseconds(data.GetProperty("heartbeat_interval").GetDouble());
                        _acked = true;
                        heartbeat = HeartbeatLoopAsync(ws, interval, () => zombie = true, connection);
                        if (resume)
                        {
                            await SendAsync(ws, new JsonObject { ["op"] = 6, ["d"] = new JsonObject { ["token"] = token, ["session_id"] = _sessionId, ["seq"] = _sequence } }, connection.Token).ConfigureAwait(false);
                            LogResuming(shardId, _sequence);
                        }
                        else
                        {
                            await SendAsync(ws, IdentifyPayload(), connection.Token).ConfigureAwait(false);
                            LogIdentifying(shardId, shardCount, intents);
                        }

                        break;
                    case 11: // Heartbeat ACK
                        _acked = true;
                        break;
                    case 1: // Heartbeat request
                        await SendAsync(ws, new JsonObject { ["op"] = 1, ["d"] = _sequence }, connection.Token).ConfigureAwait(false);
                        break;
                    case 7: // Reconnect
                        LogReconnectRequested(shardId);
                        await CloseQuietlyAsync(ws, GatewayCloseCodes.ResumableClientClose, "reconnect").ConfigureAwait(false);
                        return (CloseAction.Resume, healthy);
                    case 9: // Invalid Session
                        var resumable = data.ValueKind == JsonValueKind.True;
                        var wait = TimeSpan.FromMilliseconds(1000 + Random.Shared.Next(0, 4000));
                        LogInvalidSession(shardId, resumable, wait.TotalMilliseconds);
                        await CloseQuietlyAsync(ws, GatewayCloseCodes.ResumableClientClose, "invalid session").ConfigureAwait(false);
                        await Task.Delay(wait, time, cancellationToken).ConfigureAwait(false);
                        return (resumable ? CloseAction.Resume : CloseAction.Reidentify, true);
                    case 0: // Dispatch
                        if (root.TryGetProperty("s", out var s) && s.TryGetInt64(out var seq))
                        {
                            _sequence = seq;
                        }

                        var name = root.TryGetProperty("t", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString()! : "";
                        healthy |= OnDispatch(name, data, cancellationToken);
                        break;
                    default:
                        LogUnknownOp(shardId, op);
                        break;
                }
            }
        }
        catch (Exception ex) when (zombie && !cancellationToken.IsCancellationRequested && ex is OperationCanceledException or WebSocketException)
        {
            return (CloseAction.Resume, healthy);
        }
        finally
        {
            await connection.CancelAsync().ConfigureAwait(false);
            try
            {
                await heartbeat.ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is OperationCanceledException or WebSocketException or ObjectDisposedException)
            {
                // The connection is over; the heartbeat loop ends with it.
            }

            if (cancellationToken.IsCancellationRequested && ws.State == WebSocketState.Open)
            {
                // Shutting down: 1000 ends the session so the bot shows offline at once.
                await CloseQuietlyAsync(ws, (int)WebSocketCloseStatus.NormalClosure, "shutting down").ConfigureAwait(false);
            }
        }
    }

    /// <returns>True when the event shows a working session (READY, RESUMED).</returns>
    private bool OnDispatch(string name, JsonElement data, CancellationToken cancellationToken)
    {
        try
        {
            switch (name)
            {
                case "READY":
                    _sessionId = data.GetProperty("session_id").GetString();
                    _resumeUrl = data.GetProperty("resume_gateway_url").GetString();
                    var user = data.TryGetProperty("user", out var u) && u.TryGetProperty("username", out var un) ? un.GetString() : null;
                    LogReady(shardId, user);
                    return true;
                case "RESUMED":
                    LogResumed(shardId, _sequence);
                    return true;
                case "GUILD_CREATE":
                    if (data.TryGetProperty("id", out var gid) && ulong.TryParse(gid.GetString(), out var guildId) && ShardRouting.ShardFor(guildId, shardCount) != shardId)
                    {
                        LogMisrouted(shardId, ShardRouting.ShardFor(guildId, shardCount));
                    }

                    return false;
                case "INTERACTION_CREATE" or "MESSAGE_CREATE":
                    dispatcher.Dispatch(shardId, name, data, cancellationToken);
                    return false;
                default:
                    LogIgnoredEvent(shardId, name);
                    return false;
            }
        }
        catch (Exception ex) when (ex is KeyNotFoundException or InvalidOperationException or FormatException)
        {
            LogBadEvent(shardId, name, ex);
            return false;
        }
    }

    private JsonObject IdentifyPayload() => new()
    {
        ["op"] = 2,
        ["d"] = new JsonObject
        {
            ["token"] = token,
            ["intents"] = intents,
            ["properties"] = new JsonObject { ["os"] = Environment.OSVersion.Platform.ToString().ToLowerInvariant(), ["browser"] = "news-bot", ["device"] = "news-bot" },
            ["shard"] = new JsonArray(shardId, shardCount),
        },
    };

    private async Task HeartbeatLoopAsync(ClientWebSocket ws, TimeSpan interval, Action markZombie, CancellationTokenSource connection)
    {
        await Task.Yield();
        var token = connection.Token;
        await Task.Delay(interval * Random.Shared.NextDouble(), time, token).ConfigureAwait(false);
        while (!token.IsCancellationRequested)
        {
            if (!_acked)
            {
                // No ACK since the last beat: a zombie connection. Close with a non-1000 code so the session stays resumable.
                markZombie();
                LogZombie(shardId);
                await CloseQuietlyAsync(ws, GatewayCloseCodes.ResumableClientClose, "heartbeat not acknowledged").ConfigureAwait(false);

                // Give a live peer a moment to answer the close (aborting at once could reset the connection before our close frame is read).
                await Task.Delay(TimeSpan.FromSeconds(1), time, token).ConfigureAwait(false);
                await connection.CancelAsync().ConfigureAwait(false);
                return;
            }

            _acked = false;
            await SendAsync(ws, new JsonObject { ["op"] = 1, ["d"] = _sequence }, token).ConfigureAwait(false);
            await Task.Delay(interval, time, token).ConfigureAwait(false);
        }
    }

    private async Task SendAsync(ClientWebSocket ws, JsonObject payload, CancellationToken cancellationToken)
    {
        var bytes = Encoding.UTF8.GetBytes(payload.ToJsonString());
        if (bytes.Length > MaxFrameBytes)
        {
            LogFrameTooLarge(shardId, bytes.Length);
            return;
        }

        await _sendLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            // 120 sends per connection per 60 s, heartbeats included.
            var now = time.GetUtcNow();
            while (_sends.Count > 0 && _sends.Peek() <= now - TimeSpan.FromMinutes(1))
            {
                _sends.Dequeue();
            }

            if (_sends.Count >= SendsPerMinute)
            {
                await Task.Delay(_sends.Peek() + TimeSpan.FromMinutes(1) - now, time, cancellationToken).ConfigureAwait(false);
                _sends.Dequeue();
            }

            _sends.Enqueue(time.GetUtcNow());
            await ws.SendAsync(bytes, WebSocketMessageType.Text, true, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _sendLock.Release();
        }
    }

    /// <summary>Reads one whole message, joining fragments until EndOfMessage; null when the server closed.</summary>
    private static async Task<ArrayBufferWriter<byte>?> ReceiveFrameAsync(ClientWebSocket ws, ArrayBufferWriter<byte> buffer, CancellationToken cancellationToken)
    {
        buffer.ResetWrittenCount();
        while (true)
        {
            var memory = buffer.GetMemory(4096);
            var result = await ws.ReceiveAsync(memory, cancellationToken).ConfigureAwait(false);
            if (result.MessageType == WebSocketMessageType.Close)
            {
                return null;
            }

            buffer.Advance(result.Count);
            if (result.EndOfMessage)
            {
                return buffer;
            }
        }
    }

    /// <summary>Shutting down: 1000 ends the session so the bot shows offline at once; then the receive loop stops.</summary>
    private async Task CloseForShutdownAsync(ClientWebSocket ws, CancellationTokenSource connection)
    {
        try
        {
            await CloseQuietlyAsync(ws, (int)WebSocketCloseStatus.NormalClosure, "shutting down").ConfigureAwait(false);
            await Task.Delay(TimeSpan.FromSeconds(1), time, connection.Token).ConfigureAwait(false);
            await connection.CancelAsync().ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is OperationCanceledException or ObjectDisposedException)
        {
            // The connection ended by itself first.
        }
    }

    private async Task CloseQuietlyAsync(ClientWebSocket ws, int code, string reason)
    {
        if (ws.State is not (WebSocketState.Open or WebSocketState.CloseReceived))
        {
            return;
        }

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2), time);
        var locked = false;
        try
        {
            // Close frames are sends too: never two sends at once on one ClientWebSocket.
            await _sendLock.WaitAsync(timeout.Token).ConfigureAwait(false);
            locked = true;
            if (ws.State is WebSocketState.Open or WebSocketState.CloseReceived)
            {
                await ws.CloseOutputAsync((WebSocketCloseStatus)code, reason, timeout.Token).ConfigureAwait(false);
            }
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException or ObjectDisposedException or IOException)
        {
            LogCloseFailed(shardId, ex);
        }
        finally
        {
            if (locked)
            {
                _sendLock.Release();
            }
        }
    }

    [LoggerMessage(EventId = 4100, Level = LogLevel.Information, Message = "Discord shard {ShardId} connecting ({Mode})")]
    private partial void LogConnecting(int shardId, string mode);

    [LoggerMessage(EventId = 4101, Level = LogLevel.Information, Message = "Discord shard {ShardId} of {ShardCount} identifying with intents {Intents}")]
    private partial void LogIdentifying(int shardId, int shardCount, int intents);

    [LoggerMessage(EventId = 4102, Level = LogLevel.Information, Message = "Discord shard {ShardId} resuming at sequence {Sequence}")]
    private partial void LogResuming(int shardId, long? sequence);

    [LoggerMessage(EventId = 4103, Level = LogLevel.Information, Message = "Discord shard {ShardId} ready as {User}")]
    private partial void LogReady(int shardId, string? user);

    [LoggerMessage(EventId = 4104, Level = LogLevel.Information, Message = "Discord shard {ShardId} resumed at sequence {Sequence}")]
    private partial void LogResumed(int shardId, long? sequence);

    [LoggerMessage(EventId = 4105, Level = LogLevel.Warning, Message = "Discord shard {ShardId}: no heartbeat ACK since the last beat (zombie connection); reconnecting to resume")]
    private partial void LogZombie(int shardId);

    [LoggerMessage(EventId = 4106, Level = LogLevel.Information, Message = "Discord shard {ShardId}: gateway asked to reconnect (op 7); resuming")]
    private partial void LogReconnectRequested(int shardId);

    [LoggerMessage(EventId = 4107, Level = LogLevel.Warning, Message = "Discord shard {ShardId}: invalid session (resumable: {Resumable}); waiting {WaitMs} ms")]
    private partial void LogInvalidSession(int shardId, bool resumable, double waitMs);

    [LoggerMessage(EventId = 4108, Level = LogLevel.Information, Message = "Discord shard {ShardId}: gateway closed with {CloseCode} ({Reason}); next: {Action}")]
    private partial void LogClosed(int shardId, int? closeCode, string? reason, CloseAction action);

    [LoggerMessage(EventId = 4109, Level = LogLevel.Warning, Message = "Discord shard {ShardId}: malformed gateway payload of {Bytes} bytes skipped")]
    private partial void LogMalformed(int shardId, int bytes, Exception? exception);

    [LoggerMessage(EventId = 4110, Level = LogLevel.Debug, Message = "Discord shard {ShardId}: unknown opcode {Op} skipped")]
    private partial void LogUnknownOp(int shardId, int op);

    [LoggerMessage(EventId = 4111, Level = LogLevel.Debug, Message = "Discord shard {ShardId}: event {Event} ignored")]
    private partial void LogIgnoredEvent(int shardId, string @event);

    [LoggerMessage(EventId = 4112, Level = LogLevel.Warning, Message = "Discord shard {ShardId}: event {Event} could not be read and was skipped")]
    private partial void LogBadEvent(int shardId, string @event, Exception exception);

    [LoggerMessage(EventId = 4113, Level = LogLevel.Warning, Message = "Discord shard {ShardId}: connection failed")]
    private partial void LogConnectionFailed(int shardId, Exception exception);

    [LoggerMessage(EventId = 4114, Level = LogLevel.Information, Message = "Discord shard {ShardId}: reconnecting in {DelayMs} ms after {Failures} failures")]
    private partial void LogBackoff(int shardId, double delayMs, int failures);

    [LoggerMessage(EventId = 4115, Level = LogLevel.Warning, Message = "Discord shard {ShardId}: a {Bytes}-byte frame exceeds 4096 bytes and was not sent")]
    private partial void LogFrameTooLarge(int shardId, int bytes);

    [LoggerMessage(EventId = 4116, Level = LogLevel.Debug, Message = "Discord shard {ShardId}: close handshake failed")]
    private partial void LogCloseFailed(int shardId, Exception exception);

    [LoggerMessage(EventId = 4117, Level = LogLevel.Warning, Message = "Discord shard {ShardId} received a guild that belongs to shard {Expected}")]
    private partial void LogMisrouted(int shardId, int expected);
}

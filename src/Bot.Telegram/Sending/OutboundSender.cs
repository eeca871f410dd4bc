using Bot.Telegram.Api;
using Bot.Telegram.State;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Bot.Telegram.Sending;

/// <summary>
/// Drains the outbound queue: each batch waits for its chat's and the global token bucket, so a slow chat never
/// holds up the others. 429 waits retry_after; 5xx and network failures back off with jitter a bounded number of
/// times, then the message is dropped with the chat id and reason; 403 marks the chat inactive; 400 with
/// migrate_to_chat_id moves the chat and resends; 401 stops the application.
/// </summary>
internal sealed class OutboundSender(
    OutboundQueue queue,
    TelegramBotClient client,
    TelegramStateStore state,
    FatalErrors fatal,
    IOptions<TelegramOptions> options,
    TimeProvider time,
    ILogger<OutboundSender> logger) : BackgroundService
{
    private const int MaxConcurrentRequests = 32;
    private const int MaxRateLimitRetries = 10;
    private const int MaxMigrations = 3;
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(30);

    /// <summary>How long a stopping host waits for queued replies to go out (the host's shutdown timeout also bounds it).</summary>
    private static readonly TimeSpan DrainTimeout = TimeSpan.FromSeconds(5);


    private readonly TelegramOptions _options = options.Value;

    /// <summary>One lane per chat: the parts of one reply go out in order and never interleave with another reply to the same chat.</summary>
    private readonly System.Collections.Concurrent.ConcurrentDictionary<long, SemaphoreSlim> _lanes = new();

    /// <summary>Bounds the HTTP requests in flight; taken only around the request, never while waiting for a token bucket.</summary>
    private readonly SemaphoreSlim _requests = new(MaxConcurrentRequests);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await using var limits = new SendRateLimits(_options);
        var running = new List<Task>();
        try
        {
            await foreach (var batch in queue.Reader.ReadAllAsync(stoppingToken))
            {
                // Batches wait for their chat's bucket concurrently, so one busy chat never holds up the others.
                running.Add(SendBatchAsync(batch, limits, stoppingToken));
                if (running.Count > 1024)
                {
                    running.RemoveAll(t => t.IsCompleted);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutdown.
        }

        try
        {
            await Task.WhenAll(running);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutdown.
        }
    }

    /// <summary>Lets replies already queued go out before stopping: the receivers stop first, so nothing new arrives.</summary>
    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        using var drain = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        drain.CancelAfter(DrainTimeout);
        try
        {
            while (queue.Pending > 0)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(20), time, drain.Token);
            }
        }
        catch (OperationCanceledException)
        {
            // Drain time is up: what is left is dropped.
        }

        await base.StopAsync(cancellationToken);
    }

    public override void Dispose()
    {
        _requests.Dispose();
        foreach (var lane in _lanes.Values)
        {
            lane.Dispose();
        }

        base.Dispose();
    }

    private async Task SendBatchAsync(OutboundBatch batch, SendRateLimits limits, CancellationToken ct)
    {
        try
        {
            await SendInLaneAsync(batch, limits, ct);
        }
        finally
        {
            queue.Done();
        }
    }

    private async Task SendInLaneAsync(OutboundBatch batch, SendRateLimits limits, CancellationToken ct)
    {
        var lane = _lanes.GetOrAdd(batch.ChatId, _ => new SemaphoreSlim(1));
        try
        {
            await lane.WaitAsync(ct);
        }
        catch (OperationCanceledException)
        {
            return;
        }

        try
        {
            foreach (var message in batch.Messages)
            {
                if (!await SendOneAsync(batch.ChatId, message, limits, ct))
                {
                    // The chat is gone (blocked, kicked) or the token was rejected: the rest of the reply cannot arrive either.
                    break;
                }
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // Shutdown.
        }
        catch (Exception ex)
        {
            Log.SendDropped(logger, batch.ChatId, "unexpected " + ex.GetType().Name);
        }
        finally
        {
            lane.Release();
        }
    }

    /// <summary>Sends one message with the retry policy; false when the rest of the batch should not be sent.</summary>
    internal async Task<bool> SendOneAsync(long originalChatId, SendMessageRequest message, SendRateLimits limits, CancellationToken ct)
    {
        var failures = 0;
        var rateLimited = 0;
        var migrations = 0;
        while (true)
        {
            var chatId = state.ResolveChat(originalChatId);
            if (state.IsInactive(chatId))
            {
                Log.SendDropped(logger, chatId, "chat is inactive");
                return false;
            }

            try
            {
                using (await limits.AcquireAsync(chatId, ct))
                {
                    await _requests.WaitAsync(ct);
                    try
                    {
                        await client.SendMessageAsync(message with { ChatId = chatId }, ct);
                    }
                    finally
                    {
                        _requests.Release();
                    }
                }

                return true;
            }
            catch (TelegramApiException ex) when (ex.ErrorCode == 429)
            {
                if (++rateLimited > MaxRateLimitRetries)
                {
                    Log.SendDropped(logger, chatId, "still rate limited after " + MaxRateLimitRetries + " waits");
                    return true;
                }

                var wait = Math.Max(1, ex.RetryAfter ?? 1);
                Log.RateLimited(logger, chatId, wait);
                await Task.Delay(TimeSpan.FromSeconds(wait), time, ct);
            }
            catch (TelegramApiException ex) when (ex.ErrorCode == 403)
            {
                state.MarkInactive(chatId, ex.Description);
                Log.ChatInactive(logger, chatId, ex.Description);
                return false;
            }
            catch (TelegramApiException ex) when (ex.ErrorCode == 400 && ex.MigrateToChatId is { } newChatId)
            {
                state.MigrateChat(chatId, newChatId);
                Log.ChatMigrated(logger, chatId, newChatId);
                if (++migrations > MaxMigrations)
                {
                    Log.SendDropped(logger, chatId, "chat keeps migrating");
                    return false;
                }
            }
            catch (TelegramApiException ex) when (ex.ErrorCode == 401)
            {
                fatal.Stop("the Bot API rejected the token (401) while sending; check Telegram:Token");
                return false;
            }
            catch (Exception ex) when (IsTransient(ex))
            {
                if (++failures >= _options.MaxSendAttempts)
                {
                    Log.SendDropped(logger, chatId, $"gave up after {failures} attempts: {ex.Message}");
                    return true;
                }

                var delay = Backoff(failures);
                Log.SendRetry(logger, chatId, failures, delay, ex);
                await Task.Delay(delay, time, ct);
            }
            catch (TelegramApiException ex)
            {
                // Other 4xx: the request itself is wrong; retrying cannot help.
                Log.SendDropped(logger, chatId, $"{ex.ErrorCode} {ex.Description}");
                return true;
            }
        }
    }

    private static bool IsTransient(Exception ex) => ex switch
    {
        TelegramApiException api => api.ErrorCode >= 500,
        TelegramTransportException => true,
        _ => false,
    };

    /// <summary>Exponential backoff with full jitter in [base·2^(n-1)/2, base·2^(n-1)], capped.</summary>
    private TimeSpan Backoff(int attempt)
    {
        var ceiling = Math.Min(MaxBackoff.TotalMilliseconds, _options.RetryBaseDelay.TotalMilliseconds * Math.Pow(2, attempt - 1));
#pragma warning disable CA5394 // Jitter, not security.
        var ms = (ceiling / 2) + (Random.Shared.NextDouble() * ceiling / 2);
#pragma warning restore CA5394
        return TimeSpan.FromMilliseconds(ms);
    }
}

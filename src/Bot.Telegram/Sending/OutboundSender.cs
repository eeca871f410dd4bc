using Bot.Core.Digests;
using Bot.Telegram.Api;
using Bot.Telegram.State;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Bot.Telegram.Sending;

/// <summary>
/// Drains the outbound queue: each batch waits for its chat's limit and the overall one, so a slow chat never
/// holds up the others. 429 waits retry_after; 5xx and network failures back off with jitter a bounded number of
/// times, then the message is dropped with the chat id and reason; 403 marks the chat inactive; 400 with
/// migrate_to_chat_id moves the chat and resends; 401 stops the application. Replies go out best effort; a batch
/// with an <see cref="OutboundCompletion"/> (a digest) stops at its first failed part and reports its outcome.
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
    private readonly System.Collections.Concurrent.ConcurrentDictionary<ChatRef, SemaphoreSlim> _lanes = new();

    /// <summary>Bounds the HTTP requests in flight; taken only around the request, never while waiting for a token bucket.</summary>
    private readonly SemaphoreSlim _requests = new(MaxConcurrentRequests);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await using var limits = new SendRateLimits(_options, time);
        var running = new List<Task>();
        var pruneAt = 1024;
        try
        {
            await foreach (var batch in queue.Reader.ReadAllAsync(stoppingToken))
            {
                // Batches wait for their chat's bucket concurrently, so one busy chat never holds up the others.
                running.Add(SendBatchAsync(batch, limits, stoppingToken));
                if (running.Count > pruneAt)
                {
                    // Pruned when the list doubles, not on every batch: thousands of digests can wait on the limits at once.
                    running.RemoveAll(t => t.IsCompleted);
                    pruneAt = Math.Max(1024, running.Count * 2);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutdown.
        }

        // Batches still queued are not sent: a waiting publisher hears "retry later" rather than waiting forever.
        queue.Close();
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

    private async Task SendBatchAsync(OutboundBatch batch, SendRateLimits limits, CancellationToken stoppingToken)
    {
        try
        {
            if (batch.Completion is { } completion)
            {
                await SendAndReportAsync(batch, completion, limits, stoppingToken);
            }
            else
            {
                await SendInLaneAsync(batch, limits, stoppingToken);
            }
        }
        finally
        {
            queue.Done();
        }
    }

    /// <summary>A reply: every part is tried; only a chat that is gone (or a rejected token) ends it early.</summary>
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
                var result = await SendOneAsync(batch.ChatId, message, limits, ct, ct);
                if (result.Status != PublishStatus.Sent)
                {
                    Log.SendDropped(logger, batch.ChatId, result.Detail ?? result.Status.ToString());
                }

                if (result.Status == PublishStatus.ChatUnavailable || ReferenceEquals(result, TokenRejected))
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

    /// <summary>
    /// A digest: the parts go out in order, each reported once the server confirmed it; the first part that does not
    /// go out ends the batch, and its outcome is the batch's (the rest is sent on a later attempt, after the reported parts).
    /// </summary>
    private async Task SendAndReportAsync(OutboundBatch batch, OutboundCompletion completion, SendRateLimits limits, CancellationToken stoppingToken)
    {
        // Waiting (lane, limits, backoff) ends when either the host stops or the publisher gives up; a request on the
        // wire ends only with the host, so whether the server took a part is always known.
        using var waiting = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken, completion.CancellationToken);
        var lane = _lanes.GetOrAdd(batch.ChatId, _ => new SemaphoreSlim(1));
        try
        {
            await lane.WaitAsync(waiting.Token);
        }
        catch (OperationCanceledException)
        {
            completion.Complete(Stopped(stoppingToken));
            return;
        }

        try
        {
            var result = PublishResult.Sent;
            foreach (var message in batch.Messages)
            {
                result = await SendOneAsync(batch.ChatId, message, limits, waiting.Token, stoppingToken);
                if (result.Status != PublishStatus.Sent)
                {
                    break;
                }

                await completion.PartSentAsync();
            }

            completion.Complete(result);
        }
        catch (OperationCanceledException) when (waiting.IsCancellationRequested)
        {
            completion.Complete(Stopped(stoppingToken));
        }
        catch (Exception ex)
        {
            // Only the caller's progress callback (its store) can get here: the caller learns of it.
            completion.Fail(ex);
        }
        finally
        {
            lane.Release();
        }
    }

    private static PublishResult Stopped(CancellationToken stoppingToken) =>
        new(PublishStatus.RetryLater, stoppingToken.IsCancellationRequested ? "the bot is shutting down" : "cancelled");

    /// <summary>The Bot API rejected the token: the application is stopping; whatever was being sent is tried again after a restart.</summary>
    private static readonly PublishResult TokenRejected = new(PublishStatus.RetryLater, "the Bot API rejected the token (401)");

    /// <summary>
    /// Sends one message with the retry policy and says what came of it: sent; the chat is unavailable (403 blocked,
    /// kicked, deactivated; 400 chat not found; a chat marked inactive); retry later (5xx, network, 429 beyond the
    /// retries, a rejected token); failed (any other 400). Follows migrate_to_chat_id. <paramref name="waitCt"/> ends
    /// waits, <paramref name="requestCt"/> the request itself.
    /// </summary>
    internal async Task<PublishResult> SendOneAsync(ChatRef originalChat, SendMessageRequest message, SendRateLimits limits, CancellationToken waitCt, CancellationToken requestCt)
    {
        var failures = 0;
        var rateLimited = 0;
        var migrations = 0;
        while (true)
        {
            var chat = originalChat.IsNumeric ? ChatRef.FromId(state.ResolveChat(originalChat.Id)) : originalChat;
            if (chat.IsNumeric && state.IsInactive(chat.Id))
            {
                return new PublishResult(PublishStatus.ChatUnavailable, "the chat is inactive (it blocked or removed the bot)");
            }

            try
            {
                using (await limits.AcquireAsync(chat, waitCt))
                {
                    await _requests.WaitAsync(waitCt);
                    try
                    {
                        await client.SendMessageAsync(message with { ChatId = chat }, requestCt);
                    }
                    finally
                    {
                        _requests.Release();
                    }
                }

                return PublishResult.Sent;
            }
            catch (TelegramApiException ex) when (ex.ErrorCode == 429)
            {
                if (++rateLimited > MaxRateLimitRetries)
                {
                    return new PublishResult(PublishStatus.RetryLater, "still rate limited after " + MaxRateLimitRetries + " waits");
                }

                var wait = Math.Max(1, ex.RetryAfter ?? 1);
                Log.RateLimited(logger, chat, wait);
                await Task.Delay(TimeSpan.FromSeconds(wait), time, waitCt);
            }
            catch (TelegramApiException ex) when (ex.ErrorCode == 403)
            {
                // Blocked by the user, kicked, deactivated, not a member: the chat is gone for this bot until it writes again.
                if (chat.IsNumeric)
                {
                    state.MarkInactive(chat.Id, ex.Description);
                }

                Log.ChatInactive(logger, chat, ex.Description);
                return new PublishResult(PublishStatus.ChatUnavailable, $"{ex.ErrorCode} {ex.Description}");
            }
            catch (TelegramApiException ex) when (ex.ErrorCode == 400 && ex.MigrateToChatId is { } newChatId && chat.IsNumeric)
            {
                state.MigrateChat(chat.Id, newChatId);
                Log.ChatMigrated(logger, chat.Id, newChatId);
                if (++migrations > MaxMigrations)
                {
                    return new PublishResult(PublishStatus.Failed, "the chat keeps migrating");
                }
            }
            catch (TelegramApiException ex) when (ex.ErrorCode == 400 && IsChatNotFound(ex.Description))
            {
                return new PublishResult(PublishStatus.ChatUnavailable, $"{ex.ErrorCode} {ex.Description}");
            }
            catch (TelegramApiException ex) when (ex.ErrorCode == 401)
            {
                fatal.Stop("the Bot API rejected the token (401) while sending; check Telegram:Token");
                return TokenRejected;
            }
            catch (Exception ex) when (IsTransient(ex))
            {
                if (++failures >= _options.MaxSendAttempts)
                {
                    return new PublishResult(PublishStatus.RetryLater, $"gave up after {failures} attempts: {ex.Message}");
                }

                var delay = Backoff(failures);
                Log.SendRetry(logger, chat, failures, delay, ex);
                await Task.Delay(delay, time, waitCt);
            }
            catch (TelegramApiException ex)
            {
                // Other 4xx: the request itself is wrong; retrying cannot help.
                return new PublishResult(PublishStatus.Failed, $"{ex.ErrorCode} {ex.Description}");
            }
        }
    }

    /// <summary>
    /// The 400 the Bot API answers for a chat that does not exist or that the bot cannot see ("Bad Request: chat not
    /// found"); 400 carries no sub-code, so this one is told by its documented description.
    /// </summary>
    internal static bool IsChatNotFound(string description) =>
        description.Contains("chat not found", StringComparison.OrdinalIgnoreCase)
        || description.Contains("not enough rights to send", StringComparison.OrdinalIgnoreCase)
        || description.Contains("need administrator rights in the channel", StringComparison.OrdinalIgnoreCase);

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

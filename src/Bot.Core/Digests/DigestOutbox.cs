using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Bot.Core.Digests;

/// <summary>
/// Sends the outbox: every pending delivery goes to its platform's publisher, several at once (the transports pace
/// them under their rate limits). Each part is recorded as it goes out and the delivery is marked sent at the end, so a
/// restart resumes what was not sent and never repeats what was. A chat that is gone pauses its subscription; transient
/// failures are retried with backoff a bounded number of times, then the delivery fails and says why.
/// </summary>
public sealed partial class DigestOutbox(
    ISubscriptionStore store,
    IEnumerable<IDigestPublisher> publishers,
    IOptions<DigestOptions> options,
    TimeProvider time,
    ILogger<DigestOutbox> logger) : IDisposable
{
    private static readonly TimeSpan IdlePoll = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan NoPublisherRetry = TimeSpan.FromMinutes(10);
    private readonly DigestOptions _options = options.Value;
    private readonly Dictionary<string, IDigestPublisher> _publishers = publishers.ToDictionary(p => p.Platform, StringComparer.OrdinalIgnoreCase);
    private readonly SemaphoreSlim _wake = new(0, int.MaxValue);
    private readonly ConcurrentDictionary<string, byte> _inFlight = new(StringComparer.Ordinal);

    /// <summary>Deliveries being sent right now.</summary>
    public int InFlight => _inFlight.Count;

    /// <summary>New deliveries were stored: look at once.</summary>
    public void Notify() => _wake.Release();

    /// <summary>Sends pending deliveries until cancelled; on cancellation, unfinished deliveries stay pending for the next start.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var concurrency = _options.MaxConcurrentDeliveries;
        using var slots = new SemaphoreSlim(concurrency, concurrency);
        var running = new List<Task>();
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                var started = 0;
                var due = store.DuePending(time.GetUtcNow(), concurrency + _inFlight.Count);
                foreach (var delivery in due)
                {
                    if (_inFlight.ContainsKey(delivery.Id))
                    {
                        continue;
                    }

                    await slots.WaitAsync(cancellationToken);

                    // The list was read before the wait: meanwhile this delivery may have been sent (and left the
                    // in-flight set) or put off. Start it only as the store has it now, with the parts it has sent.
                    var current = _inFlight.ContainsKey(delivery.Id) ? null : store.GetDelivery(delivery.Id);
                    if (current is not { Status: DeliveryStatus.Pending } || current.NextAttemptAt > time.GetUtcNow())
                    {
                        slots.Release();
                        continue;
                    }

                    _inFlight[current.Id] = 0;
                    started++;
                    running.Add(Task.Run(async () =>
                    {
                        try
                        {
                            await DeliverAsync(current, cancellationToken);
                        }
                        finally
                        {
                            _inFlight.TryRemove(current.Id, out _);
                            slots.Release();
                            _wake.Release();
                        }
                    }, CancellationToken.None));
                }

                running.RemoveAll(t => t.IsCompleted);
                if (started == 0)
                {
                    await WaitAsync(cancellationToken);
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Shutdown: what is unfinished stays pending.
        }

        await Task.WhenAll(running);
    }

    /// <summary>Sends one delivery and records the outcome. Never throws but for cancellation.</summary>
    public async Task<PublishStatus?> DeliverAsync(DigestDelivery delivery, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(delivery);
        var subscription = store.Get(delivery.SubscriptionId);
        if (subscription is null || subscription.IsPaused)
        {
            var why = subscription is null ? "the subscription was removed" : "the subscription is paused: " + subscription.PausedReason;
            store.MarkAttemptFailed(delivery.Id, why, retryAt: null);
            LogGivenUp(logger, delivery.Id, why);
            return null;
        }

        if (!_publishers.TryGetValue(delivery.Platform, out var publisher))
        {
            // The platform's transport is not configured in this run (no token): keep it for a run that has it.
            store.MarkAttemptFailed(delivery.Id, $"no {delivery.Platform} transport is configured", time.GetUtcNow() + NoPublisherRetry);
            LogNoPublisher(logger, delivery.Id, delivery.Platform);
            return null;
        }

        var message = new DigestMessage(delivery.Id, delivery.ChatId, DigestReply.Render(delivery.Digest), delivery.PartsSent, parts =>
        {
            store.MarkPartsSent(delivery.Id, parts);
            return ValueTask.CompletedTask;
        });
        PublishResult result;
        try
        {
            result = await publisher.PublishAsync(message, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception ex)
        {
            LogPublisherFailed(logger, ex, delivery.Id);
            result = new PublishResult(PublishStatus.RetryLater, ex.GetType().Name);
        }

        var attempts = delivery.Attempts + 1;
        switch (result.Status)
        {
            case PublishStatus.Sent:
                store.MarkSent(delivery.Id, time.GetUtcNow());
                LogSent(logger, delivery.Id, delivery.Platform, delivery.ChatId);
                break;
            case PublishStatus.ChatUnavailable:
                var reason = result.Detail ?? "the chat is unavailable";
                store.Pause(delivery.SubscriptionId, reason);
                LogPaused(logger, delivery.SubscriptionId, delivery.Platform, delivery.ChatId, reason);
                break;
            case PublishStatus.RetryLater when attempts < _options.MaxDeliveryAttempts:
                var wait = Backoff(attempts);
                store.MarkAttemptFailed(delivery.Id, result.Detail ?? "transient failure", time.GetUtcNow() + wait);
                LogRetry(logger, delivery.Id, attempts, wait, result.Detail ?? "transient failure");
                break;
            default:
                store.MarkAttemptFailed(delivery.Id, result.Detail ?? result.Status.ToString(), retryAt: null);
                LogGivenUp(logger, delivery.Id, $"{result.Status} after {attempts} attempts: {result.Detail}");
                break;
        }

        return result.Status;
    }

    /// <summary>Exponential backoff from 30 s, capped at one hour.</summary>
    internal static TimeSpan Backoff(int attempts) => TimeSpan.FromSeconds(Math.Min(3600, 30 * Math.Pow(2, attempts - 1)));

    private async Task WaitAsync(CancellationToken cancellationToken)
    {
        var wait = IdlePoll;
        if (store.NextPendingDue() is { } next)
        {
            var until = next - time.GetUtcNow();
            wait = until < TimeSpan.Zero ? TimeSpan.FromMilliseconds(200) : until < wait ? until : wait;
        }

        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var woken = _wake.WaitAsync(stop.Token);
        await Task.WhenAny(woken, Task.Delay(wait, time, stop.Token));
        await stop.CancelAsync();
        try
        {
            await woken;
        }
        catch (OperationCanceledException)
        {
            // Timed out (or shutting down) rather than woken.
        }

        cancellationToken.ThrowIfCancellationRequested();
    }

    /// <inheritdoc />
    public void Dispose() => _wake.Dispose();

    [LoggerMessage(EventId = 1320, Level = LogLevel.Information, Message = "Digest {Delivery} sent to {Platform} chat {ChatId}")]
    private static partial void LogSent(ILogger logger, string delivery, string platform, string chatId);

    [LoggerMessage(EventId = 1321, Level = LogLevel.Warning, Message = "Digests for {Subscription} paused: {Platform} chat {ChatId} is unavailable ({Reason})")]
    private static partial void LogPaused(ILogger logger, string subscription, string platform, string chatId, string reason);

    [LoggerMessage(EventId = 1322, Level = LogLevel.Warning, Message = "Digest {Delivery} not sent (attempt {Attempt}): {Reason}; retrying in {Wait}")]
    private static partial void LogRetry(ILogger logger, string delivery, int attempt, TimeSpan wait, string reason);

    [LoggerMessage(EventId = 1323, Level = LogLevel.Error, Message = "Digest {Delivery} given up: {Reason}")]
    private static partial void LogGivenUp(ILogger logger, string delivery, string reason);

    [LoggerMessage(EventId = 1324, Level = LogLevel.Warning, Message = "Digest {Delivery} waits: no {Platform} transport is configured in this run")]
    private static partial void LogNoPublisher(ILogger logger, string delivery, string platform);

    [LoggerMessage(EventId = 1325, Level = LogLevel.Error, Message = "Publishing digest {Delivery} failed unexpectedly; it will be retried")]
    private static partial void LogPublisherFailed(ILogger logger, Exception exception, string delivery);
}

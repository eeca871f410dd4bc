using System.Threading.Channels;
using Bot.Core.Digests;
using Bot.Telegram.Api;

namespace Bot.Telegram.Sending;

/// <summary>Messages for one chat that go out in order (the parts of one reply or one digest).</summary>
/// <param name="ChatId">The chat as the update or the subscription named it (migrations are followed at send time).</param>
/// <param name="Messages">The messages, sent one after another.</param>
/// <param name="EnqueuedAt">A <see cref="TimeProvider.GetTimestamp"/> of when the batch was queued.</param>
/// <param name="Completion">
/// Set when the sender waits for the outcome (digests): the batch then stops at the first part that does not go out,
/// reports each part the server confirmed and the final status. Null for replies, which go out best effort.
/// </param>
internal sealed record OutboundBatch(ChatRef ChatId, IReadOnlyList<SendMessageRequest> Messages, long EnqueuedAt, OutboundCompletion? Completion = null);

/// <summary>
/// How a waiting sender learns what became of its batch: <see cref="PartSentAsync"/> after each part the server
/// confirmed (with the count so far, parts sent before a restart included), then <see cref="Result"/> completes once.
/// A cancelled batch sends no further part (a request already on the wire is let finish, so its outcome is known).
/// </summary>
internal sealed class OutboundCompletion(int partsAlreadySent, Func<int, ValueTask> partSent, CancellationToken cancellationToken)
{
    private readonly TaskCompletionSource<PublishResult> _result = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _partsSent = partsAlreadySent;

    /// <summary>The outcome; never faults for a platform error (only when <c>partSent</c> itself throws).</summary>
    public Task<PublishResult> Result => _result.Task;

    /// <summary>Parts confirmed so far, those sent before a restart included.</summary>
    public int PartsSent => Volatile.Read(ref _partsSent);

    /// <summary>Cancelled by the waiting sender: send nothing more.</summary>
    public CancellationToken CancellationToken { get; } = cancellationToken;

    public ValueTask PartSentAsync() => partSent(Interlocked.Increment(ref _partsSent));

    public void Complete(PublishResult result) => _result.TrySetResult(result);

    public void Fail(Exception exception) => _result.TrySetException(exception);
}

/// <summary>The one outbound queue every reply and digest goes through; <see cref="OutboundSender"/> drains it under the rate limits.</summary>
internal sealed class OutboundQueue
{
    private readonly Channel<OutboundBatch> _channel = Channel.CreateUnbounded<OutboundBatch>(new UnboundedChannelOptions { SingleReader = true });

    public ChannelReader<OutboundBatch> Reader => _channel.Reader;

    private int _pending;

    /// <summary>Batches queued or being sent (a batch counts from <see cref="Enqueue"/> until <see cref="Done"/>).</summary>
    public int Pending => Volatile.Read(ref _pending);

    /// <summary>Queues a batch; false when the queue is closed (the sender stopped), and then a waiting batch is completed with RetryLater.</summary>
    public bool Enqueue(OutboundBatch batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        Interlocked.Increment(ref _pending);
        if (!_channel.Writer.TryWrite(batch))
        {
            Interlocked.Decrement(ref _pending);
            batch.Completion?.Complete(new PublishResult(PublishStatus.RetryLater, "the Telegram sender has stopped"));
            return false;
        }

        return true;
    }

    /// <summary>The sender finished (sent or dropped) a batch.</summary>
    public void Done() => Interlocked.Decrement(ref _pending);

    /// <summary>The sender stopped: later batches are refused, and waiting ones still queued complete with RetryLater.</summary>
    public void Close()
    {
        _channel.Writer.TryComplete();
        while (_channel.Reader.TryRead(out var batch))
        {
            Done();
            batch.Completion?.Complete(new PublishResult(PublishStatus.RetryLater, "the Telegram sender has stopped"));
        }
    }
}

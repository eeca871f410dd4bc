using System.Threading.Channels;
using Bot.Telegram.Api;

namespace Bot.Telegram.Sending;

/// <summary>Messages for one chat that go out in order (the parts of one reply).</summary>
/// <param name="ChatId">The chat as the update named it (migrations are followed at send time).</param>
/// <param name="Messages">The messages, sent one after another.</param>
/// <param name="EnqueuedAt">A <see cref="TimeProvider.GetTimestamp"/> of when the batch was queued.</param>
internal sealed record OutboundBatch(long ChatId, IReadOnlyList<SendMessageRequest> Messages, long EnqueuedAt);

/// <summary>The one outbound queue every reply goes through; <see cref="OutboundSender"/> drains it under the rate limits.</summary>
internal sealed class OutboundQueue
{
    private readonly Channel<OutboundBatch> _channel = Channel.CreateUnbounded<OutboundBatch>(new UnboundedChannelOptions { SingleReader = true });

    public ChannelReader<OutboundBatch> Reader => _channel.Reader;

    private int _pending;

    /// <summary>Batches queued or being sent (a batch counts from <see cref="Enqueue"/> until <see cref="Done"/>).</summary>
    public int Pending => Volatile.Read(ref _pending);

    public void Enqueue(OutboundBatch batch)
    {
        Interlocked.Increment(ref _pending);
        if (!_channel.Writer.TryWrite(batch))
        {
            Interlocked.Decrement(ref _pending);
        }
    }

    /// <summary>The sender finished (sent or dropped) a batch.</summary>
    public void Done() => Interlocked.Decrement(ref _pending);
}

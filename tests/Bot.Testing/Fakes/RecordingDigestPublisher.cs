using System.Collections.Concurrent;
using Bot.Core.Digests;

namespace Bot.Testing.Fakes;

/// <summary>A digest publisher for one platform that keeps every digest it is given and reports it sent.</summary>
public sealed class RecordingDigestPublisher(string platform = "console") : IDigestPublisher
{
    private readonly ConcurrentQueue<DigestMessage> _messages = new();

    /// <inheritdoc />
    public string Platform { get; } = platform;

    /// <summary>Every digest published, in order.</summary>
    public IReadOnlyList<DigestMessage> Messages => [.. _messages];

    /// <inheritdoc />
    public async Task<PublishResult> PublishAsync(DigestMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        _messages.Enqueue(message);
        await message.PartSent(1);
        return PublishResult.Sent;
    }
}

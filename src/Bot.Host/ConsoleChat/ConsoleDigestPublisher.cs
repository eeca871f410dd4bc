using Bot.Core.Digests;
using Bot.Core.Replies;

namespace Bot.Host.ConsoleChat;

/// <summary>Prints digests for the console chat (platform "console"), so digests work with no chat token.</summary>
internal sealed class ConsoleDigestPublisher(ConsoleChatStreams streams) : IDigestPublisher
{
    public const string PlatformName = "console";

    /// <summary>The console chat's one chat id.</summary>
    public const string ChatId = "console";

    public string Platform => PlatformName;

    public async Task<PublishResult> PublishAsync(DigestMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (message.PartsAlreadySent > 0)
        {
            return PublishResult.Sent;
        }

        streams.Write(PlainTextRenderer.Render(message.Reply));
        await message.PartSent(1);
        return PublishResult.Sent;
    }
}

using System.Collections.Concurrent;
using Bot.Core.Digests;
using Bot.Core.Replies;

namespace Bot.Testing.Digests;

/// <summary>Digests as the core hands them to publishers, for transport tests.</summary>
public static class SampleDigests
{
    /// <summary>
    /// A digest reply shaped like the core's: an intro, one item a story ("Story 07 headline — Lead sentence 07 …"), a
    /// source each, an /about button. <paramref name="storyLength"/> repeats a clause, so a few dozen stories need
    /// several messages on any platform.
    /// </summary>
    public static Reply Reply(int stories, int storyLength = 8) => new(
        ReplyKind.Answer,
        "News digest",
        [
            new Paragraph($"{stories} stories since 1 Jan 2026 09:00 UTC."),
            new Section("Stories", [.. Enumerable.Range(1, stories).Select(i => new ReplyItem(
                $"Story {i:D2} headline",
                $"Lead sentence {i:D2} " + string.Concat(Enumerable.Repeat("of a story that goes on for a while, ", storyLength)) + "\nNames: Acme Union",
                [i]))]),
        ],
        [.. Enumerable.Range(1, stories).Select(i => new Citation(i, $"Article {i:D2}", $"https://news.example/{i}", "wire.txt", new DateOnly(2026, 1, 1)))],
        [new ReplyChoice("About Acme Union", "/about Acme Union")],
        "Based on articles first seen since 1 Jan 2026");
}

/// <summary>Builds <see cref="DigestMessage"/>s and records what a publisher reports through <see cref="DigestMessage.PartSent"/>.</summary>
public sealed class PartProgress
{
    private readonly ConcurrentQueue<int> _reported = new();

    /// <summary>The counts reported, in order.</summary>
    public IReadOnlyList<int> Reported => [.. _reported];

    /// <summary>A message whose <see cref="DigestMessage.PartSent"/> records here.</summary>
    public DigestMessage Message(string deliveryId, string chatId, Reply reply, int partsAlreadySent = 0) =>
        new(deliveryId, chatId, reply, partsAlreadySent, n =>
        {
            _reported.Enqueue(n);
            return ValueTask.CompletedTask;
        });
}

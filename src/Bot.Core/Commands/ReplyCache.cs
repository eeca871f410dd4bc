using System.Collections.Concurrent;
using Bot.Core.Knowledge;
using Bot.Core.Replies;

namespace Bot.Core.Commands;

/// <summary>
/// The answers about an entity (/members, /about) last built, by command and entity, while the knowledge they were
/// built from holds: every entry carries the <see cref="IKnowledgeReader.Version"/> it was built at and is used only
/// while the store still has that version, so a rescan, a resolution or a changed article makes it a miss. A reply
/// depends on nothing but the entity and the knowledge (not on who asks), and replies are immutable, so one instance
/// serves every chat. Bounded by the items and citations the cached replies hold (the most-named groups have answers
/// of thousands of lines); over the bound the oldest entries go first.
/// </summary>
internal sealed class ReplyCache(IKnowledgeReader knowledge, int capacity)
{
    private readonly ConcurrentDictionary<(string Command, long Entity), Entry> _entries = new();
    private readonly ConcurrentQueue<(string Command, long Entity)> _order = new();
    private readonly Lock _trim = new();
    private long _weight;
    private long _version = long.MinValue;

    /// <summary>The cached reply of <paramref name="command"/> about <paramref name="entity"/>, or the one <paramref name="build"/> makes.</summary>
    public Reply GetOrBuild(string command, long entity, Func<Reply> build)
    {
        if (capacity <= 0)
        {
            return build();
        }

        var version = knowledge.Version;
        if (Volatile.Read(ref _version) != version)
        {
            Clear(version);
        }

        var key = (command, entity);
        if (_entries.TryGetValue(key, out var hit) && hit.Version == version)
        {
            return hit.Reply;
        }

        // Built from the knowledge as it is now: if it changes meanwhile, the entry carries the old version and is never used.
        var reply = build();
        var weight = Weight(reply);
        if (weight <= capacity / 4 && _entries.TryAdd(key, new Entry(reply, version, weight)))
        {
            _order.Enqueue(key);
            if (Interlocked.Add(ref _weight, weight) > capacity)
            {
                Trim();
            }
        }

        return reply;
    }

    private void Clear(long version)
    {
        lock (_trim)
        {
            // Only a newer version clears: a caller still holding an older one must not wipe newer entries.
            if (version <= _version)
            {
                return;
            }

            _entries.Clear();
            _order.Clear();
            Interlocked.Exchange(ref _weight, 0);
            Volatile.Write(ref _version, version);
        }
    }

    private void Trim()
    {
        lock (_trim)
        {
            while (Interlocked.Read(ref _weight) > capacity && _order.TryDequeue(out var oldest))
            {
                if (_entries.TryRemove(oldest, out var gone))
                {
                    Interlocked.Add(ref _weight, -gone.Weight);
                }
            }
        }
    }

    /// <summary>What a reply holds: one for itself, one per block, item and citation.</summary>
    private static long Weight(Reply reply) =>
        1 + reply.Citations.Count + reply.Blocks.Sum(b => b is Section s ? 1 + s.Items.Count : 1);

    private sealed record Entry(Reply Reply, long Version, long Weight);
}

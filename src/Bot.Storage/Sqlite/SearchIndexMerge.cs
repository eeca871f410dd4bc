using Bot.Core.Knowledge;
using Microsoft.Data.Sqlite;

namespace Bot.Storage.Sqlite;

/// <summary>
/// Merges the full-text index into one segment a small step at a time, so that a writer can do it in the moments it would
/// otherwise wait. Each batch of saved articles adds a segment, which FTS5 merges four at a time: a first build of
/// 100,000 articles ends with a dozen segments of all sizes, which every search reads; merged into one (some 3 s of CPU
/// at 100,000 articles), a search costs a quarter less than with them. A step is FTS5's <c>merge</c> command with a
/// negative page count: every segment is put on one level and merged, as few as two at a time, until about that many
/// pages are written; a step that changes fewer than two rows found nothing left to merge (as FTS5's documentation says
/// of <c>sqlite3_total_changes()</c>). The result is the same as the <c>optimize</c> command's, one segment.
/// </summary>
internal sealed class SearchIndexMerge : IDisposable
{
    /// <summary>Above this many segments, the index is merged into one.</summary>
    public const int MaxSegments = 8;

    /// <summary>
    /// Pages written per step: a few milliseconds of work, so a writer that merges while it waits is back within a chunk
    /// or two of what it waits for.
    /// </summary>
    private const int PagesPerStep = 32;

    private readonly SqliteCommand _merge;
    private readonly SqliteCommand _changes;
    private bool _done;

    private SearchIndexMerge(SqliteConnection connection, SqliteTransaction? transaction, bool needed)
    {
        _done = !needed;
        _merge = Sql.Command(connection, transaction, "INSERT INTO articles_fts(articles_fts, rank) VALUES ('merge', $pages)", ("$pages", -PagesPerStep));
        _changes = Sql.Command(connection, transaction, "SELECT total_changes()");
    }

    /// <summary>A merge of the index in <paramref name="connection"/>'s database, with nothing to do unless it has more than <see cref="MaxSegments"/> segments.</summary>
    public static SearchIndexMerge Start(SqliteConnection connection, SqliteTransaction? transaction)
    {
        using var count = Sql.Command(connection, transaction, "SELECT COUNT(DISTINCT segid) FROM articles_fts_idx");
        return new SearchIndexMerge(connection, transaction, (long)count.ExecuteScalar()! > MaxSegments);
    }

    /// <summary>One step; false when there was nothing left to merge (the index is one segment).</summary>
    public bool Step()
    {
        if (_done)
        {
            return false;
        }

        var before = (long)_changes.ExecuteScalar()!;
        _merge.ExecuteNonQuery();
        _done = (long)_changes.ExecuteScalar()! - before < 2;
        return !_done;
    }

    /// <summary>Merges until the index is one segment.</summary>
    public void Finish()
    {
        while (Step())
        {
        }
    }

    /// <summary>
    /// The items of <paramref name="items"/>; whenever the next is produced on another thread and not at hand yet
    /// (<see cref="IReadAheadEnumerator"/>), merge steps are done until it is or the merge is finished.
    /// </summary>
    public IEnumerable<T> WhileWaiting<T>(IEnumerable<T> items)
    {
        using var e = items.GetEnumerator();
        var ahead = e as IReadAheadEnumerator;
        while (true)
        {
            while (ahead is { NextAtHand: false } && Step())
            {
            }

            if (!e.MoveNext())
            {
                yield break;
            }

            yield return e.Current;
        }
    }

    public void Dispose()
    {
        _merge.Dispose();
        _changes.Dispose();
    }
}

using Bot.Core.Knowledge;
using Microsoft.Data.Sqlite;

namespace Bot.Storage.Sqlite;

/// <summary>
/// Merges the full-text index into one segment a small step at a time, so that a writer can do it in the moments it would
/// otherwise wait. Each statement that adds articles to the index writes a segment. FTS5 merges segments four at a time
/// as they come (its <c>automerge</c>), except in the chunks of a large build, written with that off (see
/// <see cref="WithoutAutomerge"/>): a build leaves up to a few dozen segments, which every search reads; merged into one
/// (some 3 s of CPU at 100,000 articles), a search costs a quarter less than with them. A step is FTS5's <c>merge</c>
/// command with a negative page count: every segment is put on one level and merged, as few as two at a time, until about
/// that many pages are written; a step that changes fewer than two rows found nothing left to merge (as FTS5's
/// documentation says of <c>sqlite3_total_changes()</c>). The result is the same as the <c>optimize</c> command's, one
/// segment.
/// </summary>
internal sealed class SearchIndexMerge : IDisposable
{
    /// <summary>Above this many segments, the index is merged into one (and after a chunk written without automerge, whatever their number).</summary>
    public const int MaxSegments = 8;

    /// <summary>FTS5's default <c>automerge</c>: segments of one level are merged together when there are this many.</summary>
    private const int DefaultAutomerge = 4;

    /// <summary>The meta key set when a chunk was indexed without automerge, until the index is one segment again (it survives a build cut short).</summary>
    internal const string DueKey = "search-merge-due";

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

    /// <summary>
    /// A merge of the index in <paramref name="connection"/>'s database, with nothing to do unless it has more than
    /// <see cref="MaxSegments"/> segments or a chunk was written without automerge since it was last one segment.
    /// </summary>
    public static SearchIndexMerge Start(SqliteConnection connection, SqliteTransaction? transaction)
    {
        using var count = Sql.Command(connection, transaction, "SELECT COUNT(DISTINCT segid) FROM articles_fts_idx");
        return new SearchIndexMerge(connection, transaction, (long)count.ExecuteScalar()! > MaxSegments || SqliteKnowledgeStore.ReadMeta(connection, transaction, DueKey) is not null);
    }

    /// <summary>
    /// Runs <paramref name="write"/> (a statement that adds a chunk of articles to the index) with FTS5's automerge off,
    /// and marks the index as due for a merge into one segment. Setting the option writes out the words added so far
    /// (FTS5 flushes its pending terms before it changes a setting), so the chunk's segment is written while merging is
    /// off. FTS5 still merges a level that reaches 16 segments (its crisis merge).
    /// </summary>
    public static void WithoutAutomerge(SqliteCommand write)
    {
        using var automerge = Sql.Command(write.Connection!, write.Transaction, "INSERT INTO articles_fts(articles_fts, rank) VALUES ('automerge', $n)", ("$n", 0));
        automerge.ExecuteNonQuery();
        write.ExecuteNonQuery();
        automerge.Parameters["$n"].Value = DefaultAutomerge;
        automerge.ExecuteNonQuery();
        SqliteKnowledgeStore.WriteMeta(write.Connection!, write.Transaction, DueKey, "1");
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
        if (_done)
        {
            // One segment now: the flag of a build's chunks, if set, is cleared in the same transaction.
            using var clear = Sql.Command(_merge.Connection!, _merge.Transaction, "DELETE FROM meta WHERE key = $k", ("$k", DueKey));
            clear.ExecuteNonQuery();
        }

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

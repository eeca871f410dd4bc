using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace Bot.Storage.Sqlite;

/// <summary>
/// One prepared INSERT run row after row straight on SQLite's statement (bind, step, reset), for the millions of rows
/// resolution writes: a <see cref="SqliteCommand"/> costs a data reader, boxed parameter values and several checks per
/// row, which at 100,000 articles was most of the time spent writing the knowledge. Runs in whatever transaction the
/// connection has open. Parameters are numbered from 1 in the order of the statement's placeholders.
/// </summary>
internal sealed class BulkInsert : IDisposable
{
    private readonly sqlite3 _db;
    private readonly sqlite3_stmt _statement;

    public BulkInsert(SqliteConnection connection, string sql)
    {
        _db = connection.Handle ?? throw new InvalidOperationException("The connection is not open.");
        Check(raw.sqlite3_prepare_v2(_db, sql, out _statement));
    }

    public BulkInsert Set(int index, long value)
    {
        Check(raw.sqlite3_bind_int64(_statement, index, value));
        return this;
    }

    public BulkInsert Set(int index, long? value) => value is { } v ? Set(index, v) : Null(index);

    public BulkInsert Set(int index, string? value)
    {
        if (value is null)
        {
            return Null(index);
        }

        Check(raw.sqlite3_bind_text(_statement, index, value));
        return this;
    }

    /// <summary>Binds text already encoded as UTF-8 (SQLite copies it): no string is converted for the row.</summary>
    public BulkInsert SetUtf8(int index, ReadOnlySpan<byte> value)
    {
        // An empty span may carry no pointer, which SQLite would take for NULL.
        Check(value.IsEmpty ? raw.sqlite3_bind_text(_statement, index, string.Empty) : raw.sqlite3_bind_text(_statement, index, value));
        return this;
    }

    /// <summary>Binds a blob (SQLite copies it).</summary>
    public BulkInsert SetBlob(int index, ReadOnlySpan<byte> value)
    {
        Check(value.IsEmpty ? raw.sqlite3_bind_zeroblob(_statement, index, 0) : raw.sqlite3_bind_blob(_statement, index, value));
        return this;
    }

    private BulkInsert Null(int index)
    {
        Check(raw.sqlite3_bind_null(_statement, index));
        return this;
    }

    /// <summary>Inserts the row bound so far; every parameter must be bound again for the next row.</summary>
    public void Run()
    {
        var result = raw.sqlite3_step(_statement);
        raw.sqlite3_reset(_statement);
        if (result != raw.SQLITE_DONE)
        {
            Throw(result);
        }
    }

    /// <summary>Runs a statement that returns one integer (an INSERT … RETURNING id) and gives it.</summary>
    public long RunReturningInt64()
    {
        var result = raw.sqlite3_step(_statement);
        if (result != raw.SQLITE_ROW)
        {
            raw.sqlite3_reset(_statement);
            Throw(result);
        }

        var value = raw.sqlite3_column_int64(_statement, 0);
        result = raw.sqlite3_step(_statement);
        raw.sqlite3_reset(_statement);
        if (result != raw.SQLITE_DONE)
        {
            Throw(result);
        }

        return value;
    }

    public void Dispose() => _statement.Dispose();

    private void Check(int result)
    {
        if (result != raw.SQLITE_OK)
        {
            Throw(result);
        }
    }

    private void Throw(int result) => throw new SqliteException($"SQLite Error {result}: '{raw.sqlite3_errmsg(_db).utf8_to_string()}'.", result);
}

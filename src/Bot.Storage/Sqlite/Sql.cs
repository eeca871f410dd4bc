using System.Globalization;
using System.Text.Json;
using Microsoft.Data.Sqlite;

namespace Bot.Storage.Sqlite;

/// <summary>What the SQLite stores share: opening a connection that waits on a busy file, building a command, the JSON options.</summary>
internal static class Sql
{
    /// <summary>How long a connection waits for another writer before it fails with "database is locked".</summary>
    public const int BusyTimeoutMs = 5_000;

    /// <summary>The options of the JSON the stores write (ids lists for json_each, stored values).</summary>
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.General);

    /// <summary>An open connection that waits up to <see cref="BusyTimeoutMs"/> on a file another connection is writing.</summary>
    public static SqliteConnection Open(string connectionString)
    {
        var connection = new SqliteConnection(connectionString);
        connection.Open();
        using var pragma = Command(connection, null, "PRAGMA busy_timeout = " + BusyTimeoutMs.ToString(CultureInfo.InvariantCulture));
        pragma.ExecuteNonQuery();
        return connection;
    }

    /// <summary>A command with its parameters (null as SQL NULL), in <paramref name="transaction"/> when given.</summary>
    public static SqliteCommand Command(SqliteConnection connection, SqliteTransaction? transaction, string sql, params (string Name, object? Value)[] parameters)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = transaction;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        }

        return command;
    }
}

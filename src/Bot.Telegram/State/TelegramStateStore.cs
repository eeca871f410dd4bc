using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;

namespace Bot.Telegram.State;

/// <summary>
/// The transport's own state in a SQLite file: the polling offset, inactive chats, chat migrations
/// and stored payloads (pages of long replies, long button commands). Inactive chats and migrations
/// are cached in memory because every send consults them.
/// </summary>
internal sealed class TelegramStateStore : IDisposable
{
    /// <summary>How long stored reply pages and button commands are kept (they are cleaned at start).</summary>
    public static readonly TimeSpan PayloadLifetime = TimeSpan.FromDays(7);

    private readonly string _connectionString;
    private readonly TimeProvider _time;
    private readonly ConcurrentDictionary<long, bool> _inactive = new();
    private readonly ConcurrentDictionary<long, long> _migrations = new();
    private readonly Lock _initLock = new();
    private bool _initialized;

    public TelegramStateStore(IOptions<TelegramOptions> options, TimeProvider time)
    {
        var path = Path.GetFullPath(options.Value.StatePath);
        _connectionString = new SqliteConnectionStringBuilder { DataSource = path, Pooling = true }.ToString();
        _time = time;
    }

    public string ConnectionString => _connectionString;

    /// <summary>Creates the file and tables when missing and loads the caches.</summary>
    public void EnsureCreated()
    {
        lock (_initLock)
        {
            if (_initialized)
            {
                return;
            }

            var dir = Path.GetDirectoryName(new SqliteConnectionStringBuilder(_connectionString).DataSource);
            if (!string.IsNullOrEmpty(dir))
            {
                Directory.CreateDirectory(dir);
            }

            using var connection = Open();
            Execute(connection, """
                PRAGMA journal_mode = WAL;
                CREATE TABLE IF NOT EXISTS settings (key TEXT PRIMARY KEY, value TEXT NOT NULL);
                CREATE TABLE IF NOT EXISTS inactive_chats (chat_id INTEGER PRIMARY KEY, reason TEXT NOT NULL, since TEXT NOT NULL);
                CREATE TABLE IF NOT EXISTS chat_migrations (old_chat_id INTEGER PRIMARY KEY, new_chat_id INTEGER NOT NULL, at TEXT NOT NULL);
                CREATE TABLE IF NOT EXISTS payloads (key TEXT PRIMARY KEY, chat_id INTEGER NOT NULL, kind TEXT NOT NULL, value TEXT NOT NULL, created TEXT NOT NULL);
                """);
            // Pages of long replies and long button commands are only useful for a while: buttons older than this say "expired".
            Execute(connection, "DELETE FROM payloads WHERE created < $cutoff", ("$cutoff", (_time.GetUtcNow() - PayloadLifetime).ToString("O", CultureInfo.InvariantCulture)));
            using (var cmd = connection.CreateCommand())
            {
                cmd.CommandText = "SELECT chat_id FROM inactive_chats";
                using var reader = cmd.ExecuteReader();
                while (reader.Read())
                {
                    _inactive[reader.GetInt64(0)] = true;
                }
            }

            using (var cmd = connection.CreateCommand())
            {
                cmd.CommandText = "SELECT old_chat_id, new_chat_id FROM chat_migrations";
                using var reader = cmd.ExecuteReader();
                while (reader.Read())
                {
                    _migrations[reader.GetInt64(0)] = reader.GetInt64(1);
                }
            }

            _initialized = true;
        }
    }

    /// <summary>The next getUpdates offset, or null before the first update.</summary>
    public long? GetOffset()
    {
        var value = GetSetting("offset");
        return value is null ? null : long.Parse(value, CultureInfo.InvariantCulture);
    }

    public void SaveOffset(long offset) => SetSetting("offset", offset.ToString(CultureInfo.InvariantCulture));

    public bool IsInactive(long chatId)
    {
        EnsureCreated();
        return _inactive.ContainsKey(chatId);
    }

    public void MarkInactive(long chatId, string reason)
    {
        EnsureCreated();
        using (var connection = Open())
        {
            Execute(connection, "INSERT INTO inactive_chats (chat_id, reason, since) VALUES ($id, $reason, $at) ON CONFLICT(chat_id) DO UPDATE SET reason = excluded.reason, since = excluded.since",
                ("$id", chatId), ("$reason", reason), ("$at", Now()));
        }

        _inactive[chatId] = true;
    }

    /// <summary>The chat wrote again (or unblocked the bot): send to it again.</summary>
    public void MarkActive(long chatId)
    {
        EnsureCreated();
        if (_inactive.TryRemove(chatId, out _))
        {
            using var connection = Open();
            Execute(connection, "DELETE FROM inactive_chats WHERE chat_id = $id", ("$id", chatId));
        }
    }

    /// <summary>The chat's current id, following group → supergroup migrations.</summary>
    public long ResolveChat(long chatId)
    {
        EnsureCreated();
        for (var hops = 0; hops < 8 && _migrations.TryGetValue(chatId, out var next); hops++)
        {
            chatId = next;
        }

        return chatId;
    }

    /// <summary>Moves the chat's state to its new id: migration record, inactivity and stored payloads.</summary>
    public void MigrateChat(long oldChatId, long newChatId)
    {
        EnsureCreated();
        _migrations[oldChatId] = newChatId;
        var wasInactive = _inactive.TryRemove(oldChatId, out _);
        using var connection = Open();
        Execute(connection, """
            BEGIN;
            INSERT INTO chat_migrations (old_chat_id, new_chat_id, at) VALUES ($old, $new, $at)
                ON CONFLICT(old_chat_id) DO UPDATE SET new_chat_id = excluded.new_chat_id, at = excluded.at;
            UPDATE payloads SET chat_id = $new WHERE chat_id = $old;
            DELETE FROM inactive_chats WHERE chat_id = $old;
            COMMIT;
            """,
            ("$old", oldChatId), ("$new", newChatId), ("$at", Now()));
        if (wasInactive)
        {
            MarkInactive(newChatId, "migrated while inactive");
        }
    }

    /// <summary>Stores a payload (a page of a long reply, a long command) and returns a short key for callback_data.</summary>
    public string SavePayload(long chatId, string kind, string value)
    {
        EnsureCreated();
        var key = NewKey();
        using var connection = Open();
        Execute(connection, "INSERT INTO payloads (key, chat_id, kind, value, created) VALUES ($key, $chat, $kind, $value, $at)",
            ("$key", key), ("$chat", chatId), ("$kind", kind), ("$value", value), ("$at", Now()));
        return key;
    }

    public string? GetPayload(string key, string kind)
    {
        EnsureCreated();
        using var connection = Open();
        using var cmd = connection.CreateCommand();
        cmd.CommandText = "SELECT value FROM payloads WHERE key = $key AND kind = $kind";
        cmd.Parameters.AddWithValue("$key", key);
        cmd.Parameters.AddWithValue("$kind", kind);
        return cmd.ExecuteScalar() as string;
    }

    public void Dispose()
    {
        using var connection = new SqliteConnection(_connectionString);
        SqliteConnection.ClearPool(connection);
    }

    private string? GetSetting(string key)
    {
        EnsureCreated();
        using var connection = Open();
        using var cmd = connection.CreateCommand();
        cmd.CommandText = "SELECT value FROM settings WHERE key = $key";
        cmd.Parameters.AddWithValue("$key", key);
        return cmd.ExecuteScalar() as string;
    }

    private void SetSetting(string key, string value)
    {
        EnsureCreated();
        using var connection = Open();
        Execute(connection, "INSERT INTO settings (key, value) VALUES ($key, $value) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
            ("$key", key), ("$value", value));
    }

    private SqliteConnection Open()
    {
        var connection = new SqliteConnection(_connectionString);
        connection.Open();

        // WAL with NORMAL sync: commits survive a process crash or restart; only an OS crash or power loss may lose
        // the last few (the offset would then go back a little). FULL would fsync the offset on every poll.
        Execute(connection, "PRAGMA synchronous = NORMAL");
        return connection;
    }

    private static void Execute(SqliteConnection connection, string sql, params (string Name, object Value)[] parameters)
    {
        using var cmd = connection.CreateCommand();
        cmd.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            cmd.Parameters.AddWithValue(name, value);
        }

        cmd.ExecuteNonQuery();
    }

    private string Now() => _time.GetUtcNow().ToString("O", CultureInfo.InvariantCulture);

    private static string NewKey()
    {
        Span<byte> bytes = stackalloc byte[9];
        RandomNumberGenerator.Fill(bytes);
        return Convert.ToBase64String(bytes).Replace('+', '-').Replace('/', '_');
    }
}

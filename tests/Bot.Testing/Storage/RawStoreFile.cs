using Bot.Storage.Sqlite;
using Microsoft.Data.Sqlite;

namespace Bot.Testing.Storage;

/// <summary>
/// A knowledge store file in a temporary folder with rows written straight to SQLite: rows an older version of the bot
/// wrote, or that the store's own writes never produce. Deleted (with its folder) when disposed.
/// </summary>
public sealed class RawStoreFile : IDisposable
{
    private readonly string _folder;

    private RawStoreFile(string folder)
    {
        _folder = folder;
        Path = System.IO.Path.Combine(folder, "knowledge.db");
    }

    /// <summary>The store file.</summary>
    public string Path { get; }

    /// <summary>
    /// A file the store has created (its current schema), then <paramref name="sql"/> run on it; with
    /// <paramref name="withSchema"/> false, only <paramref name="sql"/> (an older store's tables, written by hand).
    /// </summary>
    public static RawStoreFile Create(string sql, bool withSchema = true)
    {
        var file = new RawStoreFile(System.IO.Path.Combine(System.IO.Path.GetTempPath(), "newsbot-store-" + Guid.NewGuid().ToString("N")));
        Directory.CreateDirectory(file._folder);
        if (withSchema)
        {
            using var store = new SqliteKnowledgeStore(file.Path);
        }

        using var connection = new SqliteConnection("Data Source=" + file.Path);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
        return file;
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // Left for the OS.
        }
    }
}

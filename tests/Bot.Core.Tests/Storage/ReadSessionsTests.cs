using Bot.Storage.Sqlite;
using Bot.Testing.Storage;
using Microsoft.Data.Sqlite;

namespace Bot.Core.Tests.Storage;

/// <summary>The store's kept read connections: prepared statements that still see every commit and every schema change, one caller per session.</summary>
public sealed class ReadSessionsTests
{
    private const string Lookup = "SELECT v FROM t WHERE k = $k";

    [Fact]
    public void Command_SameSqlAfterACommit_SameCommandSeesTheNewRow()
    {
        using var file = RawStoreFile.Create("PRAGMA journal_mode = WAL; CREATE TABLE t(k INTEGER PRIMARY KEY, v TEXT NOT NULL); INSERT INTO t VALUES (1, 'one');", withSchema: false);
        using var sessions = new ReadSessions(ConnectionString(file), idle: 1);

        SqliteCommand first;
        using (var read = sessions.Rent())
        {
            first = read.Command(Lookup, ("$k", 2));
            Assert.Null(first.ExecuteScalar());
        }

        Write(file, "INSERT INTO t VALUES (2, 'two')");

        using (var read = sessions.Rent())
        {
            var again = read.Command(Lookup, ("$k", 2));
            Assert.Same(first, again);
            Assert.Equal("two", again.ExecuteScalar());
        }
    }

    [Fact]
    public void Command_AfterTheTableIsRebuilt_AnswersFromTheNewTable()
    {
        using var file = RawStoreFile.Create("CREATE TABLE t(k INTEGER NOT NULL, v TEXT NOT NULL); CREATE INDEX ix_t ON t(k); INSERT INTO t VALUES (1, 'one');", withSchema: false);
        using var sessions = new ReadSessions(ConnectionString(file), idle: 1);
        using (var read = sessions.Rent())
        {
            Assert.Equal("one", read.Command(Lookup, ("$k", 1)).ExecuteScalar());
        }

        // As a resolution does: indexes dropped, rows replaced, indexes built again.
        Write(file, "DROP INDEX ix_t; DELETE FROM t; ALTER TABLE t ADD COLUMN w INTEGER; INSERT INTO t VALUES (1, 'uno', 0); CREATE INDEX ix_t ON t(k)");

        using (var read = sessions.Rent())
        {
            Assert.Equal("uno", read.Command(Lookup, ("$k", 1)).ExecuteScalar());
        }
    }

    [Fact]
    public async Task Rent_ManyCallersAtOnce_EachGetsItsOwnAnswer()
    {
        using var file = RawStoreFile.Create(
            "CREATE TABLE t(k INTEGER PRIMARY KEY, v TEXT NOT NULL); WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 500) INSERT INTO t SELECT i, 'v' || i FROM n;",
            withSchema: false);
        using var sessions = new ReadSessions(ConnectionString(file), idle: 2);

        var wrong = await Task.WhenAll(Enumerable.Range(0, 8).Select(worker => Task.Run(() =>
        {
            var mismatches = 0;
            for (var i = 0; i < 300; i++)
            {
                var k = ((worker * 300) + i) % 500 + 1;
                using var read = sessions.Rent();
                using var reader = read.Command(Lookup, ("$k", k)).ExecuteReader();
                mismatches += reader.Read() && reader.GetString(0) == "v" + k ? 0 : 1;
            }

            return mismatches;
        })));

        Assert.All(wrong, w => Assert.Equal(0, w));
        Assert.InRange(sessions.Idle, 1, 2);
    }

    [Fact]
    public void Return_MoreSessionsThanKept_OnlyTheKeptStayOpen()
    {
        using var file = RawStoreFile.Create("CREATE TABLE t(k INTEGER PRIMARY KEY, v TEXT NOT NULL);", withSchema: false);
        using var sessions = new ReadSessions(ConnectionString(file), idle: 2);
        var leases = Enumerable.Range(0, 5).Select(_ => sessions.Rent()).ToList();

        leases.ForEach(l => l.Dispose());

        Assert.Equal(2, sessions.Idle);
    }

    [Fact]
    public void Dispose_LeasesOutstanding_ClosedWhenGivenBack()
    {
        using var file = RawStoreFile.Create("CREATE TABLE t(k INTEGER PRIMARY KEY, v TEXT NOT NULL); INSERT INTO t VALUES (1, 'one');", withSchema: false);
        var sessions = new ReadSessions(ConnectionString(file), idle: 4);
        var kept = sessions.Rent();
        using (sessions.Rent())
        {
        }

        Assert.Equal(1, sessions.Idle);
        sessions.Dispose();
        kept.Dispose();
        kept.Dispose();

        Assert.Equal(0, sessions.Idle);
    }

    [Fact]
    public void Rent_AfterDispose_StillReadsAndKeepsNothing()
    {
        using var file = RawStoreFile.Create("CREATE TABLE t(k INTEGER PRIMARY KEY, v TEXT NOT NULL); INSERT INTO t VALUES (1, 'one');", withSchema: false);
        var sessions = new ReadSessions(ConnectionString(file), idle: 4);
        sessions.Dispose();

        using (var read = sessions.Rent())
        {
            Assert.Equal("one", read.Command(Lookup, ("$k", 1)).ExecuteScalar());
        }

        Assert.Equal(0, sessions.Idle);
    }

    [Fact]
    public void Dispose_LeaseTwice_GivenBackOnce()
    {
        using var file = RawStoreFile.Create("CREATE TABLE t(k INTEGER PRIMARY KEY, v TEXT NOT NULL);", withSchema: false);
        using var sessions = new ReadSessions(ConnectionString(file), idle: 4);
        var lease = sessions.Rent();

        lease.Dispose();
        lease.Dispose();

        Assert.Equal(1, sessions.Idle);
        Assert.Throws<ObjectDisposedException>(() => lease.Command(Lookup, ("$k", 1)));
    }

    private static string ConnectionString(RawStoreFile file) => new SqliteConnectionStringBuilder { DataSource = file.Path, Pooling = true }.ToString();

    private static void Write(RawStoreFile file, string sql)
    {
        using var connection = new SqliteConnection(ConnectionString(file));
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}

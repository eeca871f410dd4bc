using System.Collections.Concurrent;
using Microsoft.Data.Sqlite;

namespace Bot.Storage.Sqlite;

/// <summary>
/// Connections kept open for a store's frequent reads (the lookups and answers of chat commands), each keeping the
/// statements it ran prepared. Microsoft.Data.Sqlite's pool keeps connections but not statements: a command built
/// anew compiles its SQL again at every call, and that compilation took about two thirds of a small lookup (an alias
/// key: 26 µs, 9 µs with the statement kept) and four times over in an uncached answer. A reader takes a session for
/// one call and gives it back; at most <c>idle</c> sessions are kept between calls, any more are closed. A session
/// reads in autocommit, so it sees each commit of the writer from its next statement on, and a statement compiled
/// before a schema change is compiled again by SQLite when it next runs.
/// </summary>
internal sealed class ReadSessions(string connectionString, int idle) : IDisposable
{
    // A stack (the session used last is the one whose pages are most likely cached) with its own count: a
    // ConcurrentBag's Count locks every thread's list, on every call.
    private readonly ConcurrentStack<Session> _idle = new();
    private int _idleCount;
    private volatile bool _disposed;

    /// <summary>How many sessions are kept open between calls.</summary>
    public int Idle => Volatile.Read(ref _idleCount);

    /// <summary>
    /// A session for one read: its commands are valid until the lease is disposed. After <see cref="Dispose"/> (a read
    /// racing the host's shutdown) a new session still serves the call and is closed when it comes back.
    /// </summary>
    public Lease Rent()
    {
        if (_idle.TryPop(out var session))
        {
            Interlocked.Decrement(ref _idleCount);
        }

        return new Lease(this, session ?? new Session(connectionString));
    }

    /// <summary>Closes the sessions kept; sessions still leased are closed when they come back.</summary>
    public void Dispose()
    {
        _disposed = true;
        CloseIdle();
    }

    private void Return(Session session)
    {
        // Over the bound by a session or two when many come back at once: harmless, the count is a limit on memory.
        if (_disposed || Volatile.Read(ref _idleCount) >= idle)
        {
            session.Close();
            return;
        }

        Interlocked.Increment(ref _idleCount);
        _idle.Push(session);
        if (_disposed)
        {
            // Disposed while this one came back: do not leave it open.
            CloseIdle();
        }
    }

    private void CloseIdle()
    {
        while (_idle.TryPop(out var session))
        {
            Interlocked.Decrement(ref _idleCount);
            session.Close();
        }
    }

    /// <summary>
    /// One leased session: <see cref="Command"/> gives its prepared command for a SQL text, with the values bound.
    /// Disposing gives the session back, once (a second dispose does nothing).
    /// </summary>
    public sealed class Lease(ReadSessions owner, Session session) : IDisposable
    {
        private Session? _session = session;

        /// <summary>
        /// The session's command for <paramref name="sql"/> (prepared at its first use) with <paramref name="parameters"/>
        /// bound, null as SQL NULL. The same SQL text is always given the same parameters in the same order. The command
        /// belongs to the session: the caller disposes its reader, never the command.
        /// </summary>
        public SqliteCommand Command(string sql, params ReadOnlySpan<(string Name, object? Value)> parameters) =>
            (_session ?? throw new ObjectDisposedException(nameof(Lease))).Command(sql, parameters);

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _session, null) is { } returned)
            {
                owner.Return(returned);
            }
        }
    }

    /// <summary>An open connection and the commands it has prepared, by SQL text; closed by the sessions that own it.</summary>
    public sealed class Session(string connectionString)
    {
        private readonly SqliteConnection _connection = Sql.Open(connectionString);
        private readonly Dictionary<string, SqliteCommand> _commands = new(StringComparer.Ordinal);

        public SqliteCommand Command(string sql, ReadOnlySpan<(string Name, object? Value)> parameters)
        {
            if (_commands.TryGetValue(sql, out var command))
            {
                for (var i = 0; i < parameters.Length; i++)
                {
                    command.Parameters[i].Value = parameters[i].Value ?? DBNull.Value;
                }

                return command;
            }

            // Built as every other command of the store is (its first use only: the parameters are copied once).
            command = Sql.Command(_connection, null, sql, [.. parameters]);
            try
            {
                command.Prepare();
            }
            catch
            {
                command.Dispose();
                throw;
            }

            _commands[sql] = command;
            return command;
        }

        public void Close()
        {
            foreach (var command in _commands.Values)
            {
                command.Dispose();
            }

            _connection.Dispose();
        }
    }
}

using System.Globalization;
using System.Text.Json;
using Bot.Core.Digests;
using Microsoft.Data.Sqlite;

namespace Bot.Storage.Sqlite;

/// <summary>
/// Digest subscriptions and the delivery outbox in their own SQLite file (WAL, a busy timeout, each method one short
/// transaction). Times are ISO-8601 UTC text of fixed width ("2026-01-01T09:00:00.0000000Z"), so they round-trip to
/// the tick and compare correctly as text; a delivery's digest is System.Text.Json.
/// </summary>
public sealed class SqliteDigestStore : ISubscriptionStore
{
    private const string TimeFormat = "yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'";

    private const string Schema = """
        PRAGMA journal_mode = WAL;
        CREATE TABLE IF NOT EXISTS subscriptions(
            id TEXT PRIMARY KEY, platform TEXT NOT NULL, chat TEXT NOT NULL, origin TEXT NOT NULL,
            schedule_text TEXT NOT NULL, cron TEXT NOT NULL, time_zone TEXT NOT NULL, follows TEXT NOT NULL,
            notify_when_empty INTEGER NOT NULL, created_at TEXT NOT NULL, covered_until TEXT, paused_reason TEXT);
        CREATE TABLE IF NOT EXISTS deliveries(
            id TEXT PRIMARY KEY, subscription TEXT NOT NULL, platform TEXT NOT NULL, chat TEXT NOT NULL,
            scheduled_for TEXT NOT NULL, digest TEXT NOT NULL, status INTEGER NOT NULL, parts_sent INTEGER NOT NULL,
            attempts INTEGER NOT NULL, error TEXT, next_attempt_at TEXT, created_at TEXT NOT NULL, sent_at TEXT);
        CREATE INDEX IF NOT EXISTS ix_deliveries_pending ON deliveries(status, scheduled_for, id);
        CREATE INDEX IF NOT EXISTS ix_deliveries_subscription ON deliveries(subscription, status);
        """;

    private const string SubscriptionColumns =
        "SELECT id, platform, chat, origin, schedule_text, cron, time_zone, follows, notify_when_empty, created_at, covered_until, paused_reason FROM subscriptions";

    private const string DeliveryColumns =
        "SELECT id, subscription, platform, chat, scheduled_for, digest, status, parts_sent, attempts, error, next_attempt_at FROM deliveries";

    private readonly string _connectionString;
    private readonly TimeProvider _time;

    /// <summary>Opens (and creates) the store at <paramref name="path"/>.</summary>
    public SqliteDigestStore(string path, TimeProvider time)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        _time = time;
        var full = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        _connectionString = new SqliteConnectionStringBuilder { DataSource = full, Mode = SqliteOpenMode.ReadWriteCreate, Pooling = true }.ToString();
        using var connection = Open();
        using var command = Sql.Command(connection, null, Schema);
        command.ExecuteNonQuery();
    }

    /// <inheritdoc />
    public Subscription? Get(string id)
    {
        using var connection = Open();
        using var command = Sql.Command(connection, null, SubscriptionColumns + " WHERE id = $id", ("$id", id));
        return ReadSubscriptions(command).FirstOrDefault();
    }

    /// <inheritdoc />
    public IReadOnlyList<Subscription> List()
    {
        using var connection = Open();
        using var command = Sql.Command(connection, null, SubscriptionColumns + " ORDER BY id");
        return ReadSubscriptions(command);
    }

    /// <inheritdoc />
    public void Upsert(Subscription subscription)
    {
        ArgumentNullException.ThrowIfNull(subscription);
        using var connection = Open();
        using var command = Sql.Command(connection, null, """
            INSERT INTO subscriptions(id, platform, chat, origin, schedule_text, cron, time_zone, follows, notify_when_empty, created_at, covered_until, paused_reason)
            VALUES ($id, $platform, $chat, $origin, $text, $cron, $zone, $follows, $notify, $created, $covered, $paused)
            ON CONFLICT(id) DO UPDATE SET platform = excluded.platform, chat = excluded.chat, origin = excluded.origin,
                schedule_text = excluded.schedule_text, cron = excluded.cron, time_zone = excluded.time_zone, follows = excluded.follows,
                notify_when_empty = excluded.notify_when_empty, created_at = excluded.created_at,
                covered_until = CASE WHEN excluded.covered_until IS NULL OR excluded.covered_until < subscriptions.covered_until THEN subscriptions.covered_until ELSE excluded.covered_until END, paused_reason = excluded.paused_reason
            """,
            ("$id", subscription.Id),
            ("$platform", subscription.Platform),
            ("$chat", subscription.ChatId),
            ("$origin", subscription.Origin.ToString()),
            ("$text", subscription.Schedule.Text),
            ("$cron", subscription.Schedule.Cron),
            ("$zone", subscription.Schedule.TimeZone),
            ("$follows", JsonSerializer.Serialize(subscription.Follows, Sql.Json)),
            ("$notify", subscription.NotifyWhenEmpty ? 1 : 0),
            ("$created", Text(subscription.CreatedAt)),
            ("$covered", Text(subscription.CoveredUntil)),
            ("$paused", subscription.PausedReason));
        command.ExecuteNonQuery();
    }

    /// <inheritdoc />
    public bool Delete(string id)
    {
        using var connection = Open();
        using var transaction = connection.BeginTransaction();
        using var deliveries = Sql.Command(connection, transaction, "DELETE FROM deliveries WHERE subscription = $id AND status = $pending", ("$id", id), ("$pending", (int)DeliveryStatus.Pending));
        deliveries.ExecuteNonQuery();
        using var subscription = Sql.Command(connection, transaction, "DELETE FROM subscriptions WHERE id = $id", ("$id", id));
        var deleted = subscription.ExecuteNonQuery() > 0;
        transaction.Commit();
        return deleted;
    }

    /// <inheritdoc />
    public void Pause(string id, string reason)
    {
        using var connection = Open();
        using var transaction = connection.BeginTransaction();
        using var subscription = Sql.Command(connection, transaction, "UPDATE subscriptions SET paused_reason = $reason WHERE id = $id", ("$id", id), ("$reason", reason));
        subscription.ExecuteNonQuery();
        using var deliveries = Sql.Command(connection, transaction,
            "UPDATE deliveries SET status = $failed, error = $reason, next_attempt_at = NULL WHERE subscription = $id AND status = $pending",
            ("$id", id), ("$reason", reason), ("$failed", (int)DeliveryStatus.Failed), ("$pending", (int)DeliveryStatus.Pending));
        deliveries.ExecuteNonQuery();
        transaction.Commit();
    }

    /// <inheritdoc />
    public bool AddDelivery(DigestDelivery delivery)
    {
        ArgumentNullException.ThrowIfNull(delivery);
        using var connection = Open();
        using var transaction = connection.BeginTransaction();
        using var insert = Sql.Command(connection, transaction, """
            INSERT INTO deliveries(id, subscription, platform, chat, scheduled_for, digest, status, parts_sent, attempts, error, next_attempt_at, created_at, sent_at)
            VALUES ($id, $subscription, $platform, $chat, $scheduled, $digest, $status, $parts, $attempts, $error, $next, $created, NULL)
            ON CONFLICT(id) DO NOTHING
            """,
            ("$id", delivery.Id),
            ("$subscription", delivery.SubscriptionId),
            ("$platform", delivery.Platform),
            ("$chat", delivery.ChatId),
            ("$scheduled", Text(delivery.ScheduledFor)),
            ("$digest", JsonSerializer.Serialize(delivery.Digest, Sql.Json)),
            ("$status", (int)delivery.Status),
            ("$parts", delivery.PartsSent),
            ("$attempts", delivery.Attempts),
            ("$error", delivery.Error),
            ("$next", Text(delivery.NextAttemptAt)),
            ("$created", Text(_time.GetUtcNow())));
        if (insert.ExecuteNonQuery() == 0)
        {
            transaction.Rollback();
            return false;
        }

        MoveCoveredUntil(connection, transaction, delivery.SubscriptionId, delivery.Digest.To);
        transaction.Commit();
        return true;
    }

    /// <inheritdoc />
    public void Cover(string subscriptionId, DateTimeOffset coveredUntil)
    {
        using var connection = Open();
        MoveCoveredUntil(connection, null, subscriptionId, coveredUntil);
    }

    /// <inheritdoc />
    public DigestDelivery? GetDelivery(string id)
    {
        using var connection = Open();
        using var command = Sql.Command(connection, null, DeliveryColumns + " WHERE id = $id", ("$id", id));
        return ReadDeliveries(command).FirstOrDefault();
    }

    /// <inheritdoc />
    public IReadOnlyList<DigestDelivery> DuePending(DateTimeOffset now, int max)
    {
        using var connection = Open();
        using var command = Sql.Command(connection, null,
            DeliveryColumns + " WHERE status = $pending AND (next_attempt_at IS NULL OR next_attempt_at <= $now) ORDER BY scheduled_for, id LIMIT $max",
            ("$pending", (int)DeliveryStatus.Pending), ("$now", Text(now)), ("$max", max));
        return ReadDeliveries(command);
    }

    /// <inheritdoc />
    public DateTimeOffset? NextPendingDue()
    {
        using var connection = Open();
        using var command = Sql.Command(connection, null,
            "SELECT MIN(COALESCE(next_attempt_at, scheduled_for)) FROM deliveries WHERE status = $pending", ("$pending", (int)DeliveryStatus.Pending));
        return command.ExecuteScalar() is string due ? Parse(due) : null;
    }

    /// <inheritdoc />
    public void MarkPartsSent(string deliveryId, int partsSent)
    {
        using var connection = Open();
        using var command = Sql.Command(connection, null,
            "UPDATE deliveries SET parts_sent = MAX(parts_sent, $parts) WHERE id = $id AND status = $pending",
            ("$id", deliveryId), ("$parts", partsSent), ("$pending", (int)DeliveryStatus.Pending));
        command.ExecuteNonQuery();
    }

    /// <inheritdoc />
    public void MarkSent(string deliveryId, DateTimeOffset sentAt)
    {
        using var connection = Open();
        using var command = Sql.Command(connection, null,
            "UPDATE deliveries SET status = $sent, sent_at = $at, error = NULL, next_attempt_at = NULL WHERE id = $id AND status = $pending",
            ("$id", deliveryId), ("$at", Text(sentAt)), ("$sent", (int)DeliveryStatus.Sent), ("$pending", (int)DeliveryStatus.Pending));
        command.ExecuteNonQuery();
    }

    /// <inheritdoc />
    public void MarkAttemptFailed(string deliveryId, string error, DateTimeOffset? retryAt)
    {
        using var connection = Open();
        using var command = Sql.Command(connection, null,
            "UPDATE deliveries SET attempts = attempts + 1, error = $error, next_attempt_at = $retry, status = $status WHERE id = $id AND status = $pending",
            ("$id", deliveryId),
            ("$error", error),
            ("$retry", Text(retryAt)),
            ("$status", (int)(retryAt is null ? DeliveryStatus.Failed : DeliveryStatus.Pending)),
            ("$pending", (int)DeliveryStatus.Pending));
        command.ExecuteNonQuery();
    }

    /// <summary>Moves covered_until forward only: a digest of an older fire time never takes it back.</summary>
    private static void MoveCoveredUntil(SqliteConnection connection, SqliteTransaction? transaction, string subscriptionId, DateTimeOffset to)
    {
        using var command = Sql.Command(connection, transaction,
            "UPDATE subscriptions SET covered_until = $to WHERE id = $id AND (covered_until IS NULL OR covered_until < $to)",
            ("$id", subscriptionId), ("$to", Text(to)));
        command.ExecuteNonQuery();
    }

    private SqliteConnection Open() => Sql.Open(_connectionString);

    private static List<Subscription> ReadSubscriptions(SqliteCommand command)
    {
        var list = new List<Subscription>();
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            list.Add(new Subscription(
                reader.GetString(0),
                reader.GetString(1),
                reader.GetString(2),
                Enum.Parse<SubscriptionOrigin>(reader.GetString(3)),
                new DigestSchedule(reader.GetString(4), reader.GetString(5), reader.GetString(6)),
                JsonSerializer.Deserialize<List<string>>(reader.GetString(7), Sql.Json) ?? [],
                reader.GetInt64(8) != 0,
                Parse(reader.GetString(9)),
                reader.IsDBNull(10) ? null : Parse(reader.GetString(10)),
                reader.IsDBNull(11) ? null : reader.GetString(11)));
        }

        return list;
    }

    private static List<DigestDelivery> ReadDeliveries(SqliteCommand command)
    {
        var list = new List<DigestDelivery>();
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            var digest = JsonSerializer.Deserialize<Digest>(reader.GetString(5), Sql.Json)
                ?? throw new InvalidDataException($"Delivery {reader.GetString(0)} has no digest.");
            list.Add(new DigestDelivery(
                reader.GetString(0),
                reader.GetString(1),
                reader.GetString(2),
                reader.GetString(3),
                Parse(reader.GetString(4)),
                digest,
                (DeliveryStatus)reader.GetInt32(6),
                reader.GetInt32(7),
                reader.GetInt32(8),
                reader.IsDBNull(9) ? null : reader.GetString(9),
                reader.IsDBNull(10) ? null : Parse(reader.GetString(10))));
        }

        return list;
    }

    private static string? Text(DateTimeOffset? time) => time?.UtcDateTime.ToString(TimeFormat, CultureInfo.InvariantCulture);

    private static DateTimeOffset Parse(string text) =>
        new(DateTime.ParseExact(text, TimeFormat, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal), TimeSpan.Zero);
}

using Bot.Core.Digests;
using Bot.Storage.Sqlite;
using Bot.Testing.Knowledge;
using Bot.Testing.Telegram;
using Microsoft.Data.Sqlite;

namespace Bot.Testing.Acceptance;

/// <summary>
/// A digest fan-out to many Telegram chats through the real executable: chat subscriptions written into its digest
/// store beforehand, the command line that points it at a <see cref="TelegramTestServer"/> with its state in a
/// folder, and what each chat received. Shared by the kill test and the fan-out benchmark.
/// </summary>
public static class DigestFanOut
{
    /// <summary>What every digest's first message starts with (the digest's title).</summary>
    public const string DigestTitle = "News digest";

    /// <summary>The executable next to the caller's binaries (a project that references Bot.Host gets it copied).</summary>
    public static string HostDll => Path.Combine(AppContext.BaseDirectory, "Bot.Host.dll");

    /// <summary>The chat ids <paramref name="count"/> private chats from <paramref name="firstChatId"/> on.</summary>
    public static IReadOnlyList<long> Chats(int count, long firstChatId) => [.. Enumerable.Range(0, count).Select(i => firstChatId + i)];

    /// <summary>Writes a chat subscription on <paramref name="cron"/> (UTC) for each of <paramref name="chats"/> into the digest store at <paramref name="digestsPath"/>.</summary>
    public static void Subscribe(string digestsPath, IEnumerable<long> chats, string cron)
    {
        ArgumentNullException.ThrowIfNull(chats);
        var store = new SqliteDigestStore(digestsPath, TimeProvider.System);
        var now = TimeProvider.System.GetUtcNow();
        foreach (var chat in chats)
        {
            var id = chat.ToString(System.Globalization.CultureInfo.InvariantCulture);
            store.Upsert(new Subscription(Subscription.ChatSubscriptionId("telegram", id), "telegram", id, SubscriptionOrigin.Chat, new DigestSchedule("cron " + cron, cron, "UTC"), [], false, now));
        }

        SqliteConnection.ClearAllPools();
    }

    /// <summary>
    /// The command line of <c>Bot.Host run</c> against <paramref name="server"/>: the repo's dataset, every state file in
    /// <paramref name="stateFolder"/>, no Discord; <paramref name="extra"/> settings ("--Section:Key=value") last.
    /// </summary>
    public static IReadOnlyList<string> HostArguments(TelegramTestServer server, string stateFolder, params string[] extra)
    {
        ArgumentNullException.ThrowIfNull(server);
        return
        [
            "run",
            $"--Telegram:Token={server.Token}",
            $"--Telegram:ApiBaseUrl={server.BaseUrl}",
            "--Telegram:PollTimeoutSeconds=1",
            $"--Telegram:StatePath={Path.Combine(stateFolder, "telegram.db")}",
            "--Discord:Token=",
            .. TestKnowledge.Arguments(TestKnowledge.StoreSettings(stateFolder)),
            .. extra,
        ];
    }

    /// <summary>The digest store's file in <paramref name="stateFolder"/>.</summary>
    public static string DigestsPath(string stateFolder) => TestKnowledge.StoreSettings(stateFolder)["Storage:DigestsPath"]!;

    /// <summary>
    /// What the bot has recorded in the digest store in <paramref name="stateFolder"/> (read while it runs): for each chat,
    /// the parts of its digest marked sent, <see cref="int.MaxValue"/> once the whole delivery is marked sent.
    /// </summary>
    public static IReadOnlyDictionary<long, int> RecordedParts(string stateFolder)
    {
        var connectionString = new SqliteConnectionStringBuilder { DataSource = DigestsPath(stateFolder), Mode = SqliteOpenMode.ReadWrite, Pooling = false, DefaultTimeout = 30 }.ToString();
        using var connection = new SqliteConnection(connectionString);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT chat, MAX(CASE WHEN status = $sent THEN $all ELSE parts_sent END) FROM deliveries GROUP BY chat";
        command.Parameters.AddWithValue("$sent", (int)DeliveryStatus.Sent);
        command.Parameters.AddWithValue("$all", int.MaxValue);
        var parts = new Dictionary<long, int>();
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            parts[long.Parse(reader.GetString(0), System.Globalization.CultureInfo.InvariantCulture)] = reader.GetInt32(1);
        }

        return parts;
    }

    /// <summary>How many digests (first messages, which carry the title) each of <paramref name="chats"/> received.</summary>
    public static IReadOnlyDictionary<long, int> DigestsPerChat(TelegramTestServer server, IEnumerable<long> chats)
    {
        ArgumentNullException.ThrowIfNull(server);
        var counts = chats.ToDictionary(c => c, _ => 0);
        foreach (var sent in server.Sent)
        {
            if (counts.TryGetValue(sent.ChatId, out var n) && sent.Shown.PlainText.StartsWith(DigestTitle, StringComparison.Ordinal))
            {
                counts[sent.ChatId] = n + 1;
            }
        }

        return counts;
    }
}

using Bot.Testing;
using Bot.Testing.Acceptance;
using Bot.Testing.Telegram;
using Microsoft.Data.Sqlite;

namespace Bot.Telegram.Tests.Acceptance;

/// <summary>
/// The real executable (<c>dotnet Bot.Host.dll run</c>) in a child process, killed hard in the middle of a digest
/// fan-out and started again on the same state: every chat gets its digest once, none twice, none never.
/// </summary>
public sealed class DigestCrashTests
{
    private const int Chats = 150;
    private const int KillAt = 40;

    [Fact]
    public async Task FanOut_ProcessKilledMidway_RestartDeliversEveryDigestExactlyOnce()
    {
        var state = Path.Combine(Path.GetTempPath(), "newsbot-crash-" + Guid.NewGuid().ToString("N"));
        await using var server = await TelegramTestServer.StartAsync();
        server.EnforceFloodLimits = true;
        var chats = DigestFanOut.Chats(Chats, 640_000);

        // Every 5 s: the first fire composes each chat's digest; later ones find nothing new and post nothing, so a
        // chat's digest is composed at its first fire before or after the crash, and exactly one is due.
        DigestFanOut.Subscribe(DigestFanOut.DigestsPath(state), chats, "0/5 * * * * ?");
        var arguments = DigestFanOut.HostArguments(server, state);

        ChildHost? first = null;

        // Every request from the KillAt-th on is held until the second process starts: also those the first process
        // wrote just before it died, which the server may read only after the kill.
        var holding = 1;
        var killed = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        server.OnSendMessage = async (arrival, parameters, aborted) =>
        {
            if (arrival < KillAt || Volatile.Read(ref holding) == 0)
            {
                return;
            }

            if (arrival == KillAt)
            {
                // The KillAt-th request is held and never answered, like every later one of this process. The kill waits
                // until the requests before it are answered and the bot has recorded each answered part: a message
                // answered in the last instant before a crash is the one case the Bot API cannot tell us about (no
                // idempotency key). A fixed pause here raced the bot's writes to its store on a loaded machine.
                _ = Task.Run(async () =>
                {
                    await AnsweredPartsRecordedAsync(server, state);
                    var before = server.Sent.Count;
                    first!.KillHard();
                    killed.TrySetResult(before);
                }, CancellationToken.None);
            }

            await Task.Delay(Timeout.InfiniteTimeSpan, aborted);
        };

        try
        {
            first = ChildHost.Start(DigestFanOut.HostDll, arguments, RepoPaths.Root);
            var sentBeforeKill = await killed.Task.WaitAsync(TimeSpan.FromSeconds(120));
            await first.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));
            Assert.InRange(sentBeforeKill, 1, Chats - 1);

            Volatile.Write(ref holding, 0);
            await using var second = ChildHost.Start(DigestFanOut.HostDll, arguments, RepoPaths.Root);
            await WaitUntilAsync(() => DigestFanOut.DigestsPerChat(server, chats).Values.All(n => n > 0), TimeSpan.FromSeconds(120), second);

            // Two more fires of every trigger: nothing is sent twice.
            await Task.Delay(TimeSpan.FromSeconds(11));
            var perChat = DigestFanOut.DigestsPerChat(server, chats);
            Assert.True(perChat.Values.All(n => n == 1), "digests per chat: " + string.Join(", ", perChat.Where(p => p.Value != 1).Select(p => $"{p.Key}: {p.Value}"))
                + $"\n{sentBeforeKill} sent before the kill; in order: " + string.Join(", ", server.Sent.Select((m, i) => (m, i)).Where(x => perChat[x.m.ChatId] != 1).Select(x => $"#{x.i} {x.m.ChatId}"))
                + "\nThe restarted child's last lines:\n" + second.Tail);
            Assert.All(chats, chat =>
            {
                var texts = server.Sent.Where(s => s.ChatId == chat).Select(s => s.Text).ToList();
                Assert.Equal(texts.Count, texts.Distinct(StringComparer.Ordinal).Count());
            });
            Assert.True(server.Sent.Count > sentBeforeKill, "the restarted process sent the rest");

            // Telegram counts per bot: the restarted process's first second must leave room for the first one's last.
            var sends = server.Calls.Where(c => c.Method == "sendMessage").ToList();
            Assert.True(sends.TrueForAll(c => c.Status != 429), "429 answered; sendMessage calls, ms after the first: " + string.Join(", ", sends.Select(c =>
                $"{(c.At - sends[0].At) * 1000 / System.Diagnostics.Stopwatch.Frequency}{(c.Status == 429 ? " (429)" : "")}")));
            Assert.Equal(server.Sent.Count, server.Calls.Count(c => c.Method == "sendMessage" && c.Status == 200));
        }
        finally
        {
            if (first is not null)
            {
                await first.DisposeAsync();
            }

            SqliteConnection.ClearAllPools();
            try
            {
                Directory.Delete(state, recursive: true);
            }
            catch (IOException)
            {
                // Left for the OS.
            }
        }
    }

    /// <summary>
    /// Waits until the server has answered every sendMessage before the KillAt-th (the only ones it answers while holding)
    /// and the bot has recorded, per chat, at least as many parts sent as the server took. At most a minute: a bot that
    /// never records them is killed anyway, and the digests it then sends twice fail the test.
    /// </summary>
    private static async Task AnsweredPartsRecordedAsync(TelegramTestServer server, string state)
    {
        var deadline = TimeProvider.System.GetUtcNow().AddMinutes(1);
        while (TimeProvider.System.GetUtcNow() < deadline)
        {
            if (server.Calls.Count(c => c.Method == "sendMessage") >= KillAt - 1)
            {
                try
                {
                    var recorded = DigestFanOut.RecordedParts(state);
                    if (server.Sent.GroupBy(s => s.ChatId).All(chat => recorded.GetValueOrDefault(chat.Key) >= chat.Count()))
                    {
                        return;
                    }
                }
                catch (SqliteException)
                {
                    // The store was busy: read it again.
                }
            }

            await Task.Delay(50);
        }
    }

    private static async Task WaitUntilAsync(Func<bool> done, TimeSpan timeout, ChildHost child)
    {
        var deadline = TimeProvider.System.GetUtcNow() + timeout;
        while (!done())
        {
            if (TimeProvider.System.GetUtcNow() > deadline || child.HasExited)
            {
                Assert.Fail("Not every chat got its digest after the restart. The child's last lines:\n" + child.Tail);
            }

            await Task.Delay(200);
        }
    }
}

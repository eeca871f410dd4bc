using System.Diagnostics;
using System.Globalization;
using Bot.Testing;
using Bot.Testing.Acceptance;
using Bot.Testing.Telegram;
using Microsoft.Data.Sqlite;

namespace Bot.Telegram.Load;

/// <summary>
/// The digest fan-out benchmark: the real executable (<c>dotnet Bot.Host.dll run</c>) with N Telegram chat
/// subscriptions written into its digest store beforehand, all due at the same time, against the loopback Bot API
/// test server with Telegram's flood limits enforced (429 beyond 30 in any sliding second). Reports the delivery rate
/// from the first digest the server accepted to the last (the first second's 30 not counted, so a perfect sender
/// scores 30.0), against the 30/s bound, and every 429, duplicate and miss.
/// Usage: <c>dotnet run -c Release --project bench/Bot.Telegram.Load -- fanout [--chats 10000] [--lead 60]</c>
/// </summary>
internal static class FanOut
{
    private const double Bound = 30;

    public static async Task<int> RunAsync(int chats, int leadSeconds)
    {
        var state = Path.Combine(Path.GetTempPath(), "newsbot-fanout-" + Guid.NewGuid().ToString("N"));
        await using var server = await TelegramTestServer.StartAsync();
        server.EnforceFloodLimits = true;
        var ids = DigestFanOut.Chats(chats, 700_000_000);

        // One fire for every chat: daily at a second far enough ahead for the host to start and schedule them all.
        var fire = TimeProvider.System.GetUtcNow().AddSeconds(leadSeconds);
        var cron = string.Create(CultureInfo.InvariantCulture, $"{fire.Second} {fire.Minute} {fire.Hour} * * ?");
        var setup = Stopwatch.StartNew();
        DigestFanOut.Subscribe(DigestFanOut.DigestsPath(state), ids, cron);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Digest fan-out: {chats} Telegram chats subscribed ({setup.Elapsed.TotalSeconds:F1} s), due at {fire:HH:mm:ss} UTC (cron \"{cron}\"); {Environment.ProcessorCount} CPUs; load average {LoadAverage()}"));
        Console.WriteLine("The test server enforces Telegram's flood limits: 429 beyond 30 messages in any sliding second.");

        var arguments = DigestFanOut.HostArguments(server, state, "--Logging:LogLevel:Default=Warning", "--Logging:LogLevel:Bot.Scheduling=Information");
        await using var child = ChildHost.Start(DigestFanOut.HostDll, arguments, RepoPaths.Root, readyWhen: "Digest schedules:");
        try
        {
            await child.WhenReady.WaitAsync(TimeSpan.FromSeconds(leadSeconds + 60));
        }
        catch (TimeoutException)
        {
            Console.WriteLine("The host did not report its schedules in time:\n" + child.Tail);
            return 2;
        }

        var scheduledAt = TimeProvider.System.GetUtcNow();
        Console.WriteLine($"Host started and scheduled its digests {(fire - scheduledAt).TotalSeconds:F1} s before they are due: {child.Lines.LastOrDefault(l => l.Contains("Digest schedules:", StringComparison.Ordinal))?.Trim()}");
        if (scheduledAt >= fire)
        {
            Console.WriteLine("The schedules were set after the fire time: run again with a longer --lead.");
            return 2;
        }

        // At 30/s the run takes chats/30 s; allow a third more, plus the lead.
        var deadline = fire + TimeSpan.FromSeconds((chats / Bound * 1.35) + 60);
        var lastReport = Stopwatch.GetTimestamp();
        while (true)
        {
            var delivered = Delivered(server, ids);
            if (delivered == chats || TimeProvider.System.GetUtcNow() > deadline || child.HasExited)
            {
                break;
            }

            if (Stopwatch.GetElapsedTime(lastReport) > TimeSpan.FromSeconds(30))
            {
                lastReport = Stopwatch.GetTimestamp();
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {delivered} of {chats} delivered; {server.Calls.Count(c => c.Status == 429)} × 429; load average {LoadAverage()}"));
            }

            await Task.Delay(500);
        }

        // A few more seconds: anything sent twice would show now.
        await Task.Delay(TimeSpan.FromSeconds(5));
        var perChat = DigestFanOut.DigestsPerChat(server, ids);
        var sent = server.Sent.Where(s => s.Method == "sendMessage").ToList();
        var tooMany = server.Calls.Count(c => c.Status == 429);
        var otherErrors = server.Calls.Count(c => c.Method == "sendMessage" && c.Status is not (200 or 429));
        var missing = perChat.Count(p => p.Value == 0);
        var twice = perChat.Count(p => p.Value > 1);
        if (sent.Count == 0)
        {
            Console.WriteLine($"FAIL: no digest arrived ({missing} of {perChat.Count} chats missing, {tooMany} answered 429, {otherErrors} other errors).");
            return 1;
        }

        var first = sent.Min(s => s.ReceivedAt);
        var last = sent.Max(s => s.ReceivedAt);
        var seconds = Stopwatch.GetElapsedTime(first, last).TotalSeconds;

        // A sender that keeps exactly to "30 in any sliding second" sends 30 at once, then 30 a second after, and so on:
        // its first 30 cost no time, so the rate over first → last counts the messages after them (perfect = 30.0).
        var rate = (sent.Count - Bound) / seconds;
        var busiest = BusiestSecond(sent.Select(s => s.ReceivedAt).Order().ToList());

        Console.WriteLine();
        Console.WriteLine("| chats | messages | first → last | delivery rate | of the 30/s bound | 429s | other errors | busiest second | missing | twice |");
        Console.WriteLine("| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {chats} | {sent.Count} | {seconds:F1} s | {rate:F2} msg/s | {rate / Bound:P1} | {tooMany} | {otherErrors} | {busiest} | {missing} | {twice} |"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Load average at the end: {LoadAverage()}"));

        await child.DisposeAsync();
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(state, recursive: true);
        }
        catch (IOException)
        {
            // Left for the OS.
        }

        var ok = missing == 0 && twice == 0 && tooMany == 0 && rate >= 0.95 * Bound;
        Console.WriteLine(ok ? "PASS: every chat got one digest, no 429, ≥ 95% of 30 msg/s." : "FAIL: see the table.");
        return ok ? 0 : 1;
    }

    private static string LoadAverage() => File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Trim() : "n/a";

    private static int Delivered(TelegramTestServer server, IReadOnlyList<long> ids) => DigestFanOut.DigestsPerChat(server, ids).Count(p => p.Value > 0);

    /// <summary>The most messages the server accepted within any one second (sorted Stopwatch timestamps).</summary>
    private static int BusiestSecond(List<long> times)
    {
        var most = 0;
        var start = 0;
        for (var end = 0; end < times.Count; end++)
        {
            while (times[end] - times[start] > Stopwatch.Frequency)
            {
                start++;
            }

            most = Math.Max(most, end - start + 1);
        }

        return most;
    }
}

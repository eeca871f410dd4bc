// Two modes. "fanout" (see FanOut.cs): the real host fans a digest out to 10,000 subscribed chats under Telegram's
// enforced flood limits and reports the delivery rate:
//   dotnet run -c Release --project bench/Bot.Telegram.Load -- fanout [--chats 10000] [--lead 60]
// Otherwise, the load test: sends command updates through the loopback Bot API test server to the real host with
// AddTelegramTransport and prints updates handled per second and reply latency (update handed out by
// getUpdates -> reply received by the server). "answered" counts from the first update handed out to the last
// reply received; "received" from the first to the last update handed out by getUpdates. Usage:
//   dotnet run -c Release --project bench/Bot.Telegram.Load [-- --updates 10000 --chats 1000 --rate 1000]
using System.Diagnostics;
using System.Globalization;
using Bot.Core.Replies;
using Bot.Telegram;
using Bot.Testing.Fakes;
using Bot.Testing.Telegram;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

if (args.Length > 0 && args[0] == "fanout")
{
    return await Bot.Telegram.Load.FanOut.RunAsync(Arg("--chats", 10_000), Arg("--lead", 60));
}

var updates = Arg("--updates", 10_000);
var chats = Arg("--chats", 1_000);
var rate = Arg("--rate", 1_000);
var limitedUpdates = Arg("--limited", 150);

Console.WriteLine($"Telegram transport load test: {updates} updates over {chats} private chats; {Environment.ProcessorCount} CPUs; load average {LoadAverage()}");
Console.WriteLine("Rate limits: the test server does not enforce flood limits and the bot's buckets are raised, as the issue allows for this measurement.");
Console.WriteLine();

var inProcess = await HandlingOnlyAsync(updates, chats);
var burst = await RunAsync("burst (all queued at once)", updates, chats, pacePerSecond: null, realLimits: false);
var paced = await RunAsync($"paced ({rate}/s)", updates, chats, pacePerSecond: rate, realLimits: false);
var limited = await RunAsync($"real rate limits ({limitedUpdates} updates, 1 chat each)", limitedUpdates, limitedUpdates, pacePerSecond: null, realLimits: true);

Console.WriteLine();
Console.WriteLine("| run | updates | updates/s answered | updates/s received | p50 ms | p99 ms | max ms | CPU µs/update (bot + server) |");
Console.WriteLine("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
foreach (var r in new[] { inProcess, burst, paced, limited })
{
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {r.Name} | {r.Updates} | {r.HandledPerSecond:F0} | {r.ReceivedPerSecond:F0} | {r.P50:F1} | {r.P99:F1} | {r.Max:F1} | {r.CpuMicrosecondsPerUpdate:F0} |"));
}

return 0;

static async Task<Result> RunAsync(string name, int count, int chats, int? pacePerSecond, bool realLimits)
{
    await using var server = await TelegramTestServer.StartAsync();
    var statePath = Path.Combine(Path.GetTempPath(), "bot-telegram-load", Guid.NewGuid().ToString("N"), "telegram.db");
    var engine = new FakeCommandEngine
    {
        Respond = r => new Reply(
            ReplyKind.Answer,
            "Members of BSN",
            [new Section("Members", [new ReplyItem("Ann Lee", "chair", [1]), new ReplyItem("Bo Chan", "treasurer", [1]), new ReplyItem("Cy Diaz", "member", [1])])],
            [new Citation(1, "BSN congress elects new board", "https://news.example/bsn", "Daily Post", new DateOnly(2019, 6, 8))],
            [],
            "Based on 1 article, 8 Jun 2019"),
    };

    var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
    var config = new Dictionary<string, string?>
    {
        ["Telegram:Token"] = server.Token,
        ["Telegram:ApiBaseUrl"] = server.BaseUrl.ToString(),
        ["Telegram:PollTimeoutSeconds"] = "5",
        ["Telegram:StatePath"] = statePath,
    };
    if (!realLimits)
    {
        config["Telegram:GlobalMessagesPerSecond"] = "1000000";
        config["Telegram:PrivateChatMessagesPerSecond"] = "1000000";
        config["Telegram:GroupMessagesPerMinute"] = "60000000";
    }

    builder.Configuration.AddInMemoryCollection(config);
    builder.Logging.ClearProviders().AddSimpleConsole().SetMinimumLevel(LogLevel.Warning);
    builder.Services.AddSingleton<Bot.Core.Commands.ICommandEngine>(engine);
    builder.AddTelegramTransport();
    using var host = builder.Build();

    var messageToUpdate = new Dictionary<long, long>();
    var messageBase = 1_000_000L;
    void Enqueue(int i)
    {
        var messageId = messageBase + i;
        var id = server.EnqueueUpdate(TelegramUpdates.PrivateMessage(10_000 + (i % chats), "/members BSN", messageId));
        lock (messageToUpdate)
        {
            messageToUpdate[messageId] = id;
        }
    }

    if (pacePerSecond is null)
    {
        for (var i = 0; i < count; i++)
        {
            Enqueue(i);
        }
    }

    var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
    await host.StartAsync();
    var started = Stopwatch.GetTimestamp();
    if (pacePerSecond is { } pace)
    {
        // Feed at a steady rate, in 10 ms slices.
        var sent = 0;
        while (sent < count)
        {
            var due = Math.Min(count, (int)(Stopwatch.GetElapsedTime(started).TotalSeconds * pace) + 1);
            for (; sent < due; sent++)
            {
                Enqueue(sent);
            }

            await Task.Delay(10);
        }
    }

    var replies = await server.WaitForSentAsync(count, timeout: TimeSpan.FromMinutes(10));
    var cpu = Process.GetCurrentProcess().TotalProcessorTime - cpuBefore;
    await host.StopAsync();

    var delivered = server.DeliveredAt;
    var latencies = new List<double>(count);
    long first = long.MaxValue, lastDelivered = 0, lastSent = 0;
    foreach (var reply in replies)
    {
        var updateId = messageToUpdate[reply.ReplyToMessageId!.Value];
        var at = delivered[updateId];
        latencies.Add(Stopwatch.GetElapsedTime(at, reply.ReceivedAt).TotalMilliseconds);
        first = Math.Min(first, at);
        lastDelivered = Math.Max(lastDelivered, at);
        lastSent = Math.Max(lastSent, reply.ReceivedAt);
    }

    latencies.Sort();
    var handledSeconds = Stopwatch.GetElapsedTime(first, lastSent).TotalSeconds;
    var result = new Result(
        name,
        count,
        count / handledSeconds,
        count / Math.Max(1e-3, Stopwatch.GetElapsedTime(first, lastDelivered).TotalSeconds),
        Percentile(latencies, 0.50),
        Percentile(latencies, 0.99),
        latencies[^1],
        cpu.TotalMilliseconds * 1000 / count);
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{name}: {count} replies in {handledSeconds:F2} s; p50 {result.P50:F1} ms, p99 {result.P99:F1} ms"));
    return result;
}

// The bot's own share: updates parsed, routed to the engine, rendered and queued, without HTTP on either side.
static async Task<Result> HandlingOnlyAsync(int count, int chats)
{
    await using var server = await TelegramTestServer.StartAsync();
    var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
    builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
    {
        ["Telegram:Token"] = server.Token,
        ["Telegram:ApiBaseUrl"] = server.BaseUrl.ToString(),
        ["Telegram:StatePath"] = Path.Combine(Path.GetTempPath(), "bot-telegram-load", Guid.NewGuid().ToString("N"), "telegram.db"),
    });
    builder.Logging.ClearProviders().SetMinimumLevel(LogLevel.Warning);
    builder.Services.AddSingleton<Bot.Core.Commands.ICommandEngine>(new FakeCommandEngine
    {
        Respond = r => new Reply(
            ReplyKind.Answer,
            "Members of BSN",
            [new Section("Members", [new ReplyItem("Ann Lee", "chair", [1]), new ReplyItem("Bo Chan", "treasurer", [1]), new ReplyItem("Cy Diaz", "member", [1])])],
            [new Citation(1, "BSN congress elects new board", "https://news.example/bsn", "Daily Post", new DateOnly(2019, 6, 8))],
            [],
            "Based on 1 article, 8 Jun 2019"),
    });
    builder.AddTelegramTransport();
    using var host = builder.Build();
    var services = host.Services;
    services.GetRequiredService<Bot.Telegram.State.TelegramStateStore>().EnsureCreated();
    services.GetRequiredService<BotIdentity>().Set(new Bot.Telegram.Api.User(1, true, "News Bot", server.BotUsername));
    var processor = services.GetRequiredService<Bot.Telegram.Receiving.UpdateProcessor>();
    var queue = services.GetRequiredService<Bot.Telegram.Sending.OutboundQueue>();
    var elements = Enumerable.Range(0, count)
        .Select(i =>
        {
            var update = TelegramUpdates.PrivateMessage(10_000 + (i % chats), "/members BSN", 1_000_000 + i);
            update["update_id"] = i + 1;
            return System.Text.Json.JsonDocument.Parse(update.ToJsonString()).RootElement;
        })
        .ToList();
    var latencies = new List<double>(count);
    var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
    var started = Stopwatch.GetTimestamp();
    foreach (var element in elements)
    {
        var t = Stopwatch.GetTimestamp();
        await processor.ProcessAsync(element, CancellationToken.None);
        latencies.Add(Stopwatch.GetElapsedTime(t).TotalMilliseconds);
        while (queue.Reader.TryRead(out _))
        {
            queue.Done();
        }
    }

    var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
    var cpu = Process.GetCurrentProcess().TotalProcessorTime - cpuBefore;
    latencies.Sort();
    var result = new Result("handling only (parse, engine, render, queue; no HTTP)", count, count / seconds, count / seconds, Percentile(latencies, 0.5), Percentile(latencies, 0.99), latencies[^1], cpu.TotalMilliseconds * 1000 / count);
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{result.Name}: {count} in {seconds:F2} s"));
    return result;
}

static string LoadAverage() => File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Trim() : "n/a";

static double Percentile(List<double> sorted, double p) => sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Count) - 1, 0, sorted.Count - 1)];

int Arg(string name, int fallback)
{
    var i = Array.IndexOf(args, name);
    return i >= 0 && i + 1 < args.Length ? int.Parse(args[i + 1], CultureInfo.InvariantCulture) : fallback;
}

internal sealed record Result(string Name, int Updates, double HandledPerSecond, double ReceivedPerSecond, double P50, double P99, double Max, double CpuMicrosecondsPerUpdate);

using System.Diagnostics;
using Bot.Benchmarks.Corpus;
using Bot.Core.Commands;
using Bot.Core.Extraction;
using Bot.Core.Knowledge;
using Bot.Core.Replies;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Bot.Benchmarks.Scenarios;

/// <summary>
/// The query child, over a store built by the ingest child: start-up (process start → host built → Sync with no
/// changes → first answer), then command latency through <see cref="ICommandEngine.HandleAsync"/>. Names come from the
/// generator's pools, kept when the store knows them: "popular" draws them with the corpus's own Zipf law (so questions
/// favour the groups the articles talk about most), "uniform" draws any known name alike, "top" is the single most
/// named group or organisation (the worst case for answer size). The engine keeps the answers it built while the knowledge
/// holds (Commands:ReplyCacheSize), so repeated names are answered from memory; the "uncached" rows ask the same popular
/// names of an engine without that cache, so every call builds its answer from the store.
/// </summary>
internal static class QueryScenario
{
    private const int WarmupCalls = 500;
    private static readonly TimeSpan Budget = TimeSpan.FromSeconds(60);

    public static async Task<QueryResult> RunAsync(string articles, string database, int seed, int calls, TextWriter ready)
    {
        using var self = Process.GetCurrentProcess();
        var processStart = new DateTimeOffset(self.StartTime.ToUniversalTime(), TimeSpan.Zero);

        var watch = Stopwatch.StartNew();
        using var host = BenchHost.Build(articles, database);
        var ingestor = host.Ingestor;
        var engine = host.Engine;
        var build = watch.Elapsed;

        // As KnowledgeSyncService does: over a store an earlier run built, the folder is checked in the background while
        // commands answer from the stored knowledge; over an empty one, the sync comes first.
        var background = ingestor.HasKnowledge;
        var syncTask = background ? Task.Run(() => ingestor.Sync()) : Task.FromResult(ingestor.Sync());
        var sync = background ? TimeSpan.Zero : watch.Elapsed - build;

        var universe = new CorpusUniverse(seed);
        var reader = host.Reader;
        // The first question: a group of middling popularity (the 20th), not the largest answer the corpus has.
        var firstGroup = universe.Groups.Skip(20).Concat(universe.Groups.Take(20)).Select(g => g.Name).FirstOrDefault(n => Known(reader, n)) ?? "BSN";
        var first = await engine.HandleAsync(Request("/members " + firstGroup), CancellationToken.None);
        var firstAnswer = watch.Elapsed - build - sync;
        var startup = TimeProvider.System.GetUtcNow() - processStart;
        await ready.WriteLineAsync("READY");
        await ready.FlushAsync();

        // The latencies are measured once the folder check is done, so they do not share the cores with it.
        var report = await syncTask;
        if (background)
        {
            sync = watch.Elapsed - build;
        }

        var random = new Random(seed + 1);
        var knownGroups = universe.Groups.Select(g => g.Name).Where(n => Known(reader, n)).ToList();
        var knownOrgs = universe.Organisations.Where(n => Known(reader, n)).ToList();
        if (knownGroups.Count == 0)
        {
            knownGroups = [firstGroup];
        }

        if (knownOrgs.Count == 0)
        {
            knownOrgs = [.. reader.AllNames().Select(n => n.Name).Take(10)];
        }

        var popularGroups = Draw(random, 400, () => universe.Group(random).Name, knownGroups);
        var popularOrgs = Draw(random, 400, () => universe.Organisation(random), knownOrgs);
        var uniformGroups = Enumerable.Range(0, 400).Select(_ => knownGroups[random.Next(knownGroups.Count)]).ToList();
        var uniformOrgs = Enumerable.Range(0, 400).Select(_ => knownOrgs[random.Next(knownOrgs.Count)]).ToList();
        var searches = Enumerable.Range(0, 400)
            .Select(_ => WordPools.Nouns[random.Next(WordPools.Nouns.Length)].ToLowerInvariant() + " " + WordPools.Places[random.Next(WordPools.Places.Length)])
            .ToList();

        var latencies = new List<Latency>
        {
            await MeasureAsync(engine, "members", "popular", popularGroups, calls),
            await MeasureAsync(engine, "about", "popular", popularOrgs, calls),
            await MeasureAsync(engine, "search", "two words", searches, calls),
            await MeasureAsync(engine, "members", "uniform", uniformGroups, calls),
            await MeasureAsync(engine, "about", "uniform", uniformOrgs, calls),
            await MeasureAsync(engine, "members", "top group", [knownGroups[0]], Math.Min(calls, 200)),
            await MeasureAsync(engine, "about", "top organisation", [knownOrgs[0]], Math.Min(calls, 200)),
        };

        // The same popular names with the reply cache off: what a first ask costs (every call builds its answer).
        var uncached = new CommandEngine(reader, Options.Create(new CommandOptions { ReplyCacheSize = 0 }), NullLogger<CommandEngine>.Instance);
        latencies.Add(await MeasureAsync(uncached, "members", "popular, uncached", popularGroups, calls));
        latencies.Add(await MeasureAsync(uncached, "about", "popular, uncached", popularOrgs, calls));

        var samples = new List<string>
        {
            $"/members {firstGroup} → {first.Kind}: {first.Title}",
            $"popular groups: {string.Join(", ", popularGroups.Distinct().Take(5))}",
            $"popular orgs: {string.Join(", ", popularOrgs.Distinct().Take(5))}",
            $"searches: {string.Join(", ", searches.Take(5))}",
        };
        var stats = reader.GetStats();
        samples.Add($"store: {stats.Articles} articles, {stats.Entities} entities, {stats.Facts} facts");
        return new QueryResult(startup.TotalMilliseconds, build.TotalMilliseconds, sync.TotalMilliseconds, firstAnswer.TotalMilliseconds,
            report.Files, report.Resolved, latencies, samples, MemoryFigures.Now());
    }

    private static bool Known(IKnowledgeReader reader, string name) => reader.FindByKey(NameKey.OrderFree(name)).Count > 0;

    private static List<string> Draw(Random random, int count, Func<string> next, List<string> known)
    {
        var set = known.ToHashSet(StringComparer.Ordinal);
        var names = new List<string>(count);
        for (var attempt = 0; names.Count < count && attempt < count * 50; attempt++)
        {
            var name = next();
            if (set.Contains(name))
            {
                names.Add(name);
            }
        }

        while (names.Count < count)
        {
            names.Add(known[random.Next(known.Count)]);
        }

        return names;
    }

    private static CommandRequest Request(string text) => new(text, "bench", "bench");

    private static async Task<Latency> MeasureAsync(ICommandEngine engine, string command, string mix, IReadOnlyList<string> arguments, int calls)
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        var requests = arguments.Select(a => Request("/" + command + " " + a)).ToArray();
        var budget = Stopwatch.StartNew();
        for (var i = 0; (i < Math.Min(WarmupCalls, calls) || budget.Elapsed < TimeSpan.FromSeconds(1)) && budget.Elapsed < Budget / 4; i++)
        {
            await engine.HandleAsync(requests[i % requests.Length], CancellationToken.None);
        }

        budget.Restart();
        var times = new List<double>(calls);
        var answered = 0;
        var collected = 0;
        var allocated = GC.GetTotalAllocatedBytes(precise: true);
        for (var i = 0; i < calls && budget.Elapsed < Budget; i++)
        {
            var request = requests[i % requests.Length];
            var collections = GC.CollectionCount(0);
            var start = Stopwatch.GetTimestamp();
            var reply = await engine.HandleAsync(request, CancellationToken.None);
            times.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
            if (GC.CollectionCount(0) != collections)
            {
                collected++;
            }

            if (reply.Kind == ReplyKind.Answer)
            {
                answered++;
            }
        }

        var kilobytes = (GC.GetTotalAllocatedBytes(precise: true) - allocated) / 1024.0 / Math.Max(1, times.Count);
        return Latency.Of($"/{command} ({mix})", times, answered, kilobytes, collected);
    }
}

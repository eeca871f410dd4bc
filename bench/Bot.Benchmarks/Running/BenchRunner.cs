using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Bot.Benchmarks.Corpus;
using Bot.Benchmarks.Scenarios;

namespace Bot.Benchmarks.Running;

/// <summary>Options of the runner.</summary>
/// <param name="Sizes">Corpus sizes in articles.</param>
/// <param name="Seed">The generator's seed.</param>
/// <param name="Out">The Markdown file to write, if any.</param>
/// <param name="Calls">Timed calls per command.</param>
/// <param name="Work">The folder for corpora and stores (a temporary one when null).</param>
/// <param name="Keep">Keep the corpora and stores afterwards.</param>
/// <param name="Reuse">With --work: reuse a store and the ingest figures an earlier run left there (to measure queries again).</param>
/// <param name="ChildEnvironment">Extra environment variables for the children (e.g. DOTNET_gcServer=1).</param>
/// <param name="IngestRuns">Ingest children run one after the other for each size, each into a fresh store: the run with the median rate is reported, and every run's rate beside it.</param>
internal sealed record RunnerOptions(IReadOnlyList<int> Sizes, int Seed, string? Out, int Calls, string? Work, bool Keep, bool Reuse, IReadOnlyDictionary<string, string> ChildEnvironment, int IngestRuns = 3);

/// <summary>One size's figures: <paramref name="Ingest"/> is the median of <paramref name="IngestRuns"/> (by articles/s).</summary>
internal sealed record SizeResult(int Size, long CorpusBytes, double GenerateMs, IngestResult Ingest, IReadOnlyList<IngestResult> IngestRuns, QueryResult Query, double StartupWallMs, string Load);

/// <summary>
/// For each size: generates the corpus (not timed), runs the ingest child (several times: this shared machine's speed
/// varies by a fifth from one run to the next, so one run can be lucky or unlucky), then the query child over the last
/// run's store; prints and writes the tables.
/// </summary>
internal static class BenchRunner
{
    public static async Task<int> RunAsync(RunnerOptions options)
    {
        var work = options.Work ?? Path.Combine(Path.GetTempPath(), "newsbot-bench-" + Guid.NewGuid().ToString("N")[..8]);
        var results = new List<SizeResult>();
        try
        {
            foreach (var size in options.Sizes)
            {
                var folder = Path.Combine(work, $"corpus-{options.Seed}-{size}");
                var articles = Path.Combine(folder, "articles");
                var database = Path.Combine(folder, "knowledge.db");
                var watch = Stopwatch.StartNew();
                long bytes;
                if (Directory.Exists(articles) && options.Work is not null)
                {
                    bytes = Directory.EnumerateFiles(articles, "*.txt", SearchOption.AllDirectories).Sum(f => new FileInfo(f).Length);
                    Console.WriteLine($"[{size}] reusing corpus in {articles}");
                }
                else
                {
                    bytes = new CorpusGenerator(options.Seed).Write(articles, size);
                }

                var generate = watch.Elapsed.TotalMilliseconds;
                Console.WriteLine($"[{size}] corpus: {size:N0} articles, {bytes / 1024.0 / 1024.0:0.0} MB, generated in {generate:0} ms");

                var loadBefore = LoadAverage();
                var saved = Path.Combine(folder, "ingest.json");
                List<IngestResult> runs;
                if (options.Reuse && File.Exists(saved) && File.Exists(database))
                {
                    // Runs before repeated ingestion saved one result, not a list.
                    var text = await File.ReadAllTextAsync(saved);
                    runs = text.TrimStart().StartsWith('[')
                        ? JsonSerializer.Deserialize<List<IngestResult>>(text, ChildProcess.Json)!
                        : [JsonSerializer.Deserialize<IngestResult>(text, ChildProcess.Json)!];
                    Console.WriteLine($"[{size}] reusing the store and ingest figures of an earlier run in {folder}");
                }
                else
                {
                    runs = [];
                    for (var run = 1; run <= Math.Max(1, options.IngestRuns); run++)
                    {
                        var probe = ProbeMs();
                        var stolenBefore = StolenSeconds();
                        var (one, _, _) = await ChildProcess.RunAsync<IngestResult>(["ingest", articles, database], options.ChildEnvironment);
                        runs.Add(one);
                        Console.WriteLine($"[{size}] ingest run {run}/{options.IngestRuns}: {one.Extracted:N0} articles in {one.SyncMs:0} ms = {one.ArticlesPerSecond:0} articles/s ({one.Memory.CpuMs / Math.Max(1, one.Extracted):0.00} CPU ms/article), peak {one.Memory.PeakWorkingSetMb:0} MB, CPU time the hypervisor took from this machine meanwhile {StolenSeconds() - stolenBefore:0.0} s; machine probe just before: {probe:0} ms");
                    }

                    await File.WriteAllTextAsync(saved, JsonSerializer.Serialize(runs, ChildProcess.Json));
                }

                var ingest = Median(runs);
                Console.WriteLine($"[{size}] ingest, the median of {runs.Count} runs: {ingest.ArticlesPerSecond:0} articles/s (runs: {Rates(runs)}), peak {runs.Max(r => r.Memory.PeakWorkingSetMb):0} MB in the most");

                var (query, ready, _) = await ChildProcess.RunAsync<QueryResult>(
                    ["query", articles, database, "--seed", options.Seed.ToString(CultureInfo.InvariantCulture), "--calls", options.Calls.ToString(CultureInfo.InvariantCulture)],
                    options.ChildEnvironment);
                Console.WriteLine($"[{size}] start-up: {ready.TotalMilliseconds:0} ms to the first answer (in-process {query.StartupMs:0} ms), peak {query.Memory.PeakWorkingSetMb:0} MB");
                foreach (var line in query.Samples)
                {
                    Console.WriteLine($"[{size}]   {line}");
                }

                foreach (var l in query.Latencies)
                {
                    Console.WriteLine($"[{size}]   {l.Command}: p50 {l.P50:0.000} ms, p99 {l.P99:0.000} ms, max {l.Max:0.0} ms ({l.Calls} calls, {l.Answered} answered, {l.AllocatedKbPerCall:0.0} KB per call, {l.CallsWithGc} interrupted by a GC)");
                }

                results.Add(new SizeResult(size, bytes, generate, ingest, runs, query, ready.TotalMilliseconds, loadBefore + " → " + LoadAverage()));
            }
        }
        finally
        {
            if (!options.Keep)
            {
                TryDelete(work);
            }
        }

        var markdown = Report(results, options);
        Console.WriteLine();
        Console.WriteLine(markdown);
        if (options.Out is { } path)
        {
            await File.WriteAllTextAsync(path, markdown);
            Console.WriteLine($"Written to {Path.GetFullPath(path)}");
        }

        return 0;
    }

    private static string Report(List<SizeResult> results, RunnerOptions options)
    {
        var c = CultureInfo.InvariantCulture;
        var sb = new StringBuilder();
        sb.AppendLine(c, $"Seed {options.Seed}, {options.Calls:N0} timed calls per command after a warm-up; {Environment.ProcessorCount} cores, .NET {Environment.Version}, {System.Runtime.InteropServices.RuntimeInformation.OSDescription}.");
        sb.AppendLine();
        sb.AppendLine("| articles | ingest articles/s (median) | each ingest run, articles/s | ingest peak MB (highest run) | start-up ms | /members p50 / p99 ms | /about p50 / p99 ms | /search p50 / p99 ms | query peak MB |");
        sb.AppendLine("| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
        foreach (var r in results)
        {
            var members = r.Query.Latencies.First(l => l.Command == "/members (popular)");
            var about = r.Query.Latencies.First(l => l.Command == "/about (popular)");
            var search = r.Query.Latencies.First(l => l.Command.StartsWith("/search", StringComparison.Ordinal));
            sb.AppendLine(c, $"| {r.Size:N0} | {r.Ingest.ArticlesPerSecond:N0} | {Rates(r.IngestRuns)} | {r.IngestRuns.Max(i => i.Memory.PeakWorkingSetMb):0} | {r.StartupWallMs:0} | {members.P50:0.00} / {members.P99:0.00} | {about.P50:0.00} / {about.P99:0.00} | {search.P50:0.00} / {search.P99:0.00} | {r.Query.Memory.PeakWorkingSetMb:0} |");
        }

        sb.AppendLine();
        sb.AppendLine(c, $"Ingestion ran {options.IngestRuns} times for each size, each time into a fresh store (a first build): the rate is the median run's, and the details below are that run's.");
        sb.AppendLine();
        sb.AppendLine("Start-up is the wall time from starting the query process to its first answered command (runtime start, host build, one /members; over a built store the Sync that finds nothing changed runs in the background meanwhile, as the host runs it, and its column is the time from host built to its end). /members and /about names are drawn with the corpus's own popularity law.");
        sb.AppendLine();
        sb.AppendLine("Details:");
        sb.AppendLine();
        sb.AppendLine("| articles | corpus MB | ingest s | ingest CPU ms/article | store MB | ingest heap / allocated MB | GC 0/1/2 (ingest) | GC pause s (ingest) | host build ms | no-change Sync ms | first answer ms | query heap MB | load avg |");
        sb.AppendLine("| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |");
        foreach (var r in results)
        {
            var m = r.Ingest.Memory;
            sb.AppendLine(c, $"| {r.Size:N0} | {r.CorpusBytes / 1048576.0:0.0} | {r.Ingest.SyncMs / 1000:0.0} | {m.CpuMs / Math.Max(1, r.Ingest.Extracted):0.00} | {r.Ingest.DatabaseBytes / 1048576.0:0.0} | {m.ManagedHeapMb:0} / {m.AllocatedMb:N0} | {m.Gen0}/{m.Gen1}/{m.Gen2} | {m.GcPauseMs / 1000:0.0} | {r.Query.HostBuildMs:0} | {r.Query.SyncMs:0} | {r.Query.FirstAnswerMs:0} | {r.Query.Memory.ManagedHeapMb:0} | {r.Load} |");
        }

        sb.AppendLine();
        sb.AppendLine("| articles | command (names) | calls | answered | p50 ms | p90 ms | p99 ms | max ms | KB allocated per call | calls a GC interrupted |");
        sb.AppendLine("| ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
        foreach (var r in results)
        {
            foreach (var l in r.Query.Latencies)
            {
                sb.AppendLine(c, $"| {r.Size:N0} | {l.Command} | {l.Calls:N0} | {l.Answered:N0} | {l.P50:0.000} | {l.P90:0.000} | {l.P99:0.000} | {l.Max:0.0} | {l.AllocatedKbPerCall:0.0} | {l.CallsWithGc:N0} |");
            }
        }

        return sb.ToString();
    }

    /// <summary>The run with the median rate (of an even count, the slower of the two middle ones).</summary>
    internal static IngestResult Median(IReadOnlyList<IngestResult> runs) =>
        runs.OrderBy(r => r.ArticlesPerSecond).ElementAt((runs.Count - 1) / 2);

    private static string Rates(IEnumerable<IngestResult> runs) =>
        string.Join(", ", runs.Select(r => r.ArticlesPerSecond.ToString("N0", CultureInfo.InvariantCulture)));

    /// <summary>
    /// A fixed piece of single-threaded CPU work (SHA-256 of 64 MB, then a dependent integer loop), timed: the same code
    /// takes the same time on the same machine, so a higher figure before an ingest run says the machine was slower then.
    /// </summary>
    internal static double ProbeMs()
    {
        var data = new byte[64 << 20];
        new Random(42).NextBytes(data);
        var watch = Stopwatch.StartNew();
        var digest = System.Security.Cryptography.SHA256.HashData(data);
        ulong x = digest[0];
        for (var i = 0; i < 400_000_000; i++)
        {
            x = (x * 6364136223846793005UL) + 1442695040888963407UL;
        }

        GC.KeepAlive(x);
        return watch.Elapsed.TotalMilliseconds;
    }

    /// <summary>
    /// CPU time the hypervisor gave to others while this virtual machine had work (Linux "steal", all cores, seconds), to
    /// show when a slow run was the machine's, not the code's; 0 where it is not known.
    /// </summary>
    private static double StolenSeconds()
    {
        var cpu = File.Exists("/proc/stat") ? File.ReadLines("/proc/stat").FirstOrDefault(l => l.StartsWith("cpu ", StringComparison.Ordinal)) : null;
        var fields = cpu?.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return fields is { Length: > 8 } && long.TryParse(fields[8], CultureInfo.InvariantCulture, out var jiffies) ? jiffies / 100.0 : 0;
    }

    /// <summary>The 1-minute load average (Linux), to show how busy the shared machine was.</summary>
    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "?";

    private static void TryDelete(string folder)
    {
        try
        {
            if (Directory.Exists(folder))
            {
                Directory.Delete(folder, recursive: true);
            }
        }
        catch (IOException)
        {
            // A temporary folder left behind is harmless.
        }
    }
}

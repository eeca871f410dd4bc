using System.Globalization;
using System.Text.Json;
using Bot.Benchmarks.Corpus;
using Bot.Benchmarks.Running;
using Bot.Benchmarks.Scenarios;

// bench/Bot.Benchmarks: see README.md next to this file.
return args.FirstOrDefault() switch
{
    "ingest" when args.Length >= 3 => Emit(IngestScenario.Run(args[1], args[2], args.Contains("--timed"), args.Contains("--keep-store"))),
    "query" when args.Length >= 3 => Emit(await QueryScenario.RunAsync(args[1], args[2], Int(Option(args, "--seed"), 42), Int(Option(args, "--calls"), 2000), Console.Out)),
    "generate" when args.Length >= 3 => Generate(args[1], int.Parse(args[2], CultureInfo.InvariantCulture), Int(Option(args, "--seed"), 42)),
    "profile" when args.Length >= 2 => ProfileScenario.Run(args[1]),
    "dump" when args.Length >= 3 => DumpScenario.Run(args[1], args[2]),
    "write" when args.Length >= 3 => WriteScenario.Run(args[1], args[2], args.Contains("--resolve")),
    "profile-load" when args.Length >= 2 => ProfileScenario.Load(args[1], Int(Option(args, "--rounds"), 1)),
    "profile-relations" when args.Length >= 2 => ProfileScenario.Relations(args[1], Int(Option(args, "--rounds"), 1)),
    "profile-mask" when args.Length >= 2 => ProfileScenario.Mask(args[1], Int(Option(args, "--rounds"), 1)),
    "help" or "--help" or "-h" => Usage(),
    _ => await BenchRunner.RunAsync(new RunnerOptions(
        (Option(args, "--sizes") ?? "5,10000,100000").Split(',', StringSplitOptions.RemoveEmptyEntries).Select(s => int.Parse(s, CultureInfo.InvariantCulture)).ToList(),
        Int(Option(args, "--seed"), 42),
        Option(args, "--out"),
        Int(Option(args, "--calls"), 2000),
        Option(args, "--work"),
        args.Contains("--keep") || args.Contains("--reuse"),
        args.Contains("--reuse"),
        args.Select((a, i) => (a, i)).Where(p => p.a == "--child-env" && p.i + 1 < args.Length).Select(p => args[p.i + 1].Split('=', 2))
            .ToDictionary(kv => kv[0], kv => kv.Length > 1 ? kv[1] : string.Empty),
        Int(Option(args, "--ingest-runs"), 3))),
};

static string? Option(string[] args, string name)
{
    var i = Array.IndexOf(args, name);
    return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
}

static int Int(string? value, int fallback) => value is null ? fallback : int.Parse(value, CultureInfo.InvariantCulture);

static int Emit<T>(T result)
{
    Console.WriteLine(ChildProcess.ResultPrefix + JsonSerializer.Serialize(result, ChildProcess.Json));
    return 0;
}

static int Generate(string folder, int count, int seed)
{
    var bytes = new CorpusGenerator(seed).Write(folder, count);
    Console.WriteLine($"{count:N0} articles, {bytes:N0} bytes, in {Path.GetFullPath(folder)}");
    return 0;
}

static int Usage()
{
    Console.WriteLine("""
        Bot.Benchmarks [--sizes 5,10000,100000] [--seed 42] [--calls 2000] [--out file.md] [--work folder] [--keep] [--reuse] [--ingest-runs 3] [--child-env KEY=VALUE]...
          --reuse (with --work): keep an earlier run's corpus, store and ingest figures and measure the queries again.
          --ingest-runs: ingest children per size, each into a fresh store; the median run is reported (default 3).
          Generates a corpus per size and measures ingestion, start-up, command latency and peak memory in child processes.
        Bot.Benchmarks generate <folder> <count> [--seed 42]     writes a corpus only
        Bot.Benchmarks ingest <articles> <db> [--timed] [--keep-store]  (child) a fresh store, one Sync
        Bot.Benchmarks query <articles> <db> [--seed] [--calls]  (child) start-up and latency over a built store
        Bot.Benchmarks profile <articles>                        times load, extract, store and resolve separately
        Bot.Benchmarks write <built db> <db> [--resolve]         times the store's article writes alone (articles read from a built store); --resolve: then resolution's store calls
        Bot.Benchmarks dump <db> paragraphs|facts|article-entities|answers  prints what GetParagraphs or AllFacts read, one JSON line each, each article's named entities, or every entity's /members and /about answers
        Bot.Benchmarks profile-relations <articles> [--rounds 1] times the relation readers alone, with a digest of their facts
        Bot.Benchmarks profile-load <articles> [--rounds 1]      times loading, cleaning and splitting alone (thread CPU), with a digest of the output
        Bot.Benchmarks profile-mask <articles> [--rounds 1]      times masking and whole extraction alone (thread CPU), with digests of the output
        """);
    return 0;
}

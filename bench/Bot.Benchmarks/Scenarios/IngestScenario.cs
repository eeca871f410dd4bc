using System.Diagnostics;

namespace Bot.Benchmarks.Scenarios;

/// <summary>The ingest child: a fresh store, then one <c>KnowledgeIngestor.Sync()</c> over the folder (load and clean, extract, store, resolve).</summary>
internal static class IngestScenario
{
    public static IngestResult Run(string articles, string database)
    {
        foreach (var file in new[] { database, database + "-wal", database + "-shm" })
        {
            File.Delete(file);
        }

        var build = Stopwatch.StartNew();
        using var host = BenchHost.Build(articles, database);
        var ingestor = host.Ingestor;
        build.Stop();

        var sync = Stopwatch.StartNew();
        var report = ingestor.Sync();
        sync.Stop();

        var memory = MemoryFigures.Now();
        var bytes = new[] { database, database + "-wal" }.Where(File.Exists).Sum(f => new FileInfo(f).Length);
        return new IngestResult(report.Files, report.Extracted, report.Skipped, build.Elapsed.TotalMilliseconds, sync.Elapsed.TotalMilliseconds,
            report.Extracted / sync.Elapsed.TotalSeconds, bytes, memory);
    }
}

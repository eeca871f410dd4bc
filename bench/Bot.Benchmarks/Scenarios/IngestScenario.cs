using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace Bot.Benchmarks.Scenarios;

/// <summary>The ingest child (with --keep-store: a Sync over the existing store, to time a start that finds nothing changed): a fresh store, then one <c>KnowledgeIngestor.Sync()</c> over the folder (load and clean, extract, store, resolve).</summary>
internal static class IngestScenario
{
    public static IngestResult Run(string articles, string database, bool timed = false, bool keepStore = false)
    {
        foreach (var file in keepStore ? [] : new[] { database, database + "-wal", database + "-shm" })
        {
            File.Delete(file);
        }

        var build = Stopwatch.StartNew();
        using var plain = timed ? new Bot.Storage.Sqlite.SqliteKnowledgeStore(database) : null;
        var writer = plain is null ? null : new TimedWriter(plain);
        using var host = BenchHost.Build(articles, database, writer);
        var ingestor = host.Ingestor;
        build.Stop();

        if (timed)
        {
            var enumerate = Stopwatch.StartNew();
            var count = host.Services.GetRequiredService<Bot.Core.Articles.ArticleLoader>().Enumerate(articles).Count();
            Console.Error.WriteLine($"Enumerate {count} files: {enumerate.Elapsed.TotalMilliseconds:0} ms (before Sync, which enumerates again)");
        }

        var sync = Stopwatch.StartNew();
        var report = ingestor.Sync();
        sync.Stop();

        if (writer is not null)
        {
            Console.Error.WriteLine($"Sync {sync.Elapsed.TotalMilliseconds:0} ms ({MemoryFigures.Now().CpuMs:0} CPU ms in the process), of which in the store:{Environment.NewLine}{writer.Report()}");
        }

        var memory = MemoryFigures.Now();
        var bytes = new[] { database, database + "-wal" }.Where(File.Exists).Sum(f => new FileInfo(f).Length);
        return new IngestResult(report.Files, report.Extracted, report.Skipped, build.Elapsed.TotalMilliseconds, sync.Elapsed.TotalMilliseconds,
            report.Extracted / sync.Elapsed.TotalSeconds, bytes, memory);
    }
}

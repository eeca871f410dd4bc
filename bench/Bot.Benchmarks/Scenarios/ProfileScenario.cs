using System.Diagnostics;
using System.Text;
using Bot.Core.Articles;
using Bot.Core.Extraction;
using Bot.Core.Knowledge;
using Bot.Storage.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace Bot.Benchmarks.Scenarios;

/// <summary>
/// Where ingestion spends its time: the stages of <c>KnowledgeIngestor.Sync()</c> timed one by one with the host's own
/// services (load and clean, sentence splitting, extraction single-threaded and parallel, saving, reading extractions
/// back, entity resolution, writing the knowledge), with allocations per stage.
/// </summary>
internal static class ProfileScenario
{
    public static int Run(string articles)
    {
        var folder = Path.Combine(Path.GetTempPath(), "newsbot-profile-" + Guid.NewGuid().ToString("N")[..8]);
        try
        {
            using var host = BenchHost.Build(articles, Path.Combine(folder, "unused.db"));
            var loader = host.Services.GetRequiredService<ArticleLoader>();
            var extractor = host.Services.GetRequiredService<ArticleExtractor>();
            var aliases = host.Services.GetRequiredService<AliasGroups>();

            var files = Stage("enumerate files", () => loader.Enumerate(articles).ToList());
            var texts = Stage("read bytes + check UTF-8 + hash", () => ReadTexts(files));
            var sources = Stage("format read (plain text blocks)", () => Parse(texts));
            var cleaner = new ArticleCleaner(host.Services.GetRequiredService<BoilerplateRules>());
            Stage("clean (boilerplate rules, title, date)", () => sources.Select(cleaner.Clean).ToList());
            var documents = Stage("load + clean (1 thread)", () => files.Select(f => loader.Load(f).Document).OfType<ArticleDocument>().ToList());
            Stage("sentence split (1 thread)", () => documents.Sum(d => d.Paragraphs.Sum(p => SentenceSplitter.Split(p).Count)));
            Stage("mask (mentions, clusters; 1 thread)", () => documents.Sum(d => extractor.MaskedState(d.Paragraphs).Masked.Count));
            var extractions = Stage("extract (1 thread)", () => documents.Select(d => StoredExtraction.From(extractor.Extract(d.Paragraphs))).ToList());
            Stage("extract (parallel, as Sync)", () => documents.AsParallel().AsOrdered().Select(d => StoredExtraction.From(extractor.Extract(d.Paragraphs))).ToList());

            using var store = new SqliteKnowledgeStore(Path.Combine(folder, "profile.db"));
            var pairs = documents.Zip(extractions).Select(p => (p.First, p.Second)).ToList();
            Stage("save articles (batches of 512)", () =>
            {
                foreach (var batch in pairs.Chunk(512))
                {
                    store.SaveArticles(batch, ArticleExtractor.Version, TimeProvider.System.GetUtcNow());
                }

                return pairs.Count;
            });
            Stage("sync files", () =>
            {
                store.SyncFiles([.. files.Zip(documents).Select(p => new StoredFile(p.First.SourceName, p.First.Length, p.First.LastWriteUtc.UtcTicks, p.Second.ContentHash))]);
                return 0;
            });
            var stored = Stage("read extractions", () => store.ReadExtractions().ToList());
            var named = Stage("read entities", () => store.ReadEntities().ToList());
            var resolver = new EntityResolver(aliases);
            Stage("resolver.Add", () =>
            {
                foreach (var (id, e) in named)
                {
                    resolver.Add(id, e);
                }

                return 0;
            });
            var entities = Stage("resolver.Complete", () => resolver.Complete());
            var resolved = Stage("resolver.Map", () =>
            {
                var mapped = new List<ResolvedArticle>(stored.Count);
                long next = 1;
                foreach (var (id, extraction) in stored)
                {
                    mapped.Add(resolver.Map(id, extraction, next));
                    next += mapped[^1].Facts.Count;
                }

                return mapped;
            });
            var answers = new AnswerIndex(entities);
            Stage("answers.Add", () =>
            {
                foreach (var article in resolved)
                {
                    for (var i = 0; i < article.Facts.Count; i++)
                    {
                        answers.Add(article.FirstFactId + i, article.Facts[i]);
                    }
                }

                return 0;
            });
            Stage("store.ReplaceKnowledge", () =>
            {
                store.ReplaceKnowledge(entities, resolved, answers);
                return 0;
            });
            Console.WriteLine($"{documents.Count} articles, {entities.Count} entities, {resolved.Sum(a => a.Facts.Count)} facts; peak working set {MemoryFigures.Now().PeakWorkingSetMb:0} MB");
            return 0;
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            if (Directory.Exists(folder))
            {
                Directory.Delete(folder, recursive: true);
            }
        }
    }

    /// <summary>
    /// The relation readers alone (ArticleExtractor.ReadRelations, one thread) over masked articles, with the process's CPU
    /// time and a digest of the facts and kinds they read: the same digest before and after a change means the same output.
    /// </summary>
    public static int Relations(string articles, int rounds)
    {
        using var host = BenchHost.Build(articles, Path.Combine(Path.GetTempPath(), "newsbot-profile-unused.db"));
        var loader = host.Services.GetRequiredService<ArticleLoader>();
        var extractor = host.Services.GetRequiredService<ArticleExtractor>();
        var documents = loader.Enumerate(articles).Select(f => loader.Load(f).Document).OfType<ArticleDocument>().ToList();
        for (var round = 0; round < rounds; round++)
        {
            var prepared = documents.Select(d => extractor.MaskedState(d.Paragraphs)).ToList();
            ThreadStage("relations only (1 thread)", () =>
            {
                foreach (var state in prepared)
                {
                    extractor.ReadRelations(state);
                }

                return prepared.Sum(state => state.Facts.Count);
            });
            Console.WriteLine($"{"  facts digest",-40} {Digest(string.Concat(prepared.Select(Describe)))}");
        }

        return 0;
    }

    /// <summary>
    /// Loading and cleaning alone, one thread, <paramref name="rounds"/> times: each stage's thread CPU time and allocations,
    /// and a digest of the documents and their sentences (the same digest before and after a change means the same output).
    /// </summary>
    public static int Load(string articles, int rounds)
    {
        using var host = BenchHost.Build(articles, Path.Combine(Path.GetTempPath(), "newsbot-profile-unused.db"));
        var loader = host.Services.GetRequiredService<ArticleLoader>();
        var cleaner = new ArticleCleaner(host.Services.GetRequiredService<BoilerplateRules>());
        var files = loader.Enumerate(articles).ToList();
        for (var round = 0; round < rounds; round++)
        {
            var texts = ThreadStage("read bytes + check UTF-8 + hash", () => ReadTexts(files));
            var sources = ThreadStage("format read (plain text blocks)", () => Parse(texts));
            ThreadStage("clean (boilerplate rules, title, date)", () => sources.Select(cleaner.Clean).ToList());
            var documents = ThreadStage("load + clean (1 thread)", () => files.Select(f => loader.Load(f).Document).OfType<ArticleDocument>().ToList());
            var sentences = ThreadStage("sentence split (1 thread)", () => documents.Select(d => d.Paragraphs.Select(SentenceSplitter.Split).ToList()).ToList());
            var text = new StringBuilder();
            foreach (var (d, s) in documents.Zip(sentences))
            {
                text.Append(d.SourceName).Append('|').Append(d.ContentHash).Append('|').Append(d.Title).Append('|').Append(d.Url).Append('|')
                    .Append(d.Published).Append('|').Append(d.Publisher).Append('|').AppendJoin('\n', d.Paragraphs).Append('|').Append(d.Body).Append('|')
                    .AppendJoin('\n', s.Select(p => string.Join('\t', p))).Append('\n');
            }

            Console.WriteLine($"{documents.Count} documents; output digest {Digest(text.ToString())}");
        }

        return 0;
    }

    /// <summary>
    /// Masking alone (mentions, clusters, masked sentences, references: ArticleExtractor.MaskedState) and whole extraction,
    /// one thread, with the thread's CPU time and allocations per round, and a digest of the masked sentences and of the
    /// extractions: the same digests before and after a change mean the same output.
    /// </summary>
    public static int Mask(string articles, int rounds)
    {
        using var host = BenchHost.Build(articles, Path.Combine(Path.GetTempPath(), "newsbot-profile-unused.db"));
        var loader = host.Services.GetRequiredService<ArticleLoader>();
        var extractor = host.Services.GetRequiredService<ArticleExtractor>();
        var documents = loader.Enumerate(articles).Select(f => loader.Load(f).Document).OfType<ArticleDocument>().ToList();
        for (var round = 0; round < rounds; round++)
        {
            var states = ThreadStage("mask (1 thread)", () => documents.Select(d => extractor.MaskedState(d.Paragraphs)).ToList());
            Console.WriteLine($"{"  masked digest",-40} {Digest(string.Concat(states.Select(s => string.Join('\n', s.Masked) + Describe(s))))}");
            states = null;
            var extractions = ThreadStage("extract (1 thread)", () => documents.Select(d => StoredExtraction.From(extractor.Extract(d.Paragraphs))).ToList());
            Console.WriteLine($"{"  extractions digest",-40} {Digest(string.Concat(extractions.Select(e => System.Text.Json.JsonSerializer.Serialize(e))))}");
        }

        return 0;
    }

    /// <summary>Each file's text when its bytes are UTF-8 (empty when not), read and hashed as the loader does.</summary>
    private static List<(ArticleFileInfo File, string Text)> ReadTexts(List<ArticleFileInfo> files) => files.ConvertAll(f =>
    {
        var bytes = File.ReadAllBytes(f.FullPath);
        _ = ArticleLoader.Hash(bytes);
        var text = ArticleLoader.Check(bytes, out var chars, out var count) is null && chars is not null ? new string(chars, 0, count) : string.Empty;
        if (chars is not null)
        {
            System.Buffers.ArrayPool<char>.Shared.Return(chars);
        }

        return (f, text);
    });

    private static List<SourceArticle> Parse(List<(ArticleFileInfo File, string Text)> texts) =>
        texts.ConvertAll(t => ArticleParser.Read(t.Text, Path.GetExtension(t.File.FullPath)));

    /// <summary>The first 16 hex digits of the SHA-256 of <paramref name="text"/>: equal digests, equal output.</summary>
    private static string Digest(string text) => Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..16];

    /// <summary>Runs <paramref name="action"/> after a collection, printing the thread's CPU time and the bytes allocated.</summary>
    private static T ThreadStage<T>(string name, Func<T> action)
    {
        GC.Collect();
        var allocated = GC.GetTotalAllocatedBytes(precise: true);
        var cpu = ThreadCpu.Nanoseconds();
        var result = action();
        cpu = ThreadCpu.Nanoseconds() - cpu;
        var mb = (GC.GetTotalAllocatedBytes(precise: true) - allocated) / 1048576.0;
        Console.WriteLine($"{name,-40} {cpu / 1e6,10:0.0} ms thread CPU {mb,10:0.0} MB allocated");
        return result;
    }

    /// <summary>Every fact and entity kind of a state, as text: for checking that the relation readers are unchanged.</summary>
    private static string Describe(ArticleState article)
    {
        var text = new StringBuilder();
        foreach (var f in article.Facts)
        {
            text.Append(f.Kind).Append('|').Append(f.Subject).Append('|').Append(f.Object).Append('|').Append(f.Text).Append('|')
                .Append(f.Detail).Append('|').Append(f.For).Append('|').Append(f.Sentence).Append('|')
                .AppendJoin(',', f.Examples ?? []).Append('\n');
        }

        foreach (var (cluster, kind) in article.Kinds.OrderBy(p => p.Key))
        {
            text.Append(cluster).Append('=').Append(kind).Append('\n');
        }

        return text.ToString();
    }

    private static T Stage<T>(string name, Func<T> action)
    {
        var allocated = GC.GetTotalAllocatedBytes(precise: true);
        var watch = Stopwatch.StartNew();
        var result = action();
        watch.Stop();
        var mb = (GC.GetTotalAllocatedBytes(precise: true) - allocated) / 1048576.0;
        Console.WriteLine($"{name,-40} {watch.Elapsed.TotalMilliseconds,10:0.0} ms {mb,10:0.0} MB allocated");
        return result;
    }
}

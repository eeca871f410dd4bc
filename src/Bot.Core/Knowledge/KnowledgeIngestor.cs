using System.Diagnostics;
using Bot.Core.Articles;
using Bot.Core.Extraction;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Bot.Core.Knowledge;

/// <summary>What one synchronisation of the dataset folder did.</summary>
/// <param name="Files">Article files found.</param>
/// <param name="Skipped">Files skipped (empty, binary, not UTF-8, too large), each logged with its name.</param>
/// <param name="Extracted">Articles read and extracted (new or changed content).</param>
/// <param name="Unchanged">Files known from an earlier run, not extracted again.</param>
/// <param name="Resolved">True when the entities and facts were resolved again.</param>
/// <param name="Elapsed">How long it took.</param>
public sealed record IngestionReport(int Files, int Skipped, int Extracted, int Unchanged, bool Resolved, TimeSpan Elapsed);

/// <summary>
/// Brings the store in line with the dataset folder: files unchanged since the last run (same size and time) are not
/// read; changed or new files are loaded, and extracted unless their content hash is already stored; files that are
/// gone take their articles with them; then the entities and facts are resolved again if anything changed.
/// </summary>
public sealed partial class KnowledgeIngestor(
    ArticleLoader loader,
    ArticleExtractor extractor,
    AliasGroups aliases,
    IKnowledgeWriter store,
    IOptions<DatasetOptions> options,
    TimeProvider time,
    ILogger<KnowledgeIngestor> logger,
    KnowledgeSyncGate? syncGate = null)
{
    /// <summary>
    /// Files taken by the workers and not yet taken in order by the writer: bounds the articles held in memory. Enough
    /// to cover the writer's longest steps (adding 1,024 articles to the search index, a commit): in alternating runs of
    /// a 100,000-article build, the workers waited 12–14 s in all for room at 256 and under half a second at 1,024, and
    /// the build took 7–11 % less time (peak memory 358–361 MB, against 376–385 MB).
    /// </summary>
    private const int InFlight = 1024;

    /// <summary>
    /// How many files ahead of the workers the disk is asked to read (a hint costing about 9 µs a file). With the files
    /// not in the system's cache, the workers waited for the disk while a core idled: in alternating 100,000-article
    /// builds on two cores after dropping the cache, 1,576 and 1,640 articles/s without the hints, 2,003 and 2,017 with
    /// them; with the files cached, 2,047–2,184 without and 1,853–2,136 with (five pairs, no difference the noise shows).
    /// </summary>
    private const int ReadAheadFiles = 256;

    /// <summary>Articles stored per transaction (held until then, like <see cref="InFlight"/>).</summary>
    private const int SaveBatch = 64;
    private const string ExtractorKey = "extractor-version";
    private const string ResolutionKey = "resolution";

    private readonly Lock _gate = new();

    /// <summary>The fingerprint of what resolution depends on: the extractor's rules and the operator's aliases.</summary>
    private string ResolutionFingerprint => ArticleExtractor.Version + "|" + EntityResolver.Version + "|" + aliases.Fingerprint;

    /// <summary>Synchronises the store with the configured dataset folder (or <paramref name="folder"/>).</summary>
    public IngestionReport Sync(string? folder = null, CancellationToken cancellationToken = default)
    {
        using var held = syncGate?.Hold(cancellationToken);
        lock (_gate)
        {
            return SyncLocked(folder, cancellationToken);
        }
    }

    private IngestionReport SyncLocked(string? folder, CancellationToken cancellationToken)
    {
        var watch = Stopwatch.StartNew();
        folder ??= DatasetPaths.Resolve(options.Value.Path);

        // Resolution runs after the files are in line and their lists (100,000 entries for 100,000 files) are let go:
        // it is when ingestion holds the most memory.
        var (files, skipped, extracted, unchanged, resolve, fed) = BringInLine(folder, cancellationToken);
        if (resolve)
        {
            if (fed is { } feed && feed.Matches(store.ArticleIds()))
            {
                Resolve(feed.Resolver, feed.Completed());
            }
            else
            {
                // The feed's entities are not used (the store holds other articles than it was fed): resolution reads
                // them all again. Its end, running since the files were brought in, is waited for, so no work of this
                // sync is left running after it.
                fed?.Completed();
                Resolve();
            }
        }

        var report = new IngestionReport(files, skipped, extracted, unchanged, resolve, watch.Elapsed);
        LogSynced(logger, folder, files, extracted, unchanged, skipped, watch.ElapsedMilliseconds);
        return report;
    }

    /// <summary>
    /// Stores the new and changed articles and forgets the files gone; true when the knowledge must be resolved again,
    /// with resolution's first pass fed as each batch was stored in a sync that started with no files known (else null).
    /// </summary>
    private (int Files, int Skipped, int Extracted, int Unchanged, bool Resolve, ResolverFeed? Feed) BringInLine(string folder, CancellationToken cancellationToken)
    {
        var reextractAll = store.GetMeta(ExtractorKey) != ArticleExtractor.Version.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var known = store.GetFiles();
        var present = new List<StoredFile>();
        var pending = new List<(ArticleDocument Document, StoredExtraction Extraction)>(SaveBatch);
        int files = 0, skipped = 0, unchanged = 0, extracted = 0, loaded = 0;

        // Into a store that knows no files (a first start), every article is new: resolution's first pass reads each
        // batch's entities as it is stored instead of reading every extraction back afterwards. It is used only if the
        // store ends up holding exactly the articles fed, in the same order (no article stored twice, none removed), so
        // the result is the same as reading them back.
        var feed = known.Count == 0 ? new ResolverFeed(new EntityResolver(aliases)) : null;

        void Save()
        {
            if (pending.Count == 0)
            {
                return;
            }

            // The search index is brought up to date many articles at a time, and fully by SyncFiles below.
            var ids = store.SaveArticles(pending, ArticleExtractor.Version, time.GetUtcNow(), indexLater: true);
            feed?.Add(ids, pending);
            extracted += pending.Count;
            pending.Clear();
        }

        // Reading, checking, cleaning and extracting a file is CPU-bound and independent per file: each worker takes the
        // next file and carries it through all of it, with no barrier between files; this thread takes the results in
        // file order (so articles keep their order and their numbers) and is the store's one writer. The files to load
        // next are asked of the disk ahead of the workers, so none waits for its file while a core idles.
        var steps = loader.Enumerate(folder).Select(file =>
            !reextractAll && known.TryGetValue(file.SourceName, out var seen) && seen.Length == file.Length && seen.LastWriteTicks == file.LastWriteUtc.UtcTicks
                ? new Step(file, seen)
                : new Step(file, null)).ToList();
        var ahead = Lookahead.Run(steps, PrefetchIfToLoad, ReadAheadFiles);
        foreach (var outcome in OrderedPipeline.Run(ahead, step => Process(step, reextractAll, cancellationToken), InFlight, Environment.ProcessorCount, cancellationToken))
        {
            files++;
            if (outcome.Known is { } seen)
            {
                present.Add(seen);
                unchanged++;
                continue;
            }

            loaded++;
            if (outcome.Document is not { } document)
            {
                skipped++;
                continue;
            }

            present.Add(new StoredFile(outcome.File.SourceName, outcome.File.Length, outcome.File.LastWriteUtc.UtcTicks, document.ContentHash));
            if (outcome.Extraction is not { } extraction)
            {
                unchanged++;
                continue;
            }

            pending.Add((document, extraction));
            if (pending.Count >= SaveBatch)
            {
                Save();
            }
        }

        Save();

        // Pass one has read every article it will: its end (joining acronyms, naming the entities) needs no store, so it
        // runs on another core while this thread brings the files table in line and compacts the search index.
        feed?.StartCompleting();
        var removed = known.Keys.Except(present.Select(p => p.SourceName), StringComparer.Ordinal).ToList();
        foreach (var gone in removed)
        {
            LogFileGone(logger, gone);
        }

        var resolve = extracted > 0 || removed.Count > 0 || present.Count != known.Count || store.GetMeta(ResolutionKey) != ResolutionFingerprint
            || (loaded > 0 && present.Any(p => !known.TryGetValue(p.SourceName, out var k) || k.Hash != p.Hash));

        // Every file as it was (same size and time, none gone, none new): there is nothing to write, and a start over a
        // built store costs one folder listing and one read of the files table. When the knowledge is resolved next,
        // the store merges its search index while resolution's writer would wait (one core is idle then).
        var filesChanged = loaded > 0 || removed.Count > 0 || present.Count != known.Count;
        if (filesChanged)
        {
            store.SyncFiles(present, mergeLater: resolve);
        }

        if (reextractAll)
        {
            store.SetMeta(ExtractorKey, ArticleExtractor.Version.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        return (files, skipped, extracted, unchanged, resolve, feed);
    }

    /// <summary>
    /// True when the store holds knowledge an earlier run resolved with this version of the resolver (commands can
    /// answer from it before a sync): a store whose answer lines an older resolver wrote, or none, is resolved again
    /// before the first answer. Knowledge from an older extractor or other aliases is still answered from while the
    /// background sync brings it up to date.
    /// </summary>
    public bool HasKnowledge => store.GetMeta(ResolutionKey)?.Split('|') is [_, var resolver, ..]
        && resolver == EntityResolver.Version.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Resolves the entities and facts of every stored article again.</summary>
    public void Resolve()
    {
        var resolver = new EntityResolver(aliases);
        foreach (var (id, named) in store.ReadEntities())
        {
            resolver.Add(id, named);
        }

        Resolve(resolver, resolver.Complete());
    }

    /// <summary>Resolution's second pass, from a resolver that has read every stored article's entities in article order, and the entities it completed.</summary>
    private void Resolve(EntityResolver resolver, IReadOnlyList<ResolvedEntity> entities)
    {
        var answers = new AnswerIndex(entities);
        store.ReplaceKnowledge(entities, MapAhead(resolver, answers, store.ReadExtractions()), answers);
        store.SetMeta(ResolutionKey, ResolutionFingerprint);
    }

    /// <summary>Articles mapped per chunk a little ahead of the store's one writer, on another thread (at most <see cref="MapChunksAhead"/> chunks wait).</summary>
    private const int MapChunk = 128;

    /// <summary>Mapped chunks waiting for the writer: enough to keep it busy, few enough to hold little memory (resolution is when ingestion peaks).</summary>
    private const int MapChunksAhead = 2;

    /// <summary>
    /// Maps the stored extractions to global ids, numbers their facts 1, 2, 3 … in article order and adds them to the
    /// answer index, on another thread while the caller (the store's single writer) takes the articles mapped before,
    /// so reading, mapping, indexing and writing share the cores. At most a few chunks are ahead. The index holds every
    /// fact once the last article has been taken.
    /// </summary>
    private static IEnumerable<ResolvedArticle> MapAhead(EntityResolver resolver, AnswerIndex answers, IEnumerable<(long ArticleId, StoredExtraction Extraction)> extractions)
    {
        long next = 1;
        return ReadAhead.Run(extractions.Select(p => Index(resolver.Map(p.ArticleId, p.Extraction, next))), MapChunk, MapChunksAhead);

        ResolvedArticle Index(ResolvedArticle article)
        {
            for (var i = 0; i < article.Facts.Count; i++)
            {
                answers.Add(article.FirstFactId + i, article.Facts[i]);
            }

            next += article.Facts.Count;
            return article;
        }
    }

    /// <summary>
    /// One file through loading and extraction, on a worker: a file known as it was is passed on untouched; a file that
    /// loads into content already stored with this extractor is not extracted again.
    /// </summary>
    private Outcome Process(Step step, bool reextractAll, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (step.Known is not null)
        {
            return new Outcome(step.File, step.Known, null, null);
        }

        if (loader.Load(step.File).Document is not { } document)
        {
            return new Outcome(step.File, null, null, null);
        }

        if (!reextractAll && store.HasArticle(document.ContentHash, ArticleExtractor.Version))
        {
            return new Outcome(step.File, null, document, null);
        }

        return new Outcome(step.File, null, document, Extract(document));
    }

    /// <summary>Asks the disk for a file the workers will load (not one known as it was, which is not read).</summary>
    private void PrefetchIfToLoad(Step step)
    {
        if (step.Known is null)
        {
            loader.Prefetch(step.File);
        }
    }

    /// <summary>A file found in the folder, and what the store knew of it when it is unchanged (same size and time).</summary>
    private sealed record Step(ArticleFileInfo File, StoredFile? Known);

    /// <summary>
    /// What became of one file: known as it was, skipped (no document), loaded with content already stored (no
    /// extraction), or loaded and extracted.
    /// </summary>
    private sealed record Outcome(ArticleFileInfo File, StoredFile? Known, ArticleDocument? Document, StoredExtraction? Extraction);

    /// <summary>One article's extraction; a failure is logged with the article's name and leaves it searchable without facts.</summary>
    private StoredExtraction Extract(ArticleDocument document)
    {
        try
        {
            return StoredExtraction.From(extractor.Extract(document.Paragraphs));
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogExtractionFailed(logger, e, document.SourceName);
            return new StoredExtraction([], [], new Dictionary<int, string>());
        }
    }

    /// <summary>A resolver fed each batch's entities as it is stored, and the article numbers it was fed, in order.</summary>
    private sealed class ResolverFeed(EntityResolver resolver)
    {
        private readonly List<long> _ids = [];
        private bool _outOfOrder;
        private Task<IReadOnlyList<ResolvedEntity>>? _completing;

        public EntityResolver Resolver => resolver;

        /// <summary>Ends pass one on a thread-pool thread; nothing may be added after.</summary>
        public void StartCompleting() => _completing ??= Task.Run(resolver.Complete);

        /// <summary>The entities pass one completed (completing them now if <see cref="StartCompleting"/> was not called); a failure is thrown here.</summary>
        public IReadOnlyList<ResolvedEntity> Completed() => (_completing ??= Task.FromResult(resolver.Complete())).GetAwaiter().GetResult();

        public void Add(IReadOnlyList<long> ids, List<(ArticleDocument Document, StoredExtraction Extraction)> saved)
        {
            for (var i = 0; i < ids.Count; i++)
            {
                // An article stored again (the same content twice in one batch or across batches) keeps its number: the
                // resolver would read it twice, so the feed is not used.
                if (_outOfOrder || (_ids.Count > 0 && ids[i] <= _ids[^1]))
                {
                    _outOfOrder = true;
                    return;
                }

                _ids.Add(ids[i]);
                resolver.Add(ids[i], saved[i].Extraction.Entities);
            }
        }

        /// <summary>True when the store holds exactly the articles fed (<paramref name="stored"/> in ascending order).</summary>
        public bool Matches(IReadOnlyList<long> stored) => !_outOfOrder && stored.SequenceEqual(_ids);
    }

    [LoggerMessage(EventId = 1053, Level = LogLevel.Error, Message = "Extracting facts from {File} failed; the article is kept for search without facts")]
    private static partial void LogExtractionFailed(ILogger logger, Exception exception, string file);

    [LoggerMessage(EventId = 1051, Level = LogLevel.Information, Message = "Dataset {Folder}: {Files} files, {Extracted} extracted, {Unchanged} unchanged, {Skipped} skipped in {Milliseconds} ms")]
    private static partial void LogSynced(ILogger logger, string folder, int files, int extracted, int unchanged, int skipped, long milliseconds);

    [LoggerMessage(EventId = 1052, Level = LogLevel.Information, Message = "Article file {File} is gone; its article is removed")]
    private static partial void LogFileGone(ILogger logger, string file);
}

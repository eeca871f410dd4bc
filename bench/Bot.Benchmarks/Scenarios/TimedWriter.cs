using System.Diagnostics;
using Bot.Core.Articles;
using Bot.Core.Extraction;
using Bot.Core.Knowledge;

namespace Bot.Benchmarks.Scenarios;

/// <summary>An <see cref="IKnowledgeWriter"/> that times every call into the store (for <c>ingest --timed</c>): what Sync spends in SQLite and what outside it.</summary>
internal sealed class TimedWriter(IKnowledgeWriter inner) : IKnowledgeWriter
{
    private readonly Dictionary<string, (int Calls, long Ticks)> _times = [];

    public string Report() => string.Join(Environment.NewLine, _times.OrderByDescending(p => p.Value.Ticks)
        .Select(p => $"  store.{p.Key,-18} {p.Value.Calls,8} calls {Stopwatch.GetElapsedTime(0, p.Value.Ticks).TotalMilliseconds,10:0} ms"));

    private T Time<T>(string name, Func<T> call)
    {
        var start = Stopwatch.GetTimestamp();
        try
        {
            return call();
        }
        finally
        {
            var (calls, ticks) = _times.GetValueOrDefault(name);
            _times[name] = (calls + 1, ticks + Stopwatch.GetTimestamp() - start);
        }
    }

    public IReadOnlyDictionary<string, StoredFile> GetFiles() => Time(nameof(GetFiles), inner.GetFiles);

    public bool HasArticle(string hash, int extractorVersion) => Time(nameof(HasArticle), () => inner.HasArticle(hash, extractorVersion));

    public void SaveArticles(IReadOnlyList<(ArticleDocument Document, StoredExtraction Extraction)> articles, int extractorVersion, DateTimeOffset seenAt) =>
        Time(nameof(SaveArticles), () => { inner.SaveArticles(articles, extractorVersion, seenAt); return 0; });

    public void SyncFiles(IReadOnlyCollection<StoredFile> present) => Time(nameof(SyncFiles), () => { inner.SyncFiles(present); return 0; });

    public IEnumerable<(long ArticleId, StoredExtraction Extraction)> ReadExtractions() => Time(nameof(ReadExtractions), () => inner.ReadExtractions().ToList());

    public IEnumerable<(long ArticleId, IReadOnlyList<LocalEntity> Entities)> ReadEntities() => Time(nameof(ReadEntities), () => inner.ReadEntities().ToList());

    public void ReplaceKnowledge(IReadOnlyList<ResolvedEntity> entities, IEnumerable<ResolvedArticle> articles) =>
        Time(nameof(ReplaceKnowledge), () => { inner.ReplaceKnowledge(entities, articles.ToList()); return 0; });

    public string? GetMeta(string key) => Time(nameof(GetMeta), () => inner.GetMeta(key));

    public void SetMeta(string key, string value) => Time(nameof(SetMeta), () => { inner.SetMeta(key, value); return 0; });
}

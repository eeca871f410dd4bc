using System.Diagnostics;
using Bot.Core.Articles;
using Bot.Core.Extraction;
using Bot.Core.Knowledge;

namespace Bot.Benchmarks.Scenarios;

/// <summary>An <see cref="IKnowledgeWriter"/> that times every call into the store (for <c>ingest --timed</c>): what Sync spends in SQLite and what outside it.</summary>
internal sealed class TimedWriter(IKnowledgeWriter inner) : IKnowledgeWriter
{
    private readonly Dictionary<string, (int Calls, long Ticks, long CpuMs)> _times = [];

    public string Report() => string.Join(Environment.NewLine, _times.OrderByDescending(p => p.Value.Ticks)
        .Select(p => $"  store.{p.Key,-18} {p.Value.Calls,8} calls {Stopwatch.GetElapsedTime(0, p.Value.Ticks).TotalMilliseconds,10:0} ms {p.Value.CpuMs,10} CPU ms on the calling thread"));

    private T Time<T>(string name, Func<T> call)
    {
        var start = Stopwatch.GetTimestamp();
        var cpu = ThreadCpuMs();
        try
        {
            return call();
        }
        finally
        {
            lock (_times)
            {
                var (calls, ticks, cpuMs) = _times.GetValueOrDefault(name);
                _times[name] = (calls + 1, ticks + Stopwatch.GetTimestamp() - start, cpuMs + ThreadCpuMs() - cpu);
            }
        }
    }

    /// <summary>The CPU time of the calling thread (Linux: /proc/thread-self/stat, in clock ticks of 10 ms; 0 elsewhere).</summary>
    private static long ThreadCpuMs()
    {
        try
        {
            var stat = File.ReadAllText("/proc/thread-self/stat");
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            return (long.Parse(fields[11], System.Globalization.CultureInfo.InvariantCulture) + long.Parse(fields[12], System.Globalization.CultureInfo.InvariantCulture)) * 10;
        }
        catch (IOException)
        {
            return 0;
        }
    }

    public IReadOnlyDictionary<string, StoredFile> GetFiles() => Time(nameof(GetFiles), inner.GetFiles);

    public bool HasArticle(string hash, int extractorVersion) => Time(nameof(HasArticle), () => inner.HasArticle(hash, extractorVersion));

    public IReadOnlyList<long> SaveArticles(IReadOnlyList<(ArticleDocument Document, StoredExtraction Extraction)> articles, int extractorVersion, DateTimeOffset seenAt, bool indexLater = false) =>
        Time(nameof(SaveArticles), () => inner.SaveArticles(articles, extractorVersion, seenAt, indexLater));

    public IReadOnlyList<long> ArticleIds() => Time(nameof(ArticleIds), inner.ArticleIds);

    public void SyncFiles(IReadOnlyCollection<StoredFile> present, bool mergeLater = false) => Time(nameof(SyncFiles), () => { inner.SyncFiles(present, mergeLater); return 0; });

    public IEnumerable<(long ArticleId, StoredExtraction Extraction)> ReadExtractions() => Time(nameof(ReadExtractions), () => inner.ReadExtractions().ToList());

    public IEnumerable<(long ArticleId, IReadOnlyList<LocalEntity> Entities)> ReadEntities() => Time(nameof(ReadEntities), () => inner.ReadEntities().ToList());

    public void ReplaceKnowledge(IReadOnlyList<ResolvedEntity> entities, IEnumerable<ResolvedArticle> articles, AnswerIndex answers) =>
        Time(nameof(ReplaceKnowledge), () => { inner.ReplaceKnowledge(entities, articles, answers); return 0; });

    public string? GetMeta(string key) => Time(nameof(GetMeta), () => inner.GetMeta(key));

    public void SetMeta(string key, string value) => Time(nameof(SetMeta), () => { inner.SetMeta(key, value); return 0; });
}

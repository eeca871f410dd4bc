using Bot.Core.Extraction;

namespace Bot.Core.Digests;

/// <summary>
/// Makes a digest of articles: articles that report the same story (they name largely the same organisations, or
/// their headlines share most words, within a fortnight of each other) become one story that cites them all.
/// </summary>
public static class DigestComposer
{
    /// <summary>Shared organisations two articles need before their overlap counts as one story.</summary>
    internal const int MinSharedOrganisations = 3;

    /// <summary>Shared organisations as a share of the smaller article's.</summary>
    internal const double MinOverlap = 0.4;

    /// <summary>Shared headline words as a share of all the two headlines' words.</summary>
    internal const double MinHeadlineSimilarity = 0.5;

    /// <summary>Dated articles further apart than this are different stories.</summary>
    internal const int MaxDaysApart = 14;

    private const int MaxOrganisations = 6;
    private const int MaxSummaryLength = 300;

    /// <summary>
    /// The digest of <paramref name="articles"/> (first seen in (<paramref name="from"/>, <paramref name="to"/>]): the
    /// stories, newest first, at most <paramref name="maxStories"/>. With <paramref name="followed"/> entity ids, only
    /// stories one of whose articles names one of them.
    /// </summary>
    public static Digest Compose(
        IReadOnlyList<FeedArticle> articles,
        DateTimeOffset from,
        DateTimeOffset to,
        int maxStories,
        IReadOnlyList<string> follows,
        IReadOnlySet<long>? followed = null)
    {
        var groups = Group(articles);
        var stories = new List<(DigestStory Story, FeedArticle Newest)>();
        foreach (var group in groups)
        {
            if (followed is not null && !group.Any(a => a.Entities.Any(e => followed.Contains(e.Id))))
            {
                continue;
            }

            stories.Add((Story(group), group.OrderByDescending(a => a, NewestFirst.Instance).First()));
        }

        var ordered = stories.OrderByDescending(s => s.Newest, NewestFirst.Instance).Take(maxStories).Select(s => s.Story).ToList();
        return new Digest(from, to, ordered, ordered.Sum(s => s.Sources.Count), follows, stories.Count - ordered.Count);
    }

    /// <summary>The articles grouped into stories (union of every similar pair).</summary>
    internal static List<List<FeedArticle>> Group(IReadOnlyList<FeedArticle> articles)
    {
        var parent = Enumerable.Range(0, articles.Count).ToArray();
        int Find(int i) => parent[i] == i ? i : parent[i] = Find(parent[i]);
        var organisations = articles.Select(OrganisationIds).ToList();
        var headlines = articles.Select(a => HeadlineWords(a.Article.Title)).ToList();

        // Every pair is compared: a digest reads at most Digests:MaxArticles (1,000) articles.
        for (var i = 0; i < articles.Count; i++)
        {
            for (var j = i + 1; j < articles.Count; j++)
            {
                if ((SameOrganisations(organisations[i], organisations[j]) || SameHeadline(headlines[i], headlines[j])) && CloseInTime(articles[i], articles[j]))
                {
                    parent[Find(i)] = Find(j);
                }
            }
        }

        return [.. Enumerable.Range(0, articles.Count).GroupBy(Find).Select(g => g.Select(i => articles[i]).ToList())];
    }

    private static bool SameOrganisations(HashSet<long> a, HashSet<long> b)
    {
        var shared = a.Count(b.Contains);
        return shared >= MinSharedOrganisations && shared >= MinOverlap * Math.Min(a.Count, b.Count);
    }

    private static bool SameHeadline(HashSet<string> a, HashSet<string> b)
    {
        if (a.Count < 3 || b.Count < 3)
        {
            return false;
        }

        var shared = a.Count(b.Contains);
        return shared >= MinHeadlineSimilarity * (a.Count + b.Count - shared);
    }

    private static bool CloseInTime(FeedArticle a, FeedArticle b) =>
        a.Article.Published is not { } x || b.Article.Published is not { } y || Math.Abs(x.DayNumber - y.DayNumber) <= MaxDaysApart;

    private static HashSet<long> OrganisationIds(FeedArticle a) =>
        [.. a.Entities.Where(e => e.Kind is EntityKind.Organisation or EntityKind.Group).Select(e => e.Id)];

    private static HashSet<string> HeadlineWords(string title) =>
        [.. title.Split([' ', '-', '–', '—', ',', ':', ';', '.', '!', '?', '\'', '"', '‘', '’', '“', '”', '(', ')'], StringSplitOptions.RemoveEmptyEntries)
            .Where(w => w.Length >= 4)
            .Select(w => w.ToLowerInvariant())];

    private static DigestStory Story(List<FeedArticle> group)
    {
        // The article that tells it best: one with a headline of its own (a title made from a first sentence ends in
        // an ellipsis), then the one that names most of what the story's articles name, then the newest.
        var counts = new Dictionary<long, (string Name, int Mentions, int Articles)>();
        foreach (var article in group)
        {
            foreach (var e in article.Entities.Where(e => e.Kind is EntityKind.Organisation or EntityKind.Group))
            {
                var (name, mentions, count) = counts.GetValueOrDefault(e.Id, (e.Name, 0, 0));
                counts[e.Id] = (name, mentions + e.Mentions, count + 1);
            }
        }

        var best = group
            .OrderByDescending(a => !a.Article.Title.EndsWith('…'))
            .ThenByDescending(a => a.Entities.Sum(e => counts.TryGetValue(e.Id, out var c) ? c.Articles : 0))
            .ThenByDescending(a => a.Lead.Length > 0)
            .ThenByDescending(a => a, NewestFirst.Instance)
            .First();
        var organisations = counts.Values
            .OrderByDescending(c => c.Articles)
            .ThenByDescending(c => c.Mentions)
            .ThenBy(c => c.Name, StringComparer.Ordinal)
            .Take(MaxOrganisations)
            .Select(c => c.Name)
            .ToList();
        var sources = group.OrderByDescending(a => a, NewestFirst.Instance).Select(a => DigestSource.Of(a.Article)).ToList();
        return new DigestStory(best.Article.Title, Summary(best.Lead), organisations, sources);
    }

    private static string Summary(string lead)
    {
        lead = lead.Trim();
        if (lead.Length <= MaxSummaryLength)
        {
            return lead;
        }

        var cut = lead.LastIndexOf(' ', MaxSummaryLength - 1);
        return lead[..(cut > MaxSummaryLength / 2 ? cut : MaxSummaryLength - 1)].TrimEnd(',', ';', ':') + "…";
    }

    /// <summary>Newest first: by published date, then first seen, then number.</summary>
    private sealed class NewestFirst : IComparer<FeedArticle>
    {
        public static readonly NewestFirst Instance = new();

        public int Compare(FeedArticle? x, FeedArticle? y)
        {
            if (x is null || y is null)
            {
                return x is null ? (y is null ? 0 : -1) : 1;
            }

            var byDate = Nullable.Compare(x.Article.Published, y.Article.Published);
            if (byDate != 0)
            {
                return byDate;
            }

            var bySeen = x.Article.FirstSeen.CompareTo(y.Article.FirstSeen);
            return bySeen != 0 ? bySeen : x.Article.Id.CompareTo(y.Article.Id);
        }
    }
}

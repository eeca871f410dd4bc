using System.Globalization;
using Bot.Core.Knowledge;
using Bot.Core.Replies;

namespace Bot.Core.Commands;

/// <summary>
/// Numbers the articles an answer rests on in the order it first cites them, and says what the answer rests on
/// ("Based on 3 articles, dated 8 Jun 2019").
/// </summary>
internal sealed class Sources(IKnowledgeReader knowledge)
{
    private readonly List<long> _order = [];
    private readonly Dictionary<long, int> _numbers = [];

    /// <summary>The citation numbers of <paramref name="articleIds"/>, adding new ones.</summary>
    public IReadOnlyList<int> Cite(IEnumerable<long> articleIds) => Cite(articleIds, out _);

    /// <summary>
    /// The citation numbers of at most <see cref="MaxPerClaim"/> of <paramref name="articleIds"/> (the newest), adding new
    /// ones; <paramref name="uncited"/> says how many more articles state the same. Every article counts for the basis.
    /// </summary>
    public IReadOnlyList<int> Cite(IEnumerable<long> articleIds, out int uncited)
    {
        var distinct = articleIds.Distinct().ToList();
        var cited = distinct.Count <= MaxPerClaim ? distinct : [.. distinct.OrderDescending().Take(MaxPerClaim)];
        uncited = distinct.Count - cited.Count;
        var numbers = Number(cited);
        if (uncited > 0)
        {
            _unnumbered ??= [];
            foreach (var id in distinct)
            {
                if (!_numbers.ContainsKey(id))
                {
                    _unnumbered.Add(id);
                }
            }
        }

        return numbers;
    }

    /// <summary>
    /// The citation numbers of an answer line's cited articles (already the newest, in the order to number them);
    /// <paramref name="uncited"/> says how many more articles state the same. Once the answer has numbered
    /// <see cref="MaxNumbered"/> sources, a line cites only those of its articles already numbered, or else its newest
    /// one: every claim keeps a source, and a long answer adds at most one new source per further claim.
    /// </summary>
    /// <remarks>
    /// A line cites at most <see cref="MaxPerClaim"/> articles, and an uncached answer cites hundreds of lines: this path
    /// numbers them without the sets and sequences of the general one (they were most of what such an answer allocated).
    /// </remarks>
    public IReadOnlyList<int> Cite(AnswerLine line, out int uncited)
    {
        var ids = line.Cited;
        if (ids.Count > MaxPerClaim)
        {
            // Not a line the answer index built (it cites at most MaxPerClaim): the general path keeps the newest.
            var cited = Cite(ids, out _);
            uncited = line.Articles - ids.Count;
            return cited;
        }

        if (_order.Count >= MaxNumbered && ids.Count > 1)
        {
            var numbered = new List<long>(ids.Count);
            for (var i = 0; i < ids.Count; i++)
            {
                if (_numbers.ContainsKey(ids[i]))
                {
                    numbered.Add(ids[i]);
                }
            }

            ids = numbered.Count > 0 ? numbered : [ids[line.Articles <= MaxPerClaim ? ^1 : 0]];
        }

        uncited = line.Articles - ids.Count;
        return Number(ids);
    }

    /// <summary>The numbers of <paramref name="ids"/> (a few), numbering the new ones in order; each number once, ascending.</summary>
    private int[] Number(IReadOnlyList<long> ids)
    {
        var numbers = new int[ids.Count];
        var count = 0;
        for (var i = 0; i < ids.Count; i++)
        {
            var id = ids[i];

            // A dictionary, not _order.IndexOf: an answer about a much-named group rests on thousands of articles.
            if (!_numbers.TryGetValue(id, out var number))
            {
                _order.Add(id);
                number = _order.Count;
                _numbers[id] = number;
                _unnumbered?.Remove(id);
            }

            if (Array.IndexOf(numbers, number, 0, count) < 0)
            {
                numbers[count++] = number;
            }
        }

        Array.Sort(numbers, 0, count);
        return count == numbers.Length ? numbers : numbers[..count];
    }

    /// <summary>How many sources an answer numbers before its further claims cite only what is numbered or their newest article.</summary>
    public const int MaxNumbered = 60;

    /// <summary>
    /// Says how many articles the whole answer rests on, when it is more than the ones its items cite (lines built at
    /// resolution count their articles; the articles themselves are not read).
    /// </summary>
    public void RestsOn(int articles) => _restsOn = Math.Max(_restsOn, articles);

    private int _restsOn;

    /// <summary>The most articles one claim cites; the rest are counted ("and 37 more articles").</summary>
    public const int MaxPerClaim = AnswerIndex.CitedPerLine;

    /// <summary>Articles a claim rests on but does not cite (and no other claim cites): with the numbered ones, what the answer rests on.</summary>
    private HashSet<long>? _unnumbered;

    public int Count => _order.Count;

    /// <summary>The citations, numbered.</summary>
    public (IReadOnlyList<Citation> Citations, string? Basis) Build()
    {
        if (_order.Count == 0)
        {
            return ([], null);
        }

        var articles = knowledge.GetArticles(_order).ToDictionary(a => a.Id);
        var citations = _order.Select((id, i) => articles.TryGetValue(id, out var a)
                ? new Citation(i + 1, a.Title, a.Url, a.SourceName, a.Published)
                : new Citation(i + 1, "(article no longer in the dataset)", null, "?", null))
            .ToList();
        var basis = Basis(citations);
        var supporting = Math.Max(_order.Count + (_unnumbered?.Count ?? 0), _restsOn);
        if (supporting > citations.Count)
        {
            basis = string.Create(System.Globalization.CultureInfo.InvariantCulture, $"Based on {supporting:N0} articles; {citations.Count} are cited below. ") + basis["Based on ".Length..];
        }

        return (citations, basis);
    }

    /// <summary>"Based on 3 articles, dated 8 Jun 2019 – 9 Nov 2019; 2 undated".</summary>
    public static string Basis(IReadOnlyList<Citation> citations)
    {
        var count = citations.Count;
        var noun = count == 1 ? "article" : "articles";
        var dates = citations.Where(c => c.Published is not null).Select(c => c.Published!.Value).Order().ToList();
        if (dates.Count == 0)
        {
            return $"Based on {count} {noun} (undated).";
        }

        var span = dates[0] == dates[^1] ? Date(dates[0]) : Date(dates[0]) + " – " + Date(dates[^1]);
        var undated = count - dates.Count;
        return undated == 0 ? $"Based on {count} {noun}, dated {span}." : $"Based on {count} {noun}: dated {span}; {undated} undated.";
    }

    public static string Date(DateOnly date) => date.ToString("d MMM yyyy", CultureInfo.InvariantCulture);

    /// <summary>"1 Mar 2026 09:00 UTC".</summary>
    public static string UtcTime(DateTimeOffset time) => time.ToUniversalTime().ToString("d MMM yyyy HH:mm 'UTC'", CultureInfo.InvariantCulture);
}

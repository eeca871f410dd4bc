using System.Buffers;
using System.Text;
using System.Text.RegularExpressions;

namespace Bot.Core.Extraction;

public sealed partial class ArticleExtractor
{
    /// <summary>Builds each sentence's masked form: every mention replaced by ⟦cluster⟧; acronym and descriptive parentheses read and removed; "Acme's CloudBank" read as CloudBank.</summary>
    private static void Mask(ArticleState article)
    {
        var sb = new StringBuilder();
        for (var s = 0; s < article.Sentences.Count; s++)
        {
            var sentence = article.Sentences[s];
            sb.Clear();
            var surfaces = new Dictionary<int, string>();
            var pos = 0;
            var list = article.Mentions[s];
            for (var i = 0; i < list.Count; i++)
            {
                var m = list[i];
                if (m.Start < pos)
                {
                    continue;
                }

                // "Acme's CloudBank", "Hainan's Financial Supervisory Authority": the possessor qualifies the next name.
                if (m.Possessive && i + 1 < list.Count && !list[i + 1].IsAcronym)
                {
                    var next = list[i + 1];
                    var gap = sentence[m.End..next.Start];
                    if (gap is "'s " or "’s ")
                    {
                        sb.Append(sentence, pos, m.Start - pos);
                        sb.Append('⟦').Append(next.Cluster).Append('⟧');
                        var full = sentence[m.Start..next.End];
                        surfaces[next.Cluster] = full;
                        AddExtraName(article, next.Cluster, full);
                        pos = next.End;
                        i++;
                        m = next;
                        pos = SkipParentheses(article, s, sentence, list, ref i, m, pos);
                        continue;
                    }
                }

                sb.Append(sentence, pos, m.Start - pos);
                sb.Append('⟦').Append(m.Cluster).Append('⟧');
                surfaces.TryAdd(m.Cluster, m.Text);
                pos = SkipParentheses(article, s, sentence, list, ref i, m, m.End);
            }

            sb.Append(sentence, pos, sentence.Length - pos);
            article.Masked.Add(QuotedRef().Replace(sb.ToString(), "$1"));
            article.Surfaces.Add(surfaces);
        }
    }

    private static void AddExtraName(ArticleState article, int cluster, string name)
    {
        if (!article.ExtraNames.TryGetValue(cluster, out var names))
        {
            article.ExtraNames[cluster] = names = [];
        }

        if (!names.Contains(name))
        {
            names.Add(name);
        }
    }

    /// <summary>After a name: "(OLN)" that defines its acronym, or "(the region's largest card processor)" that describes it, is read and skipped.</summary>
    private static int SkipParentheses(ArticleState article, int s, string sentence, List<Mention> list, ref int i, Mention m, int pos)
    {
        if (m.AcronymDefinedAfter is { } acr && i + 1 < list.Count && ReferenceEquals(list[i + 1], acr))
        {
            var close = sentence.IndexOf(')', acr.End);
            if (close > 0)
            {
                i++;
                return close + 1;
            }

            return pos;
        }

        var rest = sentence.AsSpan(pos);
        var trimmed = rest.TrimStart();
        if (!trimmed.StartsWith("(") || trimmed.Length < 2)
        {
            return pos;
        }

        var end = trimmed.IndexOf(')');
        if (end < 2)
        {
            return pos;
        }

        var inner = trimmed[1..end].Trim().ToString();
        if (!IsDescriptiveParenthesis(inner))
        {
            return pos;
        }

        article.AddDescription(m.Cluster, inner, s);
        var after = pos + (rest.Length - trimmed.Length) + end + 1;
        while (i + 1 < list.Count && list[i + 1].Start < after)
        {
            i++;
        }

        return after;
    }

    private static bool IsDescriptiveParenthesis(string inner)
    {
        if (inner.Length < 6 || !char.IsLower(inner[0]) || inner.Contains("http", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        var words = inner.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return words.Length is >= 2 and <= 14 && words[0] is not ("and" or "or" or "also" or "formerly" or "see" or "via" or "e.g." or "i.e." or "which" or "who");
    }

    [GeneratedRegex(@"[‘“""«']\s*(⟦\d+⟧)\s*[’”""»']?", RegexOptions.CultureInvariant)]
    private static partial Regex QuotedRef();

    [GeneratedRegex(@"\b(?:[Tt]he|[Tt]his|[Tt]hat)\s+(?<mods>(?:(?!(?:the|a|an|this|that|these|those|its|their|his|her|our|and|or|to|of|in|on|at|by|for|with|from)\b)[a-z][\w’'-]*\s+){0,3}?)(?<head>alliance|network|consortium|association|federation|coalition|council|league|initiative|enterprise|organi[sz]ation|group|body|union|partnership|platform|chamber|foundation|forum|society|collaborative|venture|joint venture|authority|agency|commission|ministry|regulator|institute|exchange|compact|pact|registry)\b(?![\w-])(?!\s*⟦)", RegexOptions.CultureInvariant)]
    private static partial Regex DefiniteGroupPattern();

    [GeneratedRegex(@"⟦(?<owner>\d+)⟧[’']s\s+(?<mods>(?:(?!(?:the|a|an|this|that|these|those|its|their|his|her|our|and|or|to|of|in|on|at|by|for|with|from)\b)[a-z][\w’'-]*\s+){0,3}?)(?<head>alliance|network|consortium|association|federation|coalition|council|league|initiative|partnership|platform|chamber)\b(?![\w-])(?!\s*⟦)", RegexOptions.CultureInvariant)]
    private static partial Regex PossessiveGroupPattern();

    [GeneratedRegex(@"⟦(?<s>\d+)⟧\s*,\s*(?<d>(?:an?|the)\s+(?:[A-Za-z]|⟦)[^,;()]*?)(?=\s+(?:initiated|organi[sz]ed|founded|launched|established|created|planned|developed|sponsored|led|backed|formed|set up)\s+by\b|\s*,|\s*;|\s*\.?$)", RegexOptions.CultureInvariant)]
    private static partial Regex AppositivePattern();

    /// <summary>Replaces "the alliance", "the network", "China's national blockchain network" with the group they refer back to.</summary>
    private static void ResolveAnaphora(ArticleState article)
    {
        // Appositive descriptions first: "the OLN, an industry alliance initiated by …" tells that the OLN is an alliance.
        for (var s = 0; s < article.Masked.Count; s++)
        {
            foreach (var m in MatchesIf(HasNameThenComma(article.Masked[s], thenName: false), AppositivePattern(), article.Masked[s]))
            {
                if (ListTail().IsMatch(m.Groups["d"].Value))
                {
                    continue; // "X, the Norwegian shipowner ⟦Y⟧ and …": the next items of a list, not a description of X
                }

                var d = UnmaskStatic(article, s, m.Groups["d"].Value);
                if (!d.Split(' ').Skip(1).Any(w => w.Length > 0 && char.IsLower(w[0]) && w is not ("of" or "the" or "and" or "for" or "de" or "in" or "on" or "&")))
                {
                    continue; // "the National Data Office": a name in a list, not a description
                }

                if (!StartsWithRole(d) && !IsNonDescription(d) && !FiniteVerb().IsMatch(d) && !EndsWithRole(d))
                {
                    var cluster = int.Parse(m.Groups["s"].ValueSpan, provider: null);
                    if (article.KindOf(cluster) is not (EntityKind.Person or EntityKind.Place))
                    {
                        article.AddDescription(cluster, d, s);
                    }
                }
            }
        }

        var firstSeen = new Dictionary<int, int>();
        foreach (var m in article.Mentions.SelectMany(x => x))
        {
            firstSeen.TryAdd(m.Cluster, m.Sentence);
        }

        // The words of each entity's names, folded, for ResolveGroup: mentions keep their clusters while references are
        // resolved, so they are read once, not once per reference and entity, and only when a reference is found.
        Dictionary<int, (HashSet<string> Last, HashSet<string> Any)>? nameWords = null;

        for (var s = 0; s < article.Masked.Count; s++)
        {
            var sentence = s;
            var surfaces = article.Surfaces[s];
            var masked = !MayHavePossessiveGroup(article.Masked[s]) ? article.Masked[s] : PossessiveGroupPattern().Replace(article.Masked[s], m =>
            {
                var target = ResolveGroup(article, firstSeen, nameWords ??= NameWords(article), m.Groups["head"].Value, sentence, exclude: int.Parse(m.Groups["owner"].ValueSpan, provider: null));
                if (target is not { } t)
                {
                    return m.Value;
                }

                surfaces.TryAdd(t, m.Value);
                article.Salience[t] = article.Salience.GetValueOrDefault(t) + 1;
                return "⟦" + t + "⟧";
            });
            masked = !masked.AsSpan().ContainsAny(GroupHeadWords) ? masked : DefiniteGroupPattern().Replace(masked, m =>
            {
                var target = ResolveGroup(article, firstSeen, nameWords ??= NameWords(article), m.Groups["head"].Value, sentence, exclude: -1);
                if (target is not { } t)
                {
                    return m.Value;
                }

                surfaces.TryAdd(t, m.Value);
                article.Salience[t] = article.Salience.GetValueOrDefault(t) + 1;
                return "⟦" + t + "⟧";
            });
            article.Masked[s] = masked;
        }
    }

    /// <summary>
    /// The head words of <see cref="DefiniteGroupPattern"/> (which matches case-sensitively): a sentence without one has
    /// no match, and Replace would return it as it is. ("organi" stands for both spellings of organisation.)
    /// </summary>
    private static readonly SearchValues<string> GroupHeadWords = SearchValues.Create(
        ["alliance", "network", "consortium", "association", "federation", "coalition", "council", "league", "initiative", "enterprise",
         "organi", "group", "body", "union", "partnership", "platform", "chamber", "foundation", "forum", "society", "collaborative", "venture",
         "authority", "agency", "commission", "ministry", "regulator", "institute", "exchange", "compact", "pact", "registry"],
        StringComparison.Ordinal);

    /// <summary><see cref="PossessiveGroupPattern"/> starts with "⟦n⟧’s" or "⟦n⟧'s": without one it has no match.</summary>
    private static bool MayHavePossessiveGroup(string masked) =>
        masked.Contains("⟧’s", StringComparison.Ordinal) || masked.Contains("⟧'s", StringComparison.Ordinal);

    /// <summary>Per entity: the folded last words of its names (not acronyms) and all their folded words.</summary>
    private static Dictionary<int, (HashSet<string> Last, HashSet<string> Any)> NameWords(ArticleState article)
    {
        var words = new Dictionary<int, (HashSet<string> Last, HashSet<string> Any)>();
        var read = new HashSet<(int, string)>(); // names recur: the words of each entity's spelling are added once
        var folded = new Dictionary<string, string>(StringComparer.Ordinal); // and words recur across names
        foreach (var m in article.Mentions.SelectMany(x => x))
        {
            if (m.IsAcronym || !read.Add((m.Cluster, m.Text)))
            {
                continue;
            }

            if (!words.TryGetValue(m.Cluster, out var sets))
            {
                words[m.Cluster] = sets = (new HashSet<string>(StringComparer.Ordinal), new HashSet<string>(StringComparer.Ordinal));
            }

            var parts = m.Text.Split(' ', '-');
            sets.Last.Add(FoldedWord(folded, parts[^1]));
            foreach (var w in parts)
            {
                sets.Any.Add(FoldedWord(folded, w));
            }
        }

        return words;
    }

    /// <summary>A word of a name lowercased and folded, each word once per article.</summary>
    private static string FoldedWord(Dictionary<string, string> folded, string word)
    {
        if (!folded.TryGetValue(word, out var key))
        {
            folded[word] = key = NameKey.Fold(word.ToLowerInvariant());
        }

        return key;
    }

    private static int? ResolveGroup(ArticleState article, Dictionary<int, int> firstSeen, Dictionary<int, (HashSet<string> Last, HashSet<string> Any)> nameWords, string head, int sentence, int exclude)
    {
        var folded = NameKey.Fold(head.ToLowerInvariant());
        int? best = null;
        var bestScore = (-1, -1, -1);
        foreach (var (cluster, seen) in firstSeen)
        {
            var kind = article.KindOf(cluster);
            if (cluster == exclude || kind is EntityKind.Person or EntityKind.Place or EntityKind.Event)
            {
                continue;
            }

            var names = nameWords.GetValueOrDefault(cluster);
            var match = 0;
            if ((names.Last is { } last && last.Contains(folded))
                || (article.DescriptionHeads.TryGetValue(cluster, out var heads) && heads.Contains(folded)))
            {
                match = 2;
            }
            else if (names.Any is { } any && any.Contains(folded))
            {
                match = 1;
            }
            else if (kind != EntityKind.Group)
            {
                continue;
            }

            var score = (match, seen <= sentence ? 1 : 0, article.Salience.GetValueOrDefault(cluster));
            if (score.CompareTo(bestScore) > 0)
            {
                bestScore = score;
                best = cluster;
            }
        }

        // With no name or description that fits, only a generic word ("the enterprise") falls back to the article's main group.
        if (best is not null && bestScore.Item1 == 0 && folded is not ("enterprise" or "organization" or "group" or "body" or "consortium" or "alliance" or "network" or "association" or "partnership" or "coalition" or "foundation" or "forum" or "venture"))
        {
            return null;
        }

        return best;
    }

    [GeneratedRegex(@"\b[a-z]+ed\s+(?:the|a|an|its|their|his|her|that|on|this|these)\b|\b(?:said|says|told|reported|announced)\b", RegexOptions.CultureInvariant)]
    private static partial Regex FiniteVerb();

    [GeneratedRegex(@"⟦\d+⟧\s*(?:and\b|&)", RegexOptions.CultureInvariant)]
    private static partial Regex ListTail();

    private static bool EndsWithRole(string d) => Lexicon.RoleHeads.Contains(d.Split(' ', StringSplitOptions.RemoveEmptyEntries)[^1]);

    private static string UnmaskStatic(ArticleState article, int s, string masked) =>
        EntityRef().Replace(masked, m => article.Surfaces[s].GetValueOrDefault(int.Parse(m.Groups[1].ValueSpan, provider: null), m.Value));

    private static bool IsNonDescription(string d)
    {
        var lower = d.ToLowerInvariant();
        return lower.StartsWith("one of", StringComparison.Ordinal) || lower.StartsWith("the first", StringComparison.Ordinal) && lower.Contains("to ", StringComparison.Ordinal)
            || lower.Contains(" member", StringComparison.Ordinal) || lower.Split(' ').Length < 2 || lower.Split(' ').Length > 16
            || lower.StartsWith("the same", StringComparison.Ordinal) || lower.StartsWith("a number", StringComparison.Ordinal)
            || lower.StartsWith("a lot", StringComparison.Ordinal) || lower.StartsWith("the rest", StringComparison.Ordinal);
    }
}

using System.Buffers;
using System.Text;
using System.Text.RegularExpressions;

namespace Bot.Core.Extraction;

public sealed partial class ArticleExtractor
{
    /// <summary>Builds each sentence's masked form: every mention replaced by ⟦cluster⟧; acronym and descriptive parentheses read and removed; "Acme's CloudBank" read as CloudBank.</summary>
    private static void Mask(ArticleState article)
    {
        var sb = Workspace.Get().Builder;
        for (var s = 0; s < article.Sentences.Count; s++)
        {
            var sentence = article.Sentences[s];
            var list = article.MentionsOf(s);
            if (list.Length == 0)
            {
                article.Masked.Add(Unquoted(sentence)); // nothing to mask: the sentence as it is
                continue;
            }

            sb.Clear();
            var pos = 0;
            for (var i = 0; i < list.Length; i++)
            {
                var m = list[i];
                if (m.Start < pos)
                {
                    continue;
                }

                // "Acme's CloudBank", "Hainan's Financial Supervisory Authority": the possessor qualifies the next name.
                if (m.Possessive && i + 1 < list.Length && !list[i + 1].IsAcronym)
                {
                    var next = list[i + 1];
                    if (sentence.AsSpan(m.End, next.Start - m.End) is "'s " or "’s ")
                    {
                        sb.Append(sentence, pos, m.Start - pos);
                        sb.Append('⟦').Append(next.Cluster).Append('⟧');
                        var full = sentence[m.Start..next.End];
                        article.SetSurface(s, next.Cluster, full);
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
                m.Surfaced = true; // its text stands for ⟦cluster⟧ in the sentence unless another was set (ArticleState.Surface)
                pos = SkipParentheses(article, s, sentence, list, ref i, m, m.End);
            }

            sb.Append(sentence, pos, sentence.Length - pos);
            article.Masked.Add(Unquoted(sb.ToString()));
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
    private static int SkipParentheses(ArticleState article, int s, string sentence, ReadOnlySpan<Mention> list, ref int i, Mention m, int pos)
    {
        if (m.AcronymDefinedAfter is { } acr && i + 1 < list.Length && ReferenceEquals(list[i + 1], acr))
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

        var inner = trimmed[1..end].Trim();
        if (!IsDescriptiveParenthesis(inner))
        {
            return pos;
        }

        article.AddDescription(m.Cluster, inner.ToString(), s);
        var after = pos + (rest.Length - trimmed.Length) + end + 1;
        while (i + 1 < list.Length && list[i + 1].Start < after)
        {
            i++;
        }

        return after;
    }

    private static bool IsDescriptiveParenthesis(ReadOnlySpan<char> inner)
    {
        if (inner.Length < 6 || !char.IsLower(inner[0]) || inner.Contains("http", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        // The words between single spaces, empty ones left out: 2 to 14 of them, the first no conjunction or pointer.
        var words = 0;
        var first = ReadOnlySpan<char>.Empty;
        foreach (var range in inner.Split(' '))
        {
            if (inner[range].IsEmpty)
            {
                continue;
            }

            if (words++ == 0)
            {
                first = inner[range];
            }
        }

        return words is >= 2 and <= 14 && first is not ("and" or "or" or "also" or "formerly" or "see" or "via" or "e.g." or "i.e." or "which" or "who");
    }

    /// <summary><paramref name="masked"/> with the quotation marks around each ⟦n⟧ removed (<see cref="QuotedRef"/>): none without an opening mark.</summary>
    private static string Unquoted(string masked) =>
        masked.AsSpan().ContainsAny(OpeningQuotes) ? QuotedRef().Replace(masked, "$1") : masked;

    /// <summary>The characters <see cref="QuotedRef"/> starts with.</summary>
    private static readonly SearchValues<char> OpeningQuotes = SearchValues.Create("‘“\"«'");

    [GeneratedRegex(@"[‘“""«']\s*(⟦\d+⟧)\s*[’”""»']?", RegexOptions.CultureInvariant)]
    private static partial Regex QuotedRef();

    [GeneratedRegex(@"\b(?:[Tt]he|[Tt]his|[Tt]hat)\s+(?<mods>(?:(?!(?:the|a|an|this|that|these|those|its|their|his|her|our|and|or|to|of|in|on|at|by|for|with|from)\b)[a-z][\w’'-]*\s+){0,3}?)(?<head>alliance|network|consortium|association|federation|coalition|council|league|initiative|enterprise|organi[sz]ation|group|body|union|partnership|platform|chamber|foundation|forum|society|collaborative|venture|joint venture|authority|agency|commission|ministry|regulator|institute|exchange|compact|pact|registry)\b(?![\w-])(?!\s*⟦)", RegexOptions.CultureInvariant)]
    internal static partial Regex DefiniteGroupPattern();

    [GeneratedRegex(@"⟦(?<owner>\d+)⟧[’']s\s+(?<mods>(?:(?!(?:the|a|an|this|that|these|those|its|their|his|her|our|and|or|to|of|in|on|at|by|for|with|from)\b)[a-z][\w’'-]*\s+){0,3}?)(?<head>alliance|network|consortium|association|federation|coalition|council|league|initiative|partnership|platform|chamber)\b(?![\w-])(?!\s*⟦)", RegexOptions.CultureInvariant)]
    internal static partial Regex PossessiveGroupPattern();

    [GeneratedRegex(@"⟦(?<s>\d+)⟧\s*,\s*(?<d>(?:an?|the)\s+(?:[A-Za-z]|⟦)[^,;()]*?)(?=\s+(?:initiated|organi[sz]ed|founded|launched|established|created|planned|developed|sponsored|led|backed|formed|set up)\s+by\b|\s*,|\s*;|\s*\.?$)", RegexOptions.CultureInvariant)]
    internal static partial Regex AppositivePattern();

    /// <summary>
    /// The groups of a match of <see cref="AppositivePattern"/>, read from its text (with no Match object to allocate): the
    /// entity "s" of the ⟦s⟧ it starts with, and the description "d" that ends it. Between them stand white space, a comma
    /// and white space; d starts with "a", "an" or "the", so it starts at the first character after the comma that is no
    /// white space, and the lookahead after d leaves d's end the match's end.
    /// </summary>
    internal static ReadOnlySpan<char> AppositiveParts(ReadOnlySpan<char> match, out int entity)
    {
        var close = match.IndexOf('⟧');
        entity = RefId(match[..(close + 1)]);
        var at = close + 1;
        while (char.IsWhiteSpace(match[at]))
        {
            at++;
        }

        at++; // the comma
        while (char.IsWhiteSpace(match[at]))
        {
            at++;
        }

        return match[at..];
    }

    /// <summary>Replaces "the alliance", "the network", "China's national blockchain network" with the group they refer back to.</summary>
    private static void ResolveAnaphora(ArticleState article)
    {
        // Appositive descriptions first: "the OLN, an industry alliance initiated by …" tells that the OLN is an alliance.
        for (var s = 0; s < article.Masked.Count; s++)
        {
            var masked = article.Masked[s];
            if (!SentenceCues.NameThenComma(masked, thenName: false))
            {
                continue;
            }

            foreach (var m in AppositivePattern().EnumerateMatches(masked))
            {
                var description = AppositiveParts(masked.AsSpan(m.Index, m.Length), out var cluster);
                if (ListTail().IsMatch(description))
                {
                    continue; // "X, the Norwegian shipowner ⟦Y⟧ and …": the next items of a list, not a description of X
                }

                var d = Unmask(article, s, description.ToString());
                if (!HasLowercaseWordAfterFirst(d))
                {
                    continue; // "the National Data Office": a name in a list, not a description
                }

                if (!StartsWithRole(d) && !IsNonDescription(d) && !FiniteVerb().IsMatch(d) && !EndsWithRole(d))
                {
                    if (article.KindOf(cluster) is not (EntityKind.Person or EntityKind.Place))
                    {
                        article.AddDescription(cluster, d, s);
                    }
                }
            }
        }

        // Read when the first reference is found: mentions keep their clusters while references are resolved.
        References? references = null;
        for (var s = 0; s < article.Masked.Count; s++)
        {
            // Both patterns end with a head word that stands in the sentence as a word of its own (masking and resolving only
            // cut the text at ⟦n⟧, which no head word may touch): without one there is nothing to resolve.
            if (!article.MayReferToGroup[s])
            {
                continue;
            }

            var masked = article.Masked[s];
            if (MayHavePossessiveGroup(masked))
            {
                masked = ResolveReferences(article, ref references, PossessiveGroupPattern(), masked, s, possessive: true);
            }

            masked = ResolveReferences(article, ref references, DefiniteGroupPattern(), masked, s, possessive: false);

            article.Masked[s] = masked;
        }
    }

    /// <summary>
    /// <paramref name="masked"/> with each match of <paramref name="pattern"/> (in order, as Replace finds them) that
    /// <see cref="ResolveGroup"/> resolves replaced by ⟦entity⟧; the others are left as they are.
    /// </summary>
    private static string ResolveReferences(ArticleState article, ref References? references, Regex pattern, string masked, int s, bool possessive)
    {
        StringBuilder? sb = null;
        var pos = 0;
        foreach (var m in pattern.EnumerateMatches(masked))
        {
            var text = masked.AsSpan(m.Index, m.Length);
            references ??= Workspace.Get().References.Read(article);
            var target = ResolveGroup(article, references, ReferenceHead(text), s, exclude: possessive ? RefId(text[..(text.IndexOf('⟧') + 1)]) : -1);
            if (target is not { } t)
            {
                continue;
            }

            if (!article.HasSurface(s, t))
            {
                article.SetSurface(s, t, text.ToString());
            }

            article.Salience[t] = article.Salience.GetValueOrDefault(t) + 1;
            sb ??= Workspace.Get().Builder.Clear();
            sb.Append(masked, pos, m.Index - pos).Append('⟦').Append(t).Append('⟧');
            pos = m.Index + m.Length;
        }

        if (sb is null)
        {
            return masked;
        }

        sb.Append(masked, pos, masked.Length - pos);
        return sb.ToString();
    }

    /// <summary>
    /// The group "head" of a match of <see cref="DefiniteGroupPattern"/> or <see cref="PossessiveGroupPattern"/> (read from
    /// the match, with no Match object to allocate): a match ends with its head, which follows white space. Every head is one
    /// word but "joint venture"; a match that ends with " joint venture" has it as its head, not "venture" after a modifier
    /// "joint", because the modifiers are lazy: the fewest that let a head follow are taken.
    /// </summary>
    internal static ReadOnlySpan<char> ReferenceHead(ReadOnlySpan<char> match)
    {
        const string JointVenture = "joint venture";
        if (match.Length > JointVenture.Length && match.EndsWith(JointVenture, StringComparison.Ordinal) && char.IsWhiteSpace(match[^(JointVenture.Length + 1)]))
        {
            return match[^JointVenture.Length..];
        }

        var start = match.Length;
        while (start > 0 && !char.IsWhiteSpace(match[start - 1]))
        {
            start--;
        }

        return match[start..];
    }

    /// <summary><see cref="PossessiveGroupPattern"/> starts with "⟦n⟧’s" or "⟦n⟧'s": without one it has no match.</summary>
    private static bool MayHavePossessiveGroup(string masked)
    {
        for (var i = masked.IndexOf('⟧', StringComparison.Ordinal); i >= 0 && i + 2 < masked.Length; i = masked.IndexOf('⟧', i + 1))
        {
            if (masked[i + 1] is '’' or '\'' && masked[i + 2] == 's')
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>What <see cref="ResolveGroup"/> reads of an article: its entities in the order they are first named, and where.</summary>
    private sealed class References
    {
        private readonly List<int> _order = [];
        private readonly List<(string Head, byte[] Matches)> _heads = [];

        /// <summary>The arrays <see cref="Matches"/> hands out, reused from one article to the next (the first <see cref="_heads"/>.Count in use).</summary>
        private readonly List<byte[]> _arrays = [];
        private int[] _firstSentence = [];

        /// <summary>The entities in the order of their first mention.</summary>
        public List<int> Order => _order;

        public const byte LastWord = 1;
        public const byte AnyWord = 2;
        public const byte Described = 4;

        /// <summary>Reads the references of <paramref name="article"/> into this instance (the thread's, in its <see cref="Workspace"/>).</summary>
        public References Read(ArticleState article)
        {
            _order.Clear();
            _heads.Clear();
            if (_firstSentence.Length < article.ClusterCount)
            {
                _firstSentence = new int[Math.Max(article.ClusterCount, _firstSentence.Length * 2)];
            }

            _firstSentence.AsSpan(0, article.ClusterCount).Fill(-1);
            foreach (var m in article.AllMentions)
            {
                if (_firstSentence[m.Cluster] < 0)
                {
                    _firstSentence[m.Cluster] = m.Sentence;
                    _order.Add(m.Cluster);
                }
            }

            return this;
        }

        /// <summary>The sentence that first names <paramref name="cluster"/>.</summary>
        public int FirstSentence(int cluster) => _firstSentence[cluster];

        /// <summary>
        /// Per entity, whether the folded word <paramref name="head"/> ends one of its names (<see cref="LastWord"/>), is any
        /// word of one (<see cref="AnyWord"/>; acronyms left out; words split at spaces and hyphens, lowercased and folded),
        /// or heads one of its descriptions (<see cref="Described"/>): read once per word asked, in an array the thread reuses
        /// after the article (until the next <see cref="Read"/>).
        /// </summary>
        public byte[] Matches(ArticleState article, string head)
        {
            foreach (var (known, matches) in _heads)
            {
                if (string.Equals(known, head, StringComparison.Ordinal))
                {
                    return matches;
                }
            }

            var found = Cleared(_heads.Count, article.ClusterCount);
            foreach (var m in article.AllMentions)
            {
                if (m.IsAcronym)
                {
                    continue;
                }

                var words = m.Facts.FoldedWords;
                for (var w = 0; w < words.Length; w++)
                {
                    if (string.Equals(words[w], head, StringComparison.Ordinal))
                    {
                        found[m.Cluster] |= (byte)(AnyWord | (w == words.Length - 1 ? LastWord : 0));
                    }
                }
            }

            foreach (var (cluster, described) in article.DescriptionHeads)
            {
                if ((uint)cluster < (uint)article.ClusterCount && string.Equals(described, head, StringComparison.OrdinalIgnoreCase))
                {
                    found[cluster] |= Described;
                }
            }

            _heads.Add((head, found));
            return found;
        }

        /// <summary>Array <paramref name="index"/> of <see cref="_arrays"/>, at least <paramref name="length"/> long, its first <paramref name="length"/> bytes zero.</summary>
        private byte[] Cleared(int index, int length)
        {
            if (index == _arrays.Count)
            {
                _arrays.Add(new byte[Math.Max(length, 16)]);
            }
            else if (_arrays[index].Length < length)
            {
                _arrays[index] = new byte[Math.Max(length, _arrays[index].Length * 2)];
            }
            else
            {
                Array.Clear(_arrays[index], 0, length);
            }

            return _arrays[index];
        }
    }

    private static int? ResolveGroup(ArticleState article, References references, ReadOnlySpan<char> head, int sentence, int exclude)
    {
        var folded = FoldedWords.Fold(head);
        var matches = references.Matches(article, folded);
        int? best = null;
        var bestScore = (-1, -1, -1);
        foreach (var cluster in references.Order)
        {
            var kind = article.KindOf(cluster);
            if (cluster == exclude || kind is EntityKind.Person or EntityKind.Place or EntityKind.Event)
            {
                continue;
            }

            var match = 0;
            if ((matches[cluster] & (References.LastWord | References.Described)) != 0)
            {
                match = 2;
            }
            else if ((matches[cluster] & References.AnyWord) != 0)
            {
                match = 1;
            }
            else if (kind != EntityKind.Group)
            {
                continue;
            }

            var score = (match, references.FirstSentence(cluster) <= sentence ? 1 : 0, article.Salience.GetValueOrDefault(cluster));
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

    /// <summary>True when a word after the first (split at single spaces) starts with a lowercase letter and is no small joining word ("of", "the", "&amp;" …).</summary>
    private static bool HasLowercaseWordAfterFirst(string d)
    {
        var text = d.AsSpan();
        var first = true;
        foreach (var range in text.Split(' '))
        {
            var w = text[range];
            if (first)
            {
                first = false;
                continue;
            }

            if (w.Length > 0 && char.IsLower(w[0]) && w is not ("of" or "the" or "and" or "for" or "de" or "in" or "on" or "&"))
            {
                return true;
            }
        }

        return false;
    }

    private static readonly System.Collections.Frozen.FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> RoleHeadLookup = Lexicon.RoleHeads.GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>True when the last word of <paramref name="d"/> (between spaces) is a role ("… of the alliance's chairman").</summary>
    private static bool EndsWithRole(string d)
    {
        var text = d.AsSpan().TrimEnd(' ');
        return RoleHeadLookup.Contains(text[(text.LastIndexOf(' ') + 1)..]);
    }

    /// <summary><paramref name="masked"/> with each ⟦n⟧ (<see cref="NextRef"/>) replaced by what it stood for in sentence <paramref name="s"/>, if known.</summary>
    private static string Unmask(ArticleState article, int s, string masked)
    {
        StringBuilder? sb = null;
        var pos = 0;
        for (var at = NextRef(masked, 0, out var end); at >= 0; at = NextRef(masked, end, out end))
        {
            if (article.Surface(s, RefId(masked.AsSpan(at, end - at))) is { } surface)
            {
                sb ??= Workspace.Get().Builder.Clear();
                sb.Append(masked, pos, at - pos).Append(surface);
                pos = end;
            }
        }

        if (sb is null)
        {
            return masked;
        }

        sb.Append(masked, pos, masked.Length - pos);
        return sb.ToString();
    }

    private static bool IsNonDescription(string d)
    {
        Span<char> buffer = stackalloc char[256];
        var span = d.Length <= buffer.Length ? buffer[..d.Length] : new char[d.Length];
        d.AsSpan().ToLowerInvariant(span);
        ReadOnlySpan<char> lower = span;
        var words = lower.Count(' ') + 1; // the parts of Split(' '), empty ones too
        return lower.StartsWith("one of", StringComparison.Ordinal) || lower.StartsWith("the first", StringComparison.Ordinal) && lower.Contains("to ", StringComparison.Ordinal)
            || lower.Contains(" member", StringComparison.Ordinal) || words < 2 || words > 16
            || lower.StartsWith("the same", StringComparison.Ordinal) || lower.StartsWith("a number", StringComparison.Ordinal)
            || lower.StartsWith("a lot", StringComparison.Ordinal) || lower.StartsWith("the rest", StringComparison.Ordinal);
    }
}

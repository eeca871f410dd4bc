namespace Bot.Core.Extraction;

/// <summary>What clustering reads of a name's text, read once per name (<see cref="ArticleExtractor"/>'s name table).</summary>
[Flags]
internal enum NameShape : ushort
{
    None = 0,

    /// <summary>The name is one acronym-shaped word ("OLN").</summary>
    AcronymToken = 1 << 0,

    /// <summary>The name holds a space.</summary>
    HasSpace = 1 << 1,

    /// <summary>The name holds one or two spaces: two or three words.</summary>
    TwoOrThreeWords = 1 << 2,

    /// <summary>A word of the name heads organisation, group or event names ("Bank", "Alliance", "Summit").</summary>
    HasHeadWord = 1 << 3,

    /// <summary>The name is an event's ("… Summit").</summary>
    EventName = 1 << 4,

    /// <summary>The name is a group's ("… Alliance").</summary>
    GroupName = 1 << 5,

    /// <summary>The name is an organisation's ("… Bank").</summary>
    OrganisationName = 1 << 6,
}

/// <summary>What extraction reads of a name's text, read once per distinct name and thread (<see cref="ArticleExtractor"/>'s name table).</summary>
internal sealed class NameFacts(string name)
{
    private string? _orderFreeKey;
    private string[]? _foldedWords;

    /// <summary>What the name is (<see cref="ArticleExtractor.NameShapeOf"/>).</summary>
    public NameShape Shape { get; } = ArticleExtractor.NameShapeOf(name);

    /// <summary><see cref="NameKey.OrderFree"/> of the name.</summary>
    public string OrderFreeKey => _orderFreeKey ??= NameKey.OrderFree(name);

    /// <summary>The name's words (split at spaces and hyphens, empty ones too), each lowercased and folded (<see cref="FoldedWords.Fold"/>).</summary>
    public string[] FoldedWords => _foldedWords ??= ReadFoldedWords(name);

    private static string[] ReadFoldedWords(string name)
    {
        var text = name.AsSpan();
        var words = new string[text.Count(' ') + text.Count('-') + 1];
        var i = 0;
        foreach (var range in text.SplitAny(' ', '-'))
        {
            words[i++] = Extraction.FoldedWords.Fold(text[range]);
        }

        return words;
    }
}

/// <summary>A name as it stands in one sentence.</summary>
internal sealed class Mention(int sentence, int start, int end, string text, NameFacts facts)
{
    public int Sentence { get; } = sentence;

    public int Start { get; } = start;

    public int End { get; } = end;

    public string Text { get; } = text;

    /// <summary>What extraction reads of <see cref="Text"/>.</summary>
    public NameFacts Facts { get; } = facts;

    /// <summary>What <see cref="Text"/> is (<see cref="ArticleExtractor.NameShapeOf"/>).</summary>
    public NameShape Shape => Facts.Shape;

    public int Cluster { get; set; } = -1;

    public bool IsAcronym { get; set; }

    public bool Possessive { get; init; }

    public bool Quoted { get; init; }

    public bool Synthetic { get; init; }

    public EntityKind Hint { get; init; }

    public Mention? AcronymOf { get; set; }

    public Mention? AcronymDefinedAfter { get; set; }

    /// <summary>Whether masking replaced the mention by ⟦<see cref="Cluster"/>⟧ with its text standing for it (<see cref="ArticleState.Surface"/>).</summary>
    public bool Surfaced { get; set; }

    /// <summary>Whether a place word stands before the mention ("in", "across" …); null until asked.</summary>
    public bool? AfterPlaceWord { get; set; }
}

/// <summary>The working state of one article's extraction.</summary>
internal sealed class ArticleState
{
    public ArticleState(List<string> sentences)
    {
        Sentences = sentences;
        Masked = new List<string>(sentences.Count);
        MayReferToGroup = new bool[sentences.Count];
        _mentionStarts = new int[sentences.Count + 1];
    }

    public List<string> Sentences { get; }

    /// <summary>Every mention of the article, in order (sentence by sentence); set by <see cref="SetMentions"/>.</summary>
    public List<Mention> AllMentions { get; private set; } = [];

    /// <summary>Where each sentence's mentions start in <see cref="AllMentions"/>, and after the last sentence, where they end.</summary>
    private readonly int[] _mentionStarts;

    /// <summary>
    /// Per sentence: whether a word of it starts with a head word of "the alliance"-style references
    /// (<see cref="WordShape.GroupReferenceHead"/>); a sentence without one has no such reference to resolve.
    /// </summary>
    public bool[] MayReferToGroup { get; }

    /// <summary>
    /// Sets the article's mentions: <paramref name="mentions"/> (copied, so the caller may reuse its list) holds every
    /// sentence's in order, and <paramref name="ends"/>[s] is where sentence s's end in it.
    /// </summary>
    public void SetMentions(List<Mention> mentions, ReadOnlySpan<int> ends)
    {
        ArgumentOutOfRangeException.ThrowIfNotEqual(ends.Length, Sentences.Count);
        AllMentions = new List<Mention>(mentions);
        ends.CopyTo(_mentionStarts.AsSpan(1));
    }

    /// <summary>The mentions of sentence <paramref name="s"/>, in order (a view of <see cref="AllMentions"/>).</summary>
    public ReadOnlySpan<Mention> MentionsOf(int s) =>
        System.Runtime.InteropServices.CollectionsMarshal.AsSpan(AllMentions)[_mentionStarts[s].._mentionStarts[s + 1]];

    /// <summary>Each sentence with its names replaced by ⟦cluster⟧.</summary>
    public List<string> Masked { get; }

    /// <summary>
    /// Per sentence and cluster: what ⟦cluster⟧ stood for in the original text when that is no mention's text (a name with
    /// its possessor, a resolved reference); made when the first is set. Most surfaces are a masked mention's text (<see cref="Mention.Surfaced"/>).
    /// </summary>
    private Dictionary<(int Sentence, int Cluster), string>? _surfaces;

    /// <summary>
    /// What ⟦<paramref name="cluster"/>⟧ stands for in sentence <paramref name="sentence"/>: the text set for it
    /// (<see cref="SetSurface"/>), else the text of the sentence's first mention of it that masking replaced; null when neither.
    /// </summary>
    public string? Surface(int sentence, int cluster)
    {
        if (_surfaces is not null && _surfaces.TryGetValue((sentence, cluster), out var text))
        {
            return text;
        }

        foreach (var m in MentionsOf(sentence))
        {
            if (m.Surfaced && m.Cluster == cluster)
            {
                return m.Text;
            }
        }

        return null;
    }

    public bool HasSurface(int sentence, int cluster) => Surface(sentence, cluster) is not null;

    /// <summary>Records what ⟦<paramref name="cluster"/>⟧ stands for in a sentence, over any mention's text.</summary>
    public void SetSurface(int sentence, int cluster, string text) => (_surfaces ??= [])[(sentence, cluster)] = text;

    public Dictionary<int, int> Salience { get; } = [];

    /// <summary>The head word of each description (lowercased and folded), with the entity it describes.</summary>
    public List<(int Cluster, string Head)> DescriptionHeads { get; } = [];

    public Dictionary<int, EntityKind> Kinds { get; } = [];

    public Dictionary<int, List<string>> ExtraNames { get; } = [];

    public List<LocalFact> Facts { get; } = [];

    public int ClusterCount { get; private set; }

    public int NewCluster() => ClusterCount++;

    public EntityKind KindOf(int cluster) => Kinds.GetValueOrDefault(cluster);

    public void SetKind(int cluster, EntityKind kind, bool overrideKnown = false)
    {
        var current = KindOf(cluster);
        if (current == EntityKind.Unknown || (overrideKnown && current != EntityKind.Event))
        {
            Kinds[cluster] = kind;
        }
    }

    public void AddDescription(int cluster, string text, int sentence)
    {
        text = text.Trim().TrimEnd('.', ',', ';');
        if (text.Length < 3)
        {
            return;
        }

        Facts.Add(new LocalFact(FactKind.Description, cluster, null, text, null, null, sentence));

        // The head: the last word (between spaces) before the first "of", "in", "that" …
        var span = text.AsSpan();
        var head = ReadOnlySpan<char>.Empty;
        foreach (var range in span.Split(' '))
        {
            var word = span[range];
            if (word.IsEmpty)
            {
                continue;
            }

            if (word is "of" or "in" or "that" or "which" or "for" or "with" or "to" or "at" or "based")
            {
                break;
            }

            head = word;
        }

        if (!head.IsEmpty)
        {
            DescriptionHeads.Add((cluster, FoldedWords.Fold(head)));
        }
    }

    public ArticleExtraction ToExtraction()
    {
        // The entities named, in cluster order, numbered from 0; each one's mentions in article order.
        var remap = new int[ClusterCount];
        Array.Fill(remap, -1);
        var counts = new int[ClusterCount + 1];
        foreach (var m in AllMentions)
        {
            counts[m.Cluster + 1]++;
        }

        var used = 0;
        for (var c = 0; c < ClusterCount; c++)
        {
            if (counts[c + 1] > 0)
            {
                remap[c] = used++;
            }

            counts[c + 1] += counts[c];
        }

        var byCluster = new Mention[AllMentions.Count];
        var next = counts.AsSpan(0, ClusterCount).ToArray();
        foreach (var m in AllMentions)
        {
            byCluster[next[m.Cluster]++] = m;
        }

        var entities = new List<LocalEntity>(used);
        for (var cluster = 0; cluster < ClusterCount; cluster++)
        {
            if (remap[cluster] < 0)
            {
                continue;
            }

            var mentions = byCluster.AsSpan(counts[cluster], counts[cluster + 1] - counts[cluster]);
            var names = NamesByUse(mentions);
            if (ExtraNames.TryGetValue(cluster, out var extras))
            {
                foreach (var extra in extras)
                {
                    if (!names.Contains(extra))
                    {
                        names.Add(extra);
                    }
                }
            }

            // A surname used more often than the full name it ends ("Osei" after "Daniel Osei"): the full name is the best.
            if (names.Count > 1 && !names[0].Contains(' ', StringComparison.Ordinal) && FullNameEnding(names) is var full and > 0)
            {
                var name = names[full];
                names.RemoveAt(full);
                names.Insert(0, name);
            }

            List<string>? acronyms = null; // most entities have none: they share the empty list
            foreach (var m in mentions)
            {
                if (m.IsAcronym && !(acronyms?.Contains(m.Text) ?? false))
                {
                    (acronyms ??= []).Add(m.Text);
                }
            }

            entities.Add(new LocalEntity(remap[cluster], KindOf(cluster), names, acronyms ?? (IReadOnlyList<string>)[], Salience.GetValueOrDefault(cluster)));
        }

        bool Used(int cluster) => (uint)cluster < (uint)remap.Length && remap[cluster] >= 0;

        // Facts about the entities named, each once: one with the kind, entities, detail and text key of an earlier one is left out.
        var facts = new List<LocalFact>(Facts.Count);
        var kept = new List<(LocalFact Fact, string? Key)>(Facts.Count);
        foreach (var f in Facts)
        {
            if (!Used(f.Subject) || (f.Object is { } o && (!Used(o) || o == f.Subject)) || (f.For is { } fo && !Used(fo)))
            {
                continue;
            }

            if (KindOf(f.Subject) == EntityKind.Event || (f.Object is { } ob && KindOf(ob) == EntityKind.Event))
            {
                continue;
            }

            string? key = null;
            var repeated = false;
            for (var i = 0; i < kept.Count && !repeated; i++)
            {
                var (earlier, earlierKey) = kept[i];
                if (earlier.Kind == f.Kind && earlier.Subject == f.Subject && earlier.Object == f.Object && string.Equals(earlier.Detail, f.Detail, StringComparison.Ordinal))
                {
                    key ??= NameKey.Of(f.Text ?? string.Empty);
                    earlierKey ??= NameKey.Of(earlier.Text ?? string.Empty);
                    kept[i] = (earlier, earlierKey);
                    repeated = string.Equals(key, earlierKey, StringComparison.Ordinal);
                }
            }

            if (repeated)
            {
                continue;
            }

            kept.Add((f, key));
            List<int>? examples = null;
            if (f.Examples is { } listed)
            {
                examples = [];
                foreach (var e in listed)
                {
                    if (Used(e) && !examples.Contains(remap[e]))
                    {
                        examples.Add(remap[e]);
                    }
                }
            }

            // Most facts name entities whose numbers stay: those are kept as they are, not copied.
            var renumbered = remap[f.Subject] != f.Subject || (f.Object is { } x && remap[x] != x) || (f.For is { } y && remap[y] != y);
            facts.Add(!renumbered && f.Examples is null ? f : f with
            {
                Subject = remap[f.Subject],
                Object = f.Object is { } ox ? remap[ox] : null,
                For = f.For is { } oy ? remap[oy] : null,
                Examples = examples,
            });
        }

        return new ArticleExtraction(Sentences, entities, facts);
    }

    /// <summary>The index of the first name that ends with the first name after a space ("Daniel Osei" for "Osei"); -1 when none does.</summary>
    private static int FullNameEnding(List<string> names)
    {
        var surname = names[0];
        for (var i = 0; i < names.Count; i++)
        {
            var n = names[i];
            if (n.Length > surname.Length && n[^(surname.Length + 1)] == ' ' && n.EndsWith(surname, StringComparison.Ordinal))
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>
    /// The spellings of an entity's mentions (acronyms left out), the most used first, then the earliest; ties in
    /// the order of first use.
    /// </summary>
    private static List<string> NamesByUse(ReadOnlySpan<Mention> mentions)
    {
        Span<int> counts = mentions.Length <= 128 ? stackalloc int[mentions.Length] : new int[mentions.Length];
        Span<int> spellings = mentions.Length <= 128 ? stackalloc int[mentions.Length] : new int[mentions.Length]; // index of each spelling's first mention
        var n = 0;
        for (var k = 0; k < mentions.Length; k++)
        {
            var m = mentions[k];
            if (m.IsAcronym)
            {
                continue;
            }

            var i = 0;
            while (i < n && !string.Equals(mentions[spellings[i]].Text, m.Text, StringComparison.Ordinal))
            {
                i++;
            }

            if (i == n)
            {
                spellings[n] = k;
                counts[n++] = 1;
            }
            else
            {
                counts[i]++;
            }
        }

        // Most used first, then the earliest sentence, then the order of first use (a stable insertion sort).
        Span<int> order = n <= 128 ? stackalloc int[n] : new int[n];
        for (var i = 0; i < n; i++)
        {
            var j = i;
            while (j > 0 && Before(i, order[j - 1], counts, spellings, mentions))
            {
                order[j] = order[j - 1];
                j--;
            }

            order[j] = i;
        }

        var names = new List<string>(n + 2);
        foreach (var i in order)
        {
            names.Add(mentions[spellings[i]].Text);
        }

        return names;
    }

    /// <summary>Whether spelling <paramref name="a"/> goes before spelling <paramref name="b"/> (a later one than b in first use).</summary>
    private static bool Before(int a, int b, Span<int> counts, Span<int> spellings, ReadOnlySpan<Mention> mentions) =>
        counts[a] != counts[b] ? counts[a] > counts[b] : mentions[spellings[a]].Sentence < mentions[spellings[b]].Sentence;
}

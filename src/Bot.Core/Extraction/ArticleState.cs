namespace Bot.Core.Extraction;

/// <summary>A name as it stands in one sentence.</summary>
internal sealed class Mention(int sentence, int start, int end, string text)
{
    public int Sentence { get; } = sentence;

    public int Start { get; } = start;

    public int End { get; } = end;

    public string Text { get; } = text;

    public int Cluster { get; set; } = -1;

    public bool IsAcronym { get; set; }

    public bool Possessive { get; init; }

    public bool Quoted { get; init; }

    public bool Synthetic { get; init; }

    public EntityKind Hint { get; init; }

    public Mention? AcronymOf { get; set; }

    public Mention? AcronymDefinedAfter { get; set; }

    /// <summary>Whether a place word stands before the mention ("in", "across" …); null until asked.</summary>
    public bool? AfterPlaceWord { get; set; }
}

/// <summary>The working state of one article's extraction.</summary>
internal sealed class ArticleState
{
    public ArticleState(List<string> sentences)
    {
        Sentences = sentences;
    }

    public List<string> Sentences { get; }

    /// <summary>Per sentence: its mentions, in order.</summary>
    public List<List<Mention>> Mentions { get; } = [];

    /// <summary>Every mention of the article, in order (sentence by sentence).</summary>
    public List<Mention> AllMentions { get; } = [];

    /// <summary>Adds the next sentence's mentions (a copy of <paramref name="found"/>).</summary>
    public void AddMentions(List<Mention> found)
    {
        var list = new List<Mention>(found.Count);
        list.AddRange(found);
        Mentions.Add(list);
        AllMentions.AddRange(found);
    }

    /// <summary>Each sentence with its names replaced by ⟦cluster⟧.</summary>
    public List<string> Masked { get; } = [];

    /// <summary>Per sentence and cluster: what ⟦cluster⟧ stood for in the original text.</summary>
    private readonly Dictionary<(int Sentence, int Cluster), string> _surfaces = [];

    /// <summary>What ⟦<paramref name="cluster"/>⟧ stands for in sentence <paramref name="sentence"/>; null when not known.</summary>
    public string? Surface(int sentence, int cluster) => _surfaces.GetValueOrDefault((sentence, cluster));

    public bool HasSurface(int sentence, int cluster) => _surfaces.ContainsKey((sentence, cluster));

    public void SetSurface(int sentence, int cluster, string text) => _surfaces[(sentence, cluster)] = text;

    /// <summary>Records what ⟦<paramref name="cluster"/>⟧ stands for in a sentence unless that is known already.</summary>
    public void TryAddSurface(int sentence, int cluster, string text) => _surfaces.TryAdd((sentence, cluster), text);

    public HashSet<string> KnownCapitalised { get; } = new(StringComparer.Ordinal);

    /// <summary>Last words of two- and three-word names without a head word: surnames, names even at a sentence's start.</summary>
    public HashSet<string> KnownSurnames { get; } = new(StringComparer.Ordinal);

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
        var all = Mentions.SelectMany(m => m).ToList();
        var used = all.Select(m => m.Cluster).Where(c => c >= 0).Distinct().Order().ToList();
        var remap = used.Select((c, i) => (c, i)).ToDictionary(p => p.c, p => p.i);
        var byCluster = new Dictionary<int, List<Mention>>(used.Count); // each cluster's mentions, in article order
        foreach (var m in all)
        {
            if (!byCluster.TryGetValue(m.Cluster, out var list))
            {
                byCluster[m.Cluster] = list = [];
            }

            list.Add(m);
        }

        var entities = new List<LocalEntity>(used.Count);
        foreach (var cluster in used)
        {
            var mentions = byCluster[cluster];
            var names = NamesByUse(mentions);
            foreach (var extra in ExtraNames.GetValueOrDefault(cluster) ?? [])
            {
                if (!names.Contains(extra))
                {
                    names.Add(extra);
                }
            }

            // A surname used more often than the full name it ends ("Osei" after "Daniel Osei"): the full name is the best.
            if (names.Count > 1 && !names[0].Contains(' ', StringComparison.Ordinal)
                && names.Find(n => n.EndsWith(" " + names[0], StringComparison.Ordinal)) is { } full)
            {
                names.Remove(full);
                names.Insert(0, full);
            }

            var acronyms = new List<string>();
            foreach (var m in mentions)
            {
                if (m.IsAcronym && !acronyms.Contains(m.Text))
                {
                    acronyms.Add(m.Text);
                }
            }

            entities.Add(new LocalEntity(remap[cluster], KindOf(cluster), names, acronyms, Salience.GetValueOrDefault(cluster)));
        }

        var facts = new List<LocalFact>();
        var seen = new HashSet<(FactKind, int, int?, string, string?)>();
        foreach (var f in Facts)
        {
            if (!remap.ContainsKey(f.Subject) || (f.Object is { } o && (!remap.ContainsKey(o) || o == f.Subject))
                || (f.For is { } fo && !remap.ContainsKey(fo)))
            {
                continue;
            }

            if (KindOf(f.Subject) == EntityKind.Event || (f.Object is { } ob && KindOf(ob) == EntityKind.Event))
            {
                continue;
            }

            if (!seen.Add((f.Kind, f.Subject, f.Object, NameKey.Of(f.Text ?? string.Empty), f.Detail)))
            {
                continue;
            }

            facts.Add(f with
            {
                Subject = remap[f.Subject],
                Object = f.Object is { } x ? remap[x] : null,
                For = f.For is { } y ? remap[y] : null,
                Examples = f.Examples?.Where(remap.ContainsKey).Select(e => remap[e]).Distinct().ToList(),
            });
        }

        return new ArticleExtraction(Sentences, entities, facts);
    }

    /// <summary>
    /// The spellings of an entity's mentions (acronyms left out), the most used first, then the earliest; ties in
    /// the order of first use.
    /// </summary>
    private static List<string> NamesByUse(List<Mention> mentions)
    {
        var uses = new List<(string Text, int Count, int FirstSentence)>();
        foreach (var m in mentions)
        {
            if (m.IsAcronym)
            {
                continue;
            }

            var i = uses.FindIndex(u => string.Equals(u.Text, m.Text, StringComparison.Ordinal));
            if (i < 0)
            {
                uses.Add((m.Text, 1, m.Sentence));
            }
            else
            {
                uses[i] = uses[i] with { Count = uses[i].Count + 1 };
            }
        }

        var order = new int[uses.Count];
        for (var i = 0; i < order.Length; i++)
        {
            order[i] = i;
        }

        Array.Sort(order, (a, b) => uses[a].Count != uses[b].Count ? uses[b].Count.CompareTo(uses[a].Count)
            : uses[a].FirstSentence != uses[b].FirstSentence ? uses[a].FirstSentence.CompareTo(uses[b].FirstSentence)
            : a.CompareTo(b));
        var names = new List<string>(order.Length + 2);
        foreach (var i in order)
        {
            names.Add(uses[i].Text);
        }

        return names;
    }
}

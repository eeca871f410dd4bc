using Bot.Core.Extraction;

namespace Bot.Core.Knowledge;

/// <summary>
/// Joins the entities of all articles into one set: the same name (up to case, plurals, hyphens, spelling and word
/// order) is the same entity; an acronym joins the long forms it is defined for when they are alike ("Blockchain
/// Ledger Network" / "Open-Ledger Networks", both "OLN"); the operator's alias groups join the rest.
/// Two passes over the articles: <see cref="Add"/> each, <see cref="Complete"/>, then <see cref="Map"/> each.
/// </summary>
public sealed class EntityResolver
{
    /// <summary>
    /// Bump when the resolution rules or what it stores change, so stored knowledge is resolved again at the next start
    /// (6: facts no longer carry a copy of their sentence; the store reads it from the article's extraction. 7: the store
    /// keeps an article's facts and named entities in one row, and drops the tables that kept a row for each).
    /// </summary>
    public const int Version = 7;

    private const string AcronymPrefix = "\u0001";
    private readonly Dictionary<string, int> _nodes = new(StringComparer.Ordinal);
    private readonly List<int> _parent = [];
    private readonly List<Dictionary<string, int>> _names = [];
    private readonly List<int[]> _kindVotes = [];
    private readonly HashSet<int> _acronymNodes = [];
    private readonly Dictionary<string, List<int>> _acronymOwners = new(StringComparer.Ordinal);
    private readonly Dictionary<long, int[]> _articleNodes = [];
    private readonly Dictionary<string, int> _preferred = new(StringComparer.Ordinal);
    private Dictionary<int, long>? _entityOfRoot;

    /// <summary>Creates a resolver that applies the operator's alias groups.</summary>
    public EntityResolver(AliasGroups aliases)
    {
        for (var g = 0; g < aliases.Groups.Count; g++)
        {
            var group = aliases.Groups[g];
            var first = Node(NameKey.OrderFree(group[0]), acronym: false);
            foreach (var name in group)
            {
                // Registered with no uses: a lookup name of the entity, never chosen over a name the articles use.
                var node = Node(NameKey.OrderFree(name), ExtractionAcronym(name));
                Count(node, name, 0);
                Union(first, node);
            }

            _preferred.TryAdd(group[0], 0);
        }
    }

    /// <summary>Pass one: reads an article's entities.</summary>
    public void Add(long articleId, IReadOnlyList<LocalEntity> entities)
    {
        var nodes = new int[entities.Count];
        foreach (var entity in entities)
        {
            int node;
            if (entity.Names.Count > 0)
            {
                node = Node(NameKey.OrderFree(entity.Names[0]), acronym: false);
                Count(node, entity.Names[0], 1 + entity.Mentions);
                for (var i = 1; i < entity.Names.Count; i++)
                {
                    var other = Node(NameKey.OrderFree(entity.Names[i]), acronym: false);
                    Count(other, entity.Names[i], 1);
                    Union(node, other);
                }

                foreach (var acronym in entity.Acronyms)
                {
                    if (!_acronymOwners.TryGetValue(acronym, out var owners))
                    {
                        _acronymOwners[acronym] = owners = [];
                    }

                    owners.Add(node);
                    Count(Node(NameKey.Of(acronym), acronym: true), acronym, 1);
                }
            }
            else if (entity.Acronyms.Count > 0)
            {
                node = Node(NameKey.Of(entity.Acronyms[0]), acronym: true);
                Count(node, entity.Acronyms[0], 1 + entity.Mentions);
            }
            else
            {
                node = Node("#" + articleId + "/" + entity.Id, acronym: false);
            }

            _kindVotes[node][(int)entity.Kind]++;
            nodes[entity.Id] = node;
        }

        _articleNodes[articleId] = nodes;
    }

    /// <summary>Ends pass one: joins acronyms to their long forms and names the entities.</summary>
    public IReadOnlyList<ResolvedEntity> Complete()
    {
        // Long forms that share an acronym are one entity when one's words contain the other's.
        foreach (var (acronym, owners) in _acronymOwners)
        {
            var distinct = owners.Distinct().ToList();
            for (var i = 0; i < distinct.Count; i++)
            {
                for (var j = i + 1; j < distinct.Count && j < i + 64; j++)
                {
                    if (Find(distinct[i]) != Find(distinct[j]) && Alike(distinct[i], distinct[j]))
                    {
                        Union(distinct[i], distinct[j]);
                    }
                }
            }

            var roots = owners.Select(Find).Distinct().ToList();
            if (roots.Count == 1 && _nodes.TryGetValue(AcronymPrefix + NameKey.Of(acronym), out var acronymNode))
            {
                Union(roots[0], acronymNode);
            }
        }

        var members = new Dictionary<int, List<int>>();
        for (var n = 0; n < _parent.Count; n++)
        {
            var root = Find(n);
            if (!members.TryGetValue(root, out var list))
            {
                members[root] = list = [];
            }

            list.Add(n);
        }

        var articleCounts = new Dictionary<int, int>();
        foreach (var nodes in _articleNodes.Values)
        {
            foreach (var root in nodes.Select(Find).Distinct())
            {
                articleCounts[root] = articleCounts.GetValueOrDefault(root) + 1;
            }
        }

        _entityOfRoot = [];
        var entities = new List<ResolvedEntity>();
        foreach (var (root, nodes) in members.OrderBy(p => p.Key))
        {
            var count = articleCounts.GetValueOrDefault(root);
            if (count == 0)
            {
                continue;
            }

            var names = nodes
                .SelectMany(n => _names[n].Select(p => new ResolvedName(p.Key, NameKey.OrderFree(p.Key), _acronymNodes.Contains(n), p.Value)))
                .GroupBy(x => x.Name, StringComparer.Ordinal)
                .Select(g => g.First() with { Uses = g.Sum(x => x.Uses) })
                .OrderByDescending(x => x.Uses).ThenBy(x => x.Name, StringComparer.Ordinal)
                .ToList();
            if (names.Count == 0)
            {
                continue;
            }

            var best = names.Where(x => !x.IsAcronym && !IsQualifiedForm(x.Name))
                .OrderByDescending(x => x.Uses + (_preferred.ContainsKey(x.Name) ? 1 : 0))
                .ThenBy(x => x.Name.Length)
                .ThenBy(x => x.Name, StringComparer.Ordinal)
                .Select(x => x.Name)
                .FirstOrDefault() ?? names[0].Name;
            var votes = new int[_kindVotes[0].Length];
            foreach (var n in nodes)
            {
                for (var k = 0; k < votes.Length; k++)
                {
                    votes[k] += _kindVotes[n][k];
                }
            }

            votes[(int)EntityKind.Unknown] = 0;
            var kind = votes.Max() == 0 ? EntityKind.Unknown : (EntityKind)Array.IndexOf(votes, votes.Max());
            var id = entities.Count + 1;
            _entityOfRoot[root] = id;
            entities.Add(new ResolvedEntity(id, best, kind, names, count));
        }

        return entities;
    }

    /// <summary>Pass two: an article's facts (numbered from <paramref name="firstFactId"/>) and the entities it names, with global entity ids.</summary>
    public ResolvedArticle Map(long articleId, StoredExtraction extraction, long firstFactId)
    {
        // Sized for every fact and entity at first: mapping only drops some, and this runs for every article.
        var facts = new List<ResolvedFact>(extraction.Facts.Count);
        facts.AddRange(MapFacts(articleId, extraction));
        var named = new List<ArticleEntity>(extraction.Entities.Count);
        if (_articleNodes.TryGetValue(articleId, out var nodes))
        {
            var index = new Dictionary<long, int>(extraction.Entities.Count);
            foreach (var entity in extraction.Entities)
            {
                if (entity.Id >= nodes.Length || !_entityOfRoot!.TryGetValue(Find(nodes[entity.Id]), out var id))
                {
                    continue;
                }

                if (index.TryGetValue(id, out var at))
                {
                    named[at] = named[at] with { Mentions = named[at].Mentions + entity.Mentions };
                }
                else
                {
                    index[id] = named.Count;
                    named.Add(new ArticleEntity(id, entity.Mentions));
                }
            }
        }

        return new ResolvedArticle(articleId, firstFactId, facts, named);
    }

    /// <summary>Pass two: an article's facts with global entity ids.</summary>
    public IEnumerable<ResolvedFact> MapFacts(long articleId, StoredExtraction extraction)
    {
        if (_entityOfRoot is null)
        {
            throw new InvalidOperationException("Call Complete() before MapFacts().");
        }

        if (!_articleNodes.TryGetValue(articleId, out var nodes))
        {
            yield break;
        }

        long? Map(int? local) => local is { } l && l < nodes.Length && _entityOfRoot.TryGetValue(Find(nodes[l]), out var id) ? id : null;

        foreach (var fact in extraction.Facts)
        {
            if (Map(fact.Subject) is not { } subject)
            {
                continue;
            }

            var obj = Map(fact.Object);
            if (fact.Object is not null && obj is null)
            {
                continue;
            }

            var examples = fact.Examples?.Select(e => Map(e)).OfType<long>().Distinct().ToList() ?? [];
            yield return new ResolvedFact(fact.Kind, subject, obj, fact.Text, fact.Detail, Map(fact.For), articleId, fact.Sentence, examples);
        }
    }

    /// <summary>"Acme's CloudBank": a name qualified by its owner is an alias, never the best name.</summary>
    private static bool IsQualifiedForm(string name) => name.Contains("’s ", StringComparison.Ordinal) || name.Contains("'s ", StringComparison.Ordinal);

    private static bool ExtractionAcronym(string name) => ArticleExtractor.IsAcronymToken(name);

    /// <summary>Two long forms are alike when the words of one contain the other's ("based", "the", "of", "and" aside).</summary>
    private bool Alike(int a, int b)
    {
        HashSet<string> Words(int node) =>
            _names[node].Keys.SelectMany(n => NameKey.Of(n).Split(' ')).Where(w => w is not ("based" or "the" or "of" or "and")).ToHashSet(StringComparer.Ordinal);

        var wa = Words(a);
        var wb = Words(b);
        return wa.Count > 0 && wb.Count > 0 && (wa.IsSubsetOf(wb) || wb.IsSubsetOf(wa));
    }

    private int Node(string key, bool acronym)
    {
        if (acronym)
        {
            key = AcronymPrefix + key;
        }

        if (_nodes.TryGetValue(key, out var node))
        {
            return node;
        }

        node = _parent.Count;
        _nodes[key] = node;
        _parent.Add(node);
        _names.Add(new Dictionary<string, int>(StringComparer.Ordinal));
        _kindVotes.Add(new int[Enum.GetValues<EntityKind>().Length]);
        if (acronym)
        {
            _acronymNodes.Add(node);
        }

        return node;
    }

    private void Count(int node, string name, int uses) => _names[node][name] = _names[node].GetValueOrDefault(name) + uses;

    private int Find(int n)
    {
        while (_parent[n] != n)
        {
            _parent[n] = _parent[_parent[n]];
            n = _parent[n];
        }

        return n;
    }

    private void Union(int a, int b)
    {
        var ra = Find(a);
        var rb = Find(b);
        if (ra != rb)
        {
            _parent[Math.Max(ra, rb)] = Math.Min(ra, rb);
        }
    }
}

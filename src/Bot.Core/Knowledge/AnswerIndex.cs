using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Bot.Core.Extraction;

namespace Bot.Core.Knowledge;

/// <summary>A section of an answer about one entity: what <c>/about</c> and <c>/members</c> list.</summary>
public enum AnswerSection
{
    /// <summary>What it is: descriptions of it.</summary>
    Description = 0,
    /// <summary>What it provides, and for whom.</summary>
    Provides = 1,
    /// <summary>The titles it (a person) holds, and where.</summary>
    Roles = 2,
    /// <summary>Where it is headquartered.</summary>
    Headquarters = 3,
    /// <summary>What it is a member of.</summary>
    MemberOf = 4,
    /// <summary>Who initiated it.</summary>
    InitiatedBy = 5,
    /// <summary>Its members (the member relation only).</summary>
    Members = 6,
    /// <summary>The counts stated of it ("14 members").</summary>
    Size = 7,
    /// <summary>People with a title at it.</summary>
    People = 8,
    /// <summary>Who invested in it.</summary>
    Investors = 9,
    /// <summary>What it invested in.</summary>
    InvestedIn = 10,
    /// <summary>What it initiated.</summary>
    Initiated = 11,
    /// <summary>What it runs on.</summary>
    Uses = 12,
    /// <summary>What runs on it.</summary>
    UsedBy = 13,
    /// <summary>Who provides something for it.</summary>
    Providers = 14,
    /// <summary>Who it works with.</summary>
    Partners = 15,
    /// <summary>What is headquartered in it (a place).</summary>
    BasedHere = 16,
    /// <summary>Counts of others that name it among their examples.</summary>
    ListedAmong = 17,
    /// <summary>What <c>/members</c> lists: members and initiators, one line per entity, members first.</summary>
    GroupMembers = 18,
    /// <summary>
    /// Holders of one title at it (a person's line per title, <see cref="AnswerLine.Group"/> the title's key), kept only
    /// for titles that the articles give to more than one person: where the articles disagree.
    /// </summary>
    RoleHolders = 19,
    /// <summary>Not a section: the articles every <c>/about</c> section rests on, together (<see cref="SectionTotal.Articles"/>).</summary>
    AllAbout = 30,
    /// <summary>Not a section: the articles <see cref="GroupMembers"/> and <see cref="Size"/> rest on, together.</summary>
    AllMembers = 31,
}

/// <summary>What an answer line tells about the entity it is listed under.</summary>
[Flags]
public enum AnswerFlags : byte
{
    /// <summary>Nothing more.</summary>
    None = 0,
    /// <summary>The articles say it is a member (of the group the line is under).</summary>
    Member = 1,
    /// <summary>The articles say it initiated the group the line is under.</summary>
    Initiator = 2,
}

/// <summary>
/// One line of an answer, ready to show: every fact with the same label and detail in one section, with how many
/// articles state it and the ones to cite. Lines are built when the knowledge is resolved, so an answer about a group
/// named in thousands of articles reads a few dozen rows instead of every fact.
/// </summary>
/// <param name="Section">The section it belongs to.</param>
/// <param name="Rank">Its place in the section (0 first).</param>
/// <param name="Label">What is shown (a name, a description, a title).</param>
/// <param name="Detail">What follows the label, or null.</param>
/// <param name="Link">The name a follow-up command is about (the other entity), or null.</param>
/// <param name="LinkEntity">The other entity, or null.</param>
/// <param name="Articles">How many articles state it.</param>
/// <param name="Cited">The articles to cite, in the order to number them: all of them up to <see cref="AnswerIndex.CitedPerLine"/>, else the newest.</param>
/// <param name="Flags">Member or initiator, for <see cref="AnswerSection.GroupMembers"/>.</param>
/// <param name="Group">For <see cref="AnswerSection.RoleHolders"/>: the title's key.</param>
/// <param name="GroupLines">For <see cref="AnswerSection.RoleHolders"/>: how many people the articles give the title (more than are kept).</param>
public sealed record AnswerLine(AnswerSection Section, int Rank, string Label, string? Detail, string? Link, long? LinkEntity, int Articles, IReadOnlyList<long> Cited, AnswerFlags Flags, string? Group, int GroupLines);

/// <summary>How many lines a section has in all (only the first are kept) and how many articles it rests on.</summary>
public sealed record SectionTotal(int Lines, int Articles);

/// <summary>An entity's answer lines and section totals, as the store returns them.</summary>
public sealed record EntityAnswers(IReadOnlyList<AnswerLine> Lines, IReadOnlyDictionary<AnswerSection, SectionTotal> Totals)
{
    /// <summary>The lines of one section, in rank order.</summary>
    public IEnumerable<AnswerLine> Of(AnswerSection section) => Lines.Where(l => l.Section == section);

    /// <summary>The totals of one section (zero when it has none).</summary>
    public SectionTotal Total(AnswerSection section) => Totals.GetValueOrDefault(section, new SectionTotal(0, 0));
}

/// <summary>
/// Builds the answer lines of every entity from the resolved facts, in one pass: feed it every fact in article order
/// (<see cref="Add"/>), then take <see cref="Totals"/> and <see cref="Lines"/>. It holds one small struct per distinct
/// line (36 bytes, and a 16-byte key; names are looked up when the kept lines are written), never the facts.
/// </summary>
public sealed class AnswerIndex
{
    /// <summary>The most lines kept in one <c>/about</c> section: an overview; /members lists more.</summary>
    public const int PerSection = 10;

    /// <summary>The most members <c>/members</c> lists.</summary>
    public const int MembersListed = 100;

    /// <summary>The most titles in dispute kept per entity, and the most holders kept per title.</summary>
    public const int DisputedTitles = 10;

    /// <summary>The most articles one line cites; the others are counted.</summary>
    public const int CitedPerLine = 5;

    private const char Separator = '\u001f';
    private const int EntityBits = 27;

    private readonly Dictionary<int, ResolvedEntity> _entities;
    private readonly List<LineState> _states = [];
    private readonly Dictionary<int, string> _titles = [];
    private readonly Dictionary<(int Entity, AnswerSection Section), (int Last, int Articles)> _articles = [];
    private Dictionary<LineKey, int> _index = [];
    private int _lastArticle;

    /// <summary>Starts an index over these entities.</summary>
    public AnswerIndex(IEnumerable<ResolvedEntity> entities)
    {
        _entities = entities.ToDictionary(e => checked((int)e.Id));
        if (_entities.Count > 0 && _entities.Keys.Max() >= 1 << EntityBits)
        {
            throw new InvalidOperationException($"Entity ids must be below {1 << EntityBits}.");
        }
    }

    /// <summary>Adds one fact; facts must come in article order.</summary>
    public void Add(long factId, ResolvedFact fact)
    {
        var article = checked((int)fact.ArticleId);
        if (article < _lastArticle)
        {
            throw new InvalidOperationException("Facts must be added in article order.");
        }

        _lastArticle = article;
        var s = checked((int)fact.Subject);
        var o = fact.Object is { } objectId ? checked((int)objectId) : 0;
        if (!_entities.ContainsKey(s) || (o != 0 && !_entities.ContainsKey(o)))
        {
            return;
        }

        var at = new Fact(checked((int)factId), article);
        switch (fact.Kind)
        {
            case FactKind.Description when fact.Text is not null:
                About(s, AnswerSection.Description, 0, fact.Text, at);
                break;
            case FactKind.Provider when fact.Text is not null:
                var target = fact.For is { } f && _entities.ContainsKey(checked((int)f)) ? (int)f : 0;
                About(s, AnswerSection.Provides, target, fact.Text, at);
                if (target != 0)
                {
                    About(target, AnswerSection.Providers, s, fact.Text, at);
                }

                break;
            case FactKind.Role when o != 0:
                About(s, AnswerSection.Roles, o, fact.Detail ?? string.Empty, at);
                About(o, AnswerSection.People, s, fact.Detail, at);
                var holder = Line(o, AnswerSection.RoleHolders, s, NameKey.Of(fact.Detail ?? string.Empty), at, AnswerFlags.None);
                _titles.TryAdd(holder, fact.Detail ?? string.Empty);
                break;
            case FactKind.Headquarters when o != 0 || fact.Text is not null:
                About(s, AnswerSection.Headquarters, o, o == 0 ? fact.Text : null, at);
                if (o != 0)
                {
                    About(o, AnswerSection.BasedHere, s, null, at);
                }

                break;
            case FactKind.Member or FactKind.Initiator when o != 0:
                var member = fact.Kind == FactKind.Member;
                About(s, member ? AnswerSection.MemberOf : AnswerSection.Initiated, o, null, at);
                About(o, member ? AnswerSection.Members : AnswerSection.InitiatedBy, s, null, at);
                Line(o, AnswerSection.GroupMembers, s, null, at, member ? AnswerFlags.Member : AnswerFlags.Initiator);
                Articles(o, AnswerSection.AllMembers, article);
                break;
            case FactKind.Investor when o != 0:
                About(s, AnswerSection.InvestedIn, o, null, at);
                About(o, AnswerSection.Investors, s, null, at);
                break;
            case FactKind.Uses when o != 0:
                About(s, AnswerSection.Uses, o, null, at);
                About(o, AnswerSection.UsedBy, s, null, at);
                break;
            case FactKind.Partner when o != 0:
                About(s, AnswerSection.Partners, o, null, at);
                if (o != s)
                {
                    About(o, AnswerSection.Partners, s, null, at);
                }

                break;
            case FactKind.Count when fact.Text is not null:
                var examples = fact.Examples.Select(e => _entities.GetValueOrDefault(checked((int)e))?.Name).OfType<string>().ToList();
                About(s, AnswerSection.Size, 0, examples.Count > 0 ? fact.Text + Separator + "including " + string.Join(", ", examples) : fact.Text, at);
                Articles(s, AnswerSection.AllMembers, article);
                foreach (var example in fact.Examples.Distinct())
                {
                    if (example != s && _entities.ContainsKey(checked((int)example)))
                    {
                        About((int)example, AnswerSection.ListedAmong, s, fact.Text, at);
                    }
                }

                break;
        }
    }

    /// <summary>How many lines and articles each entity's sections have in all. Call before <see cref="Lines"/>.</summary>
    public IEnumerable<(long Entity, AnswerSection Section, SectionTotal Total)> Totals()
    {
        var lines = new Dictionary<(int, AnswerSection), int>();
        foreach (var key in _index.Keys)
        {
            lines[(key.Entity, key.Section)] = lines.GetValueOrDefault((key.Entity, key.Section)) + 1;
        }

        foreach (var ((entity, section), (_, articles)) in _articles.OrderBy(p => p.Key.Entity).ThenBy(p => p.Key.Section))
        {
            yield return (entity, section, new SectionTotal(lines.GetValueOrDefault((entity, section)), articles));
        }
    }

    /// <summary>
    /// The lines to keep: per entity and section the first ones, in the order the answers show them. The index is
    /// consumed: its lookup table is let go first, so the keys are held once while they are sorted.
    /// </summary>
    public IEnumerable<(long Entity, AnswerLine Line)> Lines()
    {
        var keys = new LineKey[_states.Count];
        foreach (var (key, state) in _index)
        {
            keys[state] = key;
        }

        _index = [];
        var order = new int[keys.Length];
        for (var i = 0; i < order.Length; i++)
        {
            order[i] = i;
        }

        Array.Sort(order, (a, b) => keys[a].Packed.CompareTo(keys[b].Packed) is var c && c != 0 ? c : a.CompareTo(b));
        var start = 0;
        while (start < order.Length)
        {
            var first = keys[order[start]];
            var end = start + 1;
            while (end < order.Length && keys[order[end]].Entity == first.Entity && keys[order[end]].Section == first.Section)
            {
                end++;
            }

            var group = new ArraySegment<int>(order, start, end - start);
            var kept = first.Section switch
            {
                AnswerSection.GroupMembers => Members(group),
                AnswerSection.RoleHolders => Disputes(group, keys),
                _ => [.. group.OrderByDescending(i => _states[i].Articles).ThenBy(i => _states[i].FirstFact).Take(PerSection).Select(i => (i, 0))],
            };
            var rank = 0;
            foreach (var (line, groupLines) in kept)
            {
                yield return (first.Entity, ToLine(keys[line], line, rank++, groupLines));
            }

            start = end;
        }
    }

    /// <summary>Members before those only said to have initiated it; then the most articles, the first named, the first stated.</summary>
    private List<(int Line, int GroupLines)> Members(IEnumerable<int> lines) => [.. lines
        .OrderByDescending(i => (_states[i].Flags & AnswerFlags.Member) != 0)
        .ThenByDescending(i => _states[i].Articles)
        .ThenBy(i => _states[i].FirstArticle)
        .ThenBy(i => _states[i].FirstFact)
        .Take(MembersListed)
        .Select(i => (i, 0))];

    /// <summary>Titles given to more than one person, the most disputed first; each title's holders in the order first stated.</summary>
    private List<(int Line, int GroupLines)> Disputes(IEnumerable<int> lines, LineKey[] keys) => [.. lines
        .GroupBy(i => keys[i].Text!, StringComparer.Ordinal)
        .Where(g => g.Count() > 1)
        .OrderByDescending(g => g.Count()).ThenBy(g => g.Min(i => _states[i].FirstFact))
        .Take(DisputedTitles)
        .SelectMany(g => g.OrderBy(i => _states[i].FirstFact).Take(DisputedTitles).Select(i => (i, g.Count())))];

    private AnswerLine ToLine(LineKey key, int index, int rank, int groupLines)
    {
        var state = _states[index];
        var other = key.Other != 0 ? _entities[key.Other].Name : null;
        var text = key.Text;
        var (label, detail) = key.Section switch
        {
            AnswerSection.Description => (text!, null),
            AnswerSection.Size => text!.IndexOf(Separator, StringComparison.Ordinal) is var cut and >= 0 ? (text[..cut], text[(cut + 1)..]) : (text, null),
            AnswerSection.Provides => (text!, other is null ? null : "for " + other),
            AnswerSection.Roles => (text + " of " + other, null),
            AnswerSection.Headquarters => (other ?? text!, null),
            AnswerSection.ListedAmong => (text!, "reported by " + other),
            AnswerSection.RoleHolders => (other!, _titles.GetValueOrDefault(index)),
            AnswerSection.GroupMembers => (other!, Aliases(_entities[key.Other])),
            _ => (other!, text),
        };

        // Cited as an answer numbers them: all of them in the order stated when few, else the newest first.
        var recent = state.Recent();
        IReadOnlyList<long> cited = state.Articles <= CitedPerLine ? recent : [.. recent.AsEnumerable().Reverse()];
        return new AnswerLine(key.Section, rank, label, detail, other, key.Other != 0 ? key.Other : null, state.Articles, cited, state.Flags,
            key.Section == AnswerSection.RoleHolders ? text : null, groupLines);
    }

    /// <summary>"also CBN, Chain Bank Network": a member's other names as /members shows them (not "Owner's Name" forms).</summary>
    private static string? Aliases(ResolvedEntity entity)
    {
        var names = entity.Names
            .Where(n => n.Name != entity.Name && !n.Name.Contains("’s ", StringComparison.Ordinal) && !n.Name.Contains("'s ", StringComparison.Ordinal))
            .OrderByDescending(n => n.IsAcronym).ThenByDescending(n => n.Uses).ThenBy(n => n.Name, StringComparer.Ordinal)
            .Select(n => n.Name)
            .ToList();
        return names.Count > 0 ? "also " + string.Join(", ", names) : null;
    }

    /// <summary>A line of an <c>/about</c> section; it counts toward the entity's /about basis.</summary>
    private void About(int entity, AnswerSection section, int other, string? text, Fact fact)
    {
        Line(entity, section, other, text, fact, AnswerFlags.None);
        Articles(entity, AnswerSection.AllAbout, fact.Article);
    }

    private int Line(int entity, AnswerSection section, int other, string? text, Fact fact, AnswerFlags flags)
    {
        ref var slot = ref CollectionsMarshal.GetValueRefOrAddDefault(_index, new LineKey(entity, section, other, text), out var exists);
        if (!exists)
        {
            slot = _states.Count;
            _states.Add(new LineState { FirstArticle = fact.Article, FirstFact = fact.Id });
        }

        ref var state = ref CollectionsMarshal.AsSpan(_states)[slot];
        state.Flags |= flags;
        state.Saw(fact.Article);
        Articles(entity, section, fact.Article);
        return slot;
    }

    private void Articles(int entity, AnswerSection section, int article)
    {
        ref var count = ref CollectionsMarshal.GetValueRefOrAddDefault(_articles, (entity, section), out _);
        if (count.Articles == 0 || count.Last != article)
        {
            count = (article, count.Articles + 1);
        }
    }

    private readonly record struct Fact(int Id, int Article);

    /// <summary>
    /// A line's identity in 16 bytes: the entity it is listed under, the section and the other entity it names (0 for
    /// none) packed in one number (sorting by it groups the lines by entity, then section), and the text it shows, if
    /// any (for a title holder, the title's key; for a size, the count and its examples).
    /// </summary>
    private readonly record struct LineKey(long Packed, string? Text)
    {
        public LineKey(int entity, AnswerSection section, int other, string? text)
            : this(((long)entity << 37) | ((long)section << 32) | (uint)other, text)
        {
        }

        public int Entity => (int)(Packed >> 37);

        public AnswerSection Section => (AnswerSection)((Packed >> 32) & 0x1f);

        public int Other => (int)(Packed & 0xffffffff);
    }

    [InlineArray(CitedPerLine)]
    private struct RecentArticles
    {
        private int _first;
    }

    private struct LineState
    {
        public int FirstArticle;
        public int FirstFact;
        public int Articles;
        public AnswerFlags Flags;
        private RecentArticles _recent;

        /// <summary>Counts an article once (facts come in article order) and keeps the newest few.</summary>
        public void Saw(int article)
        {
            if (Articles > 0 && _recent[(Articles - 1) % CitedPerLine] == article)
            {
                return;
            }

            _recent[Articles % CitedPerLine] = article;
            Articles++;
        }

        /// <summary>The newest articles, oldest first.</summary>
        public readonly long[] Recent()
        {
            var n = Math.Min(Articles, CitedPerLine);
            var result = new long[n];
            for (var k = 0; k < n; k++)
            {
                result[k] = _recent[(Articles - n + k) % CitedPerLine];
            }

            return result;
        }
    }
}

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

/// <summary>One section of one entity's answers as the index builds them: its totals and the lines kept.</summary>
/// <param name="Entity">The entity.</param>
/// <param name="Section">The section.</param>
/// <param name="Total">How many lines it has in all and how many articles it rests on.</param>
/// <param name="Lines">The lines kept, in rank order (none for the <see cref="AnswerSection.AllAbout"/> and <see cref="AnswerSection.AllMembers"/> totals).</param>
public sealed record AnswerSectionLines(long Entity, AnswerSection Section, SectionTotal Total, IReadOnlyList<AnswerLine> Lines);

/// <summary>
/// Builds the answer lines of every entity from the resolved facts, in one pass: feed it every fact in article order
/// (<see cref="Add"/>), then take <see cref="Sections"/>. It holds one small struct per distinct relation (a 16-byte
/// key and 32 bytes of counts), never the facts; a relation both ends show ("A is a member of B") is held once and
/// listed under both.
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
    private const int EntityBits = 26;
    private const int SectionBits = 5;

    private readonly Dictionary<int, ResolvedEntity> _entities;
    private readonly StateChunks _states = new();
    private readonly bool[] _known;

    /// <summary>Articles counted per entity and section, keyed by <see cref="CountKey"/> (an int key hashes and compares cheaply: resolution adds some ten million counts at 100,000 articles).</summary>
    private readonly Dictionary<int, (int Last, int Articles)> _articles = [];
    private Dictionary<LineKey, int> _index = [];
    private int _lastArticle;

    /// <summary>Starts an index over these entities.</summary>
    public AnswerIndex(IEnumerable<ResolvedEntity> entities)
    {
        _entities = entities.ToDictionary(e => checked((int)e.Id));
        var maxId = _entities.Count > 0 ? _entities.Keys.Max() : 0;
        if (maxId >= 1 << EntityBits || (_entities.Count > 0 && _entities.Keys.Min() < 1))
        {
            throw new InvalidOperationException($"Entity ids must be from 1 to {(1 << EntityBits) - 1}.");
        }

        // Whether an id is an entity's, looked up for every fact: one byte per id, as ids are numbered from 1.
        _known = new bool[maxId + 1];
        foreach (var id in _entities.Keys)
        {
            _known[id] = true;
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
        if (!Known(s) || (o != 0 && !Known(o)))
        {
            return;
        }

        var at = new Fact(checked((int)factId), article);
        switch (fact.Kind)
        {
            case FactKind.Description when fact.Text is not null:
                Relation(s, AnswerSection.Description, 0, fact.Text, at);
                break;
            case FactKind.Provider when fact.Text is not null:
                Relation(s, AnswerSection.Provides, fact.For is { } f && Known(f) ? (int)f : 0, fact.Text, at);
                break;
            case FactKind.Role when o != 0:
                Relation(s, AnswerSection.Roles, o, fact.Detail ?? string.Empty, at);
                break;
            case FactKind.Headquarters when o != 0 || fact.Text is not null:
                Relation(s, AnswerSection.Headquarters, o, o == 0 ? fact.Text : null, at);
                break;
            case FactKind.Member or FactKind.Initiator when o != 0:
                var member = fact.Kind == FactKind.Member;
                Relation(s, member ? AnswerSection.MemberOf : AnswerSection.Initiated, o, null, at);
                Line(o, AnswerSection.GroupMembers, s, null, at, member ? AnswerFlags.Member : AnswerFlags.Initiator);
                Articles(o, AnswerSection.GroupMembers, article);
                Articles(o, AnswerSection.AllMembers, article);
                break;
            case FactKind.Investor when o != 0:
                Relation(s, AnswerSection.InvestedIn, o, null, at);
                break;
            case FactKind.Uses when o != 0:
                Relation(s, AnswerSection.Uses, o, null, at);
                break;
            case FactKind.Partner when o != 0:
                // Either way round, one partnership: held under the lower id, listed under both.
                Relation(Math.Min(s, o), AnswerSection.Partners, Math.Max(s, o), null, at);
                break;
            case FactKind.Count when fact.Text is not null:
                var examples = fact.Examples.Select(e => _entities.GetValueOrDefault(checked((int)e))?.Name).OfType<string>().ToList();
                Relation(s, AnswerSection.Size, 0, examples.Count > 0 ? fact.Text + Separator + "including " + string.Join(", ", examples) : fact.Text, at);
                Articles(s, AnswerSection.AllMembers, article);
                foreach (var example in fact.Examples.Distinct())
                {
                    if (example != s && Known(example))
                    {
                        Relation((int)example, AnswerSection.ListedAmong, s, fact.Text, at);
                    }
                }

                break;
        }
    }

    /// <summary>
    /// Every entity's sections, with the lines to keep: per section the first ones, in the order the answers show them.
    /// The index is consumed: its lookup table is let go first, so each key is held once while the lines are sorted.
    /// </summary>
    public IEnumerable<AnswerSectionLines> Sections()
    {
        var keys = new LineKey[_states.Count];
        foreach (var (key, state) in _index)
        {
            keys[state] = key;
        }

        // The lookup table is the index's largest part: let it go before the views are built.
        _index = [];

        // One view per end that lists a relation: (entity, section, relation), sorted so each section's lines are together.
        var views = new List<long>(keys.Length * 2);
        for (var i = 0; i < keys.Length; i++)
        {
            views.Add(View(keys[i].Entity, keys[i].Section, i));
            if (Mirror(keys[i]) is { } mirror)
            {
                views.Add(View(keys[i].Other, mirror, i));
            }
        }

        views.Sort();
        var mostArticles = new LineOrder(_states, membersFirst: false);
        var membersFirst = new LineOrder(_states, membersFirst: true);
        var start = 0;
        while (start < views.Count)
        {
            var (entity, section, _) = Unpack(views[start]);
            var end = start + 1;
            while (end < views.Count && (views[end] >> 32) == (views[start] >> 32))
            {
                end++;
            }

            var lines = new int[end - start];
            for (var k = start; k < end; k++)
            {
                lines[k - start] = Unpack(views[k]).Relation;
            }

            // The disputes read the lines in relation order; then they are sorted in place (the relation's index the last
            // tie-break: the order a stable sort would give).
            var disputes = section == AnswerSection.People ? Disputes(entity, lines, keys) : null;
            var members = section == AnswerSection.GroupMembers;
            Array.Sort(lines, members ? membersFirst : mostArticles);
            var kept = new AnswerLine[Math.Min(lines.Length, members ? MembersListed : PerSection)];
            for (var rank = 0; rank < kept.Length; rank++)
            {
                kept[rank] = ToLine(entity, section, keys[lines[rank]], _states[lines[rank]], rank, 0);
            }

            yield return new AnswerSectionLines(entity, section, new SectionTotal(lines.Length, Counted(entity, section)), kept);
            if (disputes is { Count: > 0 })
            {
                yield return new AnswerSectionLines(entity, AnswerSection.RoleHolders, new SectionTotal(disputes.Count, 0), disputes);
            }

            start = end;
        }

        foreach (var (key, (_, articles)) in _articles)
        {
            var (entity, section) = (key >> SectionBits, (AnswerSection)(key & 0x1f));
            if (section is AnswerSection.AllAbout or AnswerSection.AllMembers)
            {
                yield return new AnswerSectionLines(entity, section, new SectionTotal(0, articles), []);
            }
        }
    }

    /// <summary>The section the other end lists a relation under, or null when only one end lists it.</summary>
    private static AnswerSection? Mirror(LineKey key) => key.Other == 0 || (key.Section == AnswerSection.Partners && key.Other == key.Entity) ? null : key.Section switch
    {
        AnswerSection.MemberOf => AnswerSection.Members,
        AnswerSection.Initiated => AnswerSection.InitiatedBy,
        AnswerSection.InvestedIn => AnswerSection.Investors,
        AnswerSection.Uses => AnswerSection.UsedBy,
        AnswerSection.Roles => AnswerSection.People,
        AnswerSection.Headquarters => AnswerSection.BasedHere,
        AnswerSection.Provides => AnswerSection.Providers,
        AnswerSection.Partners => AnswerSection.Partners,
        _ => null,
    };

    private static long View(int entity, AnswerSection section, int relation) => ((long)entity << 37) | ((long)section << 32) | (uint)relation;

    private static (int Entity, AnswerSection Section, int Relation) Unpack(long view) => ((int)(view >> 37), (AnswerSection)((view >> 32) & 0x1f), (int)(view & 0xffffffff));

    private int Counted(int entity, AnswerSection section) => _articles.GetValueOrDefault(CountKey(entity, section)).Articles;

    /// <summary>An entity's section as one number: the entity's id above the section's five bits.</summary>
    private static int CountKey(int entity, AnswerSection section) => (entity << SectionBits) | (int)section;

    private bool Known(long id) => id > 0 && id < _known.Length && _known[id];

    /// <summary>
    /// Titles at <paramref name="entity"/> the articles give to more than one person (its People lines by title key),
    /// the most disputed first; each title's holders in the order first stated, each with the line of most articles.
    /// </summary>
    private List<AnswerLine> Disputes(int entity, int[] people, LineKey[] keys)
    {
        var titles = people
            .GroupBy(i => NameKey.Of(keys[i].Text ?? string.Empty), StringComparer.Ordinal)
            .Select(g => (Key: g.Key, Holders: g.GroupBy(i => keys[i].Entity).Select(h => h.OrderByDescending(i => _states[i].Articles).ThenBy(i => _states[i].FirstFact).First()).ToList()))
            .Where(t => t.Holders.Count > 1)
            .OrderByDescending(t => t.Holders.Count).ThenBy(t => t.Holders.Min(i => _states[i].FirstFact))
            .Take(DisputedTitles);
        var lines = new List<AnswerLine>();
        foreach (var (key, holders) in titles)
        {
            foreach (var i in holders.OrderBy(i => _states[i].FirstFact).Take(DisputedTitles))
            {
                lines.Add(ToLine(entity, AnswerSection.RoleHolders, keys[i], _states[i], lines.Count, holders.Count) with { Group = key });
            }
        }

        return lines;
    }

    private AnswerLine ToLine(int entity, AnswerSection section, LineKey key, LineState state, int rank, int groupLines)
    {
        // Listed under its own entity, a relation names its other end; listed under the other end, it names its own.
        var otherId = key.Entity == entity && section == key.Section ? key.Other : key.Entity;
        var other = otherId != 0 ? _entities[otherId].Name : null;
        var text = key.Text;
        var (label, detail) = section switch
        {
            AnswerSection.Description => (text!, null),
            AnswerSection.Size => text!.IndexOf(Separator, StringComparison.Ordinal) is var cut and >= 0 ? (text[..cut], text[(cut + 1)..]) : (text, null),
            AnswerSection.Provides => (text!, other is null ? null : "for " + other),
            AnswerSection.Roles => (text + " of " + other, null),
            AnswerSection.Headquarters => (other ?? text!, null),
            AnswerSection.ListedAmong => (text!, "reported by " + other),
            AnswerSection.GroupMembers => (other!, Aliases(_entities[otherId])),
            AnswerSection.People or AnswerSection.Providers or AnswerSection.RoleHolders => (other!, text),
            _ => (other!, null),
        };

        // Cited as an answer numbers them: all of them in the order stated when few, else the newest first.
        var recent = state.Recent();
        IReadOnlyList<long> cited = state.Articles <= CitedPerLine ? recent : [.. recent.AsEnumerable().Reverse()];
        return new AnswerLine(section, rank, label, detail, other, otherId != 0 ? otherId : null, state.Articles, cited, state.Flags, null, groupLines);
    }

    /// <summary>"also KCN, Kestrel Chain Network": a member's other names as /members shows them (not "Owner's Name" forms).</summary>
    private static string? Aliases(ResolvedEntity entity)
    {
        var names = entity.Names
            .Where(n => n.Name != entity.Name && !n.Name.Contains("’s ", StringComparison.Ordinal) && !n.Name.Contains("'s ", StringComparison.Ordinal))
            .OrderByDescending(n => n.IsAcronym).ThenByDescending(n => n.Uses).ThenBy(n => n.Name, StringComparer.Ordinal)
            .Select(n => n.Name)
            .ToList();
        return names.Count > 0 ? "also " + string.Join(", ", names) : null;
    }

    /// <summary>A relation /about shows: counted toward the sections and the /about basis of both ends that list it.</summary>
    private void Relation(int entity, AnswerSection section, int other, string? text, Fact fact)
    {
        var key = new LineKey(entity, section, other, text);
        Line(entity, section, other, text, fact, AnswerFlags.None);
        Articles(entity, section, fact.Article);
        Articles(entity, AnswerSection.AllAbout, fact.Article);
        if (Mirror(key) is { } mirror)
        {
            Articles(other, mirror, fact.Article);
            Articles(other, AnswerSection.AllAbout, fact.Article);
        }
    }

    private void Line(int entity, AnswerSection section, int other, string? text, Fact fact, AnswerFlags flags)
    {
        ref var slot = ref CollectionsMarshal.GetValueRefOrAddDefault(_index, new LineKey(entity, section, other, text), out var exists);
        if (!exists)
        {
            slot = _states.Add(new LineState { FirstFact = fact.Id });
        }

        ref var state = ref _states[slot];
        state.Flags |= flags;
        state.Saw(fact.Article);
    }

    private void Articles(int entity, AnswerSection section, int article)
    {
        ref var count = ref CollectionsMarshal.GetValueRefOrAddDefault(_articles, CountKey(entity, section), out _);
        if (count.Articles == 0 || count.Last != article)
        {
            count = (article, count.Articles + 1);
        }
    }

    private readonly record struct Fact(int Id, int Article);

    /// <summary>
    /// A relation's identity in 16 bytes: the entity that states it, the section it lists it under and the other entity
    /// (0 for none) packed in one number, and the text it shows, if any (a description, a title, a count and its examples).
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

        /// <summary>
        /// Mixes both halves of the packed number: the default hash of a long folds them with XOR, so the other entity's id
        /// cancels against the entity's (at 10,000 articles, 191,473 lines had 138,505 distinct hashes; mixed, all differ).
        /// </summary>
        public override int GetHashCode() => HashCode.Combine((int)Packed, (int)(Packed >> 32), Text);

        public bool Equals(LineKey other) => Packed == other.Packed && string.Equals(Text, other.Text, StringComparison.Ordinal);
    }

    /// <summary>
    /// The order of a section's lines (relation indexes): members first when asked (for <c>/members</c>), then the most
    /// articles, then the first stated, then the relation's index.
    /// </summary>
    private sealed class LineOrder(StateChunks states, bool membersFirst) : IComparer<int>
    {
        public int Compare(int x, int y)
        {
            ref var a = ref states[x];
            ref var b = ref states[y];
            if (membersFirst && ((a.Flags & AnswerFlags.Member) != 0) != ((b.Flags & AnswerFlags.Member) != 0))
            {
                return (a.Flags & AnswerFlags.Member) != 0 ? -1 : 1;
            }

            return a.Articles != b.Articles ? b.Articles.CompareTo(a.Articles)
                : a.FirstFact != b.FirstFact ? a.FirstFact.CompareTo(b.FirstFact)
                : x.CompareTo(y);
        }
    }

    /// <summary>Line states in fixed chunks: growing never copies what is held (a million lines at 100,000 articles).</summary>
    private sealed class StateChunks
    {
        private const int ChunkBits = 16;
        private readonly List<LineState[]> _chunks = [];

        public int Count { get; private set; }

        public ref LineState this[int index] => ref _chunks[index >> ChunkBits][index & ((1 << ChunkBits) - 1)];

        public int Add(LineState state)
        {
            if ((Count >> ChunkBits) == _chunks.Count)
            {
                _chunks.Add(new LineState[1 << ChunkBits]);
            }

            this[Count] = state;
            return Count++;
        }
    }

    [InlineArray(CitedPerLine)]
    private struct RecentArticles
    {
        private int _first;
    }

    /// <summary>What is counted of one relation: its first fact (facts are numbered in article order), its articles, the newest few.</summary>
    private struct LineState
    {
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

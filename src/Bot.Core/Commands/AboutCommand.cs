using Bot.Core.Extraction;
using Bot.Core.Knowledge;
using Bot.Core.Replies;

namespace Bot.Core.Commands;

/// <summary>/about &lt;name&gt;: what the articles say an entity is and how it relates to others, both ways, with sources and disagreements.</summary>
internal sealed class AboutCommand(IKnowledgeReader knowledge, EntityLookup lookup, ReplyCache cache) : ICommandHandler
{
    private const int MaxPerSection = 25;

    public CommandInfo Info { get; } = new("about", "What the articles say about an organisation, alliance or person", "/about <name>", CommandArgument.EntityName, "name", true);

    public Reply Handle(string argument, CommandRequest request)
    {
        if (Replies.FindEntity(lookup, Info, argument, "About whom? Give a name or an acronym, as the articles write it.", out var found) is { } refusal)
        {
            return refusal;
        }

        return cache.GetOrBuild(Info.Name, found.Id, () => Answer(found));
    }

    private Reply Answer(EntityRecord e)
    {
        var facts = knowledge.FactsAbout(e.Id, withEvidence: false);
        var sources = new Sources(knowledge);
        var blocks = new List<ReplyBlock>();
        var aliases = e.Aliases.Where(a => a != e.Name).ToList();
        if (aliases.Count > 0)
        {
            blocks.Add(new Paragraph("Also called: " + string.Join(", ", aliases) + "."));
        }

        bool Subject(FactRecord f, FactKind kind) => f.Kind == kind && f.SubjectId == e.Id;
        bool Object(FactRecord f, FactKind kind) => f.Kind == kind && f.ObjectId == e.Id;

        Add(blocks, "What it is", facts.Where(f => Subject(f, FactKind.Description)), f => f.Text!, _ => null, sources, null);
        Add(blocks, "Provides", facts.Where(f => Subject(f, FactKind.Provider)), f => f.Text!, f => f.ForName is null ? null : "for " + f.ForName, sources, f => f.ForName is null ? null : "/about " + f.ForName);
        Add(blocks, "Roles", facts.Where(f => Subject(f, FactKind.Role)), f => f.Detail + " of " + f.ObjectName, _ => null, sources, f => "/about " + f.ObjectName);
        Add(blocks, "Headquarters", facts.Where(f => Subject(f, FactKind.Headquarters)), f => f.ObjectName ?? f.Text!, _ => null, sources, null);
        Add(blocks, "Member of", facts.Where(f => Subject(f, FactKind.Member)), f => f.ObjectName!, _ => null, sources, f => "/members " + f.ObjectName);
        Add(blocks, "Initiated by", facts.Where(f => Object(f, FactKind.Initiator)), f => f.SubjectName, _ => null, sources, f => "/about " + f.SubjectName);
        Add(blocks, "Members", facts.Where(f => Object(f, FactKind.Member)), f => f.SubjectName, _ => null, sources, f => "/about " + f.SubjectName);
        Add(blocks, "Size", facts.Where(f => Subject(f, FactKind.Count)), f => f.Text!, f => f.Examples.Count > 0 ? "including " + string.Join(", ", f.Examples) : null, sources, null);
        Add(blocks, "People", facts.Where(f => Object(f, FactKind.Role)), f => f.SubjectName, f => f.Detail, sources, f => "/about " + f.SubjectName);
        AddDisagreements(blocks, facts.Where(f => Object(f, FactKind.Role)).ToList(), sources);
        Add(blocks, "Investors", facts.Where(f => Object(f, FactKind.Investor)), f => f.SubjectName, _ => null, sources, f => "/about " + f.SubjectName);
        Add(blocks, "Invested in", facts.Where(f => Subject(f, FactKind.Investor)), f => f.ObjectName!, _ => null, sources, f => "/about " + f.ObjectName);
        Add(blocks, "Initiated", facts.Where(f => Subject(f, FactKind.Initiator)), f => f.ObjectName!, _ => null, sources, f => "/about " + f.ObjectName);
        Add(blocks, "Uses", facts.Where(f => Subject(f, FactKind.Uses)), f => f.ObjectName!, _ => null, sources, f => "/about " + f.ObjectName);
        Add(blocks, "Used by", facts.Where(f => Object(f, FactKind.Uses)), f => f.SubjectName, _ => null, sources, f => "/about " + f.SubjectName);
        Add(blocks, "Providers", facts.Where(f => f.Kind == FactKind.Provider && f.ForId == e.Id), f => f.SubjectName, f => f.Text, sources, f => "/about " + f.SubjectName);
        Add(blocks, "Partners", facts.Where(f => f.Kind == FactKind.Partner && (f.SubjectId == e.Id || f.ObjectId == e.Id)), f => f.SubjectId == e.Id ? f.ObjectName! : f.SubjectName, _ => null, sources, null);
        Add(blocks, "Based here", facts.Where(f => Object(f, FactKind.Headquarters)), f => f.SubjectName, _ => null, sources, f => "/about " + f.SubjectName);
        Add(blocks, "Listed among", facts.Where(f => f.Kind == FactKind.Count && f.SubjectId != e.Id), f => f.Text!, f => "reported by " + f.SubjectName, sources, f => "/about " + f.SubjectName);

        var title = MembersCommand.Display(e) + KindLabel(e.Kind);
        if (sources.Count == 0)
        {
            // Named, but no fact stated: say so, and point to the articles that name it instead of guessing.
            var hits = knowledge.Search(e.Name, 5);
            blocks.Add(new Paragraph($"The articles name {e.Name} but state no facts about it that I could read."));
            if (hits.Count > 0)
            {
                blocks.Add(new Section("Articles that name it", [.. hits.Select(h => new ReplyItem(h.Article.Title, h.Snippet, sources.Cite([h.Article.Id])))]));
            }
        }

        var (citations, basis) = sources.Build();
        return new Reply(ReplyKind.Answer, title, blocks, citations, [], basis ?? "No article states anything about it.");
    }

    private static string KindLabel(EntityKind kind) => kind switch
    {
        EntityKind.Person => " (person)",
        EntityKind.Group => " (alliance or network)",
        EntityKind.Place => " (place)",
        _ => string.Empty,
    };

    /// <summary>One item per distinct label, with every article that states it.</summary>
    private static void Add(List<ReplyBlock> blocks, string heading, IEnumerable<FactRecord> facts, Func<FactRecord, string> label, Func<FactRecord, string?> detail, Sources sources, Func<FactRecord, string?>? command)
    {
        var groups = facts.GroupBy(f => (Label: label(f), Detail: detail(f))).ToList();
        var items = groups
            .OrderByDescending(g => g.Select(f => f.ArticleId).Distinct().Count()).ThenBy(g => g.Min(f => f.Id))
            .Take(MaxPerSection)
            .Select(g =>
            {
                var cited = sources.Cite(g.Select(f => f.ArticleId), out var uncited);
                var more = uncited > 0 ? $"{uncited:N0} more articles" : null;
                return new ReplyItem(g.Key.Label, g.Key.Detail is null ? more : more is null ? g.Key.Detail : g.Key.Detail + "; " + more, cited, command?.Invoke(g.First()));
            })
            .ToList();
        if (groups.Count > items.Count)
        {
            heading += $" ({items.Count} of {groups.Count:N0})";
        }

        if (items.Count > 0)
        {
            blocks.Add(new Section(heading, items));
        }
    }

    /// <summary>Where articles name different people for the same role, say so plainly with each source.</summary>
    private static void AddDisagreements(List<ReplyBlock> blocks, List<FactRecord> roles, Sources sources)
    {
        foreach (var role in roles.GroupBy(f => NameKey.Of(f.Detail ?? string.Empty)))
        {
            var people = role.GroupBy(f => f.SubjectId).ToList();
            if (people.Count < 2)
            {
                continue;
            }

            var claims = people.Select(p => $"{p.First().SubjectName} {string.Concat(sources.Cite(p.Select(f => f.ArticleId)).Select(n => $"[{n}]"))}");
            blocks.Add(new Paragraph($"The articles disagree on the {role.First().Detail}: {string.Join("; ", claims)}."));
        }
    }
}

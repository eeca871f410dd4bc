using Bot.Core.Extraction;
using Bot.Core.Knowledge;
using Bot.Core.Replies;

namespace Bot.Core.Commands;

/// <summary>/about &lt;name&gt;: what the articles say an entity is and how it relates to others, both ways, with sources and disagreements.</summary>
internal sealed class AboutCommand(IKnowledgeReader knowledge, EntityLookup lookup, ReplyCache cache) : ICommandHandler
{
    public CommandInfo Info { get; } = new("about", "What the articles say about an organisation, alliance or person", "/about <name>", CommandArgument.EntityName, "name", true);

    public Reply Handle(string argument, CommandRequest request)
    {
        if (Replies.FindEntity(lookup, Info, argument, "About whom? Give a name or an acronym, as the articles write it.", out var found) is { } refusal)
        {
            return refusal;
        }

        return cache.GetOrBuild(Info.Name, found.Id, () => Answer(found));
    }

    /// <summary>The sections of an answer, in the order shown, with the command each item offers (null: none).</summary>
    private static readonly (AnswerSection Section, string Heading, string? Command)[] Layout =
    [
        (AnswerSection.Description, "What it is", null),
        (AnswerSection.Provides, "Provides", "/about"),
        (AnswerSection.Roles, "Roles", "/about"),
        (AnswerSection.Headquarters, "Headquarters", null),
        (AnswerSection.MemberOf, "Member of", "/members"),
        (AnswerSection.InitiatedBy, "Initiated by", "/about"),
        (AnswerSection.Members, "Members", "/about"),
        (AnswerSection.Size, "Size", null),
        (AnswerSection.People, "People", "/about"),
        (AnswerSection.Investors, "Investors", "/about"),
        (AnswerSection.InvestedIn, "Invested in", "/about"),
        (AnswerSection.Initiated, "Initiated", "/about"),
        (AnswerSection.Uses, "Uses", "/about"),
        (AnswerSection.UsedBy, "Used by", "/about"),
        (AnswerSection.Providers, "Providers", "/about"),
        (AnswerSection.Partners, "Partners", null),
        (AnswerSection.BasedHere, "Based here", "/about"),
        (AnswerSection.ListedAmong, "Listed among", "/about"),
    ];

    private static readonly AnswerSection[] Read = [.. Layout.Select(l => l.Section), AnswerSection.RoleHolders];

    private Reply Answer(EntityRecord e)
    {
        var answers = knowledge.Answers(e.Id, Read);
        var sources = new Sources(knowledge);
        var blocks = new List<ReplyBlock>();
        var aliases = e.Aliases.Where(a => a != e.Name).ToList();
        if (aliases.Count > 0)
        {
            blocks.Add(new Paragraph("Also called: " + string.Join(", ", aliases) + "."));
        }

        foreach (var (section, heading, command) in Layout)
        {
            var lines = answers.Of(section).ToList();
            if (lines.Count == 0)
            {
                continue;
            }

            var items = lines.Select(l => new ReplyItem(
                l.Label, Replies.Cite(sources, l, l.Detail, out var cited), cited, command is null || l.Link is null ? null : command + " " + l.Link)).ToList();
            blocks.Add(new Section(Replies.Heading(heading, items.Count, answers.Total(section).Lines), items));
            if (section == AnswerSection.People)
            {
                AddDisagreements(blocks, answers.Of(AnswerSection.RoleHolders), sources);
            }
        }

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
        else
        {
            sources.RestsOn(answers.Total(AnswerSection.AllAbout).Articles);
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

    /// <summary>Where articles name different people for the same title, say so plainly with each source.</summary>
    private static void AddDisagreements(List<ReplyBlock> blocks, IEnumerable<AnswerLine> holders, Sources sources)
    {
        foreach (var title in holders.GroupBy(l => l.Group, StringComparer.Ordinal))
        {
            var people = title.ToList();
            var claims = people.Select(p => $"{p.Label} {string.Concat(sources.Cite(p, out _).Select(n => $"[{n}]"))}");
            var others = people[0].GroupLines - people.Count;
            var more = others > 0 ? $"; and {others:N0} others" : string.Empty;
            blocks.Add(new Paragraph($"The articles disagree on the {people[0].Detail}: {string.Join("; ", claims)}{more}."));
        }
    }
}

using Bot.Core.Extraction;
using Bot.Core.Knowledge;
using Bot.Core.Replies;

namespace Bot.Core.Commands;

/// <summary>/members &lt;name&gt;: who belongs to a group, under their best names with aliases, each with its sources; initiators marked; stated counts.</summary>
internal sealed class MembersCommand(IKnowledgeReader knowledge, EntityLookup lookup, ReplyCache cache) : ICommandHandler
{
    private const int MaxMembers = 100;

    public CommandInfo Info { get; } = new("members", "Who belongs to an alliance, network or organisation", "/members <name>", CommandArgument.EntityName, "name", true);

    public Reply Handle(string argument, CommandRequest request)
    {
        if (Replies.FindEntity(lookup, Info, argument, "Which group? Give its name or its acronym, as the articles write it.", out var found) is { } refusal)
        {
            return refusal;
        }

        return cache.GetOrBuild(Info.Name, found.Id, () => Answer(found));
    }

    private Reply Answer(EntityRecord entity)
    {
        var facts = knowledge.FactsAbout(entity.Id, withEvidence: false);
        var sources = new Sources(knowledge);
        var joined = facts.Where(f => f.ObjectId == entity.Id && f.Kind is FactKind.Member or FactKind.Initiator).ToList();
        var title = "Members of " + Display(entity);
        var blocks = new List<ReplyBlock>();
        if (joined.Count > 0)
        {
            var groups = joined.GroupBy(f => f.SubjectId).ToList();
            var listed = groups
                .OrderByDescending(g => g.Any(f => f.Kind == FactKind.Member))
                .ThenByDescending(g => g.Select(f => f.ArticleId).Distinct().Count())
                .ThenBy(g => g.Min(f => f.ArticleId)).ThenBy(g => g.Min(f => f.Id))
                .Take(MaxMembers)
                .ToList();

            // Only the members listed are read: a much-named group has thousands.
            var people = knowledge.GetEntities([.. listed.Select(g => g.Key)]).ToDictionary(e => e.Id);
            var items = listed
                .Select(g =>
                {
                    var member = people[g.Key];
                    var roles = new List<string>();
                    if (g.Any(f => f.Kind == FactKind.Initiator))
                    {
                        roles.Add(g.Any(f => f.Kind == FactKind.Member) ? "member and initiator" : "initiator");
                    }

                    var aliases = member.Aliases.Where(a => !a.Contains("’s ", StringComparison.Ordinal) && !a.Contains("'s ", StringComparison.Ordinal)).ToList();
                    if (aliases.Count > 0)
                    {
                        roles.Add("also " + string.Join(", ", aliases));
                    }

                    var cited = sources.Cite(g.Select(f => f.ArticleId), out var uncited);
                    if (uncited > 0)
                    {
                        roles.Add($"{uncited:N0} more articles");
                    }

                    return new ReplyItem(member.Name, roles.Count > 0 ? string.Join("; ", roles) : null, cited, "/about " + member.Name);
                })
                .ToList();
            blocks.Add(new Section($"Members named in the articles ({groups.Count:N0})", items));
            if (groups.Count > items.Count)
            {
                blocks.Add(new Paragraph($"The {items.Count} named in most articles are listed; {groups.Count - items.Count:N0} more are named too. /about and /search tell more about one of them."));
            }
        }

        var counts = facts.Where(f => f.Kind == FactKind.Count && f.SubjectId == entity.Id).ToList();
        if (counts.Count > 0)
        {
            blocks.Add(new Section("Reported size", [.. counts.Select(c => new ReplyItem(c.Text + " reported", null, sources.Cite([c.ArticleId])))]));
        }

        if (blocks.Count == 0)
        {
            var memberOf = facts.Where(f => f.Kind == FactKind.Member && f.SubjectId == entity.Id).GroupBy(f => f.ObjectId!.Value).ToList();
            var text = $"The articles name no members of {entity.Name}.";
            blocks.Add(new Paragraph(memberOf.Count > 0 ? text + $" {entity.Name} is itself a member of:" : text + " Try /about " + entity.Name + " for what they say about it."));
            if (memberOf.Count > 0)
            {
                blocks.Add(new Section("Member of", [.. memberOf.Select(g => new ReplyItem(g.First().ObjectName!, null, sources.Cite(g.Select(f => f.ArticleId)), "/members " + g.First().ObjectName))]));
            }
        }

        var (citations, basis) = sources.Build();
        return new Reply(ReplyKind.Answer, title, blocks, citations, [], basis ?? "No article states members of it.");
    }

    internal static string Display(EntityRecord entity)
    {
        var acronym = entity.Aliases.FirstOrDefault(ArticleExtractor.IsAcronymToken);
        return acronym is null || entity.Name.Contains(acronym, StringComparison.Ordinal) ? entity.Name : $"{entity.Name} ({acronym})";
    }
}

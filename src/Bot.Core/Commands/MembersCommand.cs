using Bot.Core.Extraction;
using Bot.Core.Knowledge;
using Bot.Core.Replies;

namespace Bot.Core.Commands;

/// <summary>/members &lt;name&gt;: who belongs to a group, under their best names with aliases, each with its sources; initiators marked; stated counts.</summary>
internal sealed class MembersCommand(IKnowledgeReader knowledge, EntityLookup lookup, ReplyCache cache) : ICommandHandler
{
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
        var answers = knowledge.Answers(entity.Id, [AnswerSection.GroupMembers, AnswerSection.Size, AnswerSection.MemberOf]);
        var sources = new Sources(knowledge);
        var title = "Members of " + Display(entity);
        var blocks = new List<ReplyBlock>();
        var listed = answers.Of(AnswerSection.GroupMembers).ToList();
        if (listed.Count > 0)
        {
            var items = listed
                .Select(l =>
                {
                    // "member and initiator; <detail>; 12 more articles", each part when it applies.
                    var note = (l.Flags & AnswerFlags.Initiator) == 0 ? null : (l.Flags & AnswerFlags.Member) != 0 ? "member and initiator" : "initiator";
                    note = Join(note, l.Detail);
                    var cited = sources.Cite(l, out var uncited);
                    if (uncited > 0)
                    {
                        note = Join(note, $"{uncited:N0} more articles");
                    }

                    return new ReplyItem(l.Label, note, cited, "/about " + l.Label);
                })
                .ToList();
            var total = answers.Total(AnswerSection.GroupMembers).Lines;
            blocks.Add(new Section($"Members named in the articles ({total:N0})", items));
            if (total > items.Count)
            {
                blocks.Add(new Paragraph($"The {items.Count} named in most articles are listed; {total - items.Count:N0} more are named too. /about and /search tell more about one of them."));
            }
        }

        // A size is listed once however its articles name examples (/about shows those): its lines' articles and citations together.
        var sizes = answers.Of(AnswerSection.Size).ToList();
        var counts = sizes.GroupBy(l => l.Label, StringComparer.Ordinal).Select(Merge).ToList();
        if (counts.Count > 0)
        {
            var stated = answers.Total(AnswerSection.Size).Lines;
            var heading = stated > sizes.Count ? $"Reported size (the most reported; {stated:N0} statements in all)" : "Reported size";
            blocks.Add(new Section(heading, [.. counts.Select(c => new ReplyItem(c.Label + " reported", Replies.Cite(sources, c, null, out var cited), cited))]));
        }

        if (blocks.Count == 0)
        {
            var memberOf = answers.Of(AnswerSection.MemberOf).ToList();
            var text = $"The articles name no members of {entity.Name}.";
            blocks.Add(new Paragraph(memberOf.Count > 0 ? text + $" {entity.Name} is itself a member of:" : text + " Try /about " + entity.Name + " for what they say about it."));
            if (memberOf.Count > 0)
            {
                blocks.Add(new Section(Replies.Heading("Member of", memberOf.Count, answers.Total(AnswerSection.MemberOf).Lines), [.. memberOf.Select(l => new ReplyItem(l.Label, Replies.Cite(sources, l, null, out var cited), cited, "/members " + l.Label))]));
                sources.RestsOn(answers.Total(AnswerSection.MemberOf).Articles);
            }
        }
        else
        {
            sources.RestsOn(answers.Total(AnswerSection.AllMembers).Articles);
        }

        var (citations, basis) = sources.Build();
        return new Reply(ReplyKind.Answer, title, blocks, citations, [], basis ?? "No article states members of it.");
    }

    private static string? Join(string? note, string? part) => part is null ? note : note is null ? part : note + "; " + part;

    /// <summary>
    /// One line for several lines of one label: their articles added up (an article that states the size twice, with
    /// different examples, counts twice) and the newest of their cited articles.
    /// </summary>
    private static AnswerLine Merge(IGrouping<string, AnswerLine> lines)
    {
        if (lines.Count() == 1)
        {
            return lines.First();
        }

        var articles = lines.Sum(l => l.Articles);
        var newest = lines.SelectMany(l => l.Cited).Distinct().OrderDescending().Take(Sources.MaxPerClaim).ToList();
        return lines.First() with { Articles = articles, Cited = articles <= Sources.MaxPerClaim ? [.. newest.Order()] : newest };
    }

    internal static string Display(EntityRecord entity)
    {
        var acronym = entity.Aliases.FirstOrDefault(ArticleExtractor.IsAcronymToken);
        return acronym is null || entity.Name.Contains(acronym, StringComparison.Ordinal) ? entity.Name : $"{entity.Name} ({acronym})";
    }
}

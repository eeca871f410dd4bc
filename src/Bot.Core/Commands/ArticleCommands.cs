using System.Globalization;
using Bot.Core.Knowledge;
using Bot.Core.Replies;
using Microsoft.Extensions.Options;

namespace Bot.Core.Commands;

/// <summary>/search &lt;words&gt;: full-text search over the articles.</summary>
internal sealed class SearchCommand(IKnowledgeReader knowledge, IOptions<CommandOptions> options) : ICommandHandler
{
    public CommandInfo Info { get; } = new("search", "Search the articles for words", "/search <words>", CommandArgument.Text, "words", true);

    public Reply Handle(string argument, CommandRequest request)
    {
        if (argument.Length == 0)
        {
            return Replies.Usage(Info, "Search for what? e.g. /search FISCO BCOS.");
        }

        var hits = knowledge.Search(argument, options.Value.MaxResults);
        if (hits.Count == 0)
        {
            return Reply.Text(ReplyKind.NotFound, "No results", $"No article contains all of “{argument}”. Try fewer or other words.");
        }

        var sources = new Sources(knowledge);
        var items = hits.Select(h => new ReplyItem(h.Article.Title, h.Snippet, sources.Cite([h.Article.Id]), "/article " + h.Article.Id)).ToList();
        var (citations, basis) = sources.Build();
        return new Reply(ReplyKind.Answer, $"Search: {argument}", [new Section($"{hits.Count} matching {(hits.Count == 1 ? "article" : "articles")}", items)], citations, [], basis);
    }
}

/// <summary>/latest [n]: the newest articles.</summary>
internal sealed class LatestCommand(IKnowledgeReader knowledge, IOptions<CommandOptions> options) : ICommandHandler
{
    public CommandInfo Info { get; } = new("latest", "The newest articles", "/latest [n]", CommandArgument.Number, "n", false);

    public Reply Handle(string argument, CommandRequest request)
    {
        var count = options.Value.LatestDefault;
        if (argument.Length > 0 && (!int.TryParse(argument, NumberStyles.None, CultureInfo.InvariantCulture, out count) || count < 1 || count > options.Value.MaxResults))
        {
            return Replies.Usage(Info, $"n must be a whole number from 1 to {options.Value.MaxResults}.");
        }

        var articles = knowledge.Latest(count);
        if (articles.Count == 0)
        {
            return Reply.Text(ReplyKind.NotFound, "No articles", "I have not read any articles yet.");
        }

        var sources = new Sources(knowledge);
        var items = articles.Select(a => new ReplyItem(a.Title, Describe(a), sources.Cite([a.Id]), "/article " + a.Id)).ToList();
        var (citations, basis) = sources.Build();
        return new Reply(ReplyKind.Answer, "Latest articles", [new Section($"The {items.Count} newest", items)], citations, [], basis);
    }

    internal static string Describe(ArticleRecord a)
    {
        var parts = new List<string>();
        if (a.Published is { } date)
        {
            parts.Add(Sources.Date(date));
        }

        if (a.Publisher is { } publisher)
        {
            parts.Add(publisher);
        }

        parts.Add("article " + a.Id);
        return string.Join(" · ", parts);
    }
}

/// <summary>/article &lt;n&gt;: one article's text.</summary>
internal sealed class ArticleCommand(IKnowledgeReader knowledge) : ICommandHandler
{
    private const int MaxCharacters = 3500;

    public CommandInfo Info { get; } = new("article", "Read one article by its number", "/article <n>", CommandArgument.Number, "n", true);

    public Reply Handle(string argument, CommandRequest request)
    {
        if (argument.Length == 0)
        {
            return Replies.Usage(Info, "Which article? /sources lists their numbers.");
        }

        if (!long.TryParse(argument.TrimStart('#'), NumberStyles.None, CultureInfo.InvariantCulture, out var id) || id < 1)
        {
            return Replies.Usage(Info, "The article number is a whole number, as /sources lists them.");
        }

        var found = knowledge.GetArticles([id]);
        var article = found.Count > 0 ? found[0] : null;
        var paragraphs = article is null ? null : knowledge.GetParagraphs(id);
        if (article is null || paragraphs is null)
        {
            return Reply.Text(ReplyKind.NotFound, "Not found", $"There is no article {id}. /sources lists the articles I have read.");
        }

        var blocks = new List<ReplyBlock> { new Paragraph(LatestCommand.Describe(article)) };
        var length = 0;
        foreach (var paragraph in paragraphs)
        {
            if (length + paragraph.Length > MaxCharacters)
            {
                blocks.Add(new Paragraph("[…] (the rest is in the source)"));
                break;
            }

            blocks.Add(new Paragraph(paragraph));
            length += paragraph.Length;
        }

        var sources = new Sources(knowledge);
        sources.Cite([id]);
        var (citations, basis) = sources.Build();
        return new Reply(ReplyKind.Answer, article.Title, blocks, citations, [], basis);
    }
}

/// <summary>/sources: every article the bot has read.</summary>
internal sealed class SourcesCommand(IKnowledgeReader knowledge) : ICommandHandler
{
    private const int MaxListed = 50;

    public CommandInfo Info { get; } = new("sources", "The articles the bot has read", "/sources", CommandArgument.None, null, false);

    public Reply Handle(string argument, CommandRequest request)
    {
        var articles = knowledge.AllArticles();
        if (articles.Count == 0)
        {
            return Reply.Text(ReplyKind.NotFound, "No articles", "I have not read any articles yet.");
        }

        var items = articles.Take(MaxListed).Select(a => new ReplyItem($"{a.Id}. {a.Title}", LatestCommand.Describe(a) + " · " + a.SourceName, [], "/article " + a.Id)).ToList();
        var more = articles.Count > MaxListed ? $" (the first {MaxListed} are listed; /search finds the rest)" : string.Empty;
        var dates = articles.Where(a => a.Published is not null).Select(a => a.Published!.Value).Order().ToList();
        var span = dates.Count == 0 ? "undated" : dates[0] == dates[^1] ? "dated " + Sources.Date(dates[0]) : $"dated {Sources.Date(dates[0])} – {Sources.Date(dates[^1])}";
        return new Reply(ReplyKind.Answer, "Sources", [new Paragraph($"I have read {articles.Count} articles ({span}){more}."), new Section("Articles", items)], [], []);
    }
}

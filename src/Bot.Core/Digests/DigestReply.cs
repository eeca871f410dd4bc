using System.Globalization;
using Bot.Core.Commands;
using Bot.Core.Replies;

namespace Bot.Core.Digests;

/// <summary>A digest as a reply: one item a story (headline, summary, names, sources), the names as /about buttons.</summary>
public static class DigestReply
{
    /// <summary>The most /about buttons a digest offers.</summary>
    public const int MaxChoices = 5;

    /// <summary>Renders <paramref name="digest"/>. An empty digest says there is nothing new since when.</summary>
    public static Reply Render(Digest digest)
    {
        ArgumentNullException.ThrowIfNull(digest);
        var title = digest.Follows.Count == 0 ? "News digest" : "News digest: " + string.Join(", ", digest.Follows);
        var since = Sources.UtcTime(digest.From);
        if (digest.IsEmpty)
        {
            var about = digest.Follows.Count == 0 ? "" : " about " + string.Join(" or ", digest.Follows);
            return Reply.Text(ReplyKind.Answer, title, $"Nothing new{about} since {since}.");
        }

        var numbers = new Dictionary<long, int>();
        var citations = new List<Citation>();
        var items = new List<ReplyItem>();
        foreach (var story in digest.Stories)
        {
            var cited = new List<int>();
            foreach (var source in story.Sources)
            {
                if (!numbers.TryGetValue(source.ArticleId, out var number))
                {
                    number = citations.Count + 1;
                    numbers[source.ArticleId] = number;
                    citations.Add(new Citation(number, source.Title, source.Url, source.SourceName, source.Published));
                }

                cited.Add(number);
            }

            var detail = story.Summary;
            if (story.Organisations.Count > 0)
            {
                detail = (detail.Length == 0 ? "" : detail + "\n") + "Names: " + string.Join(", ", story.Organisations);
            }

            if (story.Sources.Count > 1)
            {
                detail += string.Create(CultureInfo.InvariantCulture, $"\nReported by {story.Sources.Count} articles.");
            }

            items.Add(new ReplyItem(story.Headline, detail, cited));
        }

        var stories = digest.Stories.Count == 1 ? "1 story" : digest.Stories.Count + " stories";
        var articles = digest.ArticleCount == 1 ? "1 article" : digest.ArticleCount + " articles";
        var intro = $"{stories} from {articles} since {since}.";
        if (digest.MoreStories > 0)
        {
            intro += $" {digest.MoreStories} more {(digest.MoreStories == 1 ? "story is" : "stories are")} not shown: /latest lists the newest articles.";
        }

        var choices = digest.Stories.SelectMany(s => s.Organisations)
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .Take(MaxChoices)
            .Select(name => new ReplyChoice("About " + name, "/about " + name))
            .ToList();
        return new Reply(ReplyKind.Answer, title, [new Paragraph(intro), new Section("Stories", items)], citations, choices, Sources.Basis(citations));
    }
}

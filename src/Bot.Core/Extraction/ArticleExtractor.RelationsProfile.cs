using System.Text;

namespace Bot.Core.Extraction;

public sealed partial class ArticleExtractor
{
    /// <summary>For profiling the relation readers alone: an article's state with its names masked, before relations are read.</summary>
    internal ArticleState MaskedState(IReadOnlyList<string> paragraphs)
    {
        var article = new ArticleState([.. paragraphs.SelectMany(SentenceSplitter.Split).Select(SentenceSplitter.Normalize)]);
        FindMentions(article);
        Cluster(article);
        Mask(article);
        ResolveAnaphora(article);
        return article;
    }

    /// <summary>For profiling: reads the relations of a state from <see cref="MaskedState"/> (once: it adds to its facts) and returns how many facts it holds.</summary>
    internal int ReadRelationsOf(ArticleState article)
    {
        ReadRelations(article);
        return article.Facts.Count;
    }

    /// <summary>For checking that the relation readers are unchanged: every fact and entity kind of a state, as text.</summary>
    internal static string Describe(ArticleState article)
    {
        var text = new StringBuilder();
        foreach (var f in article.Facts)
        {
            text.Append(f.Kind).Append('|').Append(f.Subject).Append('|').Append(f.Object).Append('|').Append(f.Text).Append('|')
                .Append(f.Detail).Append('|').Append(f.For).Append('|').Append(f.Sentence).Append('|')
                .AppendJoin(',', f.Examples ?? []).Append('\n');
        }

        foreach (var (cluster, kind) in article.Kinds.OrderBy(p => p.Key))
        {
            text.Append(cluster).Append('=').Append(kind).Append('\n');
        }

        return text.ToString();
    }
}

namespace Bot.Core.Extraction;

public sealed partial class ArticleExtractor
{
    /// <summary>For profiling the relation readers alone (<see cref="ReadRelations"/>): an article's state with its names masked, before relations are read.</summary>
    internal ArticleState MaskedState(IReadOnlyList<string> paragraphs)
    {
        var article = new ArticleState(Sentences(paragraphs));
        FindMentions(article);
        Cluster(article);
        Mask(article);
        ResolveAnaphora(article);
        return article;
    }
}

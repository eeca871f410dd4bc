using Bot.Core.Articles;
using Bot.Core.Extraction;
using Bot.Core.Knowledge;
using Bot.Storage.Sqlite;
using Bot.Testing.Extraction;

namespace Bot.Core.Tests.Storage;

/// <summary>Resolution's first pass reads only the entities of each stored extraction: the same entities a full read gives.</summary>
public sealed class SqliteExtractionReadTests
{
    private static readonly ArticleExtractor Extractor = RepoExtractor.Instance;

    [Fact]
    public void ReadEntities_EveryArticle_SameEntitiesInTheSameOrderAsReadExtractions()
    {
        using var store = new SqliteKnowledgeStore(":memory:");
        string[][] bodies =
        [
            ["Harlow Shipping has joined the Pacific Port Coalition (PPC), an industry alliance founded by Brisa Foods.",
             "\"We are glad,\" said Maria Ostrova, chief executive of Harlow Shipping."],
            ["Polar Power Company (PPC), a regional utility, opened an office in Tromso. The PPC said the office would employ 40 people."],
            ["Markets were calm on Monday."],
        ];
        var saved = bodies.Select((paragraphs, i) => (
            new ArticleDocument($"a{i}.txt", $"hash-{i}", $"Article {i}", null, null, null, paragraphs, paragraphs),
            StoredExtraction.From(Extractor.Extract(paragraphs)))).ToList();
        store.SaveArticles(saved, ArticleExtractor.Version, new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero));

        var full = store.ReadExtractions().ToList();
        var named = store.ReadEntities().ToList();

        Assert.Equal(full.Select(f => f.ArticleId), named.Select(n => n.ArticleId));
        Assert.Contains(named, n => n.Entities.Count >= 3);
        Assert.Contains(named, n => n.Entities.Count == 0);
        foreach (var ((_, extraction), (_, entities)) in full.Zip(named))
        {
            Assert.Equal(Describe(extraction.Entities), Describe(entities));
        }

        Assert.Equal(Describe(saved[0].Item2.Entities), Describe(named[0].Entities));
    }

    private static List<string> Describe(IReadOnlyList<LocalEntity> entities) =>
        [.. entities.Select(e => $"{e.Id}|{e.Kind}|{string.Join(",", e.Names)}|{string.Join(",", e.Acronyms)}|{e.Mentions}")];
}

using Bot.Core.Digests;
using Bot.Core.Commands;
using Bot.Scheduling.Tests.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Bot.Scheduling.Tests.Digests;

/// <summary>Digests composed from the repository's dataset, as the news feed reads it from the knowledge store.</summary>
public sealed class DatasetDigestTests(DatasetFeedFixture dataset) : IClassFixture<DatasetFeedFixture>
{
    private Digest Compose(IReadOnlyList<string> follows, IReadOnlySet<long>? followed = null)
    {
        var from = dataset.Articles.Min(a => a.FirstSeen).AddSeconds(-1);
        var to = dataset.Articles.Max(a => a.FirstSeen).AddSeconds(1);
        return DigestComposer.Compose(dataset.Feed.SeenBetween(from, to, 1000), from, to, 10, follows, followed);
    }

    /// <summary>The entities a followed name stands for, as the digest service resolves a subscription's follows.</summary>
    private IReadOnlySet<long> Resolve(string name) => Service().ResolveFollows([name]);

    private DigestService Service()
    {
        var services = dataset.Knowledge.Services;
        return new DigestService(
            services.GetRequiredService<ISubscriptionStore>(),
            dataset.Feed,
            dataset.Knowledge.Reader,
            services.GetRequiredService<IOptions<CommandOptions>>(),
            Options.Create(new DigestOptions()),
            TimeProvider.System,
            NullLogger<DigestService>.Instance);
    }

    [Fact]
    public void Compose_Dataset_TheThreeNetworkArticlesAreOneStoryWithThreeSources()
    {
        var digest = Compose([]);

        var story = Assert.Single(digest.Stories, s => s.Sources.Count > 1);
        Assert.Equal(["000", "001", "002"], story.Sources.Select(s => s.SourceName[..3]).Order());
        Assert.Contains("Huobi China", story.Organisations);
        Assert.False(string.IsNullOrWhiteSpace(story.Summary));
        Assert.Equal(dataset.Articles.Count - 2, digest.Stories.Count);
        Assert.Equal(dataset.Articles.Count, digest.ArticleCount);
    }

    [Fact]
    public void Compose_FollowingTheAlliance_ThroughAnAlias_GetsOnlyItsStory()
    {
        var followed = Resolve("Dawan District Blockchain Alliance");
        Assert.NotEmpty(followed);

        var digest = Compose(["Dawan District Blockchain Alliance"], followed);

        var story = Assert.Single(digest.Stories);
        var source = Assert.Single(story.Sources);
        Assert.StartsWith("004", source.SourceName, StringComparison.Ordinal);
        Assert.Contains("Dawan District Blockchain Alliance", story.Summary, StringComparison.Ordinal);
        Assert.Equal(["Dawan District Blockchain Alliance"], digest.Follows);
    }

    [Fact]
    public void Compose_FollowingTheNetworkByItsAcronym_GetsOnlyTheNetworkStory()
    {
        var digest = Compose(["BSN"], Resolve("BSN"));

        var story = Assert.Single(digest.Stories);
        Assert.Equal(3, story.Sources.Count);
    }

    [Fact]
    public void ComposeForSubscription_FollowingTheAlliance_GetsOnlyItsStory()
    {
        var to = dataset.Articles.Max(a => a.FirstSeen).AddSeconds(1);
        var subscription = new Subscription("chat:test:1", "test", "1", SubscriptionOrigin.Chat, new DigestSchedule("daily 09:00", "0 0 9 ? * *", "UTC"),
            ["Dawan District Blockchain Alliance"], NotifyWhenEmpty: false, to.AddDays(-1), CoveredUntil: dataset.Articles.Min(a => a.FirstSeen).AddSeconds(-1));

        var digest = Service().Compose(subscription, to);

        var story = Assert.Single(digest.Stories);
        Assert.StartsWith("004", Assert.Single(story.Sources).SourceName, StringComparison.Ordinal);
    }
}

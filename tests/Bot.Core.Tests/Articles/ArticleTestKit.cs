using Bot.Core.Articles;
using Bot.Testing;
using Bot.Testing.Logging;
using Microsoft.Extensions.Options;

namespace Bot.Core.Tests.Articles;

/// <summary>The shipped rules, a parser and loaders wired as the application wires them.</summary>
internal static class ArticleTestKit
{
    public static BoilerplateRules Rules { get; } = BoilerplateRules.Load(Path.Combine(RepoPaths.Config, "boilerplate.yaml"));

    public static ArticleParser Parser { get; } = new(Rules);

    public static string Fixtures => Path.Combine(AppContext.BaseDirectory, "Articles", "Fixtures");

    public static ArticleLoader Loader(RecordingLogger<ArticleLoader> logger, long maxFileBytes = 2 * 1024 * 1024) =>
        new(Parser, Options.Create(new DatasetOptions { MaxFileBytes = maxFileBytes }), logger);

    public static ArticleDocument LoadDataset(string prefix)
    {
        var loader = Loader(new RecordingLogger<ArticleLoader>());
        var file = loader.Enumerate(RepoPaths.Articles).Single(f => f.SourceName.StartsWith(prefix, StringComparison.Ordinal));
        var result = loader.Load(file);
        Assert.True(result.IsLoaded, $"{file.SourceName} was skipped: {result.SkipReason} {result.Detail}");
        return result.Document;
    }

    public static ArticleDocument Parse(string text, string extension = ".txt") =>
        Parser.Parse("test" + extension, "hash", text, extension);
}

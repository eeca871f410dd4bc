using Bot.Core.Extraction;

namespace Bot.Testing.Extraction;

/// <summary>The extractor with the repository's lexicon (<c>config/lexicon.yaml</c>), as the host makes it: one for every test.</summary>
public static class RepoExtractor
{
    /// <summary>The extractor (it keeps no state between articles, so tests share it).</summary>
    public static ArticleExtractor Instance { get; } = new(ExtractionLexicon.Load(Path.Combine(RepoPaths.Config, "lexicon.yaml")));
}

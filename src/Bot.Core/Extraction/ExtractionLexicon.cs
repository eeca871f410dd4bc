using System.Collections.Frozen;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace Bot.Core.Extraction;

/// <summary>
/// World knowledge the extractor reads names with, from the operator's config/lexicon.yaml: demonyms
/// ("Chinese" → "China") so "the Chinese wing of X" reads as "X China", and a standalone "Chinese" is no name.
/// </summary>
public sealed class ExtractionLexicon
{
    /// <summary>An empty lexicon (no demonyms).</summary>
    public static ExtractionLexicon Empty { get; } = new(new Dictionary<string, string>());

    /// <summary>Creates a lexicon from demonym → place pairs.</summary>
    public ExtractionLexicon(IReadOnlyDictionary<string, string> demonyms)
    {
        Demonyms = demonyms.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);
        Places = Demonyms.Values.ToFrozenSet(StringComparer.OrdinalIgnoreCase);
        DemonymLookup = Demonyms.GetAlternateLookup<ReadOnlySpan<char>>();
        PlaceLookup = Places.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    /// <summary>Demonym → place ("Chinese" → "China").</summary>
    public FrozenDictionary<string, string> Demonyms { get; }

    /// <summary>The places of <see cref="Demonyms"/>, case-insensitive.</summary>
    public FrozenSet<string> Places { get; }

    /// <summary><see cref="Demonyms"/> looked up by a span of text.</summary>
    internal FrozenDictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> DemonymLookup { get; }

    /// <summary><see cref="Places"/> looked up by a span of text.</summary>
    internal FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> PlaceLookup { get; }

    /// <summary>Reads config/lexicon.yaml; a missing file gives an empty lexicon.</summary>
    public static ExtractionLexicon Load(string path)
    {
        if (!File.Exists(path))
        {
            return Empty;
        }

        var file = new DeserializerBuilder().WithNamingConvention(UnderscoredNamingConvention.Instance).IgnoreUnmatchedProperties().Build()
            .Deserialize<LexiconFile?>(File.ReadAllText(path));
        return new ExtractionLexicon(file?.Demonyms ?? []);
    }

    private sealed class LexiconFile
    {
        public Dictionary<string, string> Demonyms { get; set; } = [];
    }
}

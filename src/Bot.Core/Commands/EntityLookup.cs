using Bot.Core.Extraction;
using Bot.Core.Knowledge;
using FuzzySharp;
using Microsoft.Extensions.Options;

namespace Bot.Core.Commands;

/// <summary>The outcome of looking a name up.</summary>
internal abstract record Lookup;

/// <summary>The name denotes one entity.</summary>
internal sealed record Found(EntityRecord Entity) : Lookup;

/// <summary>The name fits several entities equally well.</summary>
internal sealed record Ambiguous(IReadOnlyList<EntityRecord> Entities) : Lookup;

/// <summary>The name denotes nothing known; close names, if any.</summary>
internal sealed record Unknown(IReadOnlyList<string> Suggestions) : Lookup;

/// <summary>
/// Finds the entity a user means: any of its names or acronyms, case-insensitively and up to plurals, hyphens,
/// spelling and a leading "the"; else a name containing the words given ("Coastal Trade Alliance");
/// else close names by fuzzy match for a suggestion.
/// </summary>
internal sealed class EntityLookup(IKnowledgeReader knowledge, IOptions<CommandOptions> options)
{
    public Lookup Find(string name)
    {
        var ids = knowledge.FindByKey(NameKey.OrderFree(name));
        if (ids.Count == 0)
        {
            var stripped = StripPossessive(name);
            if (stripped != name)
            {
                ids = knowledge.FindByKey(NameKey.OrderFree(stripped));
            }
        }

        if (ids.Count == 0)
        {
            var words = NameKey.Of(name);
            if (words.Length >= 3)
            {
                ids = knowledge.FindByWords(words, 6);
            }
        }

        if (ids.Count == 1)
        {
            return new Found(knowledge.GetEntity(ids[0])!);
        }

        if (ids.Count > 1)
        {
            return new Ambiguous(knowledge.GetEntities(ids));
        }

        return new Unknown(Suggest(name));
    }

    /// <summary>Known names closest to <paramref name="name"/>, best first, one per entity.</summary>
    public IReadOnlyList<string> Suggest(string name)
    {
        var max = options.Value.Suggestions;
        if (max == 0)
        {
            return [];
        }

        var names = knowledge.AllNames();
        var query = name.ToLowerInvariant();
        var scored = new List<(string Name, long Entity, int Score)>();
        foreach (var (candidate, entity) in names)
        {
            // Cheap length filter first: names of very different length cannot be close.
            if (Math.Abs(candidate.Length - name.Length) > Math.Max(4, name.Length / 2))
            {
                continue;
            }

            var score = Fuzz.Ratio(query, candidate.ToLowerInvariant());
            if (score >= options.Value.SuggestionCutoff)
            {
                scored.Add((candidate, entity, score));
            }
        }

        return [.. scored.OrderByDescending(s => s.Score).ThenBy(s => s.Name, StringComparer.Ordinal)
            .DistinctBy(s => s.Entity).Take(max).Select(s => s.Name)];
    }

    private static string StripPossessive(string name)
    {
        foreach (var mark in (ReadOnlySpan<string>)["’s ", "'s "])
        {
            var at = name.IndexOf(mark, StringComparison.Ordinal);
            if (at > 0)
            {
                return name[(at + mark.Length)..];
            }
        }

        return name;
    }
}

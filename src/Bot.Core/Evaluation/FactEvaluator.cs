using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Bot.Core.Extraction;
using Bot.Core.Knowledge;

namespace Bot.Core.Evaluation;

/// <summary>Precision and recall of one relation kind.</summary>
/// <param name="Kind">The relation ("member", …, or "all").</param>
/// <param name="Reference">Facts the reference lists.</param>
/// <param name="Extracted">Facts the bot extracted from the reference's articles.</param>
/// <param name="Found">Reference facts the bot found.</param>
/// <param name="Correct">Extracted facts that match a reference fact.</param>
public sealed record KindScore(string Kind, int Reference, int Extracted, int Found, int Correct)
{
    /// <summary>Correct / Extracted (1 when nothing was extracted).</summary>
    public double Precision => Extracted == 0 ? 1 : (double)Correct / Extracted;

    /// <summary>Found / Reference (1 when the reference lists none).</summary>
    public double Recall => Reference == 0 ? 1 : (double)Found / Reference;
}

/// <summary>The evaluation: scores per kind, "all" last, and the facts that missed.</summary>
public sealed record EvaluationResult(IReadOnlyList<KindScore> Scores, IReadOnlyList<string> Missed, IReadOnlyList<string> Spurious)
{
    /// <summary>The score of one kind ("all" for the total).</summary>
    public KindScore this[string kind] => Scores.First(s => s.Kind == kind);

    /// <summary>A table of the scores for a terminal.</summary>
    public string ToTable()
    {
        var lines = new List<string> { $"{"kind",-12} {"reference",9} {"extracted",9} {"found",6} {"correct",7} {"precision",9} {"recall",7}" };
        lines.AddRange(Scores.Select(s => string.Create(CultureInfo.InvariantCulture,
            $"{s.Kind,-12} {s.Reference,9} {s.Extracted,9} {s.Found,6} {s.Correct,7} {s.Precision,9:0.000} {s.Recall,7:0.000}")));
        return string.Join(Environment.NewLine, lines);
    }
}

/// <summary>
/// Scores the extracted knowledge against a reference file of facts (the format of seed-facts.json): a fact matches
/// when the kind and article agree, the subject is the same entity (through the bot's names or the reference's alias
/// groups), and the object is the same entity, or for text objects (descriptions, counts, what is provided) says the
/// same thing (the same number; most of the same words).
/// </summary>
public static class FactEvaluator
{
    private static readonly JsonSerializerOptions Json = new() { PropertyNameCaseInsensitive = true };

    /// <summary>Scores <paramref name="knowledge"/> against the reference file at <paramref name="referencePath"/>.</summary>
    public static EvaluationResult Evaluate(IKnowledgeReader knowledge, string referencePath)
    {
        var reference = JsonSerializer.Deserialize<ReferenceFile>(File.ReadAllText(referencePath), Json)
            ?? throw new InvalidDataException($"{referencePath} holds no reference facts.");
        var articles = knowledge.AllArticles().ToDictionary(a => Path.GetFileName(a.SourceName), a => a.Id, StringComparer.Ordinal);
        var groups = reference.Aliases ?? [];
        var cache = new Dictionary<string, HashSet<long>>(StringComparer.Ordinal);

        HashSet<long> Ids(string name)
        {
            if (cache.TryGetValue(name, out var ids))
            {
                return ids;
            }

            ids = [];
            var names = groups.FirstOrDefault(g => g.Contains(name, StringComparer.OrdinalIgnoreCase)) ?? [name];
            foreach (var n in names.Append(name))
            {
                ids.UnionWith(knowledge.FindByKey(NameKey.OrderFree(n)));
                var possessive = n.IndexOf("’s ", StringComparison.Ordinal) is var at and > 0 ? n[(at + 3)..] : null;
                if (possessive is not null)
                {
                    ids.UnionWith(knowledge.FindByKey(NameKey.OrderFree(possessive)));
                }
            }

            cache[name] = ids;
            return ids;
        }

        var referenceArticles = reference.Facts.Select(f => f.Article).ToHashSet(StringComparer.Ordinal);
        var articleOf = articles.ToDictionary(p => p.Value, p => p.Key);
        var extracted = knowledge.AllFacts()
            .Where(f => articleOf.TryGetValue(f.ArticleId, out var file) && referenceArticles.Contains(file))
            .ToList();

        bool Matches(ReferenceFact r, FactRecord f)
        {
            if (!string.Equals(KindName(f.Kind), r.Kind, StringComparison.OrdinalIgnoreCase) || articleOf[f.ArticleId] != r.Article
                || !Ids(r.Subject).Contains(f.SubjectId))
            {
                return false;
            }

            return f.Kind switch
            {
                FactKind.Description or FactKind.Provider => SameWords(f.Text ?? string.Empty, r.Object),
                FactKind.Count => FirstNumber(f.Text) == FirstNumber(r.Object),
                FactKind.Headquarters => f.ObjectId is { } o ? Ids(r.Object).Contains(o) : SameWords(f.Text ?? string.Empty, r.Object),
                _ => f.ObjectId is { } obj && Ids(r.Object).Contains(obj),
            };
        }

        var kinds = reference.Facts.Select(f => f.Kind.ToLowerInvariant()).Concat(extracted.Select(f => KindName(f.Kind))).Distinct().Order().ToList();
        var scores = new List<KindScore>();
        var missed = new List<string>();
        var spurious = new List<string>();
        foreach (var kind in kinds)
        {
            var refs = reference.Facts.Where(r => r.Kind.Equals(kind, StringComparison.OrdinalIgnoreCase)).ToList();
            var mine = extracted.Where(f => KindName(f.Kind) == kind).ToList();
            var found = refs.Count(r => mine.Any(f => Matches(r, f)));
            var correct = mine.Count(f => refs.Any(r => Matches(r, f)));
            missed.AddRange(refs.Where(r => !mine.Any(f => Matches(r, f))).Select(r => $"{r.Kind}: {r.Subject} → {r.Object} ({r.Article})"));
            spurious.AddRange(mine.Where(f => !refs.Any(r => Matches(r, f))).Select(f => $"{KindName(f.Kind)}: {f.SubjectName} → {f.ObjectName ?? f.Text} ({articleOf[f.ArticleId]})"));
            scores.Add(new KindScore(kind, refs.Count, mine.Count, found, correct));
        }

        scores.Add(new KindScore("all", scores.Sum(s => s.Reference), scores.Sum(s => s.Extracted), scores.Sum(s => s.Found), scores.Sum(s => s.Correct)));
        return new EvaluationResult(scores, missed, spurious);
    }

    /// <summary>The reference's name of a kind ("hq" for headquarters).</summary>
    public static string KindName(FactKind kind) => kind == FactKind.Headquarters ? "hq" : kind.ToString().ToLowerInvariant();

    private static string? FirstNumber(string? text)
    {
        if (text is null)
        {
            return null;
        }

        var digits = new string(text.SkipWhile(c => !char.IsDigit(c)).TakeWhile(c => char.IsDigit(c) || c == ',').Where(char.IsDigit).ToArray());
        return digits.Length > 0 ? digits : NameKey.Of(text).Split(' ').FirstOrDefault();
    }

    private static bool SameWords(string a, string b)
    {
        var wa = NameKey.Of(a).Split(' ').Where(w => w.Length > 2).ToHashSet(StringComparer.Ordinal);
        var wb = NameKey.Of(b).Split(' ').Where(w => w.Length > 2).ToHashSet(StringComparer.Ordinal);
        if (wa.Count == 0 || wb.Count == 0)
        {
            return false;
        }

        var common = wa.Intersect(wb).Count();
        return common >= Math.Ceiling(Math.Min(wa.Count, wb.Count) * 0.6);
    }

    private sealed class ReferenceFile
    {
        public List<List<string>>? Aliases { get; set; }

        public List<ReferenceFact> Facts { get; set; } = [];
    }

    private sealed class ReferenceFact
    {
        public string Article { get; set; } = string.Empty;

        public string Kind { get; set; } = string.Empty;

        public string Subject { get; set; } = string.Empty;

        public string Object { get; set; } = string.Empty;

        [JsonPropertyName("role")]
        public string? Role { get; set; }
    }
}

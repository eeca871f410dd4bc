using System.Globalization;
using System.Text;

namespace Bot.Benchmarks.Corpus;

/// <summary>
/// Writes a synthetic news corpus, deterministic by seed: N plain-text articles of about 2–4 KB, each a headline, an
/// optional date line, 4–10 paragraphs of English news sentences that exercise the extractor (joins, "members include",
/// roles, appositives, founders, investors, headquarters, providers, stated counts) among filler sentences, and on
/// some a boilerplate tail ("Related Articles" and teasers) that the cleaner must drop.
/// </summary>
internal sealed class CorpusGenerator(int seed)
{
    private const int FilesPerFolder = 1000;

    public CorpusUniverse Universe { get; } = new(seed);

    /// <summary>Writes <paramref name="count"/> articles under <paramref name="folder"/> (in sub-folders of 1,000); returns the bytes written.</summary>
    public long Write(string folder, int count)
    {
        Directory.CreateDirectory(folder);
        long bytes = 0;
        Parallel.For(0, count, () => 0L, (i, _, local) =>
        {
            var text = Article(i);
            var dir = Path.Combine(folder, (i / FilesPerFolder).ToString("D3", CultureInfo.InvariantCulture));
            Directory.CreateDirectory(dir);
            var data = Encoding.UTF8.GetBytes(text);
            File.WriteAllBytes(Path.Combine(dir, i.ToString("D6", CultureInfo.InvariantCulture) + ".txt"), data);
            return local + data.Length;
        }, local => Interlocked.Add(ref bytes, local));
        return bytes;
    }

    /// <summary>The text of article <paramref name="index"/> (the same for the same seed and index).</summary>
    public string Article(int index)
    {
        var random = new Random(unchecked((seed * 1_000_003) + index));
        var cast = new Cast(Universe, random);
        var sb = new StringBuilder(4096);
        sb.Append(Headline(cast, random)).Append("\n\n");
        if (random.NextDouble() < 0.7)
        {
            sb.Append(DateLine(random)).Append("\n\n");
        }

        var target = random.Next(2100, 3900);
        var paragraphs = 0;
        sb.Append(Paragraph(cast, random, lead: true)).Append("\n\n");
        paragraphs++;
        while (paragraphs < 4 || (paragraphs < 10 && sb.Length < target))
        {
            sb.Append(Paragraph(cast, random, lead: false)).Append("\n\n");
            paragraphs++;
        }

        if (random.NextDouble() < 0.35)
        {
            sb.Append("Related Articles\n\n");
            for (var t = 0; t < 3; t++)
            {
                sb.Append(Fill(WordPools.TeaserHeads[random.Next(WordPools.TeaserHeads.Length)], cast, random)).Append('\n');
                if (random.NextDouble() < 0.5)
                {
                    sb.Append("By ").Append(cast.Person()).Append('\n');
                }
            }
        }

        return sb.ToString();
    }

    private static string Headline(Cast cast, Random random) => random.Next(5) switch
    {
        0 => $"{cast.Org(0)} Joins {cast.Group.Name}",
        1 => $"{cast.Group.Name} Adds New Members in {cast.Place}",
        2 => $"{cast.Org(1)} Backs {cast.Org(2)} in New Funding Round",
        3 => $"{cast.Place} Firms Form {cast.Group.Name}",
        _ => $"{cast.Org(0)} Expands {Pick(random, WordPools.Nouns)} Business in {cast.Place}",
    };

    private static string DateLine(Random random)
    {
        var year = random.Next(2018, 2026);
        var month = random.Next(1, 13);
        var day = random.Next(1, 29);
        var date = new DateOnly(year, month, day);
        return random.Next(3) switch
        {
            0 => $"{WordPools.Months[month - 1]} {day}, {year}",
            1 => $"Published: {day} {WordPools.Months[month - 1]} {year}",
            _ => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        };
    }

    private static string Paragraph(Cast cast, Random random, bool lead)
    {
        var sentences = new List<string>();
        if (lead)
        {
            sentences.Add(random.Next(3) switch
            {
                0 => $"{cast.Org(0)} has joined the {cast.Group.Name} ({cast.Group.Acronym}), an industry alliance launched in {random.Next(2015, 2025)}.",
                1 => $"{cast.Org(0)} has been added to the {cast.Group.Name} ({cast.Group.Acronym}) as one of its first members.",
                _ => $"The {cast.Group.Name} ({cast.Group.Acronym}) said on {Pick(random, ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"])} that {cast.Org(0)} had joined the group.",
            });
        }

        var count = random.Next(3, 6);
        while (sentences.Count < count)
        {
            sentences.Add(random.NextDouble() < 0.45 ? Relation(cast, random) : Fill(Pick(random, WordPools.Fillers), cast, random));
        }

        return string.Join(' ', sentences);
    }

    private static string Relation(Cast cast, Random random)
    {
        var g = cast.Group;
        return random.Next(16) switch
        {
            0 => $"Members of the alliance include {cast.Org(1)}, {cast.Org(2)} and {cast.Org(3)}.",
            1 => $"Other members include {cast.Org(4)}, {cast.Org(5)}, {cast.Org(6)} and {cast.Org(7)}, among others.",
            2 => $"{cast.Person(0)}, chief executive of {cast.Org(0)}, said the company expects to {Pick(random, WordPools.Goals)}.",
            3 => $"“We want to {Pick(random, WordPools.Goals)},” said {cast.Person(1)}, director of the {g.Acronym}.",
            4 => $"{cast.Org(2)}, a {cast.Place}-based {Pick(random, WordPools.FirmKinds)}, said it would {Pick(random, WordPools.Goals)}.",
            5 => $"The consortium was founded by {cast.Org(1)} and {cast.Org(3)} in {random.Next(2012, 2024)}.",
            6 => $"{cast.Org(5)} invested in {cast.Org(6)} last year, according to people familiar with the matter.",
            7 => $"The {g.Acronym} is made up of {random.Next(8, 120)} members.",
            8 => $"{cast.Org(3)} collaborates with {random.Next(10, 90)} companies across {cast.Place}.",
            9 => $"{cast.Org(4)} is headquartered in {cast.Place}.",
            10 => $"{cast.Org(7)} will be the technical provider for the {g.Name}.",
            11 => $"The {g.Acronym} was initiated by {cast.Org(1)} and {cast.Org(2)}.",
            12 => $"{cast.Person(2)} is the president of {cast.Org(3)}.",
            13 => $"{cast.Org(6)} has joined the {cast.Group2.Name} ({cast.Group2.Acronym}) as well.",
            14 => $"{cast.Org(1)}, which is {Indefinite(Pick(random, WordPools.FirmKinds))} founded in {random.Next(1990, 2020)}, is also a member of the {g.Acronym}.",
            _ => $"{cast.Org(8)}, {cast.Org(9)} and {cast.Org(10)} were also admitted to the {g.Acronym}.",
        };
    }

    private static string Fill(string template, Cast cast, Random random) => template
        .Replace("{noun}", Pick(random, WordPools.Nouns).ToLowerInvariant(), StringComparison.Ordinal)
        .Replace("{place}", cast.Place, StringComparison.Ordinal)
        .Replace("{org}", cast.Org(random.Next(11)), StringComparison.Ordinal)
        .Replace("{year}", random.Next(2018, 2026).ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal)
        .Replace("{n}", random.Next(2, 40).ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal);

    private static string Pick(Random random, string[] pool) => pool[random.Next(pool.Length)];

    private static string Indefinite(string noun) => ("aeiou".Contains(noun[0], StringComparison.Ordinal) ? "an " : "a ") + noun;

    /// <summary>The names one article is about: a main group, a second group, up to 11 organisations and 3 people, drawn by popularity.</summary>
    private sealed class Cast
    {
        private readonly string[] _orgs;
        private readonly string[] _people;
        private readonly CorpusUniverse _universe;
        private readonly Random _random;

        public Cast(CorpusUniverse universe, Random random)
        {
            _universe = universe;
            _random = random;
            Group = universe.Group(random);
            Group2 = universe.Group(random);
            var orgs = new List<string>();
            while (orgs.Count < 11)
            {
                var org = universe.Organisation(random);
                if (!orgs.Contains(org))
                {
                    orgs.Add(org);
                }
            }

            _orgs = [.. orgs];
            _people = [universe.Person(random), universe.Person(random), universe.Person(random)];
            Place = WordPools.Places[random.Next(WordPools.Places.Length)];
        }

        public SyntheticGroup Group { get; }

        public SyntheticGroup Group2 { get; }

        public string Place { get; }

        public string Org(int i) => _orgs[i];

        public string Person(int i) => _people[i];

        public string Person() => _universe.Person(_random);
    }
}

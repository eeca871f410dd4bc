namespace Bot.Benchmarks.Corpus;

/// <summary>A group (alliance, network, association…) of the synthetic world, with the acronym articles define for it.</summary>
internal sealed record SyntheticGroup(string Name, string Acronym);

/// <summary>
/// The names of the synthetic world, deterministic by seed: thousands of organisations and groups built from the word
/// pools, and people. Index order is popularity order: articles pick names with a Zipf-like law (rank r is chosen with
/// weight 1/(r+1)^s), so a few groups and companies appear in many articles and most in a few.
/// </summary>
internal sealed class CorpusUniverse
{
    /// <summary>The Zipf exponent of name reuse.</summary>
    public const double ZipfExponent = 1.0;

    private readonly double[] _orgCumulative;
    private readonly double[] _groupCumulative;
    private readonly double[] _personCumulative;

    public CorpusUniverse(int seed, int organisations = 8000, int groups = 1500, int people = 4000)
    {
        var random = new Random(seed);
        Organisations = MakeOrganisations(random, organisations);
        Groups = MakeGroups(random, groups);
        People = MakePeople(random, people);
        _orgCumulative = Cumulative(Organisations.Count);
        _groupCumulative = Cumulative(Groups.Count);
        _personCumulative = Cumulative(People.Count);
    }

    public IReadOnlyList<string> Organisations { get; }

    public IReadOnlyList<SyntheticGroup> Groups { get; }

    public IReadOnlyList<string> People { get; }

    public string Organisation(Random random) => Organisations[Pick(random, _orgCumulative)];

    public SyntheticGroup Group(Random random) => Groups[Pick(random, _groupCumulative)];

    public string Person(Random random) => People[Pick(random, _personCumulative)];

    /// <summary>The acronym of a name: the initials of its capitalised words ("Hangzhou Digital Payments Alliance" → "HDPA").</summary>
    public static string AcronymOf(string name) =>
        string.Concat(name.Split(' ', StringSplitOptions.RemoveEmptyEntries).Where(w => char.IsUpper(w[0])).Select(w => w[0]));

    private static int Pick(Random random, double[] cumulative)
    {
        var x = random.NextDouble() * cumulative[^1];
        var index = Array.BinarySearch(cumulative, x);
        return index >= 0 ? index : Math.Min(~index, cumulative.Length - 1);
    }

    private static double[] Cumulative(int count)
    {
        var cumulative = new double[count];
        var sum = 0.0;
        for (var i = 0; i < count; i++)
        {
            sum += 1.0 / Math.Pow(i + 1, ZipfExponent);
            cumulative[i] = sum;
        }

        return cumulative;
    }

    private static string One(Random random, string[] pool) => pool[random.Next(pool.Length)];

    private static List<string> MakeOrganisations(Random random, int count)
    {
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var list = new List<string>(count);
        while (list.Count < count)
        {
            var name = random.Next(4) switch
            {
                0 => $"{One(random, WordPools.Places)} {One(random, WordPools.Nouns)} {One(random, WordPools.OrgSuffixes)}",
                1 => $"{One(random, WordPools.Adjectives)} {One(random, WordPools.Nouns)} {One(random, WordPools.OrgSuffixes)}",
                2 => $"{One(random, WordPools.BrandHeads)}{One(random, WordPools.BrandTails)} {One(random, WordPools.OrgSuffixes)}",
                _ => $"{One(random, WordPools.BrandHeads)}{One(random, WordPools.BrandTails)} {One(random, WordPools.Nouns)} {One(random, WordPools.OrgSuffixes)}",
            };
            if (names.Add(name))
            {
                list.Add(name);
            }
        }

        return list;
    }

    private static List<SyntheticGroup> MakeGroups(Random random, int count)
    {
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var list = new List<SyntheticGroup>(count);
        while (list.Count < count)
        {
            var name = random.Next(3) switch
            {
                0 => $"{One(random, WordPools.Places)} {One(random, WordPools.Nouns)} {One(random, WordPools.GroupSuffixes)}",
                1 => $"{One(random, WordPools.Adjectives)} {One(random, WordPools.Nouns)} {One(random, WordPools.GroupSuffixes)}",
                _ => $"{One(random, WordPools.Places)} {One(random, WordPools.Adjectives)} {One(random, WordPools.Nouns)} {One(random, WordPools.GroupSuffixes)}",
            };
            if (names.Add(name))
            {
                list.Add(new SyntheticGroup(name, AcronymOf(name)));
            }
        }

        return list;
    }

    private static List<string> MakePeople(Random random, int count)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        var list = new List<string>(count);
        var limit = WordPools.FirstNames.Length * WordPools.LastNames.Length;
        while (list.Count < Math.Min(count, limit))
        {
            var name = One(random, WordPools.FirstNames) + " " + One(random, WordPools.LastNames);
            if (names.Add(name))
            {
                list.Add(name);
            }
        }

        return list;
    }
}

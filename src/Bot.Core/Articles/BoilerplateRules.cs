using System.Buffers;
using System.Collections.Frozen;
using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace Bot.Core.Articles;

/// <summary>
/// The boilerplate markers the cleaner applies to every article, loaded from a YAML file
/// (config/boilerplate.yaml): generic news-site furniture, never rules for one article.
/// </summary>
public sealed partial class BoilerplateRules
{
    private static readonly TimeSpan MatchTimeout = TimeSpan.FromMilliseconds(250);

    /// <summary>
    /// Where a wire dateline's mark ("/Wire/", "(Wire)") can start at the latest: up to three places of 41 characters,
    /// two separators, a date of at most 21 characters with its separator, and ", " (152), with a margin.
    /// </summary>
    private const int WireMarkWindow = 160;

    // The patterns run on every line of every article loaded: compiled to IL, which matches several times faster than the
    // interpreter, on first use (a start-up that loads no article does not pay for compiling them). Parse builds them
    // interpreted first, which checks the operator's patterns and reports a bad one at load.
    private readonly Lazy<LineMatcher> _cutMarkers;
    private readonly Lazy<LineMatcher> _dropLines;
    private readonly Lazy<Regex?> _promo;
    private readonly Lazy<Regex?> _wirePrefix;

    /// <summary>
    /// The first word of every wire service's name (as written, case-sensitive like the pattern): a wire dateline's mark
    /// holds one, so a paragraph whose opening holds none cannot open with a wire dateline.
    /// </summary>
    private readonly SearchValues<string> _wireFirstWords;

    /// <summary>How far into a paragraph a first word of <see cref="_wireFirstWords"/> can end in a wire dateline's mark.</summary>
    private readonly int _wireFirstWordReach;

    private BoilerplateRules(
        Regex[] cutMarkers,
        Regex[] dropLines,
        Regex? promo,
        Regex? wirePrefix,
        string[] wireFirstWords,
        FrozenSet<string> bylineRoles,
        FrozenSet<string> publisherWords)
    {
        _cutMarkers = new(() => new LineMatcher(cutMarkers));
        _dropLines = new(() => new LineMatcher(dropLines));
        _promo = new(() => promo is null ? null : Compiled(promo));
        _wirePrefix = new(() => wirePrefix is null ? null : Compiled(wirePrefix));
        _wireFirstWords = SearchValues.Create(wireFirstWords, StringComparison.Ordinal);

        // The mark's "/ " or "(" starts within WireMarkWindow characters, and the name right after it.
        _wireFirstWordReach = WireMarkWindow + 2 + wireFirstWords.Select(w => w.Length).DefaultIfEmpty(0).Max();
        BylineRoles = bylineRoles.GetAlternateLookup<ReadOnlySpan<char>>();
        PublisherWords = publisherWords.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    /// <summary>Rules that remove nothing: only the cleaner's structural rules apply.</summary>
    public static BoilerplateRules Empty { get; } = new([], [], null, null, [], FrozenSet<string>.Empty, FrozenSet<string>.Empty);

    /// <summary>Words that end an author's role line ("Staff Writer"), case-insensitive, looked up by a slice of a line.</summary>
    internal FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> BylineRoles { get; }

    /// <summary>Words that mark a masthead line as a publication name ("Daily Ledger"), case-insensitive, looked up by a slice of a line.</summary>
    internal FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> PublisherWords { get; }

    /// <summary>Reads the rules from a YAML file.</summary>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="InvalidDataException">The file is not valid YAML of the expected shape, or a pattern is not a valid regular expression.</exception>
    public static BoilerplateRules Load(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"Boilerplate rules file not found: {Path.GetFullPath(path)} (set Dataset:BoilerplateFile).", path);
        }

        return Parse(File.ReadAllText(path), path);
    }

    /// <summary>Reads the rules from YAML text; <paramref name="origin"/> names it in error messages.</summary>
    /// <exception cref="InvalidDataException">The text is not valid YAML of the expected shape, or a pattern is not a valid regular expression.</exception>
    public static BoilerplateRules Parse(string yaml, string origin = "boilerplate rules")
    {
        ArgumentNullException.ThrowIfNull(yaml);
        RulesFile file;
        try
        {
            var deserializer = new DeserializerBuilder()
                .WithNamingConvention(CamelCaseNamingConvention.Instance)
                .Build();
            file = deserializer.Deserialize<RulesFile?>(yaml) ?? new RulesFile();
        }
        catch (YamlException ex)
        {
            throw new InvalidDataException($"{origin}: not a valid boilerplate rules file at line {ex.Start.Line}: {ex.Message}", ex);
        }

        return new BoilerplateRules(
            Compile(file.CutMarkers, origin, "cutMarkers"),
            Compile(file.DropLines, origin, "dropLines"),
            AlternationAtStart(file.PromoVerbs),
            WirePrefix(file.WireServices),
            FirstWords(file.WireServices),
            ToSet(file.BylineRoles),
            ToSet(file.PublisherWords));
    }

    /// <summary>True when the line starts the end-of-article block (related links, comments, "About …").</summary>
    internal bool IsCutMarker(string line) => _cutMarkers.Value.AnyMatch(line);

    /// <summary>True when the line is boilerplate on its own (comment form, share buttons, newsletter prompt).</summary>
    internal bool IsDropLine(string line) => _dropLines.Value.AnyMatch(line);

    /// <summary>True when the line opens with a promotional verb ("Register now…"); the caller checks it is not a sentence.</summary>
    internal bool StartsWithPromoVerb(string line) => _promo.Value is { } promo && promo.IsMatch(line);

    /// <summary>Removes a wire-service dateline that opens a paragraph ("OSLO, May 2, 2025 /Wire/ -- ").</summary>
    internal string StripWirePrefix(string paragraph)
    {
        // The dateline's "/Wire/" or "(Wire)" comes within the first WireMarkWindow characters (three place names, a
        // date and separators at most): a paragraph with neither '/' nor '(' there cannot open with one. Most do not,
        // and this spares them the backtracking of the place-name repetitions.
        // Nor can one whose opening names no wire service: most paragraphs with a '/' or '(' near the start (an acronym in
        // brackets) are spared the match by one vectorised search.
        if (_wirePrefix.Value is { } wirePrefix
            && paragraph.AsSpan(0, Math.Min(paragraph.Length, WireMarkWindow)).IndexOfAny('/', '(') >= 0
            && paragraph.AsSpan(0, Math.Min(paragraph.Length, _wireFirstWordReach)).IndexOfAny(_wireFirstWords) >= 0)
        {
            try
            {
                var match = wirePrefix.Match(paragraph);
                if (match.Success && match.Length < paragraph.Length)
                {
                    paragraph = paragraph[match.Length..];
                }
            }
            catch (RegexMatchTimeoutException)
            {
                // As for the markers: a pathological paragraph keeps its text rather than stopping the whole dataset's load.
            }
        }

        // A dateline in capitals: "NAIROBI – ", "AMSTERDAM, March 4, 2026 (Meridian Wire) – ", "MANILA, 19 October 2026 — ".
        var dateline = Dateline().Match(paragraph);
        if (!dateline.Success && paragraph.Length > 0 && char.IsUpper(paragraph[0]))
        {
            dateline = DatedPlaceDateline().Match(paragraph);
        }

        return dateline.Success && dateline.Length < paragraph.Length ? paragraph[dateline.Length..] : paragraph;
    }

    /// <summary>
    /// A dateline with its place in title case, which only the date marks as one: "Mumbai, June 12, 2024 — ",
    /// "Sao Paulo, 3 March 2025 (Wire) – ".
    /// </summary>
    [GeneratedRegex(@"^[A-Z][a-z]+(?:[ -][A-Z][a-z]+){0,2},\s*(?:[A-Z][a-z]+\.?\s+\d{1,2},?\s+\d{4}|\d{1,2}\s+[A-Z][a-z]+\.?\s+\d{4})(?:\s*\([^)]{2,40}\))?\s*(?:[–—]|--?)\s+(?=[A-Z“""‘])", RegexOptions.CultureInvariant)]
    private static partial Regex DatedPlaceDateline();

    [GeneratedRegex(@"^[A-Z][A-Z.'’ -]{2,40}(?:,\s*[A-Z][a-z]+\.?\s+\d{1,2}(?:,\s*\d{4})?|,\s*\d{1,2}\s+[A-Z][a-z]+(?:\s+\d{4})?)?(?:\s*\([^)]{2,40}\))?\s*(?:[–—]|--?)\s+(?=[A-Z“""‘])", RegexOptions.CultureInvariant)]
    private static partial Regex Dateline();

    private static Regex Compiled(Regex pattern) => new(pattern.ToString(), pattern.Options | RegexOptions.Compiled, pattern.MatchTimeout);

    private static Regex[] Compile(List<string>? patterns, string origin, string key)
    {
        if (patterns is null)
        {
            return [];
        }

        var result = new Regex[patterns.Count];
        for (var i = 0; i < patterns.Count; i++)
        {
            try
            {
                result[i] = new Regex(patterns[i], RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, MatchTimeout);
            }
            catch (ArgumentException ex)
            {
                throw new InvalidDataException($"{origin}: {key}[{i}] \"{patterns[i]}\" is not a valid regular expression: {ex.Message}", ex);
            }
        }

        return result;
    }

    private static Regex? AlternationAtStart(List<string>? phrases)
    {
        var alternatives = Escaped(phrases);
        return alternatives.Length == 0
            ? null
            : new Regex($@"^(?:{alternatives})\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, MatchTimeout);
    }

    private static Regex? WirePrefix(List<string>? wires)
    {
        var alternatives = Escaped(wires);
        if (alternatives.Length == 0)
        {
            return null;
        }

        // PLACE[, PLACE][, DATE] then "/Wire/" or "(Wire)", then a dash: the dateline of a wire story or a press release.
        // (WireMarkWindow bounds where the mark can start: keep it in step with these lengths.)
        const string Place = @"[\p{Lu}][\p{L}.'’ -]{1,40}";
        const string Date = @"[\p{L}]{3,9}\.? \d{1,2}(?:st|nd|rd|th)?,? \d{4}|\d{1,2}(?:st|nd|rd|th)? [\p{L}]{3,9},? \d{4}|\d{4}-\d{2}-\d{2}";
        const string DayOfMonth = @"[\p{L}]{3,9}\.? \d{1,2}";
        var pattern = $@"^{Place}(?:, ?{Place}){{0,2}}(?:, ?(?:{Date}|{DayOfMonth}))?,? ?(?:/ ?(?:{alternatives}) ?/|\((?:{alternatives})\))\s*(?:--|–|—|-)\s*";
        return new Regex(pattern, RegexOptions.CultureInvariant, MatchTimeout);
    }

    /// <summary>
    /// The first word of each phrase as <see cref="Escaped"/> writes it into a pattern (its words separated by white
    /// space: a null separator splits at <see cref="char.IsWhiteSpace(char)"/>).
    /// </summary>
    private static string[] FirstWords(List<string>? phrases) =>
        [.. (phrases ?? [])
            .Where(p => !string.IsNullOrWhiteSpace(p))
            .Select(p => p.Split((char[]?)null, 2, StringSplitOptions.RemoveEmptyEntries)[0])
            .Distinct(StringComparer.Ordinal)];

    private static string Escaped(List<string>? phrases) =>
        phrases is null
            ? string.Empty
            : string.Join('|', phrases
                .Where(p => !string.IsNullOrWhiteSpace(p))
                .OrderByDescending(p => p.Length)
                .Select(p => Regex.Escape(p.Trim()).Replace(@"\ ", @"\s+", StringComparison.Ordinal)));

    private static FrozenSet<string> ToSet(List<string>? words) =>
        (words ?? []).Where(w => !string.IsNullOrWhiteSpace(w)).Select(w => w.Trim()).ToFrozenSet(StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// Whether a line matches any of a list of the operator's patterns, in one or two regex runs instead of one per
    /// pattern: the patterns that start with '^' joined in one alternation (it is tried at the start of the line only),
    /// the others in a second one (one scan of the line for all of them). An alternation of patterns, each in its own
    /// group, matches where one of them matches. A pattern whose meaning could change in an alternation (a numbered
    /// backreference or a conditional, which count groups, or an inline x option, whose comments run to the end of the
    /// pattern; a balancing group) keeps a regex of its own, as does every pattern when the joined one does not build. When a joined run
    /// times out, the patterns are run one by one, each with its own timeout, as before.
    /// </summary>
    private sealed partial class LineMatcher
    {
        private readonly Lazy<Regex[]> _patterns;
        private readonly Regex[] _runs;

        public LineMatcher(Regex[] patterns)
        {
            _patterns = new(() => Array.ConvertAll(patterns, Compiled));
            var alone = patterns.Where(p => !CanJoin(p)).Select(Compiled);
            var anchored = patterns.Where(p => CanJoin(p) && p.ToString().StartsWith('^')).ToList();
            var floating = patterns.Where(p => CanJoin(p) && !p.ToString().StartsWith('^')).ToList();
            _runs = [.. Joined(anchored), .. Joined(floating), .. alone];
        }

        public bool AnyMatch(string line)
        {
            try
            {
                foreach (var run in _runs)
                {
                    if (run.IsMatch(line))
                    {
                        return true;
                    }
                }

                return false;
            }
            catch (RegexMatchTimeoutException)
            {
                return AnyMatchOneByOne(line);
            }
        }

        private bool AnyMatchOneByOne(string line)
        {
            foreach (var pattern in _patterns.Value)
            {
                try
                {
                    if (pattern.IsMatch(line))
                    {
                        return true;
                    }
                }
                catch (RegexMatchTimeoutException)
                {
                    // A pathological line never counts as boilerplate: keeping text is the safe side.
                }
            }

            return false;
        }

        private static bool CanJoin(Regex pattern) => !NotJoinable().IsMatch(pattern.ToString());

        /// <summary>The patterns in one compiled alternation; one by one when there is one or the alternation does not build.</summary>
        private static IEnumerable<Regex> Joined(List<Regex> patterns)
        {
            if (patterns.Count <= 1)
            {
                return patterns.Select(Compiled);
            }

            try
            {
                var alternation = string.Join('|', patterns.Select(p => "(?:" + p + ")"));
                // No group is referred to (CanJoin), so none needs capturing: the match only says yes or no, faster without.
                return [new Regex(alternation, patterns[0].Options | RegexOptions.Compiled | RegexOptions.ExplicitCapture, patterns[0].MatchTimeout)];
            }
            catch (ArgumentException)
            {
                return patterns.Select(Compiled);
            }
        }

        /// <summary>A backreference by number or name, a conditional, a balancing group, or an inline option group that turns on x.</summary>
        [GeneratedRegex(@"\\[1-9k]|\(\?\(|\(\?[<'][\w]*-|\(\?[imnsx]*x")]
        private static partial Regex NotJoinable();
    }

    /// <summary>The YAML shape of the rules file.</summary>
    private sealed class RulesFile
    {
        public List<string>? CutMarkers { get; set; }

        public List<string>? DropLines { get; set; }

        public List<string>? PromoVerbs { get; set; }

        public List<string>? BylineRoles { get; set; }

        public List<string>? PublisherWords { get; set; }

        public List<string>? WireServices { get; set; }
    }
}

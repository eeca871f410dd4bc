using System.Buffers;
using System.Text.RegularExpressions;
using static Bot.Core.Extraction.SentenceCues;

namespace Bot.Core.Extraction;

/// <summary>A necessary condition of a relation pattern, tested on a masked sentence or on the tail after a match.</summary>
internal delegate bool TextCue(ReadOnlySpan<char> text);

public sealed partial class ArticleExtractor
{
    // Cues: for each pattern below, a test that every match of it passes, looking only at the characters the match consumes
    // (so the test also passes on the match's own text, and a tail of a sentence that fails it holds no further match).
    // A sentence that fails a pattern's cue skips the pattern; once a pattern has matched, a tail that fails the cue ends
    // its matches without the failed search. Each cue names the literal parts of its pattern it tests.

    private static readonly string[] AddedToVerbs = ["added", "admitted", "inducted", "accepted", "welcomed", "onboarded"];

    /// <summary><see cref="AddedTo"/>: "(added|…|onboarded)\s+(?:to|into)\s+(?:the\s+)?⟦" or "(added|…)\s+as ".</summary>
    private static bool AddedToCue(ReadOnlySpan<char> text) =>
        AnyWordFollowedBy(text, AddedToVerbs, static tail =>
        {
            var after = SkipSpaces(tail, 0);
            var rest = tail[after..];
            return after > 0
                && ((rest.StartsWith("to", StringComparison.Ordinal) && SpacesThenName(tail, after + 2))
                    || (rest.StartsWith("into", StringComparison.Ordinal) && SpacesThenName(tail, after + 4))
                    || rest.StartsWith("as ", StringComparison.Ordinal));
        });

    private static readonly string[] SignedUpVerbs = ["signed up", "signed on", "come on board", "enrolled", "registered", "been accepted", "been admitted", "been added", "joined"];

    /// <summary><see cref="SignedUpAsMembers"/>: "(signed up|…|joined)\s+as\s" (its "member" the reader tests by its bit).</summary>
    private static bool SignedUpAsMembersCue(ReadOnlySpan<char> text) => AnyWordThenWord(text, SignedUpVerbs, "as");

    private static readonly string[] AdmittedVerbs = ["admitted", "welcomed", "added", "signed up", "accepted"];

    /// <summary><see cref="AdmittedAsMembers"/>: "(admitted|…|accepted)\s" with " as " after it (its "member" the reader tests by its bit).</summary>
    private static bool AdmittedAsMembersCue(ReadOnlySpan<char> text) =>
        AnyWordFollowedBy(text, AdmittedVerbs, static tail => tail.Length > 0 && char.IsWhiteSpace(tail[0]) && SpacedWord(tail, "as"));

    /// <summary><see cref="AmongMembersAre"/>: "[Aa]mong" and "members".</summary>
    private static bool AmongMembersAreCue(ReadOnlySpan<char> text) =>
        text.Contains("mong", StringComparison.Ordinal) && text.Contains("members", StringComparison.Ordinal);

    /// <summary><see cref="JoinListIn"/>: "join", and after it "\sin\s+⟦".</summary>
    private static bool JoinListInCue(ReadOnlySpan<char> text)
    {
        var join = text.IndexOf("join", StringComparison.Ordinal);
        if (join < 0)
        {
            return false;
        }

        for (var i = IndexOf(text, "in", join + 4); i >= 0; i = IndexOf(text, "in", i + 1))
        {
            if (char.IsWhiteSpace(text[i - 1]) && SpacesThen(text, i + 2, "⟦"))
            {
                return true;
            }
        }

        return false;
    }

    private static readonly string[] JoinVerbs = ["join", "joins", "joined", "joining"];

    /// <summary><see cref="SubjectJoins"/>: "join(s|ed|ing)?\s+(?:the\s+)?(⟦|it)".</summary>
    private static bool SubjectJoinsCue(ReadOnlySpan<char> text) =>
        AnyWordFollowedBy(text, JoinVerbs, static tail =>
        {
            var after = SkipSpaces(tail, 0);
            if (after == 0 || after >= tail.Length)
            {
                return false;
            }

            if (tail[after] == '⟦' || tail[after..].StartsWith("it", StringComparison.Ordinal))
            {
                return true;
            }

            if (!tail[after..].StartsWith("the", StringComparison.Ordinal))
            {
                return false;
            }

            var obj = SkipSpaces(tail, after + 3);
            return obj > after + 3 && obj < tail.Length && (tail[obj] == '⟦' || tail[obj..].StartsWith("it", StringComparison.Ordinal));
        });

    /// <summary><see cref="MemberOf"/>: "members?\s+of\s+(?:the\s+)?⟦".</summary>
    private static bool MembersOfNameCue(ReadOnlySpan<char> text) =>
        AnyWordFollowedBy(text, MemberWordForms, static tail => SkipSpaces(tail, 0) is var of && of > 0
            && tail[of..].StartsWith("of", StringComparison.Ordinal) && SpacesThenName(tail, of + 2));

    private static readonly string[] MemberWordForms = ["member", "members"];

    private static readonly string[] FrontedParticiples = ["Founded", "Co-founded", "Set up", "Started", "Established", "Created", "Launched", "Formed"];

    /// <summary><see cref="FrontedFoundedBy"/>: the sentence opens with one of its participles.</summary>
    private static bool FrontedFoundedByCue(ReadOnlySpan<char> text) =>
        text.Length > 0 && text[0] is 'F' or 'C' or 'S' or 'E' or 'L' && StartsWithAny(text, FrontedParticiples, StringComparison.Ordinal) >= 0;

    /// <summary><see cref="InitiatedBy"/>: a participle (<see cref="ParticipleWords"/>) and after it " by " or " at ".</summary>
    private static bool InitiatedByCue(ReadOnlySpan<char> text)
    {
        var first = text.IndexOfAny(ParticipleWords);
        return first >= 0 && (SpacedWord(text[first..], "by") || SpacedWord(text[first..], "at"));
    }

    /// <summary><see cref="PersonRoleOfFieldAt"/>: "⟧\s*," and "at\s+(?:the\s+)?⟦".</summary>
    private static bool PersonRoleOfFieldAtCue(ReadOnlySpan<char> text) => NameThenComma(text, thenName: false) && WordThenName(text, "at");

    /// <summary><see cref="PersonCommaRoleOf"/>: "⟧\s*,".</summary>
    private static bool PersonCommaRoleOfCue(ReadOnlySpan<char> text) => NameThenComma(text, thenName: false);

    /// <summary><see cref="RoleOfOrgPerson"/>: "⟧\s*,\s*⟦".</summary>
    private static bool RoleOfOrgPersonCue(ReadOnlySpan<char> text) => NameThenComma(text, thenName: true);

    /// <summary>The last words a title of <see cref="Role"/> can end with ("co-founder", "chief executive officer", "director-general").</summary>
    private static readonly string[] RoleEndings =
        ["founder", "ceo", "executive", "officer", "cto", "cfo", "coo", "cio", "cmo", "director", "president", "chairman", "chairwoman", "chair",
         "chairperson", "head", "manager", "partner", "secretary", "governor", "minister", "editor", "spokesperson", "spokesman", "spokeswoman", "general"];

    /// <summary>
    /// Whether <paramref name="text"/> holds a letter that the patterns which ignore case let stand for an ASCII one (the
    /// Kelvin sign, the long s, the Turkish i's): the cues of those patterns compare ASCII letters only and pass such a text.
    /// </summary>
    private static bool FoldsToAscii(ReadOnlySpan<char> text) => text.ContainsAny(CaseFoldedToAscii);

    /// <summary><see cref="OrgRolePerson"/> (ignores case): a title's last word, white space, then ⟦.</summary>
    private static bool OrgRolePersonCue(ReadOnlySpan<char> text)
    {
        if (FoldsToAscii(text))
        {
            return true;
        }

        for (var i = text.IndexOf('⟦'); i >= 0; i = IndexOf(text, '⟦', i + 1))
        {
            var end = SpacesBefore(text, i);
            if (end < i && end >= 2 && MayEndRole(text[end - 2], text[end - 1]) && EndsWithAny(text[..end], RoleEndings, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Whether a word ending in <paramref name="a"/>, <paramref name="b"/> can end with one of <see cref="RoleEndings"/>, ignoring
    /// the case of ASCII letters (setting bit 5 lowers exactly those, and makes no other character an ASCII lower-case letter).
    /// </summary>
    private static bool MayEndRole(char a, char b)
    {
        var (x, y) = ((char)(a | 0x20), (char)(b | 0x20));
        return char.IsAsciiLetterLower(x) && char.IsAsciiLetterLower(y) && RoleEndingPairs[((x - 'a') * 26) + (y - 'a')];
    }

    /// <summary>Which pairs of lower-case letters end one of <see cref="RoleEndings"/>, by (first - 'a') * 26 + (second - 'a').</summary>
    private static readonly bool[] RoleEndingPairs = RoleEndingPairTable();

    private static bool[] RoleEndingPairTable()
    {
        var table = new bool[26 * 26];
        foreach (var ending in RoleEndings)
        {
            table[((ending[^2] - 'a') * 26) + (ending[^1] - 'a')] = true;
        }

        return table;
    }

    /// <summary>
    /// <see cref="PersonIsRoleOf"/> (ignores case): "⟧" then ",\s*who", ",\s*now" or "\s+(is|was|serves as|became)", and
    /// "(of|at)\s+(?:the\s+)?⟦".
    /// </summary>
    private static bool PersonIsRoleOfCue(ReadOnlySpan<char> text)
    {
        if (FoldsToAscii(text))
        {
            return true;
        }

        if (!WordThenName(text, "of", StringComparison.OrdinalIgnoreCase) && !WordThenName(text, "at", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        for (var i = text.IndexOf('⟧'); i >= 0; i = IndexOf(text, '⟧', i + 1))
        {
            var next = SkipSpaces(text, i + 1);
            if (next >= text.Length)
            {
                break;
            }

            if (text[next] == ',')
            {
                var word = text[SkipSpaces(text, next + 1)..];
                if (word.StartsWith("who", StringComparison.OrdinalIgnoreCase) || word.StartsWith("now", StringComparison.OrdinalIgnoreCase))
                {
                    return true;
                }
            }
            else if (next > i + 1 && StartsWithAny(text[next..], PersonIsVerbs, StringComparison.OrdinalIgnoreCase) >= 0)
            {
                return true;
            }
        }

        return false;
    }

    private static readonly string[] PersonIsVerbs = ["is", "was", "serves as", "became"];

    /// <summary><see cref="PersonOrgsRole"/> (ignores case): "⟧’s" or "⟧'s".</summary>
    private static bool PersonOrgsRoleCue(ReadOnlySpan<char> text) => FoldsToAscii(text) || NamePossessive(text);

    /// <summary><see cref="OrgsRolePerson"/> (ignores case): "⟧’s" or "⟧'s", and ",\s*⟦".</summary>
    private static bool OrgsRolePersonCue(ReadOnlySpan<char> text) => PersonOrgsRoleCue(text) && (FoldsToAscii(text) || CommaThenName(text));

    /// <summary><see cref="AppointedAsRole"/> (ignores case): one of its verbs (<see cref="AppointingVerbs"/>).</summary>
    private static bool AppointedAsRoleCue(ReadOnlySpan<char> text) => FoldsToAscii(text) || text.ContainsAny(AppointingVerbs);

    private static readonly string[] LedVerbs = ["chaired", "led", "headed", "run", "managed"];

    /// <summary><see cref="LedByPerson"/>: "(chaired|led|headed|run|managed)\s+by\s".</summary>
    private static bool LedByPersonCue(ReadOnlySpan<char> text) => text.Contains("by", StringComparison.Ordinal) && AnyWordThenWord(text, LedVerbs, "by");

    private static readonly string[] WhichWords = ["which", "that", "who"];

    /// <summary><see cref="WhichIs"/>: "⟧\s*,\s*(which|that|who)\s".</summary>
    private static bool WhichIsCue(ReadOnlySpan<char> text) => NameCommaThenWord(text, WhichWords);

    /// <summary><see cref="WhichVerbs"/>: "⟧\s*,\s*which\s".</summary>
    private static bool WhichVerbsCue(ReadOnlySpan<char> text) => NameCommaThenWord(text, ["which"]);

    private static readonly string[] IsWas = ["was", "is"];
    private static readonly string[] FoundedParticiples = ["started", "founded", "established", "launched", "created", "set up", "incorporated", "formed"];

    /// <summary><see cref="FoundedInYear"/>: "⟧\s+(was|is)\s+(started|…|formed)\s+in\s".</summary>
    private static bool FoundedInYearCue(ReadOnlySpan<char> text)
    {
        for (var i = text.IndexOf('⟧'); i >= 0; i = IndexOf(text, '⟧', i + 1))
        {
            var verb = SkipSpaces(text, i + 1);
            var length = verb > i + 1 ? StartsWithAny(text[verb..], IsWas, StringComparison.Ordinal) : -1;
            if (length < 0)
            {
                continue;
            }

            var participle = SkipSpaces(text, verb + length);
            if (participle == verb + length)
            {
                continue;
            }

            foreach (var word in FoundedParticiples)
            {
                if (text[participle..].StartsWith(word, StringComparison.Ordinal) && SpacesThenWord(text, participle + word.Length, "in"))
                {
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary><see cref="AndItWas"/>: ",\s*and\s+it\s+(was|is)".</summary>
    private static bool AndItWasCue(ReadOnlySpan<char> text)
    {
        for (var i = text.IndexOf(','); i >= 0; i = IndexOf(text, ',', i + 1))
        {
            var and = SkipSpaces(text, i + 1);
            if (text[and..].StartsWith("and", StringComparison.Ordinal) && SpacesThen(text, and + 3, "it"))
            {
                var it = SkipSpaces(text, and + 3);
                var verb = SkipSpaces(text, it + 2);
                if (verb > it + 2 && StartsWithAny(text[verb..], IsWas, StringComparison.Ordinal) >= 0)
                {
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary><see cref="CopulaIsA"/>: the sentence opens with "(?:[Tt]he\s+)?⟦\d+⟧\s+(is|was)\s+a".</summary>
    private static bool CopulaIsACue(ReadOnlySpan<char> text)
    {
        var start = 0;
        if (text.StartsWith("The", StringComparison.Ordinal) || text.StartsWith("the", StringComparison.Ordinal))
        {
            start = SkipSpaces(text, 3);
            if (start == 3)
            {
                return false;
            }
        }

        if (start >= text.Length || text[start] != '⟦' || NextRef(text, start, out var end) != start)
        {
            return false;
        }

        var verb = SkipSpaces(text, end);
        var length = verb > end ? StartsWithAny(text[verb..], IsWas, StringComparison.Ordinal) : -1;
        return length >= 0 && SpacesThen(text, verb + length, "a");
    }

    /// <summary><see cref="PlaceBased"/>: "⟧-based" or "⟧-headquartered".</summary>
    private static bool PlaceBasedCue(ReadOnlySpan<char> text) =>
        text.Contains("⟧-based", StringComparison.Ordinal) || text.Contains("⟧-headquartered", StringComparison.Ordinal);

    /// <summary><see cref="AppositivePlaceBased"/>: "⟧\s*," and "⟧-based" or "⟧-headquartered".</summary>
    private static bool AppositivePlaceBasedCue(ReadOnlySpan<char> text) => PlaceBasedCue(text) && NameThenComma(text, thenName: false);

    /// <summary><see cref="HeadquarteredInComma"/>: "(Headquartered|Based)\s+in\s".</summary>
    private static bool HeadquarteredInCommaCue(ReadOnlySpan<char> text) => WordThenWord(text, "Headquartered", "in") || WordThenWord(text, "Based", "in");

    /// <summary><see cref="IsHeadquarteredIn"/>: "(headquartered|based)\s+in\s".</summary>
    private static bool IsHeadquarteredInCue(ReadOnlySpan<char> text) => WordThenWord(text, "headquartered", "in") || WordThenWord(text, "based", "in");

    /// <summary><see cref="AndHeadquarteredIn"/>: "and" and "(headquartered|based)\s+in\s".</summary>
    private static bool AndHeadquarteredInCue(ReadOnlySpan<char> text) => text.Contains("and", StringComparison.Ordinal) && IsHeadquarteredInCue(text);

    /// <summary><see cref="AppositiveHeadquarteredIn"/>: "⟧\s*," and "(headquartered|based)\s+in\s".</summary>
    private static bool AppositiveHeadquarteredInCue(ReadOnlySpan<char> text) => NameThenComma(text, thenName: false) && IsHeadquarteredInCue(text);

    /// <summary><see cref="HeadquartersWillBe"/>: "headquarters?\s".</summary>
    private static bool HeadquartersWillBeCue(ReadOnlySpan<char> text)
    {
        for (var i = IndexOf(text, "headquarter", 0); i >= 0; i = IndexOf(text, "headquarter", i + 1))
        {
            var end = i + 11;
            if ((end < text.Length && char.IsWhiteSpace(text[end])) || (end + 1 < text.Length && text[end] == 's' && char.IsWhiteSpace(text[end + 1])))
            {
                return true;
            }
        }

        return false;
    }

    private static readonly string[] ProvideForVerbs = ["provides", "provide", "provided", "supplies", "supply", "supplied", "providing", "offers", "offer"];
    private static readonly SearchValues<string> ProvideForWords = SearchValues.Create(ProvideForVerbs, StringComparison.Ordinal);

    /// <summary><see cref="ProvidesFor"/>: one of its verbs, white space, then a lower-case letter.</summary>
    private static bool ProvidesForCue(ReadOnlySpan<char> text) =>
        text.ContainsAny(ProvideForWords) && AnyWordFollowedBy(text, ProvideForVerbs,
            static tail => SkipSpaces(tail, 0) is var after && after > 0 && after < tail.Length && char.IsAsciiLetterLower(tail[after]));

    private static readonly string[] ProviderPrepositions = ["for", "of", "to"];

    /// <summary><see cref="IsProviderFor"/>: "provider\s+(for|of|to)\s".</summary>
    private static bool IsProviderForCue(ReadOnlySpan<char> text)
    {
        foreach (var preposition in ProviderPrepositions)
        {
            if (WordThenWord(text, "provider", preposition))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary><see cref="ProvidesPossessed"/>: "⟧’s" or "⟧'s".</summary>
    private static bool ProvidesPossessedCue(ReadOnlySpan<char> text) =>
        text.Contains("⟧’s", StringComparison.Ordinal) || text.Contains("⟧'s", StringComparison.Ordinal);

    private static readonly string[] ProvidedVerbs = ["supplied", "provided", "delivered", "handled"];

    /// <summary><see cref="ProvidedBy"/>: "(supplied|provided|delivered|handled)\s+by\s".</summary>
    private static bool ProvidedByCue(ReadOnlySpan<char> text) => text.Contains("by", StringComparison.Ordinal) && AnyWordThenWord(text, ProvidedVerbs, "by");

    private static readonly string[] ProvideThingVerbs = ["provides", "supplies", "provide", "supply", "offers", "offer"];

    /// <summary><see cref="ProvidesThing"/>: one of its verbs, white space, then "a", "an" or "the".</summary>
    private static bool ProvidesThingCue(ReadOnlySpan<char> text) =>
        AnyWordFollowedBy(text, ProvideThingVerbs, static tail => SpacesThen(tail, 0, "a") || SpacesThen(tail, 0, "the"));

    private static readonly string[] PartnerEndings =
        ["work", "works", "worked", "working", "partnering", "partnered", "partners", "partner", "up", "collaborating", "collaborated", "collaborates",
         "collaborate", "cooperates", "cooperating", "agreement", "deal", "partnership", "memorandum"];

    /// <summary><see cref="PartnersWith"/>: one of its verbs' last words, white space, "with", white space, then "the", a lower-case word or ⟦.</summary>
    private static bool PartnersWithCue(ReadOnlySpan<char> text)
    {
        for (var i = IndexOf(text, "with", 0); i >= 0; i = IndexOf(text, "with", i + 1))
        {
            var end = SpacesBefore(text, i);
            var next = SkipSpaces(text, i + 4);
            if (end < i && next > i + 4 && next < text.Length && (text[next] == '⟦' || char.IsAsciiLetterLower(text[next]))
                && EndsWithAny(text[..end], PartnerEndings, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    private static readonly string[] GrowVerbs = ["grown", "grew", "expanded", "swelled", "risen", "rose"];

    /// <summary><see cref="GrownTo"/>: "(grown|grew|expanded|swelled|risen|rose)\s+to\s".</summary>
    private static bool GrownToCue(ReadOnlySpan<char> text) => AnyWordThenWord(text, GrowVerbs, "to");

    /// <summary><see cref="BodyOfCount"/>: "⟧\s+is" and "of\s+\d".</summary>
    private static bool BodyOfCountCue(ReadOnlySpan<char> text) => WordThenDigit(text, "of") && NameThenWord(text, ["is"]);

    /// <summary><see cref="TakesTo"/>: "to\s+\d" (its "members" the reader tests by its bit).</summary>
    private static bool TakesToCue(ReadOnlySpan<char> text) => WordThenDigit(text, "to");

    private static readonly string[] CountOwners = ["its", "Its", "their", "Their", "⟧’s", "⟧'s"];
    private static readonly SearchValues<string> CountOwnerWords = SearchValues.Create(CountOwners, StringComparison.Ordinal);
    private static readonly string[] SmallNumbers = ["two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve"];

    /// <summary><see cref="ItsCount"/>: "(its|their|⟧’s)\s+" before a digit or a number word (its "members" the reader tests by its bit).</summary>
    private static bool ItsCountCue(ReadOnlySpan<char> text) =>
        text.ContainsAny(CountOwnerWords)
        && AnyWordFollowedBy(text, CountOwners, static tail => SkipSpaces(tail, 0) is var number && number > 0 && number < tail.Length
            && (char.IsDigit(tail[number]) || StartsWithAny(tail[number..], SmallNumbers, StringComparison.Ordinal) >= 0));

    private static readonly string[] CountVerbs =
        ["is made up of", "made up of", "consists of", "comprises", "is composed of", "counts", "has", "have", "had", "boasts", "collaborates with",
         "works with", "partners with", "cooperates with", "brings together", "list of", "includes", "unites", "gathers", "represents", "operates",
         "runs", "employs", "serves", "manages"];

    private static readonly string[] CountQualifiers = ["more than", "over", "about", "around", "nearly", "some", "at least", "almost", "roughly", "up to"];

    private static readonly string[] CountNumbers = [.. SmallNumbers, "dozens of", "hundreds of"];

    /// <summary>
    /// <see cref="CountTail"/> (so also <see cref="CountOf"/>): a number (a digit or a number word) after white space, before
    /// which stands one of its verbs, maybe followed by white space and a qualifier ("has more than 40").
    /// </summary>
    private static bool CountTailCue(ReadOnlySpan<char> text)
    {
        for (var n = 1; n < text.Length; n++)
        {
            // After white space first: the number words are looked for at the start of a word only, not at every letter they start with.
            var c = text[n];
            if (!char.IsWhiteSpace(text[n - 1])
                || !(char.IsAsciiDigit(c) || (c > '\x7f' && char.IsDigit(c))
                    || (c is 't' or 'f' or 's' or 'e' or 'n' or 'd' or 'h' && StartsWithAny(text[n..], CountNumbers, StringComparison.Ordinal) >= 0)))
            {
                continue;
            }

            var end = SpacesBefore(text, n);
            if (EndsWithAny(text[..end], CountVerbs, StringComparison.Ordinal))
            {
                return true;
            }

            foreach (var qualifier in CountQualifiers)
            {
                if (text[..end].EndsWith(qualifier, StringComparison.Ordinal))
                {
                    var verbEnd = SpacesBefore(text, end - qualifier.Length);
                    if (verbEnd < end - qualifier.Length && EndsWithAny(text[..verbEnd], CountVerbs, StringComparison.Ordinal))
                    {
                        return true;
                    }
                }
            }
        }

        return false;
    }

    private static readonly string[] ExampleOpeners = ["The", "Those", "Such"];
    private static readonly string[] ExampleWords = ["such as", "includ", "like"];

    /// <summary><see cref="CountExamples"/>: the sentence opens with "The" (also "These", "They"), "Those" or "Such", and holds "such as", "includ" or "like".</summary>
    private static bool CountExamplesCue(ReadOnlySpan<char> text)
    {
        if (StartsWithAny(text, ExampleOpeners, StringComparison.Ordinal) < 0)
        {
            return false;
        }

        foreach (var word in ExampleWords)
        {
            if (text.Contains(word, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// The literals the readers' first tests look for (<see cref="SentenceCueWords"/>): found once per sentence, where each
    /// reader searched the sentence again for its own. A test that needs one of them reads its bit (a mask of
    /// <see cref="CueMask"/>); the exact test, where it is more than a literal, still runs when the bit is set, so a bit only
    /// skips what could not pass. Bit k stands for the k-th word.
    /// </summary>
    internal static readonly string[] CueWordTexts =
    [
        "member", "Member", "members", "participants", "join", "added", "admitted", "inducted", "accepted", "welcomed", "onboarded", "signed up",
        "signed ", "come on board", "enrolled", "registered", "became", "become", "part of", "mong", "consortium", "alliance", "coalition", "group",
        "association", "network", "federation", "initiated", "organi", "founded", "planned", "developed", "sponsored", "launched", "established",
        "created", "set up", "spearheaded", "started", "formed", "built", "convened", "proposed", "incubated", "incorporated", "which", "eadquarter", "ased",
        "invested", "nvestors", "round", "investment", "financing", "shareholders", "investors", "backers", "owners", "backed", "funded", "financed",
        "bankrolled", "from", "provide", "providing", "suppl", "offer", "deliver", "handled", "use", "run", "built on", "based on", "powered by", "relies on",
        "adopt", "leverages", "deploys", "used by", "companies", "firms", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
        "twelve", "dozens of", "hundreds of", "grown", "grew", "expanded", "swelled", "risen", "rose",
    ];

    private static readonly LiteralSet CueWordSet = new(CueWordTexts);

    /// <summary>Which <see cref="CueWordTexts"/> a masked sentence holds (bit k: <c>Contains(CueWordTexts[k])</c>, ordinally).</summary>
    internal static CueWords SentenceCueWords(ReadOnlySpan<char> sentence) => new(CueWordSet.Find(sentence));

    /// <summary>The bits of <paramref name="words"/> (each one of <see cref="CueWordTexts"/>), for <see cref="CueWords.Any"/> and <see cref="CueWords.All"/>.</summary>
    private static UInt128 CueMask(params ReadOnlySpan<string> words)
    {
        UInt128 mask = 0;
        foreach (var word in words)
        {
            var k = Array.IndexOf(CueWordTexts, word);
            mask |= k >= 0 ? UInt128.One << k : throw new ArgumentException($"'{word}' is no cue word.", nameof(words));
        }

        return mask;
    }

    /// <summary>The cue words of one sentence.</summary>
    internal readonly record struct CueWords(UInt128 Bits)
    {
        /// <summary>Whether the sentence holds one of the words of <paramref name="mask"/> (<see cref="CueMask"/>).</summary>
        public bool Any(UInt128 mask) => (Bits & mask) != 0;

        /// <summary>Whether the sentence holds all the words of <paramref name="mask"/> (<see cref="CueMask"/>).</summary>
        public bool All(UInt128 mask) => (Bits & mask) == mask;
    }

    // The words of the cues and trigger words above, as masks: a sentence without any of a cue's words fails it.
    private static readonly UInt128 MemberMask = CueMask("member");
    private static readonly UInt128 MembersMask = CueMask("members");
    private static readonly UInt128 JoinMask = CueMask("join");
    private static readonly UInt128 AddedToMask = CueMask(AddedToVerbs);
    private static readonly UInt128 AddedMask = AddedToMask | CueMask("signed up");
    private static readonly UInt128 SignedUpMask = CueMask("signed ", "come on board", "enrolled", "registered", "accepted", "admitted", "added", "join");
    private static readonly UInt128 AdmittedMask = CueMask(AdmittedVerbs);
    private static readonly UInt128 BecameMask = CueMask("became", "become");
    private static readonly UInt128 PartOfMask = CueMask("part of", "signed ");
    private static readonly UInt128 AmongMembersMask = CueMask("mong", "members");
    private static readonly UInt128 MemberWordsMask = CueMask("member", "Member", "participants");
    private static readonly UInt128 GroupWordsMask = CueMask("consortium", "alliance", "coalition", "group", "association", "network", "federation");
    private static readonly UInt128 ParticipleMask = CueMask(
        "initiated", "organi", "founded", "planned", "developed", "sponsored", "launched", "established", "created", "set up", "spearheaded", "started",
        "formed", "built", "convened", "proposed", "incubated");
    private static readonly UInt128 ActiveVerbMask = CueMask("initiated", "founded", "launched", "established", "created", "set up", "formed", "organi", "started", "spearheaded");
    private static readonly UInt128 WhichMask = CueMask("which");
    private static readonly UInt128 FoundedMask = CueMask(FoundedParticiples);
    private static readonly UInt128 PlaceMask = CueMask("eadquarter", "ased");
    private static readonly UInt128 InvestedMask = CueMask("invested");
    private static readonly UInt128 InvestorsMask = CueMask("nvestors");
    private static readonly UInt128 RoundMask = CueMask("round", "investment", "financing");
    private static readonly UInt128 HolderMask = CueMask("shareholders", "investors", "backers", "owners");
    private static readonly UInt128 BackedMask = CueMask("backed", "funded", "financed", "bankrolled");
    private static readonly UInt128 FromMask = CueMask("from");
    private static readonly UInt128 ProvideMask = CueMask("provide", "providing", "suppl", "offer", "deliver", "handled");
    private static readonly UInt128 UseMask = CueMask("use", "run", "built on", "based on", "powered by", "relies on", "adopt", "leverages", "deploys");
    private static readonly UInt128 UsedByMask = CueMask("used by");
    /// <summary>The nouns <see cref="GrownTo"/> counts; it needs one of them ("organi" for both spellings).</summary>
    private static readonly UInt128 GrownToNounMask = CueMask("members", "organi", "companies", "firms");
    private static readonly UInt128 GrowMask = CueMask(GrowVerbs);
    /// <summary>The numbers in words of <see cref="CountTail"/>: without one, it needs a number in digits after white space.</summary>
    private static readonly UInt128 CountWordMask = CueMask(CountNumbers);

    /// <summary>The patterns with a cue, for the tests that check each cue against its pattern.</summary>
    internal static IReadOnlyList<(string Name, Regex Pattern, TextCue Cue)> PatternCues { get; } =
    [
        (nameof(AddedTo), AddedTo(), AddedToCue),
        (nameof(SignedUpAsMembers), SignedUpAsMembers(), SignedUpAsMembersCue),
        (nameof(AdmittedAsMembers), AdmittedAsMembers(), AdmittedAsMembersCue),
        (nameof(AmongMembersAre), AmongMembersAre(), AmongMembersAreCue),
        (nameof(JoinListIn), JoinListIn(), JoinListInCue),
        (nameof(SubjectJoins), SubjectJoins(), SubjectJoinsCue),
        (nameof(MemberOf), MemberOf(), MembersOfNameCue),
        (nameof(FrontedFoundedBy), FrontedFoundedBy(), FrontedFoundedByCue),
        (nameof(InitiatedBy), InitiatedBy(), InitiatedByCue),
        (nameof(PersonRoleOfFieldAt), PersonRoleOfFieldAt(), PersonRoleOfFieldAtCue),
        (nameof(PersonCommaRoleOf), PersonCommaRoleOf(), PersonCommaRoleOfCue),
        (nameof(RoleOfOrgPerson), RoleOfOrgPerson(), RoleOfOrgPersonCue),
        (nameof(OrgRolePerson), OrgRolePerson(), OrgRolePersonCue),
        (nameof(PersonIsRoleOf), PersonIsRoleOf(), PersonIsRoleOfCue),
        (nameof(PersonOrgsRole), PersonOrgsRole(), PersonOrgsRoleCue),
        (nameof(OrgsRolePerson), OrgsRolePerson(), OrgsRolePersonCue),
        (nameof(AppointedAsRole), AppointedAsRole(), AppointedAsRoleCue),
        (nameof(LedByPerson), LedByPerson(), LedByPersonCue),
        (nameof(WhichIs), WhichIs(), WhichIsCue),
        (nameof(WhichVerbs), WhichVerbs(), WhichVerbsCue),
        (nameof(FoundedInYear), FoundedInYear(), FoundedInYearCue),
        (nameof(AndItWas), AndItWas(), AndItWasCue),
        (nameof(CopulaIsA), CopulaIsA(), CopulaIsACue),
        (nameof(PlaceBased), PlaceBased(), PlaceBasedCue),
        (nameof(AppositivePlaceBased), AppositivePlaceBased(), AppositivePlaceBasedCue),
        (nameof(HeadquarteredInComma), HeadquarteredInComma(), HeadquarteredInCommaCue),
        (nameof(IsHeadquarteredIn), IsHeadquarteredIn(), IsHeadquarteredInCue),
        (nameof(AndHeadquarteredIn), AndHeadquarteredIn(), AndHeadquarteredInCue),
        (nameof(AppositiveHeadquarteredIn), AppositiveHeadquarteredIn(), AppositiveHeadquarteredInCue),
        (nameof(HeadquartersWillBe), HeadquartersWillBe(), HeadquartersWillBeCue),
        (nameof(ProvidesFor), ProvidesFor(), ProvidesForCue),
        (nameof(IsProviderFor), IsProviderFor(), IsProviderForCue),
        (nameof(ProvidesPossessed), ProvidesPossessed(), ProvidesPossessedCue),
        (nameof(ProvidedBy), ProvidedBy(), ProvidedByCue),
        (nameof(ProvidesThing), ProvidesThing(), ProvidesThingCue),
        (nameof(PartnersWith), PartnersWith(), PartnersWithCue),
        (nameof(GrownTo), GrownTo(), GrownToCue),
        (nameof(BodyOfCount), BodyOfCount(), BodyOfCountCue),
        (nameof(TakesTo), TakesTo(), TakesToCue),
        (nameof(ItsCount), ItsCount(), ItsCountCue),
        (nameof(CountTailPattern), CountTailPattern(), CountTailCue),
        (nameof(CountOf), CountOf(), CountTailCue),
        (nameof(CountExamples), CountExamples(), CountExamplesCue),
    ];
}

using System.Collections.Frozen;

namespace Bot.Core.Extraction;

/// <summary>
/// The English news vocabulary the extractor reads names and relations with: head nouns that end organisation,
/// group and event names, job titles, function words. These are language, not world knowledge; the world
/// knowledge an operator edits (demonyms, aliases) comes from config/ through <see cref="ExtractionLexicon"/>.
/// </summary>
internal static class Lexicon
{
    /// <summary>Nouns that end the name of an organisation ("… Bank", "… Group", "… Commission").</summary>
    public static readonly FrozenSet<string> OrganisationHeads = Set(
        "bank", "banks", "group", "holdings", "corporation", "corp", "company", "co", "inc", "ltd", "llc", "plc", "gmbh", "ag", "sa",
        "commission", "administration", "authority", "agency", "ministry", "department", "bureau", "office", "institute",
        "university", "college", "school", "academy", "foundation", "fund", "capital", "ventures", "partners", "exchange",
        "center", "centre", "committee", "organization", "organisation", "society", "club", "board", "court", "police",
        "labs", "lab", "technologies", "technology", "systems", "services", "solutions", "media", "review", "news",
        "times", "journal", "post", "daily", "telecom", "securities", "insurance", "airlines", "motors", "industries",
        "enterprises", "trust", "government", "parliament", "senate", "congress", "regulator", "commission", "reserve",
        "platform", "project", "protocol", "chain", "zone", "division", "unit", "team", "firm", "studio", "studios");

    /// <summary>Heads of formal institution names, which "and" may stand inside ("China Regulatory and Securities Commission").</summary>
    public static readonly FrozenSet<string> FormalHeads = Set(
        "commission", "administration", "authority", "ministry", "department", "bureau", "institute", "university", "college",
        "school", "academy", "committee", "council", "board", "agency", "office", "center", "centre", "foundation", "society",
        "association", "federation", "laboratory", "museum", "court");

    /// <summary>Heads of names of groups that have members ("… Alliance", "… Network", "… Consortium").</summary>
    public static readonly FrozenSet<string> GroupHeads = Set(
        "alliance", "network", "consortium", "association", "federation", "coalition", "council", "league", "initiative",
        "chamber", "union", "forum", "community", "guild", "syndicate", "cooperative", "partnership", "collective", "foundation",
        "collaborative", "society", "club", "compact", "pact");

    /// <summary>Heads of event names: facts about events are not kept as organisation facts.</summary>
    public static readonly FrozenSet<string> EventHeads = Set(
        "conference", "summit", "expo", "festival", "week", "awards", "award", "meetup", "hackathon", "congress",
        "fair", "show", "exhibition", "convention", "symposium", "workshop", "webinar", "ceremony", "games", "cup");

    /// <summary>Heads after which "of" continues a name ("Bank of China", "University of Macau").</summary>
    public static readonly FrozenSet<string> OfTakingHeads = Set(
        "bank", "university", "college", "school", "academy", "administration", "ministry", "department", "institute",
        "center", "centre", "commission", "council", "office", "bureau", "authority", "federation", "association",
        "chamber", "court", "republic", "kingdom", "state", "states", "province", "city", "museum", "society", "board",
        "division", "committee", "league", "union", "church", "house", "order", "port", "district", "county",
        "islands", "bay", "gulf", "sea", "isle", "mount", "lake", "people", "government", "corporation", "agency", "fund",
        "foundation", "organisation", "organization", "alliance", "network", "consortium", "forum", "institution",
        "assembly", "parliament", "congress", "conference", "exchange");

    /// <summary>Words that open a sentence before a comma without being names ("Overall, the market, analysts said, grew").</summary>
    public static readonly FrozenSet<string> SentenceAdverbs = Set(
        "overall", "instead", "separately", "indeed", "moreover", "furthermore", "additionally", "similarly", "likewise",
        "elsewhere", "otherwise", "besides", "again", "thus", "hence", "therefore", "nevertheless", "nonetheless",
        "regardless", "altogether", "finally", "lastly", "next", "second", "third", "still", "too", "already", "once",
        "initially", "originally", "together", "alternatively", "conversely", "consequently", "accordingly", "anyway");

    /// <summary>Role words that can stand as the head of a title phrase.</summary>
    public static readonly FrozenSet<string> RoleHeads = Set(
        "ceo", "cto", "cfo", "coo", "cio", "cmo", "founder", "co-founder", "cofounder", "director", "president", "chairman",
        "chairwoman", "chair", "chairperson", "head", "executive", "manager", "partner", "spokesperson", "spokesman",
        "spokeswoman", "secretary", "governor", "minister", "officer", "leader", "owner", "treasurer", "dean", "editor",
        "chancellor", "premier", "mayor", "commissioner", "counsel", "general", "secretary-general", "director-general");

    /// <summary>Capitalised words that start sentences or titles but are not names.</summary>
    public static readonly FrozenSet<string> FunctionWords = Set(
        "the", "a", "an", "this", "that", "these", "those", "it", "its", "they", "their", "he", "she", "his", "her", "we",
        "our", "you", "your", "i", "in", "on", "at", "by", "for", "from", "to", "of", "with", "as", "and", "or", "but",
        "if", "so", "yet", "after", "before", "since", "while", "when", "where", "which", "who", "whom", "what", "why",
        "how", "there", "here", "other", "another", "some", "many", "most", "more", "all", "both", "each", "every", "any",
        "no", "not", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "first", "last",
        "according", "meanwhile", "however", "also", "following", "earlier", "later", "shortly", "previously", "now",
        "today", "yesterday", "tomorrow", "then", "still", "such", "like", "unlike", "despite", "although", "though",
        "because", "during", "under", "over", "about", "between", "among", "into", "through", "without", "within", "upon",
        "mr", "mrs", "ms", "dr", "prof", "sir", "madam", "per", "via", "amid", "near", "across", "against", "toward",
        "towards", "is", "are", "was", "were", "be", "been", "has", "have", "had", "will", "would", "can", "could",
        "may", "might", "must", "should", "do", "does", "did", "not", "yes", "only", "just", "even");

    /// <summary>Titles that end a run of capitalised words: "CEO Jane Doe" is a title and a name, not one name.</summary>
    public static readonly FrozenSet<string> ChunkBreakers = Set(
        "ceo", "cto", "cfo", "coo", "cio", "cmo", "president", "chairman", "chairwoman", "director", "founder", "co-founder",
        "minister", "governor", "secretary", "spokesperson", "spokesman", "spokeswoman", "mayor", "premier", "chancellor",
        "vice-president", "prof", "professor", "dr", "mr", "mrs", "ms");

    /// <summary>Calendar words: capitalised, never names.</summary>
    public static readonly FrozenSet<string> CalendarWords = Set(
        "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january", "february", "march",
        "april", "may", "june", "july", "august", "september", "october", "november", "december", "jan", "feb", "mar",
        "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec");

    /// <summary>Possessors that belong inside a name ("People's Bank of China").</summary>
    public static readonly FrozenSet<string> NameInternalPossessors = Set(
        "people", "children", "women", "men", "workers", "farmers", "veterans", "citizens", "teachers", "nations", "traders");

    /// <summary>Nouns that classify a name when they stand right before it ("telecom giant Orbis Mobile").</summary>
    public static readonly FrozenSet<string> Classifiers = Set(
        "giant", "firm", "company", "exchange", "bank", "startup", "start-up", "platform", "chain", "operator", "provider",
        "maker", "manufacturer", "agency", "regulator", "lender", "insurer", "carrier", "developer", "conglomerate",
        "group", "fund", "investor", "network", "retailer", "producer", "outlet", "broker", "wallet", "protocol",
        "marketplace", "app", "service", "processor", "institution", "organization", "organisation", "body",
        "association", "alliance", "consortium", "university", "ministry", "subsidiary", "unit", "arm", "affiliate",
        "automaker", "brand", "player", "behemoth", "titan", "heavyweight", "incumbent", "newcomer", "pioneer", "leader",
        "specialist", "consultancy", "publisher", "newspaper", "broadcaster", "miner", "foundation", "utility",
        "conglomerate", "hospital", "institute", "trust", "house", "society", "authority", "start-up", "chain", "maker",
        "carmaker", "shipbuilder", "shipowner", "insurer", "lender", "operator", "retailer", "cooperative", "co-op",
        "charity", "nonprofit", "non-profit", "clinic", "yard", "port", "airline", "carrier", "union", "council", "forum");

    /// <summary>Words of a subsidiary ("the Chinese wing of …").</summary>
    public static readonly FrozenSet<string> SubsidiaryWords = Set("wing", "arm", "branch", "unit", "subsidiary", "division", "affiliate", "office");

    private static FrozenSet<string> Set(params string[] words) => words.ToFrozenSet(StringComparer.OrdinalIgnoreCase);
}

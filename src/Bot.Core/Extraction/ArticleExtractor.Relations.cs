using System.Buffers;
using System.Collections.Frozen;
using System.Text.RegularExpressions;
using static Bot.Core.Extraction.SentenceCues;

namespace Bot.Core.Extraction;

public sealed partial class ArticleExtractor
{
    private const string E = @"⟦\d+⟧";
    private const string Item = @"(?:(?:[\w’'–—-]+|⟦\d+⟧(?:-based|-headquartered|[’']s)?)\s+){0,5}?⟦\d+⟧(?![-’'\w])";
    private const string EList = Item + @"(?:\s*(?:,|,?\s+and|&)\s+" + Item + ")*";

    /// <summary>How an appositive after a name starts: a determiner, a number or a possessive ("a Lisbon-based lender", "two regional banks", "Portugal's largest lender").</summary>
    private const string AppositiveStart = @"(?:the|a|an|one|two|three|four|five|its|their|[\w⟦⟧]+['’]s)\s+";
    private const string Role = @"(?:(?:co-)?founder|ceo|chief executive(?: officer)?|c[tfoim]o|chief [a-z]+ officer|(?:(?:executive|managing|deputy|vice|general|senior|regional|country|assistant|associate|acting|interim|former)\s+)?(?:director|president|chairman|chairwoman|chair|chairperson|head|manager|partner|secretary|officer|governor|minister|editor|spokes(?:person|man|woman))(?:[- ]general)?|vice-president)";
    private const string Roles = "(?<role>" + Role + @"(?:\s*(?:,|and|&)\s*(?:the\s+)?" + Role + ")*)";
    private const string Aux = @"(?:was|were|is|are|has been|have been|had been|is being|are being|will be|would be|being|been)";
    private const string When = @"(?:(?:in|on)\s+(?:\d{4}|[A-Z][a-z]+(?:\s+\d{1,2})?(?:,?\s+\d{4})?)\s+|last\s+(?:year|month|week)\s+|\w+ly\s+)?";
    private const string Participles = @"(?:initiated|organi[sz]ed|co-organi[sz]ed|founded|co-founded|planned|developed|sponsored|co-sponsored|launched|established|created|set up|spearheaded|started|formed|built|convened|proposed|incubated)";

    [GeneratedRegex(@"^(?:The|A|An)\s+", RegexOptions.CultureInvariant)]
    private static partial Regex LeadingArticle();

    // ", the Ontario farm insurer," after a list item: an appositive NP that names nothing of its own.
    private const string Appositives = @"(?:\s*,\s*(?:the|a|an)\s+(?:[\w’'-]+|⟦\d+⟧)(?:\s+(?:[\w’'-]+|⟦\d+⟧)){0,6}?\s+[a-z][\w’'-]*(?=\s*,))*";
    private const string ListItemEnd = @"⟦\d+⟧(?![-’'\w])(?=\s*(?:,|and\b|&|as well as\b|$|[.;:)])|\s+in\s+\d{4}\b)";
    private const string ListItem = @"(?:(?:[\w’'–—-]+|⟦\d+⟧(?:-based|-headquartered|[’']s)?)\s+){0,6}?" + ListItemEnd;

    // Later items of a list hold descriptors, not clauses: no preposition, no number ("operates 600 chargers in ⟦X⟧" is no item).
    private const string NextListItem = @"(?:(?!(?:in|at|on|to|for|with|from|by|into|about|after|before|during|over|under|than)\b)(?:[\w’'–—-]+|⟦\d+⟧(?:-based|-headquartered|[’']s)?)(?<!\d\w*)\s+){0,6}?" + ListItemEnd;

    [GeneratedRegex(@"^\s*(?:(?:the|a|an)\s+)?(?<item>" + ListItem + @")(?:" + Appositives + @"(?:\s*,\s*(?:and\s+)?|\s*,?\s+and\b\s*(?:,[^,⟦]{0,30},\s*)?|\s*&\s*|\s*,?\s+as\s+well\s+as\s+)(?<item>" + NextListItem + "))*", RegexOptions.CultureInvariant)]
    private static partial Regex ListPattern();

    [GeneratedRegex(@"(?<!\band),\s*(?:which|who|as|one of|among|according|while|but|where|when|and it|are|is|was|were|will|have|has|had|with|in a|in an|on|after|before|since|to)\b|;|\s+and\s+(?:is|was|has|have|will|are|were|had|it|its)\b|\s+(?:to|in order to)\s+[a-z]|\.\s*$", RegexOptions.CultureInvariant)]
    private static partial Regex ClauseEnd();

    [GeneratedRegex(@"^" + Roles + @"\b", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex RoleStart();

    // ---- member ----
    // "⟦A⟧ has been added to ⟦G⟧", also past an appositive: "⟦A⟧, a Lisbon-based lender, has been added to ⟦G⟧" (one
    // or two names, then a comma-free phrase that starts like a noun phrase: a comma-separated list there, or a clause,
    // would make the first name of the sentence the member: "Unlike ⟦A⟧, which applied, ⟦B⟧ was added to ⟦G⟧").
    [GeneratedRegex(@"(?:(?<subj>" + EList + @")|(?<subj>" + Item + @"(?:\s+and\s+" + Item + @")?)\s*,\s*" + AppositiveStart + @"[^,;]{1,60}?,)\s+(?:has\s+|have\s+|had\s+)?(?:been\s+|was\s+|were\s+|is\s+|are\s+|will be\s+)?(?:officially\s+|formally\s+|also\s+|recently\s+)?(?:added|admitted|inducted|accepted|welcomed|onboarded)\s+(?:to|into|as (?:a |an |the )?(?:[\w-]+\s+){0,2}?members?\s+(?:of|to))\s+(?:the\s+)?(?<obj>" + E + @")(?:\s+alongside\s+(?<with>" + Item + "))?", RegexOptions.CultureInvariant)]
    private static partial Regex AddedTo();

    [GeneratedRegex(@"(?<subj>" + EList + @")\s+(?:had\s+|have\s+|has\s+)?(?:become|became)\s+(?:its|their|the)\s+(?:[\w-]+\s+){0,2}?members\b(?!\s+of)", RegexOptions.CultureInvariant)]
    private static partial Regex BecameItsMembers();

    [GeneratedRegex(@"(?<subj>" + EList + @")(?:\s*,[^;]*?,)?\s+(?:has\s+|have\s+|had\s+)?(?:signed up|signed on|come on board|enrolled|registered|been accepted|been admitted|been added|joined)\s+as\s+(?:(?:full|new|founding|associate|paying|platinum|gold|silver|operator|the|a|an)\s+)*members?\b(?:\s+(?:of|to)\s+(?:the\s+)?(?<grp>" + E + "))?", RegexOptions.CultureInvariant)]
    private static partial Regex SignedUpAsMembers();

    [GeneratedRegex(@"(?<grp>" + E + @")\s+(?:has\s+|have\s+|had\s+)?(?:admitted|welcomed|added|signed up|accepted)\s+(?<list>.+?)\s+as\s+(?:(?:full|new|associate|founding|its|the|a|an)\s+)*members?\b", RegexOptions.CultureInvariant)]
    private static partial Regex AdmittedAsMembers();

    // "⟦A⟧ is part of the ⟦G⟧", "⟦A⟧ has signed on to the ⟦G⟧" (a group only: "part of ⟦X⟧" is often no membership).
    [GeneratedRegex(@"(?<subj>" + EList + @")\s+(?:(?:is|are|was|were|has been|have been|became)\s+(?:now\s+|also\s+|already\s+)?(?:a\s+)?part\s+of|(?:has\s+|have\s+|had\s+)?(?:also\s+)?(?:signed on to|signed onto|signed up to|signed up for))\s+(?:the\s+)?(?<obj>" + E + ")", RegexOptions.CultureInvariant)]
    private static partial Regex PartOfGroup();

    // "⟦O⟧ is chaired by ⟦P⟧", "⟦O⟧ will be led by chief executive ⟦P⟧".
    [GeneratedRegex(@"(?<o>" + E + @")\s+(?:is|was|will be|has been|would be|is to be)\s+(?<verb>chaired|led|headed|run|managed)\s+by\s+(?:(?:its|the)\s+)?(?:(?<role>" + Role + @")\s+)?(?<p>" + E + ")", RegexOptions.CultureInvariant)]
    private static partial Regex LedByPerson();

    // "⟦P⟧, who heads the ⟦O⟧", "⟦P⟧, who chairs ⟦O⟧".
    [GeneratedRegex(@"(?<p>" + E + @")\s*,\s*who\s+(?:now\s+|also\s+|currently\s+)?(?<verb>heads|chairs|leads|runs)\s+(?:the\s+)?(?<o>" + E + ")", RegexOptions.CultureInvariant)]
    private static partial Regex PersonWhoHeads();

    // "Its board is chaired by ⟦P⟧": the organisation "its" stands for.
    [GeneratedRegex(@"^(?:Its|Their)\s+(?:board|council|committee|supervisory board)\s+(?:is|was|will be|has been)\s+(?:chaired|led|headed)\s+by\s+(?<p>" + E + ")", RegexOptions.CultureInvariant)]
    private static partial Regex ItsBoardChairedBy();

    // "⟦S⟧, which also provides the ⟦F⟧'s hosting": a provider for the possessor.
    [GeneratedRegex(@"(?<s>" + E + @")(?:\s*,\s*which)?\s+(?:also\s+|now\s+)?(?:provides|supplies|will provide|will supply|runs|operates)\s+(?:the\s+)?(?<f>" + E + @")[’']s\s+(?<x>[a-z][\w -]{2,40}?)(?=\s*[.,;]|\s+(?:and|for|to|from|with)\b|$)", RegexOptions.CultureInvariant)]
    private static partial Regex ProvidesPossessed();

    // "It is headquartered in ⟦P⟧": the entity "it" stands for.
    [GeneratedRegex(@"^It\s+(?:is|was|will be|has been|remains)\s+(?:headquartered|based)\s+in\s+(?:the\s+)?(?<p>" + E + ")", RegexOptions.CultureInvariant)]
    private static partial Regex ItIsHeadquarteredIn();

    // "⟦X⟧'s shareholders are ⟦A⟧, ⟦B⟧ and ⟦C⟧".
    [GeneratedRegex(@"(?<o>" + E + @")[’']s\s+(?:[a-z]+\s+)?(?:shareholders|investors|backers|owners)\s+(?:are|were|include|included)\s+(?<list>.+)$", RegexOptions.CultureInvariant)]
    private static partial Regex ShareholdersAre();

    // "⟦G⟧ has added four new members: ⟦A⟧, ⟦B⟧ and ⟦C⟧", "⟦G⟧, a payments body, welcomed two members, including ⟦A⟧".
    [GeneratedRegex(@"(?<grp>" + E + @")(?:\s*,[^;]*?,)?\s+(?:has\s+|have\s+|had\s+)?(?:now\s+|also\s+|recently\s+|just\s+)?(?:added|admitted|welcomed|inducted|accepted|signed up)\s+(?:[\w-]+\s+){0,5}?members?\s*(?::\s*|,\s*(?:including|namely|such as)\s+|\s+(?:including|namely|such as)\s+|[—–]\s*)(?<list>.+)$", RegexOptions.CultureInvariant)]
    private static partial Regex GroupAddedMembers();

    [GeneratedRegex(@"\b[Aa]mong\s+(?:the\s+|its\s+|their\s+)?(?:[\w-]+\s+)?members\s+(?:of\s+(?:the\s+)?(?<grp>" + E + @")\s+)?(?:are|were|is)\s+(?<list>.+)$", RegexOptions.CultureInvariant)]
    private static partial Regex AmongMembersAre();

    [GeneratedRegex(@"\b(?:join|joins|joined|joining)\s+(?<list>" + @"(?:(?!\bin\b)[^;])+?),?\s+(?:among others\s+|and others\s+|as members\s+)?in\s+(?<grp>" + E + ")", RegexOptions.CultureInvariant)]
    private static partial Regex JoinListIn();

    [GeneratedRegex(@"(?:^|,\s*|\b(?:that|after|as|when|since)\s+)(?<subj>" + EList + @")(?:\s*,[^;]*?,)?(?<gap>(?:\s+[\w’'-]+){0,10}?)\s+(?:join|joins|joined|joining)\s+(?:the\s+)?(?<obj>" + E + @"|\bit\b)", RegexOptions.CultureInvariant)]
    private static partial Regex SubjectJoins();

    [GeneratedRegex(@"(?:^|\W)(?:(?<pre>[A-Za-z-]+)\s+)?(?:(?<n>\d[\d,]*)\s+)?(?:[a-z-]+\s+)?(?:[Mm]embers|member companies|member firms|member banks|member institutions|participants)\s+(?:of\s+(?<grp>" + E + @")\s+)?(?:include|includes|included|including|are|were|such as|comprise)\s+(?<list>.+)$", RegexOptions.CultureInvariant)]
    private static partial Regex MembersInclude();

    [GeneratedRegex(@"(?<subj>" + EList + @")(?:\s*,[^;⟦]*?(?:⟦\d+⟧[^;⟦]*?)?,(?=\s+(?:is|was|has|have|had|became|remains)\b))?\s*(?:,\s*|\s+(?:has been|have been|had been|is|was|became|becomes|has become|have become|will become|remains|are|were)\s+)(?:also\s+|now\s+|itself\s+|already\s+)?(?:a|an|the|one of the|among the)\s+(?:[\w-]+\s+){0,2}?members?\s+of\s+(?:the\s+)?(?<obj>" + E + ")", RegexOptions.CultureInvariant)]
    private static partial Regex MemberOf();

    [GeneratedRegex(@"(?<grp>" + E + @")\s*,?\s*(?:(?:is|was)\s+)?(?:a|an|the)\s+(?:[\w-]+\s+){0,3}?(?:consortium|alliance|coalition|group|association|network|federation)\s+(?:of|formed by|comprising|made up of|that includes|including|bringing together)\s+(?<list>.+)$", RegexOptions.CultureInvariant)]
    private static partial Regex ConsortiumOf();

    // ---- initiator ----
    [GeneratedRegex(@"\b(?<verb>" + Participles + @")\s+" + When + @"(?:by|at)\s+(?<list>.+)$", RegexOptions.CultureInvariant)]
    private static partial Regex InitiatedBy();

    [GeneratedRegex(@"(?<subj>" + E + @")\s*,\s*(?:an?|the)\s+(?:[\w’'-]+\s+){0,6}$", RegexOptions.CultureInvariant)]
    private static partial Regex AppositiveBefore();

    [GeneratedRegex(@"(?<subj>" + E + @")\s*,\s*(?:which|that|who)\s+" + Aux + @"\s+(?:\w+ly\s+)*$", RegexOptions.CultureInvariant)]
    private static partial Regex WhichBefore();

    [GeneratedRegex(@"(?<and>\band\s+)?" + Aux + @"\s+(?:\w+ly\s+)*$", RegexOptions.CultureInvariant)]
    private static partial Regex AuxBefore();

    [GeneratedRegex(@"(?<subj>" + E + @")\s*,?\s*$", RegexOptions.CultureInvariant)]
    private static partial Regex EntityJustBefore();

    [GeneratedRegex(@"(?<subj>" + EList + @")\s+(?:\w+ly\s+)?(?:initiated|founded|co-founded|launched|established|created|set up|formed|organi[sz]ed|started|spearheaded)\s+(?:the\s+)?(?<obj>" + E + ")", RegexOptions.CultureInvariant)]
    private static partial Regex ActiveInitiated();

    // ---- role ----
    [GeneratedRegex(@"(?<p>" + E + @")\s*,\s*(?:the\s+|a\s+|an\s+|its\s+)?" + Roles + @"\s+(?:of|at|for)\s+(?:the\s+)?(?:" + E + @"-based\s+)?(?:[a-z][\w’'-]*\s+){0,3}?(?<o>" + E + ")", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex PersonCommaRoleOf();

    [GeneratedRegex(@"(?<p>" + E + @")\s*,\s*(?:the\s+|a\s+|an\s+)?(?<role>" + Role + @"\s+of\s+[a-z][a-z -]{2,40}?)\s+at\s+(?:the\s+)?(?<o>" + E + ")", RegexOptions.CultureInvariant)]
    private static partial Regex PersonRoleOfFieldAt();

    [GeneratedRegex(@"\b" + Roles + @"\s+(?:of|at)\s+(?:the\s+)?(?<o>" + E + @")\s*,\s*(?<p>" + E + ")", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex RoleOfOrgPerson();

    [GeneratedRegex(@"(?<o>" + E + @")(?:[’']s)?\s+" + Roles + @"\s+(?<p>" + E + ")", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex OrgRolePerson();

    [GeneratedRegex(@"(?<p>" + E + @")\s*(?:,\s*who\s+is|,\s*who\s+was|\s+is|\s+was|\s+serves as|\s+became|,\s*now)\s+(?:previously\s+|formerly\s+|currently\s+|also\s+|now\s+)?(?:the\s+|a\s+|an\s+)?" + Roles + @"\s+(?:of|at)\s+(?:the\s+)?(?<o>" + E + ")", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex PersonIsRoleOf();

    [GeneratedRegex(@"(?<o>" + E + @")[’']s\s+" + Roles + @"\s*,\s*(?<p>" + E + ")", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex OrgsRolePerson();

    // "⟦P⟧, the ⟦O⟧'s chair", "⟦P⟧, who is ⟦O⟧'s chief executive", "⟦P⟧ is ⟦O⟧'s founder".
    [GeneratedRegex(@"(?<p>" + E + @")\s*(?:,|,\s*who\s+is|,\s*who\s+was|\s+is|\s+was|\s+serves as|\s+became)\s+(?:the\s+)?(?<o>" + E + @")[’']s\s+" + Roles + @"\b", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex PersonOrgsRole();

    // ---- description ----
    [GeneratedRegex(@"(?<s>" + E + @")\s*,\s*(?:which|that|who)\s+(?:is|was)\s+(?<d>(?:a|an|the)\s+[^,;]+?)\s*(?:[,;]|\.?$)", RegexOptions.CultureInvariant)]
    private static partial Regex WhichIs();

    [GeneratedRegex(@"(?<s>" + E + @")\s*,\s*which\s+(?!(?:runs|operates|has|employs|serves|counts|manages|owns)\s+(?:about\s+|around\s+|some\s+|more than\s+|over\s+|nearly\s+)?\d)(?<d>(?!(?:is|was|has|have|had|are|were|includes?|joined|joins|said|says|also)\b)[a-z]+s\s+(?:[^,;]|(?<=\d),(?=\d))+?)\s*(?:[,;]|\.?$)", RegexOptions.CultureInvariant)]
    private static partial Regex WhichVerbs();

    [GeneratedRegex(@"(?<s>" + E + @")\s+(?:was|is)\s+(?<d>(?:started|founded|established|launched|created|set up|incorporated|formed)\s+in\s+(?:(?:[A-Z][a-z]+\s+)?\d{4}))\b", RegexOptions.CultureInvariant)]
    private static partial Regex FoundedInYear();

    [GeneratedRegex(@",\s*and\s+it\s+(?:was|is)\s+(?:also\s+)?(?<d>(?:a|an|the)\s+[^,;]+?)\s*(?:[,;]|\.?$)", RegexOptions.CultureInvariant)]
    private static partial Regex AndItWas();

    [GeneratedRegex(@"^(?:[Tt]he\s+)?(?<s>" + E + @")\s+(?:is|was)\s+(?<d>(?:a|an)\s+[^,;]+?)\s*(?:[,;]|\.?$)", RegexOptions.CultureInvariant)]
    private static partial Regex CopulaIsA();

    [GeneratedRegex(@"(?<![\w’'-])(?<dem>[A-Z][a-z]+(?:\s+[A-Z][a-z]+)?\s+)?(?<d>(?:(?:" + E + @"-based|[a-z][\w’'-]*)\s+){1,4})(?<s>" + E + ")", RegexOptions.CultureInvariant)]
    private static partial Regex ClassifierBefore();

    // ---- headquarters ----
    [GeneratedRegex(@"^(?:[^⟦,]*,\s*)?(?:Headquartered|Based)\s+in\s+(?:the\s+)?(?<p>" + E + @")\s*,\s*(?:the\s+)?(?:[a-z][\w-]*\s+){0,3}?(?<s>" + E + ")", RegexOptions.CultureInvariant)]
    private static partial Regex HeadquarteredInComma();

    [GeneratedRegex(@"(?<s>" + E + @")\s*,?\s*(?:itself\s+)?(?:which is\s+|that is\s+|is\s+|are\s+|was\s+|has been\s+|remains\s+|will be\s+|would be\s+|is to be\s+)?(?:headquartered|based)\s+in\s+(?:(?:a|an|the)\s+[a-z][\w\s-]{0,40}?\s+in\s+)?(?:the\s+)?(?<p>" + E + ")", RegexOptions.CultureInvariant)]
    private static partial Regex IsHeadquarteredIn();

    [GeneratedRegex(@"(?<p>" + E + @")-(?:based|headquartered)\s+(?:(?!(?:of|in|for|at|on|with|from|by|to)\b)[a-z][\w-]*\s+){0,3}(?<s>" + E + ")", RegexOptions.CultureInvariant)]
    private static partial Regex PlaceBased();

    [GeneratedRegex(@"(?<s>" + E + @")\s*,\s*(?:a|an|the)\s+(?<p>" + E + @")-(?:based|headquartered)\b", RegexOptions.CultureInvariant)]
    private static partial Regex AppositivePlaceBased();

    [GeneratedRegex(@"(?<s>" + E + @")\s*,\s*(?:a|an|the)\s+[^,;⟦]{0,60}?\s+(?:headquartered|based)\s+in\s+(?:the\s+)?(?<p>" + E + ")", RegexOptions.CultureInvariant)]
    private static partial Regex AppositiveHeadquarteredIn();

    [GeneratedRegex(@"\band\s+(?:will\s+be|is|has\s+been|was|are|would\s+be)\s+(?:headquartered|based)\s+in\s+(?:the\s+)?(?<p>" + E + ")", RegexOptions.CultureInvariant)]
    private static partial Regex AndHeadquarteredIn();

    [GeneratedRegex(@"(?:(?<its>[Tt]he|[Ii]ts|[Tt]heir)\s+(?:new\s+|global\s+|main\s+)?headquarters?|(?<s2>" + E + @")[’']s\s+(?:new\s+|global\s+|main\s+)?headquarters?)\s+(?:of\s+(?<s3>" + E + @")\s+)?(?:will be|is|are|was|were|has been|have been|will move to|moved to|sits)\s+(?:located\s+|based\s+|situated\s+|set up\s+)?(?:in\s+)?(?:the\s+)?(?<p>" + E + ")", RegexOptions.CultureInvariant)]
    private static partial Regex HeadquartersWillBe();

    // ---- investor ----
    [GeneratedRegex(@"^(?<pre>.*?)\b(?:has\s+|have\s+|had\s+)?(?:also\s+|previously\s+|reportedly\s+|jointly\s+)?invested\s+(?:[^⟦]{0,40}?\s+)?in\s+(?:(?<company>the\s+(?:company|firm|start-?up|business|lender|bank|insurer|group))\b|(?:the\s+)?(?<o>" + E + "))", RegexOptions.CultureInvariant)]
    private static partial Regex InvestedIn();

    [GeneratedRegex(@"\b[Ii]nvestors\s+in\s+(?:the\s+)?(?<o>" + E + @")\s+(?:include|included|including|are|such as)\s+(?<list>.+)$", RegexOptions.CultureInvariant)]
    private static partial Regex InvestorsInclude();

    [GeneratedRegex(@"(?<s>" + EList + @")\s+(?:led|co-led|joined|participated in)\s+(?:a|an|the)\s+[^⟦]*?(?:round|investment|financing)\s+(?:in|into|for|of)\s+(?:the\s+)?(?<o>" + E + ")", RegexOptions.CultureInvariant)]
    private static partial Regex LedRound();

    [GeneratedRegex(@"(?<o>" + E + @")(?:\s*,\s*which\s+is|\s*,\s*which\s+was|\s+is|\s+was|\s+has been|\s*,)?\s+(?:backed|funded|financed|bankrolled)\s+by\s+(?<list>.+)$", RegexOptions.CultureInvariant)]
    private static partial Regex BackedBy();

    [GeneratedRegex(@",\s*with\s+(?<x>" + Item + @")\s+(?:also\s+)?(?:taking part|participating|joining in|investing)", RegexOptions.CultureInvariant)]
    private static partial Regex AlsoTakingPart();

    [GeneratedRegex(@"(?<o>" + E + @")(?:\s*,\s*which)?\s+(?:has\s+|had\s+)?(?:raised|secured|closed)\s+[^⟦]*?(?:round|financing|investment)\s+led\s+by\s+(?<list>.+)$", RegexOptions.CultureInvariant)]
    private static partial Regex RoundLedBy();

    [GeneratedRegex(@"(?<o>" + E + @")\s+(?:has\s+|had\s+|have\s+|was\s+|were\s+|has been\s+)?(?:raised|received|secured|obtained|got|seeded with|funded with|backed with)\s+[^⟦]*?\s+from\s+(?<list>.+)$", RegexOptions.CultureInvariant)]
    private static partial Regex RaisedFrom();

    // ---- provider, uses, partner ----
    [GeneratedRegex(@"(?<s>" + E + @")(?:\s*,[^,;]*,)?\s+(?:will be|is|was|would be|has been|became|will become)\s+(?:the|a|an|its)\s+(?<x>(?:[a-z][\w-]*\s+){1,4}?)provider\s+(?:for|of|to)\s+(?:the\s+)?(?<f>" + E + ")", RegexOptions.CultureInvariant)]
    private static partial Regex IsProviderFor();

    // Several providers only as a clause's subject ("… said that ⟦A⟧ and ⟦B⟧ will provide …"), so that "developed at ⟦X⟧,
    // and ⟦Y⟧ provides …" names ⟦Y⟧ alone; one provider anywhere.
    [GeneratedRegex(@"(?:(?:^|[,;:]\s*|\b(?:that|while|and|as|when|after|since|but)\s+)(?:the\s+)?(?<s>" + EList + @")|(?<s>" + E + @"))(?:\s*,[^;]*?,|\s*,)?\s+(?:provides|will provide|provided|supplies|will supply|supplied|is providing|has been providing|offers|will offer)\s+(?<x>[a-z][^⟦,;]*?)\s+(?:for|to)\s+(?:the\s+)?(?:[a-z][\w’'-]*(?:[’']s)?\s+(?:[a-z][\w’'-]*\s+){0,4}?[a-z][\w’'-]*\s*,\s*(?:the\s+)?)?(?<f>" + E + ")", RegexOptions.CultureInvariant)]
    private static partial Regex ProvidesFor();

    [GeneratedRegex(@"^(?<x>[A-Za-z][a-z\s-]{2,60}?)\s+(?:will be|is|are|was|were|has been|have been)\s+(?:supplied|provided|delivered|handled)\s+by\s+(?<s>" + E + ")", RegexOptions.CultureInvariant)]
    private static partial Regex ProvidedBy();

    [GeneratedRegex(@"(?<s>" + E + @")(?:\s*,[^;]*?,)?\s+(?:provides|supplies|will provide|will supply|offers|will offer)\s+(?<x>(?:a|an|the)\s+[a-z][^⟦,;.]*?)\s*(?:[,;.]|$)", RegexOptions.CultureInvariant)]
    private static partial Regex ProvidesThing();

    [GeneratedRegex(@"(?<s>" + E + @"(?:[’']s(?:\s+[a-z][\w-]*){1,2})?|\b[Ii]t\b)\s*,?\s+(?:also\s+|currently\s+|now\s+)?(?:uses|use|used|will use|runs on|run on|is built on|was built on|is based on|is powered by|relies on|adopts|adopted|leverages|deploys|is running on)\s+(?!by\b)(?:the\s+)?(?:(?!by\b)[a-z][\w-]*\s+){0,4}?(?<o>" + E + ")", RegexOptions.CultureInvariant)]
    private static partial Regex Uses();

    // "The ⟦X⟧ is based in ⟦P⟧ and runs on the ⟦Y⟧ platform": the sentence's subject uses ⟦Y⟧.
    [GeneratedRegex(@"^(?:The\s+)?(?<s>" + E + @")\s+(?:is|was|has|had|will|would)\b[^;⟦]*?(?:⟦\d+⟧[^;⟦]*?)?\s+and\s+(?:also\s+|now\s+)?(?:uses|runs on|is built on|is powered by|relies on)\s+(?:the\s+)?(?:(?!by\b)[a-z][\w-]*\s+){0,4}?(?<o>" + E + ")", RegexOptions.CultureInvariant)]
    private static partial Regex AndUses();

    // "⟦X⟧'s platform is used by ⟦A⟧ and ⟦B⟧": the users come after "by".
    [GeneratedRegex(@"(?<o>" + E + @")(?:[’']s(?:\s+[a-z][\w-]*){1,2})?\s+(?:is|are|was|were|has been|have been|will be)\s+(?:also\s+|now\s+|already\s+|widely\s+)?used\s+by\s+(?<list>.+)$", RegexOptions.CultureInvariant)]
    private static partial Regex UsedBy();

    [GeneratedRegex(@"^[^;]*?,?\s*(?:with|and)\s+(?:participation|support|money|funds)\s+(?:also\s+)?from\s+(?<list>.+)$", RegexOptions.CultureInvariant)]
    private static partial Regex ParticipationFrom();

    // "Founded in 2019 by ⟦A⟧ and ⟦B⟧, ⟦X⟧ builds …": the participle clause before the name it describes.
    [GeneratedRegex(@"^(?:Founded|Co-founded|Set up|Started|Established|Created|Launched|Formed)\s+(?:(?:in|on)\s+(?:\d{4}|[A-Z][a-z]+(?:\s+\d{4})?)\s+)?by\s+(?<list>" + EList + @")\s*(?:(?:in|on)\s+(?:\d{4}|[A-Z][a-z]+(?:\s+\d{4})?)\s*)?,\s*(?:the\s+)?(?<o>" + E + ")", RegexOptions.CultureInvariant)]
    private static partial Regex FrontedFoundedBy();

    // "⟦O⟧ has appointed ⟦P⟧ as its new chair", "⟦O⟧ named ⟦P⟧ chief executive".
    [GeneratedRegex(@"(?<o>" + E + @")(?:\s*,[^;]*?,)?\s+(?:has\s+|have\s+|had\s+)?(?:appointed|named|hired|elected|picked|promoted|tapped)\s+(?<p>" + E + @")\s+(?:as\s+)?(?:its\s+|their\s+|the\s+|a\s+|an\s+)?(?:new\s+|interim\s+|first\s+|next\s+)?" + Roles + @"\b", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex AppointedAsRole();

    // "Its chief executive is ⟦P⟧": the organisation the sentence's "its" stands for.
    [GeneratedRegex(@"^(?:Its|Their)\s+" + Roles + @"\s+(?:is|was|will be|has been)\s+(?<p>" + E + ")", RegexOptions.CultureInvariant)]
    private static partial Regex ItsRoleIsPerson();

    [GeneratedRegex(@"(?<s>" + E + @"|\b[Ii]t\b)\s+(?:also\s+)?(?:(?:would|will|plans to|intends to|agreed to|is to)\s+work|is partnering|has partnered|partnered|partners|is teaming up|teamed up|has teamed up|will partner|is collaborating|collaborated|collaborates|has collaborated|will collaborate|works|is working|worked|will work|cooperates|is cooperating|signed (?:a|an) (?:[\w-]+\s+)?(?:agreement|deal|partnership|memorandum)|formed a partnership)\s+with\s+(?:the\s+)?(?:[a-z][\w-]*\s+){0,3}(?<o>" + E + ")", RegexOptions.CultureInvariant)]
    private static partial Regex PartnersWith();

    // ---- count ----
    [GeneratedRegex(@"(?<s>" + E + @"|\b[Ii]t\b)(?:\s*,\s*(?:which|who|headquartered|based|founded|launched)\b[^;]*?,|\s*,\s*(?:which|that)(?=\s))?[^⟦.;]{0,60}?" + CountTail, RegexOptions.CultureInvariant)]
    private static partial Regex CountOf();

    /// <summary>The end of <see cref="CountOf"/>: "has 14 members", "employs some 600 people".</summary>
    private const string CountTail = @"\b(?:is made up of|made up of|consists of|comprises|is composed of|counts|has|have|had|boasts|collaborates with|works with|partners with|cooperates with|brings together|list of|includes|unites|gathers|represents|operates|runs|employs|serves|manages)\s+(?:more than\s+|over\s+|about\s+|around\s+|nearly\s+|some\s+|at least\s+|almost\s+|roughly\s+|up to\s+)?(?<n>\d[\d,.]*(?:\s+(?:million|billion))?|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|dozens of|hundreds of)\s+(?<np>(?:[a-z][\w-]*\s+){0,3}?(?:[a-z][\w-]*[a-rt-z]s|staff|people|personnel))\b";

    /// <summary>A sentence without <see cref="CountTail"/> has no <see cref="CountOf"/> match (its start is the costly part to try).</summary>
    [GeneratedRegex(CountTail, RegexOptions.CultureInvariant)]
    private static partial Regex CountTailPattern();

    [GeneratedRegex(@"\b(?:takes?|took|brings?|brought|lifts?|lifted|raises?|raised|grows?|grew)\s+(?<s>" + E + @")(?:[’']s\s+(?:membership|tally|total|count|ranks))?\s+to\s+(?<n>\d[\d,]*)\s+(?<np>(?:[a-z-]+\s+)?members)\b", RegexOptions.CultureInvariant)]
    private static partial Regex TakesTo();

    [GeneratedRegex(@"(?:\b(?<its>[Ii]ts|[Tt]heir)|(?<s>" + E + @")[’']s)\s+(?<n>\d[\d,]*|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)\s+(?<np>(?:[a-z-]+\s+)?members)\b", RegexOptions.CultureInvariant)]
    private static partial Regex ItsCount();

    [GeneratedRegex(@"(?<s>" + E + @"|\b[Ii]t\b)\s+(?:has\s+|had\s+|have\s+)?(?:since\s+|now\s+|already\s+)?(?:grown|grew|expanded|swelled|risen|rose)\s+to\s+(?:more than\s+|over\s+|about\s+|around\s+|nearly\s+)?(?<n>\d[\d,]*)\s+(?<np>(?:[a-z-]+\s+)?(?:members|organi[sz]ations|companies|firms))\b(?:\s*,\s*(?:among them|including)\s+(?<list>.+))?", RegexOptions.CultureInvariant)]
    private static partial Regex GrownTo();

    [GeneratedRegex(@"(?<s>" + E + @")\s+is\s+(?:a|an|the)\s+(?:[a-z-]+\s+){0,3}(?:body|group|alliance|association|consortium|network|federation|coalition|union|organi[sz]ation)\s+of\s+(?<n>\d[\d,]*)\s+(?<np>[a-z][^⟦;.]*?)(?=\s*(?:,\s*and\b|[;.]|$))", RegexOptions.CultureInvariant)]
    private static partial Regex BodyOfCount();

    [GeneratedRegex(@"^(?:These|Those|The|Such|They)\b(?:\s+[a-z-]+){0,3}\b.*?\b(?:such as|including|include|included|like)\s+(?<list>.+)$", RegexOptions.CultureInvariant)]
    private static partial Regex CountExamples();

    private static int Id(Group g) => int.Parse(g.ValueSpan[1..^1], provider: null);

    /// <summary>The first ⟦entity⟧ of a text, qualifier or not ("⟦X⟧'s platform" → X).</summary>
    private static int? FirstRef(ReadOnlySpan<char> text) =>
        NextRef(text, 0, out var end) is var start && start >= 0 ? RefId(text[start..end]) : null;

    /// <summary>
    /// Where the next ⟦n⟧ at or after <paramref name="from"/> starts (-1 if none) and where it ends: the leftmost match
    /// of the pattern <c>⟦(\d+)⟧</c>, found by hand. A match cannot hold a second '⟦', so trying each '⟦' in turn finds the
    /// matches the regex finds, in its order; '\d' is a Unicode digit there and here.
    /// </summary>
    private static int NextRef(ReadOnlySpan<char> text, int from, out int end)
    {
        while (from < text.Length)
        {
            var open = text[from..].IndexOf('⟦');
            if (open < 0)
            {
                break;
            }

            open += from;
            var i = open + 1;
            while (i < text.Length && char.IsDigit(text[i]))
            {
                i++;
            }

            if (i > open + 1 && i < text.Length && text[i] == '⟧')
            {
                end = i + 1;
                return open;
            }

            from = open + 1;
        }

        end = -1;
        return -1;
    }

    /// <summary>The number of a ⟦n⟧ reference (the whole match).</summary>
    private static int RefId(ReadOnlySpan<char> reference) => int.Parse(reference[1..^1], provider: null);

    /// <summary>The first entity a text names that is no qualifier (the first of <see cref="Ids"/>), or -1.</summary>
    private static int FirstId(ReadOnlySpan<char> segment)
    {
        for (var at = NextRef(segment, 0, out var end); at >= 0; at = NextRef(segment, end, out end))
        {
            if (!IsQualifier(segment, end))
            {
                return RefId(segment[at..end]);
            }
        }

        return -1;
    }

    /// <summary>The entities a text names, leaving out qualifiers: "⟦Lagos⟧-based …", "⟦Brazil⟧'s …".</summary>
    private static List<int> Ids(string segment)
    {
        var ids = new List<int>();
        for (var at = NextRef(segment, 0, out var end); at >= 0; at = NextRef(segment, end, out end))
        {
            if (!IsQualifier(segment, end))
            {
                ids.Add(RefId(segment.AsSpan(at, end - at)));
            }
        }

        return ids;
    }

    /// <summary>
    /// The entities of a list at the start of <paramref name="segment"/> ("the Busan-based bunkering firm ⟦A⟧, Rotterdam
    /// operator ⟦B⟧ and, since last year, ⟦C⟧"): each item's own name, its descriptors and qualifiers left out.
    /// </summary>
    private static List<int> ListIds(string segment) => ListIds(segment.AsSpan());

    /// <inheritdoc cref="ListIds(string)"/>
    private static List<int> ListIds(ReadOnlySpan<char> segment) =>
        segment.IsEmpty ? [] // the pattern needs a ⟦name⟧
        : PlainListIds(segment) ?? PatternListIds(segment.ToString());

    /// <summary><see cref="ListIds(string)"/> read with <see cref="ListPattern"/>, whatever the text.</summary>
    internal static List<int> PatternListIds(string segment)
    {
        var m = ListPattern().Match(segment);
        if (!m.Success)
        {
            return [];
        }

        var ids = new List<int>();
        var index = 0;
        foreach (Capture item in m.Groups["item"].Captures)
        {
            // "X, the logistics arm of retailer ⟦Y⟧": an appositive of the item before, not an item of its own.
            var value = item.ValueSpan;
            if (index++ > 0 && value.Length > 0 && value[0] is 'a' or 't' && AppositiveItem().IsMatch(value))
            {
                continue;
            }

            // The item's last reference (an item always holds one: Matches(…)[^1] threw otherwise, as this does).
            int last = -1, lastEnd = -1;
            for (var at = NextRef(value, 0, out var end); at >= 0; at = NextRef(value, end, out end))
            {
                (last, lastEnd) = (at, end);
            }

            ArgumentOutOfRangeException.ThrowIfNegative(last);
            if (!IsQualifier(value, lastEnd))
            {
                ids.Add(RefId(value[last..lastEnd]));
            }
        }

        return ids;
    }

    [GeneratedRegex(@"^(?:the|a|an)\s+[a-z][\w’'-]*(?:\s+[a-z][\w’'-]*){0,3}\s+of\s+", RegexOptions.CultureInvariant)]
    private static partial Regex AppositiveItem();

    /// <summary>
    /// The ids of a plain list, names and nothing else ("⟦1⟧", "⟦1⟧ and ⟦2⟧", "⟦1⟧, ⟦2⟧, and ⟦3⟧", maybe followed by " in 2020"),
    /// without the pattern; null for any other text, which the pattern reads. On a plain list <see cref="ListPattern"/>
    /// takes each name as an item on its first try: an item with no words before its name, whose name is followed by ",",
    /// " and", the end or " in 2020"; a separator ", ", ", and " or " and " (no appositive: none follows a comma with a
    /// name); and after the last name no separator can start (the end, or " in" that is no "and", "as" or comma). A plain
    /// item is no qualifier and no appositive, so each item's id is kept, as <see cref="ListIds(ReadOnlySpan{char})"/> keeps it.
    /// </summary>
    internal static List<int>? PlainListIds(ReadOnlySpan<char> segment)
    {
        List<int>? ids = null;
        var i = 0;
        while (true)
        {
            if (i >= segment.Length || segment[i] != '⟦')
            {
                return null;
            }

            var close = i + 1;
            while (close < segment.Length && char.IsAsciiDigit(segment[close]))
            {
                close++;
            }

            if (close == i + 1 || close >= segment.Length || segment[close] != '⟧')
            {
                return null;
            }

            (ids ??= []).Add(RefId(segment[i..(close + 1)]));
            i = close + 1;
            var rest = segment[i..];
            if (rest.IsEmpty || (rest.Length == 8 && rest.StartsWith(" in ", StringComparison.Ordinal) && char.IsAsciiDigit(rest[4])
                && char.IsAsciiDigit(rest[5]) && char.IsAsciiDigit(rest[6]) && char.IsAsciiDigit(rest[7])))
            {
                return ids;
            }

            if (rest.StartsWith(", and ", StringComparison.Ordinal))
            {
                i += 6;
            }
            else if (rest.StartsWith(", ", StringComparison.Ordinal))
            {
                i += 2;
            }
            else if (rest.StartsWith(" and ", StringComparison.Ordinal))
            {
                i += 5;
            }
            else
            {
                return null;
            }
        }
    }

    private static bool IsQualifier(ReadOnlySpan<char> text, int after) =>
        after < text.Length && (text[after..].StartsWith("-based") || text[after..].StartsWith("-headquartered")
            || text[after..].StartsWith("’s ") || text[after..].StartsWith("'s "));

    private static string CutClause(string segment) => CutClause(segment.AsSpan()).ToString();

    /// <summary>A text up to where its first clause ends (<see cref="ClauseEnd"/>).</summary>
    private static ReadOnlySpan<char> CutClause(ReadOnlySpan<char> segment)
    {
        foreach (var end in ClauseEnd().EnumerateMatches(segment))
        {
            return segment[..end.Index];
        }

        return segment;
    }

    /// <summary>Whether a text opens with a role once a leading article or "its"/"their" is set aside (the one place it can match).</summary>
    private static bool StartsWithRole(string text)
    {
        var determiner = 0;
        foreach (var m in LeadingDeterminer().EnumerateMatches(text))
        {
            determiner = m.Length; // the one match the anchored pattern can have, read without a Match object
        }

        return RoleStart().IsMatch(text.AsSpan(determiner));
    }

    [GeneratedRegex(@"^(?:the|a|an|its|their)\s+", RegexOptions.CultureInvariant)]
    private static partial Regex LeadingDeterminer();

    // The patterns below were given to the static Regex methods (an interpreted regex looked up in the cache on every call): the same patterns and options, generated.
    [GeneratedRegex(@"^(?:[^⟦,]*,\s*)?(?:[Tt]he\s+)?(?<subj>" + EList + @")\s+(?:[\w’'-]+\s+){0,4}$")]
    private static partial Regex JoinLead();

    [GeneratedRegex(@"\b(?:like|such as|including|among them)\b")]
    private static partial Regex LikeWord();

    [GeneratedRegex(@"^\s*,?\s+and\s", RegexOptions.CultureInvariant)]
    private static partial Regex AndNext();

    /// <summary>The entity "it" refers to: the first name earlier in the sentence, else the previous sentence's first name.</summary>
    private static int? Pronoun(ArticleState article, int s, int index)
    {
        if (FirstId(article.Masked[s].AsSpan(0, index)) is var before and >= 0)
        {
            return before;
        }

        for (var p = s - 1; p >= 0 && p >= s - 2; p--)
        {
            if (FirstId(article.Masked[p]) is var first and >= 0)
            {
                return first;
            }
        }

        return null;
    }

    /// <summary>The matches of <paramref name="pattern"/> in <paramref name="input"/> when <paramref name="condition"/> holds (a pattern's trigger words are there), else none.</summary>
    private static MatchSequence MatchesIf(bool condition, Regex pattern, string input) => new(condition ? pattern : null, input, null);

    /// <summary>
    /// The matches of <paramref name="pattern"/> in <paramref name="input"/> when <paramref name="condition"/> holds, which
    /// <paramref name="cue"/> tests again on the text after each match: a tail that fails it holds no further match.
    /// </summary>
    private static MatchSequence MatchesWhile(bool condition, Regex pattern, string input, TextCue cue) => new(condition ? pattern : null, input, cue);

    /// <summary>The matches of <paramref name="pattern"/> when the whole text passes <paramref name="cue"/>, with the cue tested after each match.</summary>
    private static MatchSequence CuedMatches(TextCue cue, Regex pattern, string input) => MatchesWhile(cue(input), pattern, input, cue);

    /// <summary>
    /// The matches of a pattern one after another (Match, then NextMatch: what a MatchCollection does) for foreach,
    /// without the collection and its boxed enumerator that Matches allocates even when nothing matches; none without a pattern.
    /// </summary>
    private readonly struct MatchSequence(Regex? pattern, string input, TextCue? more)
    {
        public Enumerator GetEnumerator() => new(pattern, input, more);

        public struct Enumerator(Regex? pattern, string input, TextCue? more)
        {
            private Match? _current;

            public readonly Match Current => _current!;

            public bool MoveNext()
            {
                // A next match starts where this one ends (or after it, when it is empty): none if that tail fails the cue.
                _current = _current is null ? pattern?.Match(input) ?? Match.Empty
                    : more is null || more(input.AsSpan(_current.Index + _current.Length)) ? _current.NextMatch()
                    : Match.Empty;
                return _current.Success;
            }
        }
    }

    private void Add(ArticleState article, FactKind kind, int subject, int? obj, int s, string? text = null, string? detail = null, int? forId = null)
    {
        if (obj == subject)
        {
            return;
        }

        article.Facts.Add(new LocalFact(kind, subject, obj, text, detail, forId, s));
    }

    // Trigger words: each pattern can only match a sentence that holds one of its words (they are literal, required parts
    // of the pattern), so a sentence without them skips the pattern. The patterns start with a list of names, which the
    // regex engine tries at every position: the check is far cheaper than the failed match it saves. Most trigger words
    // are cue words (CueWordTexts), found for all readers in one search of the sentence.
    private static readonly SearchValues<string> ParticipleWords = SearchValues.Create(
        ["initiated", "organi", "founded", "planned", "developed", "sponsored", "launched", "established", "created", "set up", "spearheaded", "started", "formed", "built", "convened", "proposed", "incubated"],
        StringComparison.Ordinal);

    // The role patterns ignore case: every title they know holds one of these words. The regex engine also lets a few
    // non-ASCII letters stand for ASCII ones when it ignores case (the Kelvin sign for "k", the long s, the Turkish i's);
    // a sentence with one of those runs the patterns unfiltered.
    private static readonly SearchValues<string> RoleWords = SearchValues.Create(
        ["founder", "ceo", "chief", "cto", "cfo", "coo", "cio", "cmo", "director", "president", "chair", "head", "manager", "partner", "secretary", "officer", "governor", "minister", "editor", "spokes"],
        StringComparison.OrdinalIgnoreCase);

    /// <summary>The verbs of <see cref="MembersInclude"/>, between white space: "members include", "participants are", "members such as".</summary>
    private static bool HasIncludeVerb(string ms) =>
        SpacedWord(ms, "include") || SpacedWord(ms, "includes") || SpacedWord(ms, "included") || SpacedWord(ms, "including")
        || SpacedWord(ms, "are") || SpacedWord(ms, "were") || SpacedWord(ms, "comprise") || ms.Contains("such as", StringComparison.Ordinal);

    private static readonly SearchValues<string> AppointingVerbs = SearchValues.Create(
        ["appointed", "named", "hired", "elected", "picked", "promoted", "tapped"], StringComparison.OrdinalIgnoreCase);

    private static readonly SearchValues<char> CaseFoldedToAscii = SearchValues.Create("\u212A\u017F\u0130\u0131");

    /// <summary>Reads the relations of a masked article's sentences into its facts and entity kinds (adds to them: once per state).</summary>
    internal void ReadRelations(ArticleState article)
    {
        HashSet<(int, int)>? roles = null; // the (person, organisation) pairs given a role in a sentence, one set cleared for each
        for (var s = 0; s < article.Masked.Count; s++)
        {
            var ms = article.Masked[s];
            if (!ms.Contains('⟦', StringComparison.Ordinal))
            {
                continue;
            }

            var cues = SentenceCueWords(ms);
            ReadMembers(article, s, ms, cues);
            ReadInitiators(article, s, ms, cues);
            ReadRoles(article, s, ms, ref roles);
            ReadDescriptions(article, s, ms, cues);
            ReadPlaces(article, s, ms, cues);
            ReadInvestors(article, s, ms, cues);
            ReadOthers(article, s, ms, cues);
            ReadCounts(article, s, ms, cues);
        }
    }

    private void ReadMembers(ArticleState article, int s, string ms, CueWords cues)
    {
        var span = ms.AsSpan();
        var hasMember = cues.Any(MemberMask);
        var hasJoin = cues.Any(JoinMask);
        foreach (var m in MatchesWhile(cues.Any(AddedToMask) && AddedToCue(span), AddedTo(), ms, AddedToCue))
        {
            var obj = Id(m.Groups["obj"]);
            AddEach(article, FactKind.Member, ListIds(m.Groups["subj"].ValueSpan), obj, s);
            AddEach(article, FactKind.Member, ListIds(m.Groups["with"].ValueSpan), obj, s);
            article.SetKind(obj, EntityKind.Group);
        }

        foreach (var m in MatchesIf(hasMember && cues.Any(BecameMask), BecameItsMembers(), ms))
        {
            var members = ListIds(m.Groups["subj"].ValueSpan);
            var group = FirstOrganisation(article, ms[..m.Index]) ?? MainGroup(article);
            if (group is { } g && !members.Contains(g))
            {
                AddEach(article, FactKind.Member, members, g, s);
            }
        }

        foreach (var m in MatchesWhile(hasMember && cues.Any(SignedUpMask) && SignedUpAsMembersCue(span), SignedUpAsMembers(), ms, SignedUpAsMembersCue))
        {
            var members = ListIds(m.Groups["subj"].ValueSpan);
            if ((m.Groups["grp"].Success ? Id(m.Groups["grp"]) : MainGroup(article)) is { } g && !members.Contains(g))
            {
                AddEach(article, FactKind.Member, members, g, s);
            }
        }

        foreach (var m in MatchesWhile(hasMember && cues.Any(AdmittedMask) && AdmittedAsMembersCue(span), AdmittedAsMembers(), ms, AdmittedAsMembersCue))
        {
            AddEach(article, FactKind.Member, ListIds(CutClause(m.Groups["list"].ValueSpan)), Id(m.Groups["grp"]), s);
        }

        foreach (var m in MatchesIf(hasMember && cues.Any(AddedMask), GroupAddedMembers(), ms))
        {
            var group = Id(m.Groups["grp"]);
            AddEach(article, FactKind.Member, ListIds(CutClause(m.Groups["list"].ValueSpan)), group, s);
            article.SetKind(group, EntityKind.Group);
        }

        foreach (var m in MatchesIf(cues.Any(PartOfMask), PartOfGroup(), ms))
        {
            var group = Id(m.Groups["obj"]);
            if (article.KindOf(group) == EntityKind.Group)
            {
                AddEach(article, FactKind.Member, ListIds(m.Groups["subj"].ValueSpan), group, s);
            }
        }

        var among = cues.All(AmongMembersMask) ? AmongMembersAre().Match(ms) : Match.Empty;
        if (among.Success && (among.Groups["grp"].Success ? Id(among.Groups["grp"]) : MainGroup(article)) is { } amongGroup)
        {
            AddEach(article, FactKind.Member, ListIds(CutClause(among.Groups["list"].ValueSpan)), amongGroup, s);
        }

        var listJoin = hasJoin && JoinListInCue(span) ? JoinListIn().Match(ms) : Match.Empty;
        if (listJoin.Success && article.KindOf(Id(listJoin.Groups["grp"])) is EntityKind.Group or EntityKind.Organisation or EntityKind.Unknown)
        {
            var group = Id(listJoin.Groups["grp"]);
            AddEach(article, FactKind.Member, ListIds(listJoin.Groups["list"].ValueSpan), group, s);
            var lead = ms[..listJoin.Index];
            var subject = JoinLead().Match(lead);
            if (subject.Success)
            {
                AddEach(article, FactKind.Member, ListIds(subject.Groups["subj"].ValueSpan), group, s);
            }
        }
        else
        {
            foreach (var m in MatchesWhile(hasJoin && SubjectJoinsCue(span), SubjectJoins(), ms, SubjectJoinsCue))
            {
                if (m.Groups["gap"].ValueSpan.Contains(','))
                {
                    continue;
                }

                int? joined = m.Groups["obj"].ValueSpan.StartsWith('⟦') ? Id(m.Groups["obj"]) : FirstRef(ms) is { } first && first != FirstRef(m.Groups["subj"].ValueSpan) ? first : Pronoun(article, s, 0);
                if (joined is { } o)
                {
                    AddEach(article, FactKind.Member, ListIds(m.Groups["subj"].ValueSpan), o, s);
                }
            }
        }

        var include = cues.Any(MemberWordsMask) && HasIncludeVerb(ms) ? MembersInclude().Match(ms) : Match.Empty;
        if (include.Success)
        {
            int? group = include.Groups["grp"].Success ? Id(include.Groups["grp"]) : null;
            var pre = include.Groups["pre"].Value.ToLowerInvariant();
            if (group is null && pre is "its" or "their")
            {
                group = Pronoun(article, s, include.Index);
            }

            // "⟦X⟧, whose members include …": the name before "whose".
            if (group is null && pre == "whose" && EntityJustBefore().Match(ms[..include.Index]) is { Success: true } owner)
            {
                group = Id(owner.Groups["subj"]);
            }

            // With no group named, the group the article names most before this sentence, or an entity it names more that
            // no head word types ("The Open Science Ledger (OSL) was launched … The OSL … Members include …" is the
            // OSL's, not a council named once); never one of the listed members.
            var listed = ListIds(CutClause(include.Groups["list"].ValueSpan));
            group ??= UnnamedGroup(article, s, listed) ?? MainGroup(article);
            if (group is { } g)
            {
                foreach (var member in listed)
                {
                    Add(article, FactKind.Member, member, g, s);
                }

                article.SetKind(g, EntityKind.Group);
                if (include.Groups["n"].Success)
                {
                    article.Facts.Add(new LocalFact(FactKind.Count, g, null, include.Groups["n"].Value + " members", null, null, s));
                }
            }
        }

        foreach (var m in MatchesWhile(hasMember && MembersOfNameCue(span), MemberOf(), ms, MembersOfNameCue))
        {
            AddEach(article, FactKind.Member, ListIds(m.Groups["subj"].ValueSpan), Id(m.Groups["obj"]), s);
        }

        var consortium = cues.Any(GroupWordsMask) ? ConsortiumOf().Match(ms) : Match.Empty;
        if (consortium.Success)
        {
            AddEach(article, FactKind.Member, ListIds(CutClause(consortium.Groups["list"].ValueSpan)), Id(consortium.Groups["grp"]), s);
        }
    }

    /// <summary>
    /// The group a members list names none for: the group the article names most before sentence <paramref name="s"/>, or an
    /// entity of no kind it names more (a group named first and by its acronym later), never one of <paramref name="listed"/>.
    /// </summary>
    private static int? UnnamedGroup(ArticleState article, int s, List<int> listed)
    {
        // The first of the best in the dictionary's order, as a stable sort by mentions (most first), then groups before
        // the rest, and taking the first would give.
        int? best = null;
        int bestMentions = 0, bestRank = 0;
        foreach (var (cluster, mentions) in article.Salience)
        {
            var kind = article.KindOf(cluster);
            var rank = kind == EntityKind.Group ? 0 : 1;
            if (kind is not (EntityKind.Group or EntityKind.Unknown) || (best is not null && (mentions < bestMentions || (mentions == bestMentions && rank >= bestRank)))
                || listed.Contains(cluster) || !FirstSeenBefore(article, cluster, s))
            {
                continue;
            }

            (best, bestMentions, bestRank) = (cluster, mentions, rank);
        }

        return best;
    }

    /// <summary>The group an article is mostly about: its most-named entity of kind Group.</summary>
    private static int? MainGroup(ArticleState article) => MostNamed(article, EntityKind.Group);

    /// <summary>True when the article names the entity before sentence <paramref name="s"/>.</summary>
    private static bool FirstSeenBefore(ArticleState article, int cluster, int s)
    {
        foreach (var m in article.AllMentions)
        {
            if (m.Sentence >= s)
            {
                break; // the mentions stand sentence by sentence
            }

            if (m.Cluster == cluster)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The article's most-named entity of one of <paramref name="kinds"/>.</summary>
    private static int? MostNamed(ArticleState article, params EntityKind[] kinds) =>
        article.Salience.Where(p => kinds.Contains(article.KindOf(p.Key))).OrderByDescending(p => p.Value).Select(p => (int?)p.Key).FirstOrDefault();

    /// <summary>The first entity a text names that is no place or person: a clause's organisation subject.</summary>
    private static int? FirstOrganisation(ArticleState article, string text) =>
        Ids(text).Where(id => article.KindOf(id) is not (EntityKind.Place or EntityKind.Person)).Cast<int?>().FirstOrDefault();

    private void ReadInitiators(ArticleState article, int s, string ms, CueWords cues)
    {
        var fronted = FrontedFoundedByCue(ms) ? FrontedFoundedBy().Match(ms) : Match.Empty;
        if (fronted.Success)
        {
            var founded = Id(fronted.Groups["o"]);
            AddEach(article, FactKind.Initiator, ListIds(fronted.Groups["list"].ValueSpan), founded, s);
        }

        if (!cues.Any(ParticipleMask))
        {
            return; // both patterns need a participle ("founded", "set up", …)
        }

        var offset = 0;
        while (offset < ms.Length && InitiatedByCue(ms.AsSpan(offset)))
        {
            var m = InitiatedBy().Match(ms, offset);
            if (!m.Success)
            {
                break;
            }

            offset = m.Index + m.Length - m.Groups["list"].Length;
            var agents = ListIds(CutClause(m.Groups["list"].ValueSpan));
            if (InitiatedObject(ms, m.Index) is not { } o)
            {
                continue;
            }

            AddEach(article, FactKind.Initiator, agents, o, s);
        }

        foreach (var m in MatchesIf(cues.Any(ActiveVerbMask) && HasActiveVerbBeforeName(ms), ActiveInitiated(), ms))
        {
            AddEach(article, FactKind.Initiator, ListIds(m.Groups["subj"].ValueSpan), Id(m.Groups["obj"]), s);
        }
    }

    /// <summary>
    /// What a passive "initiated by" at <paramref name="index"/> of <paramref name="ms"/> is about: the name of an appositive
    /// or a "which" clause right before it, else the subject of the clause its auxiliary ends, else the name right before it.
    /// </summary>
    private static int? InitiatedObject(string ms, int index)
    {
        var before = ms.AsSpan(0, index);
        foreach (var b in AppositiveBefore().EnumerateMatches(before))
        {
            return RefAt(before, b.Index);
        }

        foreach (var b in WhichBefore().EnumerateMatches(before))
        {
            return RefAt(before, b.Index);
        }

        foreach (var b in AuxBefore().EnumerateMatches(before, AuxSearchStart(before)))
        {
            // "and" opens the match exactly when the pattern's "and" group took part (no auxiliary starts with "and").
            var clause = before[..b.Index];
            if (before[b.Index..].StartsWith("and", StringComparison.Ordinal))
            {
                return FirstId(ms) is var first && first >= 0 ? first : null;
            }

            if (LastId(clause) is var last && last >= 0)
            {
                var tail = FirstId(clause[(clause.LastIndexOf(',') + 1)..]);
                return tail >= 0 ? tail : last;
            }

            return null;
        }

        foreach (var b in EntityJustBefore().EnumerateMatches(before))
        {
            return RefAt(before, b.Index);
        }

        return null;
    }

    /// <summary>The id of the ⟦n⟧ that starts at <paramref name="index"/> (where a pattern's leading ⟦name⟧ group matched).</summary>
    private static int RefAt(ReadOnlySpan<char> text, int index)
    {
        NextRef(text, index, out var end);
        return RefId(text[index..end]);
    }

    /// <summary>The last entity a text names that is no qualifier (the last of <see cref="Ids"/>), or -1.</summary>
    private static int LastId(ReadOnlySpan<char> segment)
    {
        var last = -1;
        for (var at = NextRef(segment, 0, out var end); at >= 0; at = NextRef(segment, end, out end))
        {
            if (!IsQualifier(segment, end))
            {
                last = RefId(segment[at..end]);
            }
        }

        return last;
    }

    /// <summary>
    /// Where <see cref="AuxBefore"/> can first match in <paramref name="before"/>: every match ends at the end of the text and
    /// holds only word characters and white space ("and", an auxiliary, "-ly" adverbs), so none starts before the last
    /// character that is punctuation of another kind. Searching from there finds the pattern's leftmost match, which
    /// a search from the start finds (its word boundaries still see the character before).
    /// </summary>
    internal static int AuxSearchStart(ReadOnlySpan<char> before) => before.LastIndexOfAny(NoWordNoSpace) + 1;

    /// <summary>Characters that are neither word characters (\w) nor white space (\s): punctuation, brackets, quotes, the ⟦name⟧ marks.</summary>
    private static readonly SearchValues<char> NoWordNoSpace = SearchValues.Create(",.;:!?()[]{}\"“”‘’'⟦⟧/&*+=<>|");

    /// <summary>The verbs of <see cref="ActiveInitiated"/>, which it needs right before its object: white space, maybe "the", ⟦.</summary>
    private static readonly string[] ActiveVerbs =
        ["initiated", "founded", "launched", "established", "created", "set up", "formed", "organised", "organized", "started", "spearheaded"];

    /// <summary>
    /// False when no verb of <see cref="ActiveInitiated"/> is followed by its object (white space, an optional "the" and
    /// white space, then ⟦): the pattern cannot match then ("was founded by ⟦X⟧", "founded in 2019" are passive or no object).
    /// </summary>
    private static bool HasActiveVerbBeforeName(string ms) => AnyWordFollowedBy(ms, ActiveVerbs, static tail => SpacesThenName(tail, 0));

    private void ReadRoles(ArticleState article, int s, string ms, ref HashSet<(int, int)>? seen)
    {
        var span = ms.AsSpan();
        var folds = FoldsToAscii(span);
        if (!folds && !span.ContainsAny(RoleWords))
        {
            return; // no title, no role
        }

        // What each pattern needs besides a title: a name and a comma after it ("⟦P⟧, chief executive of …"), a name, a
        // comma and a name ("… of ⟦O⟧, ⟦P⟧"), a possessive name ("⟦O⟧'s chair"), an appointing verb. The letters of the
        // patterns that ignore case are ASCII: a sentence with a letter that case-folds to one runs them all.
        var nameComma = NameThenComma(span, thenName: false);
        var possessive = folds || NamePossessive(span);
        if (seen is null)
        {
            seen = [];
        }
        else
        {
            seen.Clear();
        }

        // PersonRoleOfFieldAt, the one pattern here that heeds case, needs a lower-case "at".
        foreach (var (pattern, needs, more) in (ReadOnlySpan<(Regex, bool, TextCue)>)[
            (PersonRoleOfFieldAt(), nameComma && WordThenName(span, "at"), PersonRoleOfFieldAtCue),
            (PersonCommaRoleOf(), nameComma, PersonCommaRoleOfCue),
            (RoleOfOrgPerson(), nameComma && RoleOfOrgPersonCue(span), RoleOfOrgPersonCue),
            (OrgRolePerson(), OrgRolePersonCue(span), OrgRolePersonCue),
            (PersonIsRoleOf(), PersonIsRoleOfCue(span), PersonIsRoleOfCue),
            (PersonOrgsRole(), possessive, PersonOrgsRoleCue),
            (OrgsRolePerson(), possessive && CommaThenName(span), OrgsRolePersonCue),
            (AppointedAsRole(), folds || span.ContainsAny(AppointingVerbs), AppointedAsRoleCue)])
        {
            foreach (var m in MatchesWhile(needs, pattern, ms, more))
            {
                AddRole(article, s, seen, Id(m.Groups["p"]), Id(m.Groups["o"]), m.Groups["role"].Value);
            }
        }

        foreach (var m in MatchesWhile(ms.Contains("who ", StringComparison.Ordinal), PersonWhoHeads(), ms, static text => text.Contains("who", StringComparison.Ordinal)))
        {
            AddRole(article, s, seen, Id(m.Groups["p"]), Id(m.Groups["o"]), m.Groups["verb"].Value == "chairs" ? "chair" : "head");
        }

        var board = ms.StartsWith("Its ", StringComparison.Ordinal) || ms.StartsWith("Their ", StringComparison.Ordinal) ? ItsBoardChairedBy().Match(ms) : Match.Empty;
        if (board.Success && Pronoun(article, s, 0) is { } chaired)
        {
            AddRole(article, s, seen, Id(board.Groups["p"]), chaired, "chair");
        }

        foreach (var m in CuedMatches(LedByPersonCue, LedByPerson(), ms))
        {
            var role = m.Groups["role"].Success ? m.Groups["role"].Value : m.Groups["verb"].Value == "chaired" ? "chair" : "head";
            AddRole(article, s, seen, Id(m.Groups["p"]), Id(m.Groups["o"]), role);
        }

        // "Its chief executive is ⟦P⟧": the organisation "its" stands for.
        var its = ms.StartsWith("Its ", StringComparison.Ordinal) || ms.StartsWith("Their ", StringComparison.Ordinal) ? ItsRoleIsPerson().Match(ms) : Match.Empty;
        if (its.Success && Pronoun(article, s, 0) is { } owner)
        {
            AddRole(article, s, seen, Id(its.Groups["p"]), owner, its.Groups["role"].Value);
        }
    }

    /// <summary>One fact of <paramref name="kind"/> from each of <paramref name="subjects"/> to <paramref name="target"/> (<see cref="Add"/> skips a link to itself).</summary>
    private void AddEach(ArticleState article, FactKind kind, List<int> subjects, int target, int s)
    {
        foreach (var subject in subjects)
        {
            Add(article, kind, subject, target, s);
        }
    }

    private void AddRole(ArticleState article, int s, HashSet<(int, int)> seen, int person, int org, string role)
    {
        if (person == org || !seen.Add((person, org)))
        {
            return;
        }

        if (article.KindOf(person) is EntityKind.Organisation or EntityKind.Group or EntityKind.Place or EntityKind.Event
            || article.KindOf(org) == EntityKind.Person)
        {
            return;
        }

        article.SetKind(person, EntityKind.Person, overrideKnown: true);
        article.SetKind(org, EntityKind.Organisation);
        Add(article, FactKind.Role, person, org, s, detail: role.Trim());
    }

    private static readonly HashSet<string> DescriptorStops = new(StringComparer.OrdinalIgnoreCase)
    {
        "uses", "use", "used", "join", "joins", "joined", "include", "includes", "included", "including", "like", "said", "says",
        "told", "called", "named", "dubbed", "than", "become", "became", "becomes", "by", "with", "from", "into", "onto",
        "about", "between", "among", "against", "via", "per", "led", "backed", "owned", "run", "operated", "whose",
    };

    private void ReadDescriptions(ArticleState article, int s, string ms, CueWords cues)
    {
        // WhichIs, WhichVerbs: "⟦X⟧, which …"; FoundedInYear: one of its participles; AndItWas: ", and it was".
        var span = ms.AsSpan();
        foreach (var m in CuedMatches(WhichIsCue, WhichIs(), ms))
        {
            article.AddDescription(Id(m.Groups["s"]), Unmask(article, s, m.Groups["d"].Value), s);
        }

        foreach (var m in MatchesWhile(cues.Any(WhichMask) && WhichVerbsCue(span), WhichVerbs(), ms, WhichVerbsCue))
        {
            article.AddDescription(Id(m.Groups["s"]), Unmask(article, s, m.Groups["d"].Value), s);
        }

        foreach (var m in MatchesWhile(cues.Any(FoundedMask) && FoundedInYearCue(span), FoundedInYear(), ms, FoundedInYearCue))
        {
            article.AddDescription(Id(m.Groups["s"]), m.Groups["d"].Value, s);
        }

        var andIt = AndItWasCue(span) ? AndItWas().Match(ms) : Match.Empty;
        if (andIt.Success && Pronoun(article, s, andIt.Index) is { } it)
        {
            article.AddDescription(it, Unmask(article, s, andIt.Groups["d"].Value), s);
        }

        var copula = CopulaIsACue(span) ? CopulaIsA().Match(ms) : Match.Empty;
        if (copula.Success && !IsNonDescription(copula.Groups["d"].Value))
        {
            article.AddDescription(Id(copula.Groups["s"]), Unmask(article, s, copula.Groups["d"].Value), s);
        }

        foreach (var m in MatchesIf(ClassifierBeforeSomeName(ms), ClassifierBefore(), ms))
        {
            // Most words before a name classify nothing: the last word decides (it ends the description or there is none).
            var d = m.Groups["d"].ValueSpan.TrimEnd(' ');
            if (!IsClassifier(d[(d.LastIndexOf(' ') + 1)..].ToString()))
            {
                continue;
            }

            var words = m.Groups["d"].Value.Split(' ', StringSplitOptions.RemoveEmptyEntries).ToList();
            var start = words.FindLastIndex(w => Lexicon.FunctionWords.Contains(w) || DescriptorStops.Contains(w) || (w.EndsWith("ed", StringComparison.Ordinal) && !w.Contains('-', StringComparison.Ordinal)));
            words = words[(start + 1)..];
            var demonym = start < 0 && m.Groups["dem"].Length > 0 ? LeadingArticle().Replace(m.Groups["dem"].Value.Trim(), string.Empty) : string.Empty;
            if (start < 0 && demonym.Length > 0 && (lexicon.Demonyms.ContainsKey(demonym) || LooksLikeDemonym(demonym)))
            {
                words.Insert(0, demonym);
            }

            if (words.Count < 2 || !IsClassifier(words[^1]) || article.KindOf(Id(m.Groups["s"])) == EntityKind.Person)
            {
                continue;
            }

            article.AddDescription(Id(m.Groups["s"]), Unmask(article, s, string.Join(' ', words)), s);
        }
    }

    private static readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> ClassifierLookup = Lexicon.Classifiers.GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>
    /// False when no ⟦entity⟧ has a word before it that could classify it: every <see cref="ClassifierBefore"/> match ends
    /// with its descriptor's last word, then spaces, then its entity, and is kept only when that word
    /// <see cref="IsClassifier"/>, so the pattern need not run. The word is taken as the letters and hyphens before the
    /// spaces (sentences are normalised: single spaces only); a classifier of the lexicon is letters and hyphens, and so
    /// is the whole word then; a word of the suffix rule ends in the same "er"/"or". A necessary test only: true means run.
    /// </summary>
    private static bool ClassifierBeforeSomeName(string ms)
    {
        for (var i = ms.IndexOf('⟦', StringComparison.Ordinal); i >= 0; i = ms.IndexOf('⟦', i + 1))
        {
            var end = i;
            while (end > 0 && ms[end - 1] == ' ')
            {
                end--;
            }

            var start = end;
            while (start > 0 && (char.IsLetter(ms[start - 1]) || ms[start - 1] == '-'))
            {
                start--;
            }

            var word = ms.AsSpan(start, end - start);
            if (word.Length > 0 && (word.EndsWith("er", StringComparison.Ordinal) || word.EndsWith("or", StringComparison.Ordinal) || ClassifierLookup.Contains(word)))
            {
                return true;
            }
        }

        return false;
    }

    private void ReadPlaces(ArticleState article, int s, string ms, CueWords cues)
    {
        if (!cues.Any(PlaceMask))
        {
            return; // every pattern needs "headquarter(s/ed)" or "(B/b)ased"
        }

        var it = ms.StartsWith("It ", StringComparison.Ordinal) ? ItIsHeadquarteredIn().Match(ms) : Match.Empty;
        if (it.Success && Pronoun(article, s, 0) is { } owner && owner != Id(it.Groups["p"]))
        {
            article.SetKind(Id(it.Groups["p"]), EntityKind.Place);
            Add(article, FactKind.Headquarters, owner, Id(it.Groups["p"]), s);
        }

        var span = ms.AsSpan();
        var coordinated = AndHeadquarteredInCue(span) ? AndHeadquarteredIn().Match(ms) : Match.Empty;
        if (coordinated.Success && FirstOrganisation(article, ms[..coordinated.Index]) is { } main)
        {
            article.SetKind(Id(coordinated.Groups["p"]), EntityKind.Place);
            Add(article, FactKind.Headquarters, main, Id(coordinated.Groups["p"]), s);
        }

        foreach (var (pattern, cue) in (ReadOnlySpan<(Regex, TextCue)>)[
            (HeadquarteredInComma(), HeadquarteredInCommaCue), (IsHeadquarteredIn(), IsHeadquarteredInCue), (PlaceBased(), PlaceBasedCue),
            (AppositivePlaceBased(), AppositivePlaceBasedCue), (AppositiveHeadquarteredIn(), AppositiveHeadquarteredInCue)])
        {
            foreach (var m in CuedMatches(cue, pattern, ms))
            {
                var place = Id(m.Groups["p"]);
                article.SetKind(place, EntityKind.Place);
                Add(article, FactKind.Headquarters, Id(m.Groups["s"]), place, s);
            }
        }

        var hq = HeadquartersWillBeCue(span) ? HeadquartersWillBe().Match(ms) : Match.Empty;
        if (hq.Success)
        {
            int? subject = hq.Groups["s2"].Success ? Id(hq.Groups["s2"])
                : hq.Groups["s3"].Success ? Id(hq.Groups["s3"])
                : hq.Groups["its"].Value is "its" or "Its" or "their" or "Their" ? Pronoun(article, s, hq.Index)
                : MainGroup(article) ?? MostNamed(article, EntityKind.Organisation, EntityKind.Group);
            if (subject is { } subj)
            {
                var place = Id(hq.Groups["p"]);
                article.SetKind(place, EntityKind.Place);
                Add(article, FactKind.Headquarters, subj, place, s);
            }
        }
    }

    private void ReadInvestors(ArticleState article, int s, string ms, CueWords cues)
    {
        var invested = cues.Any(InvestedMask) ? InvestedIn().Match(ms) : Match.Empty;
        if (invested.Success)
        {
            var pre = invested.Groups["pre"].Value;
            var like = pre.AsSpan().ContainsAny(LikeWords) ? LikeWord().Match(pre) : Match.Empty;
            var investors = like.Success ? ListIds(CutClause(pre.AsSpan(like.Index + like.Length))) : Ids(pre);
            // "… also invested in the company": the company an investment was last reported in.
            int? target = invested.Groups["o"].Success ? Id(invested.Groups["o"]) : LastInvestment(article, s);
            if (target is { } t)
            {
                AddEach(article, FactKind.Investor, investors, t, s);
            }
        }

        var include = cues.Any(InvestorsMask) ? InvestorsInclude().Match(ms) : Match.Empty;
        if (include.Success)
        {
            AddEach(article, FactKind.Investor, ListIds(CutClause(include.Groups["list"].ValueSpan)), Id(include.Groups["o"]), s);
        }

        var hasRound = cues.Any(RoundMask);
        foreach (var m in MatchesIf(hasRound && (SpacedWord(ms, "led") || SpacedWord(ms, "co-led") || SpacedWord(ms, "joined") || ms.Contains("participated", StringComparison.Ordinal)), LedRound(), ms))
        {
            AddEach(article, FactKind.Investor, ListIds(m.Groups["s"].ValueSpan), Id(m.Groups["o"]), s);
        }

        var holders = cues.Any(HolderMask) ? ShareholdersAre().Match(ms) : Match.Empty;
        if (holders.Success)
        {
            var company = Id(holders.Groups["o"]);
            AddEach(article, FactKind.Investor, ListIds(CutClause(holders.Groups["list"].ValueSpan)), company, s);
        }

        var backed = cues.Any(BackedMask) ? BackedBy().Match(ms) : Match.Empty;
        if (backed.Success)
        {
            AddEach(article, FactKind.Investor, ListIds(CutClause(backed.Groups["list"].ValueSpan)), Id(backed.Groups["o"]), s);
        }

        var alsoTaking = hasRound ? AlsoTakingPart().Match(ms) : Match.Empty;
        var round = alsoTaking.Success ? LedRound().Match(ms) : Match.Empty;
        if (alsoTaking.Success && round.Success)
        {
            AddEach(article, FactKind.Investor, ListIds(alsoTaking.Groups["x"].ValueSpan), Id(round.Groups["o"]), s);
        }

        var ledBy = hasRound ? RoundLedBy().Match(ms) : Match.Empty;
        if (ledBy.Success)
        {
            AddEach(article, FactKind.Investor, ListIds(CutClause(ledBy.Groups["list"].ValueSpan)), Id(ledBy.Groups["o"]), s);

            // "… led by ⟦A⟧, with participation from ⟦B⟧ and ⟦C⟧": the other investors of the round.
            var more = ParticipationFrom().Match(ledBy.Groups["list"].Value);
            if (more.Success)
            {
                AddEach(article, FactKind.Investor, ListIds(CutClause(more.Groups["list"].ValueSpan)), Id(ledBy.Groups["o"]), s);
            }
        }

        var raised = cues.Any(FromMask) ? RaisedFrom().Match(ms) : Match.Empty;
        if (raised.Success)
        {
            AddEach(article, FactKind.Investor, ListIds(CutClause(raised.Groups["list"].ValueSpan)), Id(raised.Groups["o"]), s);
        }
    }

    /// <summary>The company the article last reported an investment in, within two sentences before <paramref name="s"/>.</summary>
    private static int? LastInvestment(ArticleState article, int s)
    {
        for (var i = article.Facts.Count - 1; i >= 0; i--)
        {
            if (article.Facts[i] is { Kind: FactKind.Investor } f && f.Sentence >= s - 2)
            {
                return f.Object;
            }
        }

        return null;
    }

    /// <summary>The words of <see cref="LikeWord"/>.</summary>
    private static readonly SearchValues<string> LikeWords = SearchValues.Create(["like", "such as", "including", "among them"], StringComparison.Ordinal);

    private void ReadOthers(ArticleState article, int s, string ms, CueWords cues)
    {
        if (cues.Any(ProvideMask))
        {
            ReadProviders(article, s, ms);
        }

        foreach (var m in MatchesIf(cues.Any(UseMask), Uses(), ms))
        {
            var subject = m.Groups["s"].Value.StartsWith('⟦') ? FirstRef(m.Groups["s"].Value) : Pronoun(article, s, m.Index);
            if (subject is { } subj)
            {
                Add(article, FactKind.Uses, subj, Id(m.Groups["o"]), s);
            }
        }

        var andUses = cues.Any(UseMask) && ms.Contains(" and ", StringComparison.Ordinal) ? AndUses().Match(ms) : Match.Empty;
        if (andUses.Success)
        {
            Add(article, FactKind.Uses, Id(andUses.Groups["s"]), Id(andUses.Groups["o"]), s);
        }

        var usedBy = cues.Any(UsedByMask) ? UsedBy().Match(ms) : Match.Empty;
        if (usedBy.Success)
        {
            var used = Id(usedBy.Groups["o"]);
            AddEach(article, FactKind.Uses, ListIds(CutClause(usedBy.Groups["list"].ValueSpan)), used, s);
        }

        foreach (var m in CuedMatches(PartnersWithCue, PartnersWith(), ms))
        {
            if ((m.Groups["s"].Value.StartsWith('⟦') ? Id(m.Groups["s"]) : Pronoun(article, s, m.Index)) is { } partner)
            {
                Add(article, FactKind.Partner, partner, Id(m.Groups["o"]), s);
            }
        }
    }

    /// <summary>Provider facts; every pattern needs a word of <see cref="ProvideMask"/>.</summary>
    private void ReadProviders(ArticleState article, int s, string ms)
    {
        var providerFor = false; // a match of IsProviderFor or ProvidesFor: then ProvidesThing is not read
        foreach (var (pattern, cue) in (ReadOnlySpan<(Regex, TextCue)>)[(IsProviderFor(), IsProviderForCue), (ProvidesFor(), ProvidesForCue)])
        {
            foreach (var m in CuedMatches(cue, pattern, ms))
            {
                providerFor = true;
                foreach (var provider in ListIds(m.Groups["s"].ValueSpan))
                {
                    Add(article, FactKind.Provider, provider, null, s, text: m.Groups["x"].Value.Trim(), forId: Id(m.Groups["f"]));
                }
            }
        }

        foreach (var m in CuedMatches(ProvidesPossessedCue, ProvidesPossessed(), ms))
        {
            if (Id(m.Groups["s"]) != Id(m.Groups["f"]))
            {
                Add(article, FactKind.Provider, Id(m.Groups["s"]), null, s, text: m.Groups["x"].Value.Trim(), forId: Id(m.Groups["f"]));
            }
        }

        var provided = ProvidedByCue(ms) ? ProvidedBy().Match(ms) : Match.Empty;
        if (provided.Success)
        {
            Add(article, FactKind.Provider, Id(provided.Groups["s"]), null, s, text: provided.Groups["x"].Value.Trim());
        }

        if (!providerFor)
        {
            foreach (var m in CuedMatches(ProvidesThingCue, ProvidesThing(), ms))
            {
                Add(article, FactKind.Provider, Id(m.Groups["s"]), null, s, text: m.Groups["x"].Value.Trim());
            }
        }
    }

    /// <summary>A noun that classifies a name ("lender", "shipbuilder", "conglomerate").</summary>
    private static bool IsClassifier(string word) =>
        Lexicon.Classifiers.Contains(word)
        || (word.Length > 4 && char.IsLower(word[0]) && (word.EndsWith("er", StringComparison.Ordinal) || word.EndsWith("or", StringComparison.Ordinal))
            && !DescriptorStops.Contains(word) && word is not ("other" or "under" or "over" or "after" or "never" or "either" or "whether" or "rather" or "together" or "former" or "latter" or "major" or "minor" or "senior" or "junior" or "prior"));

    private void ReadCounts(ArticleState article, int s, string ms, CueWords cues)
    {
        // GrownTo, BodyOfCount and TakesTo need a number in digits after white space; TakesTo and ItsCount need "members", GrownTo one of its nouns.
        var hasNumber = DigitAfterSpace(ms);
        var hasMembers = cues.Any(MembersMask);
        var span = ms.AsSpan();
        foreach (var (condition, pattern, cue) in (ReadOnlySpan<(bool, Regex, TextCue)>)[
            (hasNumber && cues.Any(GrownToNounMask) && cues.Any(GrowMask) && GrownToCue(span), GrownTo(), GrownToCue), (hasNumber && BodyOfCountCue(span), BodyOfCount(), BodyOfCountCue)])
        {
            foreach (var m in MatchesWhile(condition, pattern, ms, cue))
            {
                if ((m.Groups["s"].Value.StartsWith('⟦') ? Id(m.Groups["s"]) : Pronoun(article, s, m.Index)) is not { } owner)
                {
                    continue;
                }

                article.Facts.Add(new LocalFact(FactKind.Count, owner, null, m.Groups["n"].Value + " " + m.Groups["np"].Value.Trim(), null, null, s));
                if (m.Groups["list"].Success && m.Groups["np"].ValueSpan.Contains("member", StringComparison.Ordinal))
                {
                    AddEach(article, FactKind.Member, ListIds(m.Groups["list"].ValueSpan), owner, s);
                }
            }
        }

        foreach (var (condition, pattern, cue) in (ReadOnlySpan<(bool, Regex, TextCue)>)[
            (hasNumber && hasMembers && TakesToCue(span), TakesTo(), TakesToCue), (hasMembers && ItsCountCue(span), ItsCount(), ItsCountCue)])
        {
            foreach (var m in MatchesWhile(condition, pattern, ms, cue))
            {
                int? subject = m.Groups["s"].Success ? Id(m.Groups["s"]) : Pronoun(article, s, m.Index) ?? MainGroup(article);
                if (subject is { } subj)
                {
                    article.Facts.Add(new LocalFact(FactKind.Count, subj, null, m.Groups["n"].Value + " " + m.Groups["np"].Value.Trim(), null, null, s));
                }
            }
        }

        foreach (var m in MatchesWhile((hasNumber || cues.Any(CountWordMask)) && CountTailCue(span) && CountTailPattern().IsMatch(ms), CountOf(), ms, CountTailCue))
        {
            var subject = m.Groups["s"].Value.StartsWith('⟦') ? Id(m.Groups["s"]) : Pronoun(article, s, m.Index);
            if (AndNext().IsMatch(ms.AsSpan(m.Groups["s"].Index + m.Groups["s"].Length)))
            {
                subject = FirstOrganisation(article, ms);
            }

            if (subject is not { } subj || article.KindOf(subj) is EntityKind.Person or EntityKind.Place)
            {
                continue;
            }

            var text = m.Groups["n"].Value + " " + m.Groups["np"].Value.Trim();
            var examples = new List<int>();
            if (s + 1 < article.Masked.Count)
            {
                var next = CountExamplesCue(article.Masked[s + 1]) ? CountExamples().Match(article.Masked[s + 1]) : Match.Empty;
                if (next.Success)
                {
                    examples = ListIds(CutClause(next.Groups["list"].Value));
                }
            }

            article.Facts.Add(new LocalFact(FactKind.Count, subj, null, text, null, null, s, examples.Count > 0 ? examples : null));
        }
    }
}

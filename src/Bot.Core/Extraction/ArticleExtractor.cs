using System.Collections.Frozen;
using System.Text;

namespace Bot.Core.Extraction;

/// <summary>
/// Reads one article's paragraphs and returns its entities and facts. General English news patterns only:
/// capitalised names, acronyms defined in parentheses, appositives, "the alliance"-style references, and
/// relation phrases ("has been added to", "members include", "initiated by", "CEO of", "invested in").
/// Thread-safe: one instance serves every article.
/// </summary>
public sealed partial class ArticleExtractor(ExtractionLexicon lexicon)
{
    /// <summary>Bump when the rules change, so stored extractions are redone.</summary>
    public const int Version = 10;

    /// <summary>Extracts entities and facts from an article's text paragraphs.</summary>
    public ArticleExtraction Extract(IReadOnlyList<string> paragraphs)
    {
        var article = MaskedState(paragraphs);
        ReadRelations(article);
        return article.ToExtraction();
    }

    /// <summary>An article's state with its names found, clustered and masked and its references resolved: everything before its relations are read.</summary>
    internal ArticleState MaskedState(IReadOnlyList<string> paragraphs)
    {
        var article = new ArticleState(Sentences(paragraphs));
        FindMentions(article);
        Cluster(article);
        Mask(article);
        ResolveAnaphora(article);
        return article;
    }

    /// <summary>The sentences of the paragraphs, in order, normalised (<see cref="SentenceSplitter.Normalize"/>).</summary>
    private static List<string> Sentences(IReadOnlyList<string> paragraphs)
    {
        var sentences = new List<string>(paragraphs.Count * 2);
        foreach (var paragraph in paragraphs)
        {
            var from = sentences.Count;
            SentenceSplitter.Split(paragraph, sentences);
            for (var i = from; i < sentences.Count; i++)
            {
                sentences[i] = SentenceSplitter.Normalize(sentences[i]);
            }
        }

        return sentences;
    }

    private void FindMentions(ArticleState article)
    {
        var work = Workspace.Get();
        var all = work.Tokens;
        all.Clear();
        foreach (var sentence in article.Sentences)
        {
            all.Add(sentence);
        }

        var knownCapitalised = work.KnownCapitalised;
        var knownSurnames = work.KnownSurnames;
        knownCapitalised.Clear();
        knownSurnames.Clear();

        // Words seen capitalised away from a sentence's start are names wherever they stand, and so are the first
        // words of longer names ("Norrland" of "Norrland Bank").
        for (var s = 0; s < all.SentenceCount; s++)
        {
            var tokens = all[s];
            var first = FirstWordIndex(tokens);
            for (var k = 0; k < tokens.Length; k++)
            {
                if (k != first && tokens[k].IsCapitalised && (k == 0 || !tokens[k - 1].IsCapitalised) && k + 1 < tokens.Length
                    && tokens[k + 1].IsCapitalised && !tokens[k].Possessive && !tokens[k].IsFunctionWord
                    && !lexicon.Demonyms.ContainsKey(tokens[k].Text))
                {
                    knownCapitalised.Add(tokens[k].Text);
                }

                // The last word of a two- or three-word name that has no head word ("Osei" of "Daniel Osei"): a surname,
                // which stands alone at a sentence's start later ("Osei was previously …").
                if (k != first && tokens[k].IsCapitalised && !tokens[k].Possessive && CapitalisedRunBefore(tokens, k) is 1 or 2
                    && (k + 1 >= tokens.Length || !tokens[k + 1].IsCapitalised)
                    && !HasHead(tokens, k - 1, k) && !tokens[k].IsFunctionWord && !tokens[k].IsAcronym && tokens[k].Text.Length > 2
                    && !lexicon.Demonyms.ContainsKey(tokens[k].Text))
                {
                    knownSurnames.Add(tokens[k].Text);
                }

                var alone = (k == 0 || !tokens[k - 1].IsCapitalised) && (k + 1 >= tokens.Length || !tokens[k + 1].IsCapitalised);
                if (k != first && tokens[k].IsCapitalised && alone && !tokens[k].Possessive)
                {
                    knownCapitalised.Add(tokens[k].Text);
                }
            }
        }

        var found = work.Mentions;
        var gathered = work.ArticleMentions;
        var ends = work.MentionEnds;
        gathered.Clear();
        ends.Clear();
        for (var s = 0; s < article.Sentences.Count; s++)
        {
            var tokens = all[s];
            var consumed = work.Bools(tokens.Length); // the tokens already read as part of a name
            found.Clear();
            FindQuotedNames(article, s, tokens, consumed, found);
            FindChunks(article, s, tokens, consumed, found, work);
            RewriteSubsidiaries(article, s, tokens, found);
            found.Sort((a, b) => a.Start.CompareTo(b.Start));
            gathered.AddRange(found);
            ends.Add(gathered.Count);
            article.MayReferToGroup[s] = HasShape(tokens, WordShape.GroupReferenceHead);
        }

        article.SetMentions(gathered, System.Runtime.InteropServices.CollectionsMarshal.AsSpan(ends));
    }

    /// <summary>How many capitalised words stand right before token <paramref name="k"/>.</summary>
    private static int CapitalisedRunBefore(ReadOnlySpan<Token> tokens, int k)
    {
        var run = 0;
        while (k - run - 1 >= 0 && tokens[k - run - 1].IsCapitalised)
        {
            run++;
        }

        return run;
    }

    /// <summary>True when a token has <paramref name="shape"/>.</summary>
    private static bool HasShape(ReadOnlySpan<Token> tokens, WordShape shape)
    {
        foreach (var t in tokens)
        {
            if ((t.Shape & shape) != 0)
            {
                return true;
            }
        }

        return false;
    }

    private static int FirstWordIndex(ReadOnlySpan<Token> tokens)
    {
        for (var k = 0; k < tokens.Length; k++)
        {
            if (tokens[k].IsWord)
            {
                return k;
            }
        }

        return -1;
    }

    private static bool IsOpeningQuote(string t) => t is "“" or "‘" or "\"" or "«";

    private static bool IsClosingQuote(string t) => t is "”" or "’" or "\"" or "»";

    /// <summary>“Lagos, Accra and Lomé Coastal Trade Alliance”: a quoted title-case phrase is one name.</summary>
    private static void FindQuotedNames(ArticleState article, int s, ReadOnlySpan<Token> tokens, Span<bool> consumed, List<Mention> found)
    {
        for (var open = 0; open < tokens.Length; open++)
        {
            if (tokens[open].IsWord || !IsOpeningQuote(tokens[open].Text))
            {
                continue;
            }

            var close = open + 1;
            while (close < tokens.Length && !IsClosingQuote(tokens[close].Text) && close - open <= 16)
            {
                close++;
            }

            if (close >= tokens.Length || !IsClosingQuote(tokens[close].Text) || close - open < 3)
            {
                continue;
            }

            var words = 0;
            var capitalised = 0;
            var ok = true;
            for (var k = open + 1; k < close; k++)
            {
                var t = tokens[k];
                if (!t.IsWord)
                {
                    ok &= t.Text is "," or "-" or "&" or "–";
                    continue;
                }

                words++;
                if (t.IsCapitalised)
                {
                    capitalised++;
                }
                else if (!(t.LowerIs("of") || t.LowerIs("and") || t.LowerIs("the") || t.LowerIs("for") || t.LowerIs("de") || t.LowerIs("in") || t.LowerIs("on")))
                {
                    ok = false;
                }
            }

            if (!ok || capitalised < 2 || words > 14)
            {
                continue;
            }

            var start = tokens[open + 1].Start;
            var end = tokens[close - 1].End;
            var text = Names.Get(article.Sentences[s].AsSpan(start, end - start).Trim(" ,"), out var facts);
            found.Add(new Mention(s, start, end, text, facts) { Quoted = true });
            for (var k = open; k <= close; k++)
            {
                consumed[k] = true;
            }

            open = close;
        }
    }


    private void FindChunks(ArticleState article, int s, ReadOnlySpan<Token> tokens, Span<bool> consumed, List<Mention> found, Workspace work)
    {
        var knownCapitalised = work.KnownCapitalised;
        var knownSurnames = work.KnownSurnames;
        var first = FirstWordIndex(tokens);
        var sentence = article.Sentences[s];
        var names = Names;
        var k = 0;
        while (k < tokens.Length)
        {
            var t = tokens[k];
            if (consumed[k] || !t.IsNameWord)
            {
                k++;
                continue;
            }

            // "Lyon-based": the place before "-based" is a name of its own.
            var based = BasedSuffix(t);
            if (based > 0 && (char.IsLower(t.Text[based + 1]) || k + 1 >= tokens.Length || !tokens[k + 1].IsNameWord))
            {
                var place = names.Get(t.Text.AsSpan(0, based), out var placeFacts);
                found.Add(new Mention(s, t.Start, t.Start + based, place, placeFacts) { Hint = EntityKind.Place });
                k++;
                continue;
            }

            var j = k;
            var placeBased = false;
            while (true)
            {
                if (tokens[j].Possessive)
                {
                    if (Lexicon.NameInternalPossessors.Contains(tokens[j].Text) && j + 1 < tokens.Length && tokens[j + 1].IsNameWord && !consumed[j + 1])
                    {
                        j++;
                        continue;
                    }

                    break;
                }

                // "Global Shippers' Council": a plural possessive inside a name.
                if (j + 2 < tokens.Length && tokens[j + 1].Text is "'" or "’" && tokens[j].Text.EndsWith('s') && tokens[j + 1].Start == tokens[j].End
                    && tokens[j + 2].IsNameWord && !consumed[j + 2])
                {
                    j += 2;
                    continue;
                }

                // "Privacy First Norden": a capitalised small word inside a name, followed by more of the name.
                if (j + 2 < tokens.Length && tokens[j + 1].IsCapitalised && tokens[j + 1].IsFunctionWord
                    && tokens[j + 1].Text is not ("The" or "A" or "An" or "And" or "Of" or "In" or "On" or "At" or "By" or "For" or "To" or "With")
                    && tokens[j + 2].IsNameWord && !consumed[j + 1] && !consumed[j + 2])
                {
                    j += 2;
                    continue;
                }

                // "Sao Paulo-based": the place is the whole name before "-based".
                if (j + 1 < tokens.Length && !consumed[j + 1] && tokens[j + 1].IsNameWord && BasedSuffix(tokens[j + 1]) is > 0 and var cut
                    && char.IsLower(tokens[j + 1].Text[cut + 1]))
                {
                    var place = names.Get(sentence.AsSpan(tokens[k].Start, tokens[j + 1].Start + cut - tokens[k].Start), out var placeFacts);
                    found.Add(new Mention(s, tokens[k].Start, tokens[j + 1].Start + cut, place, placeFacts) { Hint = EntityKind.Place });
                    consumed[j + 1] = true;
                    placeBased = true;
                    break;
                }

                if (j + 1 < tokens.Length && !consumed[j + 1] && tokens[j + 1].IsNameWord
                    && (BasedSuffix(tokens[j + 1]) == 0 || (char.IsUpper(tokens[j + 1].Text[BasedSuffix(tokens[j + 1]) + 1]) && j + 2 < tokens.Length && tokens[j + 2].IsNameWord)))
                {
                    j++;
                    continue;
                }

                if (j + 2 < tokens.Length && tokens[j + 1].LowerIs("of") && tokens[j].IsOfTakingHead)
                {
                    var m = j + 2;
                    if (tokens[m].LowerIs("the") && m + 1 < tokens.Length)
                    {
                        m++;
                    }

                    if (!consumed[m] && tokens[m].IsNameWord)
                    {
                        j = m;
                        continue;
                    }
                }

                if (j + 2 < tokens.Length && tokens[j + 1].Text == "&" && tokens[j + 2].IsNameWord)
                {
                    j += 2;
                    continue;
                }

                if (j + 2 < tokens.Length && tokens[j + 1].LowerIs("and") && j - k <= 1 && tokens[j + 2].IsNameWord && !HasHead(tokens, k, j)
                    && !knownCapitalised.Contains(tokens[j].Text))
                {
                    var r = j + 2;
                    while (r + 1 < tokens.Length && tokens[r + 1].IsNameWord && !tokens[r].Possessive)
                    {
                        r++;
                    }

                    if (Lexicon.FormalHeads.Contains(tokens[r].Text) && r - (j + 2) >= 1)
                    {
                        j = r;
                        continue;
                    }
                }

                break;
            }

            if (placeBased)
            {
                k = j + 2;
                continue;
            }

            // "a Series B round": the name of a funding round, not of an organisation.
            if (j == k + 1 && t.Text == "Series" && tokens[j].Text.Length <= 2 && char.IsUpper(tokens[j].Text[0]))
            {
                k = j + 1;
                continue;
            }

            var single = j == k;
            if (single && t.Text.Length == 1)
            {
                k++;
                continue; // "C$3.5 million", a lone initial: no name
            }

            var initial = k == first || (k > 0 && k - 1 == first && !tokens[k - 1].IsWord);
            var keep = true;
            if (single && initial && !t.HasInnerCapital && !t.IsAcronym && !knownCapitalised.Contains(t.Text) && !knownSurnames.Contains(t.Text)
                && !(t.Text.Length > 2 && !t.Text.EndsWith("ly", StringComparison.Ordinal) && !Lexicon.SentenceAdverbs.Contains(t.Text)
                    && InitialAppositive().IsMatch(sentence.AsSpan(t.End))))
            {
                keep = false;
            }

            if (single && (lexicon.Demonyms.ContainsKey(t.Text) || (LooksLikeDemonym(t.Text) && k + 1 < tokens.Length && tokens[k + 1].IsWord && char.IsLower(tokens[k + 1].Text[0]))))
            {
                keep = false;
            }

            if (keep && !single && lexicon.DemonymLookup.ContainsKey(sentence.AsSpan(tokens[k].Start, tokens[j].Start + tokens[j].Text.Length - tokens[k].Start)))
            {
                keep = false;
            }

            if (keep)
            {
                var start = tokens[k].Start;
                var end = tokens[j].Start + tokens[j].Text.Length;
                if (tokens[j].Text is "Co" or "Inc" or "Ltd" or "Corp" or "Bros" or "Cie" && end < sentence.Length && sentence[end] == '.')
                {
                    end++;
                }
                var name = names.Get(sentence.AsSpan(start, end - start), out var facts);
                found.Add(new Mention(s, start, end, name, facts) { Possessive = tokens[j].Possessive });
            }

            k = j + 1;
        }
    }

    /// <summary>"Estonian", "Chilean", "Japanese", "Danish": an adjective of a place, not a name, when a lowercase noun follows.</summary>
    internal static bool LooksLikeDemonym(string word) =>
        word.Length > 4 && WordShapes.CountUpper(word.AsSpan(1)) == 0
        && (word.EndsWith("ese", StringComparison.Ordinal) || word.EndsWith("ian", StringComparison.Ordinal) || word.EndsWith("ean", StringComparison.Ordinal)
            || word.EndsWith("ish", StringComparison.Ordinal));

    /// <summary><see cref="BasedSuffix(string)"/> of a token's text, read only for a token shaped <see cref="WordShape.Based"/>.</summary>
    private static int BasedSuffix(in Token token) => (token.Shape & WordShape.Based) != 0 ? BasedSuffix(token.Text) : 0;

    /// <summary>Where "-based" or "-headquartered" (any case) starts at the end of <paramref name="word"/>, after two or more characters; 0 when it does not.</summary>
    internal static int BasedSuffix(string word)
    {
        foreach (var suffix in (ReadOnlySpan<string>)["-based", "-headquartered"])
        {
            if (word.Length > suffix.Length + 1 && word.EndsWith(suffix, StringComparison.OrdinalIgnoreCase))
            {
                return word.Length - suffix.Length;
            }
        }

        return 0;
    }

    private static bool HasHead(ReadOnlySpan<Token> tokens, int from, int to)
    {
        for (var k = from; k <= to; k++)
        {
            if (tokens[k].IsHead)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>"the Japanese arm of payments firm Zentra" names "Zentra Japan".</summary>
    private void RewriteSubsidiaries(ArticleState article, int s, ReadOnlySpan<Token> tokens, List<Mention> found)
    {
        for (var k = 0; k + 3 < tokens.Length; k++)
        {
            if (!tokens[k + 1].IsSubsidiaryWord || !tokens[k + 2].LowerIs("of") || !lexicon.Demonyms.TryGetValue(tokens[k].Text, out var place))
            {
                continue;
            }

            Mention? owner = null;
            foreach (var m in found)
            {
                if (m.Start >= tokens[k + 3].Start && m.Start - tokens[k + 2].End <= 40
                    && article.Sentences[s].AsSpan(tokens[k + 2].End, m.Start - tokens[k + 2].End).IndexOfAny(",;⟦") < 0)
                {
                    owner = m;
                    break;
                }
            }

            if (owner is null || owner.Text.Contains(place, StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            var start = k > 0 && tokens[k - 1].LowerIs("the") ? tokens[k - 1].Start : tokens[k].Start;
            found.Remove(owner);
            var name = owner.Text + " " + place;
            found.Add(new Mention(s, start, owner.End, name, new NameFacts(name)) { Synthetic = true });
        }
    }

    /// <summary>
    /// True when the letters of <paramref name="acronym"/> are initials of the words of <paramref name="name"/> in order, the
    /// first letter the first word's: words split at spaces, hyphens and apostrophes, those that start with a letter, a
    /// lone "s" left out; at least two letters and two words.
    /// </summary>
    private static bool IsAcronymOf(string acronym, string name)
    {
        var letterCount = 0;
        var letters = acronym.Length <= 64 ? stackalloc char[acronym.Length] : new char[acronym.Length];
        foreach (var c in acronym)
        {
            if (char.IsLetter(c))
            {
                letters[letterCount++] = char.ToLowerInvariant(c);
            }
        }

        letters = letters[..letterCount];
        var words = 0;
        var firstInitial = '\0';
        var li = 0;
        var text = name.AsSpan();
        foreach (var range in text.SplitAny(" -’'"))
        {
            var w = text[range];
            if (w.IsEmpty || !char.IsLetter(w[0]) || w is "s")
            {
                continue;
            }

            var initial = char.ToLowerInvariant(w[0]);
            if (words++ == 0)
            {
                firstInitial = initial;
            }

            if (li < letters.Length && initial == letters[li])
            {
                li++;
            }
        }

        return letters.Length >= 2 && words >= 2 && firstInitial == letters[0] && li == letters.Length;
    }

    /// <summary>True when <paramref name="word"/> is one of the parts of <paramref name="text"/> split at single spaces.</summary>
    private static bool HasWord(string text, string word)
    {
        var span = text.AsSpan();
        foreach (var range in span.Split(' '))
        {
            if (span[range].SequenceEqual(word))
            {
                return true;
            }
        }

        return false;
    }

    private void Cluster(ArticleState article)
    {
        var all = article.AllMentions;
        var work = Workspace.Get();
        var byKey = work.ByKey;
        var acronyms = work.Acronyms;
        byKey.Clear();
        acronyms.Clear();

        // Acronyms defined in parentheses: "Open Ledger Network (OLN)".
        for (var s = 0; s < article.Sentences.Count; s++)
        {
            var list = article.MentionsOf(s);
            var sentence = article.Sentences[s];
            for (var i = 0; i + 1 < list.Length; i++)
            {
                var a = list[i];
                var b = list[i + 1];
                var between = sentence.AsSpan(a.End, b.Start - a.End).Trim().Trim("’”\"'»").Trim();
                if (between is "(" && sentence.AsSpan(b.End).TrimStart().StartsWith(')'))
                {
                    if ((b.Shape & NameShape.AcronymToken) != 0 && IsAcronymOf(b.Text, a.Text))
                    {
                        b.AcronymOf = a;
                        a.AcronymDefinedAfter = b;
                    }
                    else if ((a.Shape & NameShape.AcronymToken) != 0 && IsAcronymOf(a.Text, b.Text))
                    {
                        a.AcronymOf = b;
                        b.AcronymDefinedAfter = a;
                    }
                }
            }
        }

        foreach (var m in all)
        {
            if (m.AcronymOf is not null || (m.Shape & (NameShape.AcronymToken | NameShape.HasSpace)) == NameShape.AcronymToken || m.Cluster >= 0)
            {
                continue;
            }

            var key = m.Facts.OrderFreeKey;
            if (!byKey.TryGetValue(key, out var cluster))
            {
                cluster = article.NewCluster();
                byKey[key] = cluster;
            }

            m.Cluster = cluster;
        }

        // "MediLink Nordic — formally the Nordic Clinical Data Network", "Acme, also known as Acme Labs": one entity.
        for (var s = 0; s < article.Sentences.Count; s++)
        {
            var list = article.MentionsOf(s);
            for (var i = 0; i + 1 < list.Length; i++)
            {
                if (list[i].Cluster >= 0 && list[i + 1].Cluster >= 0 && list[i].Cluster != list[i + 1].Cluster
                    && AliasLink().IsMatch(article.Sentences[s].AsSpan(list[i].End, list[i + 1].Start - list[i].End)))
                {
                    Reassign(all, from: list[i + 1].Cluster, to: list[i].Cluster);
                }
            }
        }

        foreach (var m in all)
        {
            if (m.AcronymOf is { } of)
            {
                m.IsAcronym = true;
                m.Cluster = of.Cluster;
                acronyms.TryAdd(m.Text, m.Cluster);
            }
        }

        foreach (var m in all)
        {
            if (m.Cluster >= 0)
            {
                continue;
            }

            // An acronym used alone: the article's definition, or a name with those initials (one entity's), or an entity of its own.
            if (!acronyms.TryGetValue(m.Text, out var cluster))
            {
                var only = -1;
                var many = false;
                foreach (var o in all)
                {
                    if (o.Cluster >= 0 && o.AcronymOf is null && (o.Shape & NameShape.AcronymToken) == 0 && IsAcronymOf(m.Text, o.Text))
                    {
                        if (only < 0)
                        {
                            only = o.Cluster;
                        }
                        else if (o.Cluster != only)
                        {
                            many = true;
                            break;
                        }
                    }
                }

                cluster = only >= 0 && !many ? only : article.NewCluster();
                acronyms[m.Text] = cluster;
            }

            m.Cluster = cluster;
            m.IsAcronym = true;
        }

        ClusterSurnames(article, all, work);
        ClusterFirstWords(article, all, work);

        // Sized once (each entity named gets an entry) rather than grown step by step; the order of the entries is the order they are added either way.
        article.Salience.EnsureCapacity(article.ClusterCount);
        foreach (var m in all)
        {
            article.Salience[m.Cluster] = article.Salience.GetValueOrDefault(m.Cluster) + 1;
        }

        // Each entity's kind: the strongest its names' head words tell (event, group, organisation), else a place hint.
        var kinds = work.Flags(article.ClusterCount);
        var order = work.Ints;
        order.Clear();
        foreach (var m in all)
        {
            ref var flags = ref kinds[m.Cluster];
            if (flags == 0)
            {
                order.Add(m.Cluster);
            }

            flags |= KindSeen;
            if (!m.IsAcronym)
            {
                flags |= (m.Shape & (NameShape.EventName | NameShape.GroupName | NameShape.OrganisationName)) switch
                {
                    NameShape.EventName => KindEvent,
                    NameShape.GroupName => KindGroup,
                    NameShape.OrganisationName => KindOrganisation,
                    _ => KindSeen,
                };
            }

            if (m.Hint == EntityKind.Place)
            {
                flags |= KindPlace;
            }
        }

        article.Kinds.EnsureCapacity(order.Count);
        foreach (var cluster in order)
        {
            var flags = kinds[cluster];
            var kind = (flags & KindEvent) != 0 ? EntityKind.Event
                : (flags & KindGroup) != 0 ? EntityKind.Group
                : (flags & KindOrganisation) != 0 ? EntityKind.Organisation
                : (flags & KindPlace) != 0 ? EntityKind.Place
                : EntityKind.Unknown;
            article.SetKind(cluster, kind);
        }
    }

    private const byte KindSeen = 1;
    private const byte KindEvent = 2;
    private const byte KindGroup = 4;
    private const byte KindOrganisation = 8;
    private const byte KindPlace = 16;

    /// <summary>Moves every mention of entity <paramref name="from"/> to entity <paramref name="to"/>.</summary>
    private static void Reassign(List<Mention> all, int from, int to)
    {
        foreach (var o in all)
        {
            if (o.Cluster == from)
            {
                o.Cluster = to;
            }
        }
    }

    /// <summary>
    /// People named by one part of their name later on ("Yu said" after "Xuemai Yu").
    /// A full name with no title or "said" of its own ("Founded by Kaisa Lepp and …") still owns the surname that
    /// ends it when the surname alone is plainly a person ("said Lepp").
    /// </summary>
    private static void ClusterSurnames(ArticleState article, List<Mention> all, Workspace work)
    {
        // The two- and three-word names without a head word, grouped by entity as they stand before any surname joins one.
        var names = work.Mentions;
        var groupOf = work.Ints;
        var keys = work.Keys;
        var index = work.KeyIndex;
        names.Clear();
        groupOf.Clear();
        keys.Clear();
        index.Clear();
        foreach (var m in all)
        {
            if (!m.IsAcronym && (m.Shape & (NameShape.TwoOrThreeWords | NameShape.HasHeadWord)) == NameShape.TwoOrThreeWords && m.Hint != EntityKind.Place && !m.Quoted)
            {
                if (!index.TryGetValue(m.Cluster, out var g))
                {
                    index[m.Cluster] = g = keys.Count;
                    keys.Add(m.Cluster);
                }

                names.Add(m);
                groupOf.Add(g);
            }
        }

        if (names.Count == 0)
        {
            return;
        }

        var person = work.Bools(keys.Count);
        for (var i = 0; i < names.Count; i++)
        {
            if (!person[groupOf[i]] && LooksLikePerson(article, names[i]))
            {
                person[groupOf[i]] = true;
            }
        }

        var marked = work.MoreBools(keys.Count);
        foreach (var m in all)
        {
            if (m.IsAcronym || (m.Shape & NameShape.HasSpace) != 0 || !LooksLikePerson(article, m))
            {
                continue;
            }

            // The people whose names hold the word; else any name that ends with it.
            var owner = OnlyOwner(m, names, groupOf, keys, marked, person, ending: false);
            if (owner == NoOwner)
            {
                owner = OnlyOwner(m, names, groupOf, keys, marked, person: null, ending: true);
            }

            // News names a person in full once and by surname after ("Daniel Osei … Osei said … Osei told"): the surname
            // may well be the more frequent.
            if (owner >= 0)
            {
                Reassign(all, from: m.Cluster, to: owner);
            }
        }
    }

    private const int NoOwner = -1;
    private const int ManyOwners = -2;

    /// <summary>
    /// The one entity (of <paramref name="person"/>'s groups, when given) other than <paramref name="m"/>'s whose names hold
    /// m's word (with <paramref name="ending"/>: end with it after a space); <see cref="NoOwner"/> or <see cref="ManyOwners"/>.
    /// </summary>
    private static int OnlyOwner(Mention m, List<Mention> names, List<int> groupOf, List<int> keys, Span<bool> marked, Span<bool> person, bool ending)
    {
        marked.Clear();
        for (var i = 0; i < names.Count; i++)
        {
            var g = groupOf[i];
            if (marked[g] || (!person.IsEmpty && !person[g]) || keys[g] == m.Cluster)
            {
                continue;
            }

            var text = names[i].Text;
            if (ending ? text.Length > m.Text.Length && text[^(m.Text.Length + 1)] == ' ' && text.EndsWith(m.Text, StringComparison.Ordinal) : HasWord(text, m.Text))
            {
                marked[g] = true;
            }
        }

        var owner = NoOwner;
        for (var g = 0; g < keys.Count; g++)
        {
            if (marked[g])
            {
                if (owner != NoOwner)
                {
                    return ManyOwners;
                }

                owner = keys[g];
            }
        }

        return owner;
    }

    /// <summary>
    /// An organisation named later by its first word alone ("Norrland" after "Norrland Bank", "Kestra" after
    /// "Kestra Mobility"): only when the full name came first and the rest is no place ("Zentra" is not "Zentra Japan").
    /// </summary>
    private void ClusterFirstWords(ArticleState article, List<Mention> all, Workspace work)
    {
        var places = lexicon.Places;
        var placeLookup = lexicon.PlaceLookup;
        var candidates = work.Mentions;
        var owners = work.Keys;
        foreach (var m in all)
        {
            if (m.IsAcronym || (m.Shape & NameShape.HasSpace) != 0)
            {
                continue;
            }

            // "Mumbai Retail Association … in Mumbai": the word alone names the city, not the association.
            if (places.Contains(m.Text) || IsPlaceLike(article, all, m.Cluster))
            {
                continue;
            }

            var firstShort = int.MaxValue;
            foreach (var o in all)
            {
                if (o.Cluster == m.Cluster && o.Sentence < firstShort)
                {
                    firstShort = o.Sentence;
                }
            }

            candidates.Clear();
            foreach (var o in all)
            {
                if (o.Cluster != m.Cluster && !o.IsAcronym && StartsWithWord(o.Text, m.Text)
                    && !placeLookup.Contains(o.Text.AsSpan(m.Text.Length + 1)) && o.Hint != EntityKind.Place)
                {
                    candidates.Add(o);
                }
            }

            // Per entity of those names: named before the short form, or named with head words only after the first word.
            owners.Clear();
            for (var i = 0; i < candidates.Count; i++)
            {
                var cluster = candidates[i].Cluster;
                var seen = false;
                var first = int.MaxValue;
                for (var j = 0; j < candidates.Count; j++)
                {
                    if (candidates[j].Cluster == cluster)
                    {
                        if (j < i)
                        {
                            seen = true;
                            break;
                        }

                        first = Math.Min(first, candidates[j].Sentence);
                    }
                }

                if (!seen && (first < firstShort || HeadWordsOnlyAfterFirst(candidates[i].Text)))
                {
                    owners.Add(cluster);
                }
            }

            var other = false;
            foreach (var o in all)
            {
                if (o.Cluster != m.Cluster && StartsWithWord(o.Text, m.Text) && !owners.Contains(o.Cluster))
                {
                    other = true;
                    break;
                }
            }

            if (!other && owners.Count == 1)
            {
                Reassign(all, from: m.Cluster, to: owners[0]);
            }
        }
    }

    /// <summary>True when a mention of <paramref name="cluster"/> is hinted a place or stands after a place word.</summary>
    private static bool IsPlaceLike(ArticleState article, List<Mention> all, int cluster)
    {
        foreach (var o in all)
        {
            if (o.Cluster == cluster && (o.Hint == EntityKind.Place || StandsAfterPlaceWord(article, o)))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>True when <paramref name="text"/> starts with <paramref name="word"/> and a space.</summary>
    private static bool StartsWithWord(string text, string word) =>
        text.Length > word.Length && text[word.Length] == ' ' && text.StartsWith(word, StringComparison.Ordinal);

    /// <summary>True when every word after the first (split at single spaces) heads an organisation's or a group's name.</summary>
    private static bool HeadWordsOnlyAfterFirst(string name)
    {
        var text = name.AsSpan();
        var first = true;
        foreach (var range in text.Split(' '))
        {
            if (first)
            {
                first = false;
                continue;
            }

            if (!OrganisationHeadLookup.Contains(text[range]) && !GroupHeadLookup.Contains(text[range]))
            {
                return false;
            }
        }

        return true;
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"^\s*(?:,\s*(?:the\s+|a\s+|an\s+|its\s+)?(?:(?:co-)?founder|ceo|chief|c[tfo]o|director|president|chairman|chairwoman|head|managing|executive|deputy|vice|general|senior|spokes\w+|minister|governor|secretary|partner|analyst|professor|researcher|editor)\b|\s*said\b|\s*says\b|\s*told\b|\s*added\b|\s*noted\b|\s*explained\b|\s*stated\b)", System.Text.RegularExpressions.RegexOptions.IgnoreCase | System.Text.RegularExpressions.RegexOptions.CultureInvariant)]
    private static partial System.Text.RegularExpressions.Regex PersonAfter();

    [System.Text.RegularExpressions.GeneratedRegex(@"(?:\b(?:said|says|told|according to|CEO|CTO|CFO|COO|President|Chairman|Chairwoman|Director|Founder|Minister|Governor|Mr\.?|Mrs\.?|Ms\.?|Dr\.?)|[”""],?)\s*$", System.Text.RegularExpressions.RegexOptions.IgnoreCase | System.Text.RegularExpressions.RegexOptions.CultureInvariant)]
    private static partial System.Text.RegularExpressions.Regex PersonBefore();

    /// <summary>What stands before a place: "in", "across", "near" … ("invested in", "a stake in" name a company).</summary>
    [System.Text.RegularExpressions.GeneratedRegex(@"(?:\b(?:across|near|outside|around|throughout)|(?<!\b(?:invested|invest|invests|investing|investment|investments|stake|stakes|shares|interest|part|role|partner|partners|member|members|position|positions|work|works|worked|job|jobs|round|rounds|funding|financing|deal|deals|investor|investors|bet|bets|money|capital|equity|holding|holdings|ownership|majority|minority|confidence|trust|faith|demand|growth|changes|change|cuts|roles|seat|seats)\s)\bin)\s+(?:the\s+)?$", System.Text.RegularExpressions.RegexOptions.CultureInvariant)]
    private static partial System.Text.RegularExpressions.Regex PlaceBefore();

    /// <summary>A name that a job title, "said" or a quotation stands next to is a person's.</summary>
    private static bool LooksLikePerson(ArticleState article, Mention m)
    {
        var sentence = article.Sentences[m.Sentence];
        return (MayStartPersonAfter(sentence.AsSpan(m.End)) && PersonAfter().IsMatch(sentence.AsSpan(m.End)))
            || PersonBefore().IsMatch(EndOf(sentence.AsSpan(0, m.Start)));
    }

    /// <summary>
    /// False when <see cref="PersonAfter"/> cannot match <paramref name="text"/>: after white space it needs a comma or a
    /// word that starts with s, t, a, n or e ("said", "told", "added", "noted", "explained"), in either case. A non-ASCII
    /// character is left to the pattern (ignoring case, it lets a few stand for ASCII letters, as 'ſ' for 's').
    /// </summary>
    private static bool MayStartPersonAfter(ReadOnlySpan<char> text)
    {
        var i = 0;
        while (i < text.Length && char.IsWhiteSpace(text[i]))
        {
            i++;
        }

        return i < text.Length && (!char.IsAscii(text[i]) || text[i] == ',' || (text[i] | 0x20) is 's' or 't' or 'a' or 'n' or 'e');
    }

    /// <summary><see cref="PlaceBefore"/> before a mention, read once per mention (the place check of clustering asks it for each pair of mentions).</summary>
    private static bool StandsAfterPlaceWord(ArticleState article, Mention o) =>
        o.AfterPlaceWord ??= PlaceBefore().IsMatch(EndOf(article.Sentences[o.Sentence].AsSpan(0, o.Start)));

    /// <summary>
    /// The end of a text that <see cref="PersonBefore"/> and <see cref="PlaceBefore"/> can match, which they match as they
    /// would the whole text. Both end in white space then '$' (PlaceBefore may put "the" and white space between), and each
    /// word they look for ends in something other than white space; so a match's word ends where the text's trailing white
    /// space starts (or, for PlaceBefore, where the white space before a last "the" starts). Before that end a match reads
    /// at most 16 characters: its longest word ("according to", "throughout"), or "in" with the negative lookbehind
    /// "\b(?:investments|…)\s" (1 + 11 + 1 characters before it), and the one character a '\b' looks at. '\s' is
    /// char.IsWhiteSpace in .NET's regex, and '$' sees the same end. Keeping 32 characters leaves a margin.
    /// </summary>
    private static ReadOnlySpan<char> EndOf(ReadOnlySpan<char> text)
    {
        var end = text.Length;
        while (end > 0 && char.IsWhiteSpace(text[end - 1]))
        {
            end--;
        }

        if (end >= 3 && text[(end - 3)..end].SequenceEqual("the"))
        {
            end -= 3;
            while (end > 0 && char.IsWhiteSpace(text[end - 1]))
            {
                end--;
            }
        }

        return text[Math.Max(0, end - 32)..];
    }

    /// <summary>
    /// After a sentence's first word: ", the Swedish battery maker, joined …", an appositive that describes it and then
    /// the sentence's verb. A word that opens a sentence is a name only with such evidence, or when it stands
    /// capitalised elsewhere ("Separately, the group said" has no second comma; "Instead, the group, which …" is a clause).
    /// </summary>
    [System.Text.RegularExpressions.GeneratedRegex(@"^\s*,\s*(?:the|a|an)\s+(?:[\w’'-]+\s+){0,6}?[a-z][\w’'-]*\s*,\s+(?!(?:which|who|whose|that|and|but|or|however|though|although|as|while|when|where|if|because|since|after|before|so|then|it|they|he|she|we)\b)[a-z]", System.Text.RegularExpressions.RegexOptions.CultureInvariant)]
    private static partial System.Text.RegularExpressions.Regex InitialAppositive();

    [System.Text.RegularExpressions.GeneratedRegex(@"^\s*(?:[—–(,-]|--)?\s*(?:formally|officially|formerly|previously|also known as|known as|also called|better known as|trading as|now called|renamed)\s+(?:as\s+)?(?:the\s+)?$", System.Text.RegularExpressions.RegexOptions.CultureInvariant)]
    private static partial System.Text.RegularExpressions.Regex AliasLink();

    /// <summary>True when <paramref name="text"/> is one acronym with at most two lowercase letters ("OLN", "DfT"): <see cref="WordShapes.IsAcronymShape"/>.</summary>
    internal static bool IsAcronymToken(string text) => WordShapes.IsAcronymShape(text, maxLower: 2);

    private static readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> OrganisationHeadLookup = Lexicon.OrganisationHeads.GetAlternateLookup<ReadOnlySpan<char>>();
    private static readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> GroupHeadLookup = Lexicon.GroupHeads.GetAlternateLookup<ReadOnlySpan<char>>();
    private static readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> EventHeadLookup = Lexicon.EventHeads.GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>What clustering reads of a name (<see cref="NameShape"/>).</summary>
    internal static NameShape NameShapeOf(string name)
    {
        var shape = IsAcronymToken(name) ? NameShape.AcronymToken : NameShape.None;
        var spaces = name.AsSpan().Count(' ');
        if (spaces > 0)
        {
            shape |= NameShape.HasSpace;
        }

        if (spaces is 1 or 2)
        {
            shape |= NameShape.TwoOrThreeWords;
        }

        if (HasHeadWord(name))
        {
            shape |= NameShape.HasHeadWord;
        }

        return shape | (KindOfName(name) switch
        {
            EntityKind.Event => NameShape.EventName,
            EntityKind.Group => NameShape.GroupName,
            EntityKind.Organisation => NameShape.OrganisationName,
            _ => NameShape.None,
        });
    }

    private static bool HasHeadWord(string name)
    {
        var text = name.AsSpan();
        foreach (var range in text.Split(' '))
        {
            var w = text[range];
            if (OrganisationHeadLookup.Contains(w) || GroupHeadLookup.Contains(w) || EventHeadLookup.Contains(w))
            {
                return true;
            }
        }

        return false;
    }

    private static EntityKind KindOfName(string name)
    {
        var text = name.AsSpan();
        var last = text[(text.LastIndexOfAny(' ', '-') + 1)..];
        if (EventHeadLookup.Contains(last))
        {
            return EntityKind.Event;
        }

        if (GroupHeadLookup.Contains(last))
        {
            return EntityKind.Group;
        }

        if (OrganisationHeadLookup.Contains(last))
        {
            return EntityKind.Organisation;
        }

        foreach (var range in text.Split(' '))
        {
            if (OrganisationHeadLookup.Contains(text[range]))
            {
                return EntityKind.Organisation;
            }
        }

        return EntityKind.Unknown;
    }
}

using System.Globalization;
using System.Text;

namespace Bot.Core.Extraction;

/// <summary>What a word is, read once per word (<see cref="WordTable{TInfo}"/>): its shape and the word lists of <see cref="Lexicon"/> it is in.</summary>
[Flags]
internal enum WordShape : ushort
{
    None = 0,

    /// <summary>A word, not punctuation: it starts with a letter or digit.</summary>
    Word = 1 << 0,

    /// <summary>A word that starts with a capital letter.</summary>
    Capitalised = 1 << 1,

    /// <summary>A word with a capital after its first letter.</summary>
    InnerCapital = 1 << 2,

    /// <summary>An acronym of two or more capitals, lowercase letters allowed between.</summary>
    Acronym = 1 << 3,

    /// <summary>A capitalised word that can be part of a name.</summary>
    NameWord = 1 << 4,

    /// <summary>One of <see cref="Lexicon.FunctionWords"/>.</summary>
    FunctionWord = 1 << 5,

    /// <summary>One of <see cref="Lexicon.OrganisationHeads"/> or <see cref="Lexicon.GroupHeads"/>.</summary>
    Head = 1 << 6,

    /// <summary>One of <see cref="Lexicon.OfTakingHeads"/>.</summary>
    OfTakingHead = 1 << 7,

    /// <summary>One of <see cref="Lexicon.SubsidiaryWords"/>.</summary>
    SubsidiaryWord = 1 << 8,

    /// <summary>ASCII characters only.</summary>
    Ascii = 1 << 9,

    /// <summary>
    /// The word starts with a head word of "the alliance"-style references (<see cref="WordShapes.GroupReferenceHeads"/>,
    /// in lowercase) that may end a word there ("alliance", "network.": <see cref="WordShapes.StartsWithGroupReferenceHead"/>).
    /// </summary>
    GroupReferenceHead = 1 << 10,

    /// <summary>The word ends in "-based" or "-headquartered" (<see cref="ArticleExtractor.BasedSuffix(string)"/>).</summary>
    Based = 1 << 11,
}

/// <summary>A word or punctuation mark of a sentence, with its place in the sentence and its shape, read once per word.</summary>
/// <param name="text">The word without a possessive ending, or the punctuation mark.</param>
/// <param name="start">Offset of the first character.</param>
/// <param name="end">Offset after the last character (possessive ending included).</param>
/// <param name="shape">What the word is (<see cref="WordShapes.ShapeOf"/> of <paramref name="text"/>).</param>
/// <param name="possessive">True when the word ended in "'s" / "’s".</param>
internal readonly struct Token(string text, int start, int end, WordShape shape, bool possessive)
{
    /// <summary>The word without a possessive ending, or the punctuation mark.</summary>
    public string Text { get; } = text;

    /// <summary>Offset of the first character.</summary>
    public int Start { get; } = start;

    /// <summary>Offset after the last character (possessive ending included).</summary>
    public int End { get; } = end;

    /// <summary>True when the word ended in "'s" / "’s".</summary>
    public bool Possessive { get; } = possessive;

    public WordShape Shape { get; } = shape;

    /// <summary>True for words, false for punctuation.</summary>
    public bool IsWord => (Shape & WordShape.Word) != 0;

    /// <summary>True when the word starts with a capital letter (or is an all-capitals acronym).</summary>
    public bool IsCapitalised => (Shape & WordShape.Capitalised) != 0;

    /// <summary>True when the word has a capital after its first letter ("CloudBank", "OLN", "DfT").</summary>
    public bool HasInnerCapital => (Shape & WordShape.InnerCapital) != 0;

    /// <summary>True for acronyms of two or more capitals, lowercase letters allowed between ("OLN", "DfT").</summary>
    public bool IsAcronym => (Shape & WordShape.Acronym) != 0;

    /// <summary>
    /// True for a capitalised word that can be part of a name: no calendar word or title, no function word unless an
    /// acronym ("IT" may be one).
    /// </summary>
    public bool IsNameWord => (Shape & WordShape.NameWord) != 0;

    /// <summary>True when the word is one of <see cref="Lexicon.FunctionWords"/>.</summary>
    public bool IsFunctionWord => (Shape & WordShape.FunctionWord) != 0;

    /// <summary>True when the word is the head of an organisation's or a group's name ("Bank", "Alliance").</summary>
    public bool IsHead => (Shape & WordShape.Head) != 0;

    /// <summary>True when "of" may continue a name after the word ("Bank of China").</summary>
    public bool IsOfTakingHead => (Shape & WordShape.OfTakingHead) != 0;

    /// <summary>True when the word names a subsidiary ("wing", "arm").</summary>
    public bool IsSubsidiaryWord => (Shape & WordShape.SubsidiaryWord) != 0;

    /// <summary>True when <see cref="Text"/> in lowercase (invariant culture) is <paramref name="word"/>, a lowercase ASCII word; allocates nothing for ASCII text.</summary>
    public bool LowerIs(string word) =>
        Text.Length == word.Length
        && ((Shape & WordShape.Ascii) != 0 ? Text.Equals(word, StringComparison.OrdinalIgnoreCase) : string.Equals(Text.ToLowerInvariant(), word, StringComparison.Ordinal));
}

/// <summary>
/// Words made into strings once per thread, each with what <paramref name="read"/> tells of it (for tokens their
/// <see cref="WordShape"/>): most words recur ("the", "of", the names of an article), so each is copied and read once.
/// An open-addressing table keyed by the characters; bounded: it starts again when it holds <see cref="MaxWords"/> words.
/// </summary>
/// <typeparam name="TInfo">What is kept with each word.</typeparam>
/// <param name="read">What to keep with each new word.</param>
internal sealed class WordTable<TInfo>(Func<string, TInfo> read)
{
    /// <summary>Bounds the words kept (a few MB per thread).</summary>
    private const int MaxWords = 1 << 16;

    private Entry[] _entries = new Entry[1 << 12];
    private int _count;

    private struct Entry
    {
        public string? Text;
        public int Hash;
        public TInfo Info;
    }

    /// <summary>The string of <paramref name="text"/>.</summary>
    public string Get(ReadOnlySpan<char> text) => Get(text, out _);

    /// <summary>The string of <paramref name="text"/> and what was read of it.</summary>
    public string Get(ReadOnlySpan<char> text, out TInfo info)
    {
        var hash = Hash(text);
        var mask = _entries.Length - 1;
        var i = hash & mask;
        while (true)
        {
            ref var entry = ref _entries[i];
            if (entry.Text is null)
            {
                break;
            }

            if (entry.Hash == hash && text.SequenceEqual(entry.Text))
            {
                info = entry.Info;
                return entry.Text;
            }

            i = (i + 1) & mask;
        }

        var word = text.ToString();
        info = read(word);
        Add(word, hash, info);
        return word;
    }

    private void Add(string word, int hash, TInfo info)
    {
        if (_count >= MaxWords)
        {
            Array.Clear(_entries);
            _count = 0;
        }
        else if ((_count + 1) * 2 > _entries.Length)
        {
            var old = _entries;
            _entries = new Entry[old.Length * 2];
            foreach (var e in old)
            {
                if (e.Text is not null)
                {
                    Insert(e);
                }
            }
        }

        Insert(new Entry { Text = word, Hash = hash, Info = info });
        _count++;
    }

    private void Insert(Entry entry)
    {
        var mask = _entries.Length - 1;
        var i = entry.Hash & mask;
        while (_entries[i].Text is not null)
        {
            i = (i + 1) & mask;
        }

        _entries[i] = entry;
    }

    /// <summary>The FNV-1a hash of <paramref name="text"/>'s characters, mixed so that the low bits vary.</summary>
    private static int Hash(ReadOnlySpan<char> text)
    {
        var h = 2166136261u;
        foreach (var c in text)
        {
            h = (h ^ c) * 16777619u;
        }

        h ^= h >> 15;
        h *= 0x2C1B3C6Du;
        h ^= h >> 12;
        return (int)(h & int.MaxValue);
    }
}

/// <summary>What tokens are (<see cref="WordShape"/>).</summary>
internal static class WordShapes
{
    /// <summary>What <paramref name="text"/> (a token: a word or one punctuation mark) is.</summary>
    internal static WordShape ShapeOf(string text)
    {
        var shape = Ascii.IsValid(text) ? WordShape.Ascii : WordShape.None;
        if (text.Length == 0 || !char.IsLetterOrDigit(text[0]))
        {
            return shape;
        }

        shape |= WordShape.Word;
        var acronym = IsAcronymShape(text);
        if (char.IsUpper(text[0]))
        {
            shape |= WordShape.Capitalised;
        }

        if (CountUpper(text.AsSpan(1)) > 0)
        {
            shape |= WordShape.InnerCapital;
        }

        if (acronym)
        {
            shape |= WordShape.Acronym;
        }

        var function = Lexicon.FunctionWords.Contains(text);
        if (function)
        {
            shape |= WordShape.FunctionWord;
        }

        if (char.IsUpper(text[0]) && !Lexicon.CalendarWords.Contains(text) && !Lexicon.ChunkBreakers.Contains(text) && (acronym || !function))
        {
            shape |= WordShape.NameWord;
        }

        if (Lexicon.OrganisationHeads.Contains(text) || Lexicon.GroupHeads.Contains(text))
        {
            shape |= WordShape.Head;
        }

        if (Lexicon.OfTakingHeads.Contains(text))
        {
            shape |= WordShape.OfTakingHead;
        }

        if (Lexicon.SubsidiaryWords.Contains(text))
        {
            shape |= WordShape.SubsidiaryWord;
        }

        if (StartsWithGroupReferenceHead(text))
        {
            shape |= WordShape.GroupReferenceHead;
        }

        if (ArticleExtractor.BasedSuffix(text) > 0)
        {
            shape |= WordShape.Based;
        }

        return shape;
    }

    /// <summary>
    /// The head words the reference patterns of <see cref="ArticleExtractor"/> end with (case-sensitive: "the alliance",
    /// "Acme's network"); "joint venture" ends with "venture".
    /// </summary>
    internal static readonly string[] GroupReferenceHeads =
    [
        "alliance", "network", "consortium", "association", "federation", "coalition", "council", "league", "initiative", "enterprise",
        "organisation", "organization", "group", "body", "union", "partnership", "platform", "chamber", "foundation", "forum", "society",
        "collaborative", "venture", "authority", "agency", "commission", "ministry", "regulator", "institute", "exchange", "compact", "pact",
        "registry",
    ];

    /// <summary>
    /// True when <paramref name="text"/> (a token) starts with one of <see cref="GroupReferenceHeads"/> that a reference
    /// pattern could match in it: the head then the token's end, or then a character that may end a word for the patterns'
    /// "\b(?![\w-])": anything but a letter, a decimal digit or '-' (an apostrophe, '.', '&amp;', a number such as '²').
    /// </summary>
    internal static bool StartsWithGroupReferenceHead(string text)
    {
        foreach (var head in GroupReferenceHeads)
        {
            if (text.StartsWith(head, StringComparison.Ordinal)
                && (text.Length == head.Length || !(char.IsLetter(text[head.Length]) || char.IsDigit(text[head.Length]) || text[head.Length] == '-')))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// True for an acronym's shape: 2 to 10 letters and digits, the first and last capitals, two or more capitals, and at
    /// most <paramref name="maxLower"/> lowercase letters ("OLN", "DfT").
    /// </summary>
    internal static bool IsAcronymShape(string text, int maxLower = int.MaxValue)
    {
        if (text.Length is < 2 or > 10 || !char.IsUpper(text[0]) || !char.IsUpper(text[^1]))
        {
            return false;
        }

        var upper = 0;
        var lower = 0;
        foreach (var c in text)
        {
            if (!char.IsLetterOrDigit(c))
            {
                return false;
            }

            upper += char.IsUpper(c) ? 1 : 0;
            lower += char.IsLower(c) ? 1 : 0;
        }

        return upper >= 2 && lower <= maxLower;
    }

    /// <summary>How many capital letters <paramref name="text"/> holds.</summary>
    internal static int CountUpper(ReadOnlySpan<char> text)
    {
        var count = 0;
        foreach (var c in text)
        {
            if (char.IsUpper(c))
            {
                count++;
            }
        }

        return count;
    }
}

/// <summary>
/// The tokens of an article's sentences, one after another in one array reused per thread (in the extractor's workspace,
/// <see cref="Clear"/>ed for each article): an article's tokens are read while its names are found, then dropped.
/// </summary>
internal sealed class ArticleTokens
{
    private Token[] _tokens = new Token[1024];
    private int[] _starts = new int[65];
    private int _count;
    private int _sentences;

    /// <summary>Drops the tokens held, for the next article (and the array itself after a very large one).</summary>
    public void Clear()
    {
        if (_tokens.Length > 1 << 16)
        {
            _tokens = new Token[1024];
        }

        _count = 0;
        _sentences = 0;
    }

    public int SentenceCount => _sentences;

    /// <summary>The tokens of sentence <paramref name="s"/>.</summary>
    public ReadOnlySpan<Token> this[int s] => _tokens.AsSpan(_starts[s], _starts[s + 1] - _starts[s]);

    /// <summary>Tokenizes the next sentence (<see cref="Tokenizer.Tokenize"/>).</summary>
    public void Add(string sentence)
    {
        Tokenizer.Tokenize(sentence, this);
        if (_sentences + 2 > _starts.Length)
        {
            Array.Resize(ref _starts, _starts.Length * 2);
        }

        _starts[++_sentences] = _count;
    }

    internal void Append(in Token token)
    {
        if (_count == _tokens.Length)
        {
            Array.Resize(ref _tokens, _tokens.Length * 2);
        }

        _tokens[_count++] = token;
    }
}

/// <summary>
/// Splits a sentence into word and punctuation tokens: a word is a letter or number, then letters and numbers, with
/// '-', apostrophes, '.' and '&amp;' inside it when a letter or number follows ("co-founder", "U.S", "AT&amp;T"); any
/// other character but white space is a token of its own.
/// </summary>
internal static class Tokenizer
{
    /// <summary>Each ASCII character as a string, and its shape as a token.</summary>
    private static readonly string[] AsciiStrings = [.. Enumerable.Range(0, 128).Select(c => ((char)c).ToString())];

    private static readonly WordShape[] AsciiShapes = [.. AsciiStrings.Select(WordShapes.ShapeOf)];

    [ThreadStatic]
    private static WordTable<WordShape>? _words;

    /// <summary>
    /// Words seen on this thread, tokens and their folded forms (<see cref="FoldedWords"/>): most words recur ("the", "of",
    /// the names of an article), so each is made into a string and read once.
    /// </summary>
    internal static WordTable<WordShape> Words => _words ??= new(WordShapes.ShapeOf);

    /// <summary>Appends the tokens of <paramref name="sentence"/> to <paramref name="tokens"/>.</summary>
    internal static void Tokenize(string sentence, ArticleTokens tokens)
    {
        var words = Words;
        var i = 0;
        while (i < sentence.Length)
        {
            var c = sentence[i];
            if (char.IsWhiteSpace(c))
            {
                i++;
                continue;
            }

            var start = i;
            if (!IsLetterOrNumber(c))
            {
                i++;
                if (char.IsAscii(c))
                {
                    tokens.Append(new Token(AsciiStrings[c], start, i, AsciiShapes[c], false)); // punctuation, mostly: no lookup
                }
                else
                {
                    var mark = words.Get(sentence.AsSpan(start, 1), out var markShape);
                    tokens.Append(new Token(mark, start, i, markShape, false));
                }

                continue;
            }

            i++;
            while (i < sentence.Length
                && (IsLetterOrNumber(sentence[i]) || (sentence[i] is '-' or '\'' or '’' or '.' or '&' && i + 1 < sentence.Length && IsLetterOrNumber(sentence[i + 1]))))
            {
                i++;
            }

            var text = sentence.AsSpan(start, i - start);
            if (text.Length > 2 && char.IsLetterOrDigit(text[0]) && text[^1] == 's' && text[^2] is '\'' or '’')
            {
                var stem = words.Get(text[..^2], out var stemShape);
                tokens.Append(new Token(stem, start, i, stemShape, true));
                continue;
            }

            if (text.Length == 1 && char.IsAscii(text[0]))
            {
                tokens.Append(new Token(AsciiStrings[text[0]], start, i, AsciiShapes[text[0]], false)); // a digit or letter alone: no lookup
                continue;
            }

            var word = words.Get(text, out var shape);
            tokens.Append(new Token(word, start, i, shape, false));
        }
    }

    /// <summary>The regex class [\p{L}\p{N}]: a letter or any number (digits, Roman numerals, fractions).</summary>
    private static bool IsLetterOrNumber(char c) => char.IsAscii(c) ? char.IsAsciiLetterOrDigit(c) : IsNonAsciiLetterOrNumber(c);

    /// <summary><see cref="IsLetterOrNumber"/> of a character beyond ASCII (apart, so that the ASCII test is inlined).</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private static bool IsNonAsciiLetterOrNumber(char c) =>
        char.GetUnicodeCategory(c) is UnicodeCategory.UppercaseLetter or UnicodeCategory.LowercaseLetter or UnicodeCategory.TitlecaseLetter
            or UnicodeCategory.ModifierLetter or UnicodeCategory.OtherLetter or UnicodeCategory.DecimalDigitNumber
            or UnicodeCategory.LetterNumber or UnicodeCategory.OtherNumber;
}

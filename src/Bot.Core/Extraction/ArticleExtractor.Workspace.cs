namespace Bot.Core.Extraction;

public sealed partial class ArticleExtractor
{
    /// <summary>
    /// Mention texts made into strings once per thread, each with what clustering reads of it (<see cref="NameFacts"/>):
    /// an article names an entity several times, and entities recur across articles.
    /// </summary>
    [ThreadStatic]
    private static WordTable<NameFacts>? _names;

    private static WordTable<NameFacts> Names => _names ??= new(static name => new NameFacts(name));

    /// <summary>
    /// Collections one article's extraction works with and then drops, kept per thread and reused (cleared before use)
    /// so that an article does not allocate them anew.
    /// </summary>
    private sealed class Workspace
    {
        [ThreadStatic]
        private static Workspace? _current;

        private byte[] _flags = new byte[64];
        private bool[] _bools = new bool[64];
        private bool[] _moreBools = new bool[64];

        public static Workspace Get() => _current ??= new Workspace();

        /// <summary>The tokens of the article's sentences.</summary>
        public ArticleTokens Tokens { get; } = new();

        /// <summary>What reference resolution reads of the article (<see cref="References.Read"/>).</summary>
        public References References { get; } = new();

        public Dictionary<string, int> ByKey { get; } = new(StringComparer.Ordinal);

        public Dictionary<string, int> Acronyms { get; } = new(StringComparer.Ordinal);

        public Dictionary<int, int> KeyIndex { get; } = [];

        /// <summary>Words seen capitalised away from a sentence's start, in the article being read.</summary>
        public HashSet<string> KnownCapitalised { get; } = new(StringComparer.Ordinal);

        /// <summary>Last words of two- and three-word names without a head word: surnames, names even at a sentence's start.</summary>
        public HashSet<string> KnownSurnames { get; } = new(StringComparer.Ordinal);

        public List<Mention> Mentions { get; } = [];

        /// <summary>The mentions of the article being read, gathered sentence by sentence before the article keeps a copy.</summary>
        public List<Mention> ArticleMentions { get; } = [];

        /// <summary>Where each sentence's mentions end in <see cref="ArticleMentions"/>.</summary>
        public List<int> MentionEnds { get; } = [];

        public List<int> Ints { get; } = [];

        public List<int> Keys { get; } = [];

        /// <summary>Builds masked sentences (cleared by its user).</summary>
        public System.Text.StringBuilder Builder { get; } = new(256);

        /// <summary><paramref name="length"/> bytes, all zero.</summary>
        public Span<byte> Flags(int length) => Cleared(ref _flags, length);

        /// <summary><paramref name="length"/> flags, all false.</summary>
        public Span<bool> Bools(int length) => Cleared(ref _bools, length);

        /// <summary>Another <paramref name="length"/> flags, all false.</summary>
        public Span<bool> MoreBools(int length) => Cleared(ref _moreBools, length);

        private static Span<T> Cleared<T>(ref T[] array, int length)
        {
            if (array.Length < length)
            {
                array = new T[Math.Max(length, array.Length * 2)];
            }

            var span = array.AsSpan(0, length);
            span.Clear();
            return span;
        }
    }
}

/// <summary>Words lowercased and folded (<see cref="NameKey.FoldInPlace"/>), each made into a string once per thread (in <see cref="Tokenizer.Words"/>).</summary>
internal static class FoldedWords
{
    /// <summary><paramref name="word"/> lowercased (invariant culture) and folded (<see cref="NameKey.FoldInPlace"/>).</summary>
    public static string Fold(ReadOnlySpan<char> word)
    {
        Span<char> buffer = stackalloc char[64];
        var lower = word.Length <= buffer.Length ? buffer[..word.Length] : new char[word.Length];
        word.ToLowerInvariant(lower);
        return Tokenizer.Words.Get(lower[..NameKey.FoldInPlace(lower)]);
    }
}

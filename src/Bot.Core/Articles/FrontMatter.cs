using YamlDotNet.Core;
using YamlDotNet.Serialization;

namespace Bot.Core.Articles;

/// <summary>
/// An optional YAML front-matter block between "---" lines at the very top of a text or Markdown file
/// (title, url, published, source). A block that is not valid YAML is ignored; the body is always kept.
/// </summary>
internal static class FrontMatter
{
    private const int MaxLines = 200;

    private static readonly IDeserializer Deserializer = new DeserializerBuilder().Build();

    /// <summary>Splits the front matter off <paramref name="text"/> (newlines already "\n") and returns the body.</summary>
    public static string Split(string text, out ArticleMetadata metadata)
    {
        metadata = ArticleMetadata.None;
        if (!text.StartsWith("---", StringComparison.Ordinal))
        {
            return text;
        }

        var firstEnd = text.IndexOf('\n', StringComparison.Ordinal);
        if (firstEnd < 0 || text[..firstEnd].Trim() != "---")
        {
            return text;
        }

        var position = firstEnd + 1;
        for (var line = 0; line < MaxLines && position <= text.Length; line++)
        {
            var end = text.IndexOf('\n', position);
            var lineText = (end < 0 ? text[position..] : text[position..end]).TrimEnd();
            if (lineText is "---" or "...")
            {
                metadata = Read(text[(firstEnd + 1)..position]);
                return end < 0 ? string.Empty : text[(end + 1)..];
            }

            if (end < 0)
            {
                break;
            }

            position = end + 1;
        }

        // No closing line: not front matter, just text that starts with a rule.
        return text;
    }

    private static ArticleMetadata Read(string yaml)
    {
        object? root;
        try
        {
            root = Deserializer.Deserialize<object?>(yaml);
        }
        catch (Exception ex) when (ex is YamlException or InvalidOperationException or ArgumentException)
        {
            // Broken front matter is ignored: the article's body still loads.
            return ArticleMetadata.None;
        }

        if (root is not IDictionary<object, object?> map)
        {
            return ArticleMetadata.None;
        }

        var values = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (key, value) in map)
        {
            if (key?.ToString() is { } name && value is string or IConvertible && value.ToString() is { Length: > 0 } text)
            {
                values[name.Trim()] = TextShape.NormalizeSpaces(text);
            }
        }

        return new ArticleMetadata(
            First(values, "title", "headline"),
            First(values, "url", "link", "canonical_url", "canonical"),
            DateText.ParseValue(First(values, "published", "date", "published_at", "publishedAt", "pubdate")),
            First(values, "source", "publisher", "site", "site_name"));
    }

    private static string? First(Dictionary<string, string> values, params string[] keys)
    {
        foreach (var key in keys)
        {
            if (values.TryGetValue(key, out var value) && value.Length > 0)
            {
                return value;
            }
        }

        return null;
    }
}

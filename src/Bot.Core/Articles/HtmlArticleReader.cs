using System.Text;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;

namespace Bot.Core.Articles;

/// <summary>
/// HTML to blocks with AngleSharp: title from the article's h1, og:title, a page h1 or &lt;title&gt;; url from the canonical link or og:url;
/// date from article:published_time, other date metas or &lt;time datetime&gt;; publisher from og:site_name.
/// Scripts, styles, navigation, headers, footers, asides and forms are dropped; block elements become paragraphs.
/// </summary>
internal static class HtmlArticleReader
{
    /// <summary>Deeper nesting than this is read as plain text (no recursion without bound).</summary>
    private const int MaxDepth = 256;

    private static readonly HashSet<string> DroppedElements = new(StringComparer.OrdinalIgnoreCase)
    {
        "script", "style", "noscript", "template", "nav", "header", "footer", "aside", "form", "iframe", "svg",
        "canvas", "button", "select", "input", "textarea", "label", "figure", "picture", "video", "audio", "object", "embed", "menu", "dialog",
    };

    private static readonly HashSet<string> DroppedRoles = new(StringComparer.OrdinalIgnoreCase)
    {
        "navigation", "banner", "contentinfo", "complementary", "search", "form", "dialog", "menu", "menubar",
    };

    private static readonly HashSet<string> BlockElements = new(StringComparer.OrdinalIgnoreCase)
    {
        "address", "article", "blockquote", "body", "dd", "details", "div", "dl", "dt", "fieldset", "figcaption",
        "h1", "h2", "h3", "h4", "h5", "h6", "hgroup", "hr", "li", "main", "ol", "p", "pre", "section", "table",
        "tbody", "thead", "tfoot", "tr", "td", "th", "ul", "summary", "caption", "center",
    };

    public static SourceArticle Read(string html)
    {
        var parser = new HtmlParser();
        using var document = parser.ParseDocument(html);

        var content = (IElement?)document.QuerySelector("article") ?? document.QuerySelector("main");
        var root = content ?? document.Body;
        var siteName = Meta(document, "og:site_name") ?? Meta(document, "application-name");

        // The article's own h1 first; on a page without <article>/<main> an h1 may be the site's logo, so the
        // page's stated title comes before any h1 outside the page header and navigation.
        var title = content is not null
            ? Text(content.QuerySelector("h1")) ?? Meta(document, "og:title")
            : Meta(document, "og:title")
                ?? Text(document.QuerySelectorAll("h1").FirstOrDefault(h => h.Closest("header, nav, footer, aside") is null));
        var metadata = new ArticleMetadata(
            Title: title ?? Meta(document, "twitter:title") ?? DocumentTitle(document, siteName),
            Url: Attribute(document.QuerySelector("link[rel~='canonical']"), "href") ?? Meta(document, "og:url"),
            Published: DateText.ParseValue(
                Meta(document, "article:published_time")
                ?? Meta(document, "datePublished")
                ?? Attribute(document.QuerySelector("[itemprop='datePublished']"), "content")
                ?? Attribute(document.QuerySelector("[itemprop='datePublished']"), "datetime")
                ?? Meta(document, "date")
                ?? Meta(document, "pubdate")
                ?? Meta(document, "publish-date")
                ?? Meta(document, "dc.date")
                ?? Attribute(document.QuerySelector("time[datetime]"), "datetime")),
            Publisher: siteName);

        var blocks = new List<SourceBlock>();
        if (root is not null)
        {
            var inline = new StringBuilder();
            Walk(root, blocks, inline, BlockKind.Text, depth: 0);
            Flush(blocks, inline, BlockKind.Text);
        }

        return new SourceArticle(metadata, blocks);
    }

    private static void Walk(INode node, List<SourceBlock> blocks, StringBuilder inline, BlockKind kind, int depth)
    {
        if (depth > MaxDepth)
        {
            // Pathologically deep markup: its text as one run rather than a stack overflow.
            inline.Append(' ').Append(node.TextContent);
            return;
        }

        foreach (var child in node.ChildNodes)
        {
            if (child is IText text)
            {
                inline.Append(text.Data);
                continue;
            }

            if (child is not IElement element || IsDropped(element))
            {
                continue;
            }

            var name = element.LocalName;
            if (name == "br")
            {
                Flush(blocks, inline, kind);
                continue;
            }

            if (name == "img")
            {
                continue;
            }

            if (!BlockElements.Contains(name))
            {
                Walk(element, blocks, inline, kind, depth + 1);
                continue;
            }

            Flush(blocks, inline, kind);
            if (name is "h1" or "h2" or "h3" or "h4" or "h5" or "h6")
            {
                inline.Append(element.TextContent);
                Flush(blocks, inline, BlockKind.Heading);
                continue;
            }

            var childKind = name == "li" ? BlockKind.ListItem : kind;
            Walk(element, blocks, inline, childKind, depth + 1);
            Flush(blocks, inline, childKind);
        }
    }

    private static bool IsDropped(IElement element) =>
        DroppedElements.Contains(element.LocalName)
        || element.HasAttribute("hidden")
        || string.Equals(element.GetAttribute("aria-hidden"), "true", StringComparison.OrdinalIgnoreCase)
        || element.GetAttribute("role") is { } role && DroppedRoles.Contains(role);

    private static void Flush(List<SourceBlock> blocks, StringBuilder inline, BlockKind kind)
    {
        var text = TextShape.NormalizeSpaces(inline.ToString());
        inline.Clear();
        if (text.Length > 0)
        {
            blocks.Add(new SourceBlock(text, kind));
        }
    }

    private static string? Meta(IDocument document, string name)
    {
        foreach (var meta in document.QuerySelectorAll("meta"))
        {
            var key = meta.GetAttribute("property") ?? meta.GetAttribute("name") ?? meta.GetAttribute("itemprop");
            if (string.Equals(key, name, StringComparison.OrdinalIgnoreCase)
                && meta.GetAttribute("content") is { } content
                && !string.IsNullOrWhiteSpace(content))
            {
                return TextShape.NormalizeSpaces(content);
            }
        }

        return null;
    }

    private static string? Attribute(IElement? element, string name) =>
        element?.GetAttribute(name) is { } value && !string.IsNullOrWhiteSpace(value) ? value.Trim() : null;

    private static string? Text(IElement? element) =>
        element is null ? null : TextShape.NormalizeSpaces(element.TextContent) is { Length: > 0 } text ? text : null;

    private static string? DocumentTitle(IDocument document, string? siteName)
    {
        var title = TextShape.NormalizeSpaces(document.Title ?? string.Empty);
        if (title.Length == 0)
        {
            return null;
        }

        // "Headline | Site" or "Headline - Site": drop the site's name.
        string[] separators = siteName is null ? [" | "] : [" | ", " – ", " — ", " - "];
        foreach (var separator in separators)
        {
            var at = title.LastIndexOf(separator, StringComparison.Ordinal);
            if (at > 0 && (siteName is null || title[(at + separator.Length)..].Trim().Equals(siteName, StringComparison.OrdinalIgnoreCase)))
            {
                return title[..at].Trim();
            }
        }

        return title;
    }
}

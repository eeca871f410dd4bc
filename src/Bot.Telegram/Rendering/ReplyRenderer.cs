using System.Globalization;
using System.Text;
using Bot.Core.Replies;

namespace Bot.Telegram.Rendering;

/// <summary>One rendered line or paragraph: its HTML, its length as Telegram counts it (UTF-16 units after parsing), and its plain text for hard splits.</summary>
/// <param name="Html">The HTML of the piece.</param>
/// <param name="Visible">Its length after entity parsing.</param>
/// <param name="Plain">Its plain text (used when the piece alone is too long and must be cut).</param>
/// <param name="NewBlock">True when a blank line goes before it.</param>
internal sealed record HtmlPiece(string Html, int Visible, string Plain, bool NewBlock);

/// <summary>
/// Renders the core's <see cref="Reply"/> as Telegram HTML: bold title, paragraphs, bold section headings,
/// bullets "• <b>label</b> — detail [1][2]", numbered sources with links, the basis in italics.
/// Every string from the reply is escaped. Long replies are split at item boundaries by <see cref="MessageSplitter"/>.
/// <see cref="ReplyItem.Command"/> is not shown: a command with an argument ("/about Orbis Mobile") is not tappable in
/// Telegram, and a line or a button per member would bury the answer; the item's label, detail and sources are shown.
/// </summary>
internal static class ReplyRenderer
{
    /// <summary>Telegram's limit for one message's text, in UTF-16 units after entity parsing.</summary>
    public const int MaxMessageLength = 4096;

    /// <summary>Renders and splits the reply into messages of at most <paramref name="maxLength"/> visible characters.</summary>
    public static IReadOnlyList<string> Render(Reply reply, int maxLength = MaxMessageLength) =>
        MessageSplitter.Split(Pieces(reply), maxLength);

    /// <summary>The reply as pieces, in order; a piece is never cut unless it alone exceeds the limit.</summary>
    public static IReadOnlyList<HtmlPiece> Pieces(Reply reply)
    {
        ArgumentNullException.ThrowIfNull(reply);
        var pieces = new List<HtmlPiece>();
        if (!string.IsNullOrWhiteSpace(reply.Title))
        {
            pieces.Add(Bold(reply.Title, newBlock: false));
        }

        foreach (var block in reply.Blocks)
        {
            switch (block)
            {
                case Paragraph p when !string.IsNullOrWhiteSpace(p.Text):
                    pieces.Add(new HtmlPiece(TelegramHtml.Escape(p.Text), p.Text.Length, p.Text, NewBlock: true));
                    break;
                case Section s:
                    var first = true;
                    if (!string.IsNullOrWhiteSpace(s.Heading))
                    {
                        pieces.Add(Bold(s.Heading, newBlock: true));
                        first = false;
                    }

                    foreach (var item in s.Items)
                    {
                        pieces.Add(Item(item, first));
                        first = false;
                    }

                    break;
                default:
                    break;
            }
        }

        var firstCitation = true;
        foreach (var citation in reply.Citations)
        {
            pieces.Add(CitationLine(citation, firstCitation));
            firstCitation = false;
        }

        if (!string.IsNullOrWhiteSpace(reply.Basis))
        {
            pieces.Add(new HtmlPiece("<i>" + TelegramHtml.Escape(reply.Basis) + "</i>", reply.Basis.Length, reply.Basis, NewBlock: true));
        }

        if (pieces.Count == 0)
        {
            // Telegram refuses empty messages.
            pieces.Add(new HtmlPiece("…", 1, "…", NewBlock: false));
        }

        return pieces;
    }

    private static HtmlPiece Bold(string text, bool newBlock) =>
        new("<b>" + TelegramHtml.Escape(text) + "</b>", text.Length, text, newBlock);

    private static HtmlPiece Item(ReplyItem item, bool newBlock)
    {
        var html = new StringBuilder("• <b>").Append(TelegramHtml.Escape(item.Label)).Append("</b>");
        var plain = new StringBuilder("• ").Append(item.Label);
        if (!string.IsNullOrWhiteSpace(item.Detail))
        {
            html.Append(" — ").Append(TelegramHtml.Escape(item.Detail));
            plain.Append(" — ").Append(item.Detail);
        }

        var refs = CitationRefs(item.Citations);
        if (refs.Length > 0)
        {
            html.Append(' ').Append(refs);
            plain.Append(' ').Append(refs);
        }

        return new HtmlPiece(html.ToString(), plain.Length, plain.ToString(), newBlock);
    }

    private static string CitationRefs(IReadOnlyList<int> numbers)
    {
        var sb = new StringBuilder();
        foreach (var n in numbers)
        {
            sb.Append('[').Append(n.ToString(CultureInfo.InvariantCulture)).Append(']');
        }

        return sb.ToString();
    }

    private static HtmlPiece CitationLine(Citation c, bool newBlock)
    {
        var number = "[" + c.Number.ToString(CultureInfo.InvariantCulture) + "] ";
        var tail = new StringBuilder();
        if (!string.IsNullOrWhiteSpace(c.Source))
        {
            tail.Append(" — ").Append(c.Source);
        }

        if (c.Published is { } date)
        {
            tail.Append(", ").Append(date.ToString("d MMM yyyy", CultureInfo.InvariantCulture));
        }

        var title = string.IsNullOrWhiteSpace(c.Title) ? c.Source : c.Title;
        var titleHtml = TelegramHtml.IsLinkable(c.Url)
            ? "<a href=\"" + TelegramHtml.EscapeAttribute(c.Url!) + "\">" + TelegramHtml.Escape(title) + "</a>"
            : TelegramHtml.Escape(title);
        var plain = number + title + tail;
        return new HtmlPiece(number + titleHtml + TelegramHtml.Escape(tail.ToString()), plain.Length, plain, newBlock);
    }
}

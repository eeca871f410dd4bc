using System.Text;

namespace Bot.Telegram.Rendering;

/// <summary>
/// Packs rendered pieces into messages of at most N visible characters, cutting only between pieces
/// (item boundaries). A piece that alone is too long is cut as plain text at whitespace, never inside a
/// surrogate pair, and each part escaped on its own, so no message ever holds half a tag or entity.
/// </summary>
internal static class MessageSplitter
{
    public static IReadOnlyList<string> Split(IReadOnlyList<HtmlPiece> pieces, int maxLength)
    {
        ArgumentNullException.ThrowIfNull(pieces);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxLength, 16);
        var messages = new List<string>();
        var current = new StringBuilder();
        var visible = 0;

        void Flush()
        {
            if (current.Length > 0)
            {
                messages.Add(current.ToString());
                current.Clear();
                visible = 0;
            }
        }

        foreach (var piece in pieces.SelectMany(p => p.Visible > maxLength ? Cut(p, maxLength) : [p]))
        {
            var separator = current.Length == 0 ? "" : piece.NewBlock ? "\n\n" : "\n";
            if (visible + separator.Length + piece.Visible > maxLength)
            {
                Flush();
                separator = "";
            }

            current.Append(separator).Append(piece.Html);
            visible += separator.Length + piece.Visible;
        }

        Flush();
        return messages;
    }

    /// <summary>Cuts a too-long piece into plain-text pieces (formatting is dropped for it) of at most <paramref name="maxLength"/> units.</summary>
    internal static IEnumerable<HtmlPiece> Cut(HtmlPiece piece, int maxLength)
    {
        var text = piece.Plain;
        var start = 0;
        var first = true;
        while (start < text.Length)
        {
            var length = Math.Min(maxLength, text.Length - start);
            if (start + length < text.Length)
            {
                // Prefer the last whitespace in the second half of the window.
                var window = text.AsSpan(start, length);
                var ws = window.LastIndexOfAny(' ', '\n', '\t');
                if (ws > maxLength / 2)
                {
                    length = ws + 1;
                }

                if (char.IsHighSurrogate(text[start + length - 1]))
                {
                    length--;
                }
            }

            var part = text.Substring(start, length);
            yield return new HtmlPiece(TelegramHtml.Escape(part), part.Length, part, first && piece.NewBlock);
            first = false;
            start += length;
        }
    }
}

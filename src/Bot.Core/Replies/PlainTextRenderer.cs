using System.Globalization;
using System.Text;

namespace Bot.Core.Replies;

/// <summary>Renders a reply as plain text: for the console and for tests that read what a user sees.</summary>
public static class PlainTextRenderer
{
    /// <summary>The reply as lines of plain text.</summary>
    public static string Render(Reply reply)
    {
        ArgumentNullException.ThrowIfNull(reply);
        var sb = new StringBuilder();
        sb.AppendLine(reply.Title);
        foreach (var block in reply.Blocks)
        {
            switch (block)
            {
                case Paragraph p:
                    sb.AppendLine(p.Text);
                    break;
                case Section s:
                    sb.AppendLine();
                    sb.Append(s.Heading).AppendLine(":");
                    foreach (var item in s.Items)
                    {
                        sb.Append("  • ").Append(item.Label);
                        if (!string.IsNullOrEmpty(item.Detail))
                        {
                            sb.Append(" — ").Append(item.Detail);
                        }

                        sb.Append(Cites(item.Citations)).AppendLine();
                    }

                    break;
            }
        }

        if (reply.Choices.Count > 0)
        {
            sb.AppendLine();
            foreach (var choice in reply.Choices)
            {
                sb.Append("  → ").Append(choice.Label).Append(": ").AppendLine(choice.Command);
            }
        }

        if (reply.Basis is not null)
        {
            sb.AppendLine().AppendLine(reply.Basis);
        }

        if (reply.Citations.Count > 0)
        {
            sb.AppendLine("Sources:");
            foreach (var c in reply.Citations)
            {
                sb.Append(CultureInfo.InvariantCulture, $"  [{c.Number}] {c.Title} — {c.Url ?? c.Source}");
                if (c.Published is { } date)
                {
                    sb.Append(CultureInfo.InvariantCulture, $" ({date:d MMM yyyy})");
                }

                sb.AppendLine();
            }
        }

        return sb.ToString().TrimEnd() + Environment.NewLine;
    }

    /// <summary>"[1][2]" or empty.</summary>
    public static string Cites(IReadOnlyList<int> numbers) =>
        numbers.Count == 0 ? string.Empty : " " + string.Concat(numbers.Select(n => "[" + n.ToString(CultureInfo.InvariantCulture) + "]"));
}

namespace Bot.Core.Commands;

/// <summary>A command line split into its parts: "/members@NewsBot  OLN" → name "members", addressee "NewsBot", argument "OLN".</summary>
public readonly record struct CommandText(string Name, string? Addressee, string Argument)
{
    /// <summary>Parses <paramref name="text"/>; false when it is no command (does not start with '/' and a letter).</summary>
    public static bool TryParse(string? text, out CommandText command)
    {
        command = default;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        var span = text.AsSpan().Trim();
        if (span.Length < 2 || span[0] != '/' || !char.IsLetter(span[1]))
        {
            return false;
        }

        var end = 1;
        while (end < span.Length && !char.IsWhiteSpace(span[end]))
        {
            end++;
        }

        var head = span[1..end];
        var at = head.IndexOf('@');
        var name = (at >= 0 ? head[..at] : head).ToString().ToLowerInvariant();
        var addressee = at >= 0 ? head[(at + 1)..].ToString() : null;
        var argument = span[end..].Trim().ToString();
        command = new CommandText(name, string.IsNullOrEmpty(addressee) ? null : addressee, CollapseSpaces(argument));
        return true;
    }

    private static string CollapseSpaces(string text) =>
        string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
}

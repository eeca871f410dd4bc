namespace Bot.Core.Replies;

/// <summary>What kind of reply this is, so transports and tests can tell an answer from a usage hint.</summary>
public enum ReplyKind
{
    /// <summary>An answer drawn from the articles.</summary>
    Answer,
    /// <summary>How to use a command (missing argument, unknown command).</summary>
    Usage,
    /// <summary>The name or query matched nothing, and nothing close either.</summary>
    NotFound,
    /// <summary>The name matched nothing exactly; <see cref="Reply.Choices"/> proposes close names.</summary>
    Suggestion,
    /// <summary>The name fits several entities equally well; <see cref="Reply.Choices"/> lists them.</summary>
    Ambiguous,
    /// <summary>The request was refused (argument too long, not allowed).</summary>
    Refusal,
    /// <summary>Help and welcome texts.</summary>
    Help,
}

/// <summary>
/// A platform-neutral reply. Every string in it is plain text (never markup): each transport
/// escapes and formats it for its platform (Telegram HTML, Discord embeds, the console).
/// </summary>
/// <param name="Kind">What kind of reply this is.</param>
/// <param name="Title">A short title (rendered bold).</param>
/// <param name="Blocks">The body: paragraphs and sections of items, in order.</param>
/// <param name="Citations">The sources that items cite by number ([1], [2]).</param>
/// <param name="Choices">Follow-up commands the user can pick (rendered as buttons).</param>
/// <param name="Basis">What the answer rests on ("Based on 3 articles, 8 Jun 2019 – 9 Nov 2019"), or null.</param>
public sealed record Reply(
    ReplyKind Kind,
    string Title,
    IReadOnlyList<ReplyBlock> Blocks,
    IReadOnlyList<Citation> Citations,
    IReadOnlyList<ReplyChoice> Choices,
    string? Basis = null)
{
    /// <summary>A reply of one paragraph.</summary>
    public static Reply Text(ReplyKind kind, string title, string text, IReadOnlyList<ReplyChoice>? choices = null) =>
        new(kind, title, [new Paragraph(text)], [], choices ?? []);

    /// <summary>True when the reply links article text to a single article (transports may then show a link preview).</summary>
    public bool IsAboutOneArticle => Citations.Count == 1;
}

/// <summary>A part of a reply body.</summary>
public abstract record ReplyBlock;

/// <summary>A paragraph of plain text.</summary>
public sealed record Paragraph(string Text) : ReplyBlock;

/// <summary>A headed list of items (members, relations, search hits). Long sections are paged by transports at item boundaries.</summary>
public sealed record Section(string Heading, IReadOnlyList<ReplyItem> Items) : ReplyBlock;

/// <summary>
/// One bullet: a label (an entity name or a headline, rendered bold), an optional plain detail,
/// the citation numbers that support it, and an optional command that tells more (e.g. "/about Orbis Mobile").
/// </summary>
public sealed record ReplyItem(string Label, string? Detail, IReadOnlyList<int> Citations, string? Command = null);

/// <summary>A numbered source: an article's title, its link when it has one, its file or source name, and its date when known.</summary>
public sealed record Citation(int Number, string Title, string? Url, string Source, DateOnly? Published);

/// <summary>A choice offered to the user: a button label and the command it runs when picked.</summary>
public sealed record ReplyChoice(string Label, string Command);

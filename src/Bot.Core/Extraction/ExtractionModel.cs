namespace Bot.Core.Extraction;

/// <summary>What an entity is, as far as the text tells.</summary>
public enum EntityKind
{
    /// <summary>Not told.</summary>
    Unknown = 0,
    /// <summary>A company, bank, agency or other organisation.</summary>
    Organisation = 1,
    /// <summary>An alliance, network, consortium or association: something with members.</summary>
    Group = 2,
    /// <summary>A person.</summary>
    Person = 3,
    /// <summary>A place.</summary>
    Place = 4,
    /// <summary>An event (conference, expo).</summary>
    Event = 5,
}

/// <summary>The relations the extractor reads.</summary>
public enum FactKind
{
    /// <summary>Subject is a member of Object.</summary>
    Member = 0,
    /// <summary>Subject initiated, organised, founded, planned, developed or sponsored Object.</summary>
    Initiator = 1,
    /// <summary>Subject (a person) holds the title in Detail at Object.</summary>
    Role = 2,
    /// <summary>Text describes Subject.</summary>
    Description = 3,
    /// <summary>Subject is headquartered or based in Object (or Text).</summary>
    Headquarters = 4,
    /// <summary>Subject invested in Object.</summary>
    Investor = 5,
    /// <summary>Subject provides Text for For.</summary>
    Provider = 6,
    /// <summary>Subject runs on Object.</summary>
    Uses = 7,
    /// <summary>Subject has the number of things in Text ("14 members"); Examples names some of them.</summary>
    Count = 8,
    /// <summary>Subject works with Object.</summary>
    Partner = 9,
}

/// <summary>An entity as one article names it: every spelling the article uses, its acronyms, how often it is named.</summary>
/// <param name="Id">The entity's number within the article.</param>
/// <param name="Kind">What it is, as far as the article tells.</param>
/// <param name="Names">The spellings the article uses (full names first, then forms such as "Acme's CloudBank").</param>
/// <param name="Acronyms">Acronyms the article defines for it or uses alone.</param>
/// <param name="Mentions">How many times the article names it (directly or by "the alliance").</param>
public sealed record LocalEntity(int Id, EntityKind Kind, IReadOnlyList<string> Names, IReadOnlyList<string> Acronyms, int Mentions);

/// <summary>A fact as one article states it, about the article's entities.</summary>
/// <param name="Kind">The relation.</param>
/// <param name="Subject">The subject entity's number within the article.</param>
/// <param name="Object">The object entity's number, for relations between entities.</param>
/// <param name="Text">The object as text (a description, a count, what is provided) where it is no entity.</param>
/// <param name="Detail">The role title for <see cref="FactKind.Role"/>.</param>
/// <param name="For">For <see cref="FactKind.Provider"/>: the entity it is provided for.</param>
/// <param name="Sentence">The index of the sentence that states it.</param>
/// <param name="Examples">For <see cref="FactKind.Count"/>: entities the article names as some of those counted.</param>
public sealed record LocalFact(FactKind Kind, int Subject, int? Object, string? Text, string? Detail, int? For, int Sentence, IReadOnlyList<int>? Examples = null);

/// <summary>Everything extracted from one article: its sentences, entities and facts.</summary>
/// <param name="Sentences">The article's sentences, in order: facts point into this list.</param>
/// <param name="Entities">The entities the article names.</param>
/// <param name="Facts">The facts it states.</param>
public sealed record ArticleExtraction(IReadOnlyList<string> Sentences, IReadOnlyList<LocalEntity> Entities, IReadOnlyList<LocalFact> Facts);

using System.ComponentModel.DataAnnotations;

namespace Bot.Core.Knowledge;

/// <summary>The "Knowledge" configuration section: the operator's files and how often the dataset folder is scanned again.</summary>
public sealed class KnowledgeOptions
{
    /// <summary>The configuration section name.</summary>
    public const string SectionName = "Knowledge";

    /// <summary>The alias file: names that denote one entity though no article says so.</summary>
    [Required(AllowEmptyStrings = false)]
    public string AliasFile { get; set; } = "config/aliases.yaml";

    /// <summary>The lexicon file: demonyms and other world knowledge the extractor reads names with.</summary>
    [Required(AllowEmptyStrings = false)]
    public string LexiconFile { get; set; } = "config/lexicon.yaml";

    /// <summary>Minutes between scans of the dataset folder for new or changed articles; 0 scans only at start.</summary>
    [Range(0, 10080)]
    public int RescanMinutes { get; set; }
}

using System.ComponentModel.DataAnnotations;

namespace Bot.Core.Commands;

/// <summary>The "Commands" configuration section: limits of the command engine.</summary>
public sealed class CommandOptions
{
    /// <summary>The configuration section name.</summary>
    public const string SectionName = "Commands";

    /// <summary>Arguments longer than this are refused with a clear message.</summary>
    [Range(8, 4000)]
    public int MaxArgumentLength { get; set; } = 200;

    /// <summary>How many articles /latest shows without a number.</summary>
    [Range(1, 50)]
    public int LatestDefault { get; set; } = 5;

    /// <summary>The most articles /latest and /search show.</summary>
    [Range(1, 100)]
    public int MaxResults { get; set; } = 20;

    /// <summary>How many close names an unknown name gets as suggestions.</summary>
    [Range(0, 10)]
    public int Suggestions { get; set; } = 3;

    /// <summary>How alike (0–100) a known name must be to an unknown one to be suggested.</summary>
    [Range(50, 100)]
    public int SuggestionCutoff { get; set; } = 80;

    /// <summary>
    /// How much of the /members and /about answers last built is kept for the next ask, counted in blocks, items and
    /// citations (about 200 bytes each); 0 keeps none. Kept answers are used only while the knowledge is unchanged.
    /// </summary>
    [Range(0, 10_000_000)]
    public int ReplyCacheSize { get; set; } = 200_000;
}

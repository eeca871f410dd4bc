using System.ComponentModel.DataAnnotations;

namespace Bot.Storage;

/// <summary>The "Storage" configuration section.</summary>
public sealed class StorageOptions
{
    /// <summary>The configuration section name.</summary>
    public const string SectionName = "Storage";

    /// <summary>The SQLite database file of articles and knowledge (created when missing). Relative to the working directory.</summary>
    [Required(AllowEmptyStrings = false)]
    public string KnowledgePath { get; set; } = "state/knowledge.db";

    /// <summary>The SQLite database file of digest subscriptions and the delivery outbox (created when missing).</summary>
    [Required(AllowEmptyStrings = false)]
    public string DigestsPath { get; set; } = "state/digests.db";

    /// <summary>The SQLite database file of the scheduler's job store: digest triggers and their next fire times (created when missing).</summary>
    [Required(AllowEmptyStrings = false)]
    public string SchedulesPath { get; set; } = "state/schedules.db";
}

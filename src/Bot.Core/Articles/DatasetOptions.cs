using System.ComponentModel.DataAnnotations;

namespace Bot.Core.Articles;

/// <summary>The "Dataset" configuration section: where the articles are and what the loader accepts.</summary>
public sealed class DatasetOptions
{
    /// <summary>The configuration section name.</summary>
    public const string SectionName = "Dataset";

    /// <summary>The folder of article files (.txt, .md, .markdown, .html, .htm), searched recursively. Relative paths are relative to the working directory, then to the application folder.</summary>
    [Required(AllowEmptyStrings = false)]
    public string Path { get; set; } = "data/articles";

    /// <summary>Files larger than this are skipped with a warning.</summary>
    [Range(1, 1_073_741_824)]
    public long MaxFileBytes { get; set; } = 2 * 1024 * 1024;

    /// <summary>The boilerplate markers file (YAML).</summary>
    [Required(AllowEmptyStrings = false)]
    public string BoilerplateFile { get; set; } = "config/boilerplate.yaml";
}

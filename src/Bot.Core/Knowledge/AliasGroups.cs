using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace Bot.Core.Knowledge;

/// <summary>
/// The operator's alias file (config/aliases.yaml): names that denote one entity though no article says so
/// ("Acme Bank" = "Acme Savings"). Each group's first name is preferred as the entity's name when the articles use it.
/// </summary>
public sealed class AliasGroups
{
    /// <summary>No operator aliases.</summary>
    public static AliasGroups Empty { get; } = new([]);

    /// <summary>Creates alias groups.</summary>
    public AliasGroups(IReadOnlyList<IReadOnlyList<string>> groups) => Groups = groups;

    /// <summary>The groups: each a list of names of one entity.</summary>
    public IReadOnlyList<IReadOnlyList<string>> Groups { get; }

    /// <summary>A fingerprint that changes when the groups change, so the knowledge is resolved again.</summary>
    public string Fingerprint => string.Join("|", Groups.Select(g => string.Join("=", g)));

    /// <summary>Reads the alias file; a missing file means no aliases. A malformed file throws with the file's name.</summary>
    public static AliasGroups Load(string path)
    {
        if (!File.Exists(path))
        {
            return Empty;
        }

        try
        {
            var file = new DeserializerBuilder().WithNamingConvention(UnderscoredNamingConvention.Instance).IgnoreUnmatchedProperties().Build()
                .Deserialize<AliasFile?>(File.ReadAllText(path));
            var groups = (file?.Aliases ?? [])
                .Select(g => (IReadOnlyList<string>)g.Where(n => !string.IsNullOrWhiteSpace(n)).Select(n => n.Trim()).ToList())
                .Where(g => g.Count >= 2)
                .ToList();
            return new AliasGroups(groups);
        }
        catch (YamlDotNet.Core.YamlException e)
        {
            throw new InvalidDataException($"The alias file {path} is not valid YAML: {e.Message}", e);
        }
    }

    private sealed class AliasFile
    {
        public List<List<string>> Aliases { get; set; } = [];
    }
}

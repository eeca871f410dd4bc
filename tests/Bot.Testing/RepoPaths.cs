namespace Bot.Testing;

/// <summary>Paths inside the repository, found from the test's working directory, so tests run from any clone.</summary>
public static class RepoPaths
{
    /// <summary>The repository root: the nearest folder above the test binaries that holds Bot.sln.</summary>
    public static string Root { get; } = FindRoot();

    /// <summary>The embedded default dataset.</summary>
    public static string Articles => Path.Combine(Root, "data", "articles");

    /// <summary>The operator configuration folder.</summary>
    public static string Config => Path.Combine(Root, "config");

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Bot.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Bot.sln not found above " + AppContext.BaseDirectory);
    }
}

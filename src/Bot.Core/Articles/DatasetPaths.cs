namespace Bot.Core.Articles;

/// <summary>Resolves the paths of <see cref="DatasetOptions"/> the way its documentation says.</summary>
public static class DatasetPaths
{
    /// <summary>
    /// An absolute path as it is; a relative one against the working directory when something exists there,
    /// else against the application folder (where a published app carries data/ and config/).
    /// </summary>
    public static string Resolve(string path) => Resolve(path, Environment.CurrentDirectory, AppContext.BaseDirectory);

    /// <summary>As <see cref="Resolve(string)"/>, with the two base folders given (for tests).</summary>
    public static string Resolve(string path, string workingDirectory, string applicationDirectory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        if (Path.IsPathFullyQualified(path))
        {
            return Path.GetFullPath(path);
        }

        var fromWorkingDirectory = Path.GetFullPath(path, workingDirectory);
        if (File.Exists(fromWorkingDirectory) || Directory.Exists(fromWorkingDirectory))
        {
            return fromWorkingDirectory;
        }

        var fromApplication = Path.GetFullPath(path, applicationDirectory);
        return File.Exists(fromApplication) || Directory.Exists(fromApplication) ? fromApplication : fromWorkingDirectory;
    }
}

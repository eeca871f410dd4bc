using Bot.Core.Articles;

namespace Bot.Core.Tests.Articles;

public sealed class DatasetPathsTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "bot-paths-" + Guid.NewGuid().ToString("N"));

    public DatasetPathsTests()
    {
        Directory.CreateDirectory(Path.Combine(_root, "work", "data", "articles"));
        Directory.CreateDirectory(Path.Combine(_root, "app", "data", "articles"));
        Directory.CreateDirectory(Path.Combine(_root, "app", "config"));
        File.WriteAllText(Path.Combine(_root, "app", "config", "boilerplate.yaml"), string.Empty);
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public void Resolve_RelativePathPresentInWorkingDirectory_UsesWorkingDirectory()
    {
        var path = DatasetPaths.Resolve("data/articles", Path.Combine(_root, "work"), Path.Combine(_root, "app"));

        Assert.Equal(Path.Combine(_root, "work", "data", "articles"), path);
    }

    [Fact]
    public void Resolve_RelativePathOnlyInApplicationFolder_UsesApplicationFolder()
    {
        var path = DatasetPaths.Resolve("config/boilerplate.yaml", Path.Combine(_root, "work"), Path.Combine(_root, "app"));

        Assert.Equal(Path.Combine(_root, "app", "config", "boilerplate.yaml"), path);
    }

    [Fact]
    public void Resolve_AbsolutePath_IsKept()
    {
        var absolute = Path.Combine(_root, "elsewhere");

        Assert.Equal(absolute, DatasetPaths.Resolve(absolute, Path.Combine(_root, "work"), Path.Combine(_root, "app")));
    }
}

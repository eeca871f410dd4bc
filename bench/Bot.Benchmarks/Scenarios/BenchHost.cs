using Bot.Core.Commands;
using Bot.Core.Knowledge;
using Bot.Storage.Composition;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Bot.Benchmarks.Scenarios;

/// <summary>
/// Composes the knowledge services the way the host does (<see cref="KnowledgeServiceCollectionExtensions.AddKnowledge"/>
/// on a Generic Host builder), over a given article folder and store, with the repository's config files. Logging:
/// warnings and errors only, to standard error. The host is built, not started: no hosted service runs.
/// </summary>
internal sealed class BenchHost : IDisposable
{
    private readonly IHost _host;

    private BenchHost(IHost host) => _host = host;

    public IServiceProvider Services => _host.Services;

    public KnowledgeIngestor Ingestor => Services.GetRequiredService<KnowledgeIngestor>();

    public ICommandEngine Engine => Services.GetRequiredService<ICommandEngine>();

    public IKnowledgeReader Reader => Services.GetRequiredService<IKnowledgeReader>();

    public static BenchHost Build(string articles, string database, TimedWriter? timed = null)
    {
        var root = RepoRoot();
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Dataset:Path"] = Path.GetFullPath(articles),
            ["Dataset:BoilerplateFile"] = Path.Combine(root, "config", "boilerplate.yaml"),
            ["Knowledge:AliasFile"] = Path.Combine(root, "config", "aliases.yaml"),
            ["Knowledge:LexiconFile"] = Path.Combine(root, "config", "lexicon.yaml"),
            ["Storage:KnowledgePath"] = Path.GetFullPath(database),
        });
        builder.Logging.ClearProviders();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Logging.AddSimpleConsole(o => o.SingleLine = true);
        builder.Services.Configure<Microsoft.Extensions.Logging.Console.ConsoleLoggerOptions>(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
        builder.AddKnowledge();
        if (timed is not null)
        {
            builder.Services.AddSingleton<IKnowledgeWriter>(timed);
        }

        var host = builder.Build();
        host.Services.GetRequiredService<IStartupValidator>().Validate();
        return new BenchHost(host);
    }

    /// <summary>The repository root: the first folder up from the application (or the working directory) that holds Bot.sln.</summary>
    public static string RepoRoot()
    {
        foreach (var start in new[] { AppContext.BaseDirectory, Environment.CurrentDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "Bot.sln")))
                {
                    return dir.FullName;
                }
            }
        }

        throw new DirectoryNotFoundException("Bot.sln not found above " + AppContext.BaseDirectory + " or " + Environment.CurrentDirectory);
    }

    public void Dispose()
    {
        _host.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
    }
}

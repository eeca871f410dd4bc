using Bot.Core.Commands;
using Bot.Core.Knowledge;
using Bot.Core.Replies;
using Bot.Storage.Composition;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Bot.Testing.Knowledge;

/// <summary>
/// The knowledge core composed exactly as the host composes it (<c>AddKnowledge</c>), over a dataset folder and a
/// fresh SQLite store in a temporary folder: the same command engine the chats use.
/// </summary>
public sealed class TestKnowledge : IDisposable
{
    private readonly IHost _host;

    private readonly bool _ownsState;

    private TestKnowledge(IHost host, string stateFolder, bool ownsState)
    {
        _host = host;
        StateFolder = stateFolder;
        _ownsState = ownsState;
    }

    /// <summary>The temporary folder that holds the store.</summary>
    public string StateFolder { get; }

    /// <summary>The services.</summary>
    public IServiceProvider Services => _host.Services;

    /// <summary>The command engine.</summary>
    public ICommandEngine Engine => Services.GetRequiredService<ICommandEngine>();

    /// <summary>The store's read side.</summary>
    public IKnowledgeReader Reader => Services.GetRequiredService<IKnowledgeReader>();

    /// <summary>The ingestor.</summary>
    public KnowledgeIngestor Ingestor => Services.GetRequiredService<KnowledgeIngestor>();

    /// <summary>Composes the core over <paramref name="datasetFolder"/> (the repo's dataset by default) and ingests it.</summary>
    public static TestKnowledge Create(string? datasetFolder = null, IDictionary<string, string?>? settings = null, string? stateFolder = null, ILoggerProvider? logs = null, bool ingest = true)
    {
        var ownsState = stateFolder is null;
        stateFolder ??= Path.Combine(Path.GetTempPath(), "newsbot-test-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(stateFolder);
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true, EnvironmentName = "Test" });
        var values = Settings(stateFolder, datasetFolder);
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            values[key] = value;
        }

        builder.Configuration.AddInMemoryCollection(values);
        builder.Logging.ClearProviders();
        if (logs is not null)
        {
            builder.Logging.AddProvider(logs);
        }

        builder.AddKnowledge();
        var host = builder.Build();
        host.Services.GetRequiredService<IStartupValidator>().Validate();
        var knowledge = new TestKnowledge(host, stateFolder, ownsState);
        if (ingest)
        {
            knowledge.Ingestor.Sync();
        }

        return knowledge;
    }

    /// <summary>
    /// The configuration of the core over <paramref name="datasetFolder"/> (the repo's dataset by default) and the repo's
    /// config files, with every store file (knowledge, digests, schedules) in <paramref name="stateFolder"/>.
    /// </summary>
    public static Dictionary<string, string?> Settings(string stateFolder, string? datasetFolder = null)
    {
        var settings = StoreSettings(stateFolder, datasetFolder);
        settings["Dataset:BoilerplateFile"] = Path.Combine(RepoPaths.Config, "boilerplate.yaml");
        settings["Knowledge:AliasFile"] = Path.Combine(RepoPaths.Config, "aliases.yaml");
        settings["Knowledge:LexiconFile"] = Path.Combine(RepoPaths.Config, "lexicon.yaml");
        return settings;
    }

    /// <summary>
    /// Only the dataset (the repo's by default) and every store file in <paramref name="stateFolder"/>: for the
    /// executable's host, which reads its config files (aliases, lexicon, boilerplate) through its own configuration.
    /// </summary>
    public static Dictionary<string, string?> StoreSettings(string stateFolder, string? datasetFolder = null) => new()
    {
        ["Dataset:Path"] = datasetFolder ?? RepoPaths.Articles,
        ["Storage:KnowledgePath"] = Path.Combine(stateFolder, "knowledge.db"),
        ["Storage:DigestsPath"] = Path.Combine(stateFolder, "digests.db"),
        ["Storage:SchedulesPath"] = Path.Combine(stateFolder, "schedules.db"),
    };

    /// <summary><paramref name="settings"/> in command-line form ("--Storage:KnowledgePath=…").</summary>
    public static IEnumerable<string> Arguments(IEnumerable<KeyValuePair<string, string?>> settings) =>
        settings.Select(s => $"--{s.Key}={s.Value}");

    /// <summary>Sends <paramref name="text"/> through the engine as a chat would.</summary>
    public Task<Reply> SendAsync(string text, string? botUsername = null) =>
        Engine.HandleAsync(new CommandRequest(text, "test", "chat-1", "user-1", botUsername), CancellationToken.None).AsTask();

    /// <summary>Sends <paramref name="text"/> and returns what the user would read, as plain text.</summary>
    public async Task<string> AskAsync(string text, string? botUsername = null) => PlainTextRenderer.Render(await SendAsync(text, botUsername));

    /// <inheritdoc />
    public void Dispose()
    {
        _host.Dispose();
        SqliteConnection.ClearAllPools();
        if (!_ownsState)
        {
            return;
        }

        try
        {
            Directory.Delete(StateFolder, recursive: true);
        }
        catch (IOException)
        {
            // Left for the OS to clean up.
        }
        catch (UnauthorizedAccessException)
        {
            // Left for the OS to clean up.
        }
    }
}

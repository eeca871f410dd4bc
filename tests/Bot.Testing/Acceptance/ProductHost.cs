using Bot.Core.Knowledge;
using Bot.Testing.Fakes;
using Bot.Testing.Knowledge;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Bot.Testing.Acceptance;

/// <summary>
/// The product's host as the executable composes it (the composition is passed in: the host project's
/// <c>BotApp.CreateRunBuilder</c>), over the repo's dataset with a fresh store in a temporary folder, its engine
/// recorded so tests know what kind of reply the core meant. Stopped and cleaned up on dispose.
/// </summary>
public sealed class ProductHost : IAsyncDisposable
{
    private readonly string _state;

    private ProductHost(IHost host, string state)
    {
        Host = host;
        _state = state;
    }

    /// <summary>The running host.</summary>
    public IHost Host { get; }

    /// <summary>The host's own engine, recorded.</summary>
    public RecordingCommandEngine Engine => Host.Services.GetRequiredService<RecordingCommandEngine>();

    /// <summary>The articles the store holds (for citations by title or link).</summary>
    public IReadOnlyList<ArticleRecord> Articles => Host.Services.GetRequiredService<IKnowledgeReader>().AllArticles();

    /// <summary>
    /// Composes the host from <paramref name="settings"/> (command-line form, "--Section:Key=value"; given the temporary
    /// state folder, for a transport's own state) plus the dataset and store, and starts it.
    /// </summary>
    public static async Task<ProductHost> StartAsync(Func<string[], HostApplicationBuilder> compose, Func<string, IEnumerable<string>> settings)
    {
        ArgumentNullException.ThrowIfNull(compose);
        ArgumentNullException.ThrowIfNull(settings);
        var state = Path.Combine(Path.GetTempPath(), "newsbot-product-" + Guid.NewGuid().ToString("N"));
        var builder = compose([.. settings(state), .. TestKnowledge.Arguments(TestKnowledge.StoreSettings(state))]);
        RecordingCommandEngine.Decorate(builder.Services);
        var host = builder.Build();
        await host.StartAsync();
        return new ProductHost(host, state);
    }

    /// <summary>What <paramref name="probe"/> returns once it has stopped growing for a while (the bot has finished sending).</summary>
    public static async Task<IReadOnlyList<T>> WhenSettledAsync<T>(Func<IReadOnlyList<T>> probe)
    {
        ArgumentNullException.ThrowIfNull(probe);
        var count = -1;
        while (true)
        {
            await Task.Delay(400);
            var now = probe();
            if (now.Count == count)
            {
                return now;
            }

            count = now.Count;
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            await Host.StopAsync(timeout.Token);
        }
        finally
        {
            Host.Dispose();
            SqliteConnection.ClearAllPools();
            try
            {
                Directory.Delete(_state, recursive: true);
            }
            catch (IOException)
            {
                // Nothing was written, or left for the OS to clean up.
            }
        }
    }
}

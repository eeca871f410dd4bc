using Bot.Core.Articles;
using Bot.Core.Commands;
using Bot.Core.Digests;
using Bot.Core.Extraction;
using Bot.Core.Knowledge;
using Bot.Storage.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Bot.Storage.Composition;

/// <summary>Registers the knowledge core (articles, extraction, knowledge, commands) over the SQLite store.</summary>
public static class KnowledgeServiceCollectionExtensions
{
    /// <summary>
    /// Adds the dataset loader, the extractor, the SQLite knowledge store, the digest subscription store and news feed
    /// (<see cref="ISubscriptionStore"/>, <see cref="INewsFeed"/>), the command engine and a hosted service that
    /// synchronises the store with the dataset folder at start (and every Knowledge:RescanMinutes). Options are
    /// validated at start.
    /// </summary>
    public static IHostApplicationBuilder AddKnowledge(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.AddOptions<DatasetOptions>().BindConfiguration(DatasetOptions.SectionName).ValidateOnStart();
        services.AddOptions<KnowledgeOptions>().BindConfiguration(KnowledgeOptions.SectionName).ValidateOnStart();
        services.AddOptions<StorageOptions>().BindConfiguration(StorageOptions.SectionName).ValidateOnStart();
        services.AddOptions<CommandOptions>().BindConfiguration(CommandOptions.SectionName).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<DatasetOptions>, DatasetOptionsValidator>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<KnowledgeOptions>, KnowledgeOptionsValidator>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<StorageOptions>, StorageOptionsValidator>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<CommandOptions>, CommandOptionsValidator>());

        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<KnowledgeSyncGate>();
        services.AddSingleton(sp => BoilerplateRules.Load(DatasetPaths.Resolve(sp.GetRequiredService<IOptions<DatasetOptions>>().Value.BoilerplateFile)));
        services.AddSingleton<ArticleParser>();
        services.AddSingleton<ArticleLoader>();
        services.AddSingleton(sp => ExtractionLexicon.Load(DatasetPaths.Resolve(sp.GetRequiredService<IOptions<KnowledgeOptions>>().Value.LexiconFile)));
        services.AddSingleton(sp => AliasGroups.Load(DatasetPaths.Resolve(sp.GetRequiredService<IOptions<KnowledgeOptions>>().Value.AliasFile)));
        services.AddSingleton<ArticleExtractor>();
        services.AddSingleton(sp => new SqliteKnowledgeStore(sp.GetRequiredService<IOptions<StorageOptions>>().Value.KnowledgePath));
        services.AddSingleton<IKnowledgeReader>(sp => sp.GetRequiredService<SqliteKnowledgeStore>());
        services.AddSingleton<IKnowledgeWriter>(sp => sp.GetRequiredService<SqliteKnowledgeStore>());
        services.AddSingleton<KnowledgeIngestor>();

        // Digests: subscriptions and the outbox in their own file; the news feed reads the knowledge file.
        services.AddSingleton(sp => new SqliteDigestStore(sp.GetRequiredService<IOptions<StorageOptions>>().Value.DigestsPath, sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<ISubscriptionStore>(sp => sp.GetRequiredService<SqliteDigestStore>());
        services.AddSingleton<INewsFeed>(sp => new SqliteNewsFeed(sp.GetRequiredService<IOptions<StorageOptions>>().Value.KnowledgePath));
        services.AddSingleton<ICommandEngine, CommandEngine>();
        services.AddHostedService<KnowledgeSyncService>();
        return builder;
    }
}

/// <summary>Validates the dataset options at start (data annotations, by the options source generator).</summary>
[OptionsValidator]
public sealed partial class DatasetOptionsValidator : IValidateOptions<DatasetOptions>;

/// <summary>Validates the knowledge options at start.</summary>
[OptionsValidator]
public sealed partial class KnowledgeOptionsValidator : IValidateOptions<KnowledgeOptions>;

/// <summary>Validates the storage options at start.</summary>
[OptionsValidator]
public sealed partial class StorageOptionsValidator : IValidateOptions<StorageOptions>;

/// <summary>Validates the command options at start.</summary>
[OptionsValidator]
public sealed partial class CommandOptionsValidator : IValidateOptions<CommandOptions>;

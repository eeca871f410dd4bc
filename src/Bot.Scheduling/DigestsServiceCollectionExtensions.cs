using Bot.Core.Digests;
using Bot.Scheduling.Delivery;
using Bot.Scheduling.Schedules;
using Bot.Storage;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Quartz;

namespace Bot.Scheduling;

/// <summary>Registers scheduled digests: options, the core's digest parts, Quartz with a persistent SQLite job store, the job and the hosted services.</summary>
public static class DigestsServiceCollectionExtensions
{
    /// <summary>
    /// Adds digests on top of <c>AddKnowledge</c> (which registers the subscription store and the news feed): binds and
    /// validates <see cref="DigestOptions"/> (section "Digests"), adds the core's digest service, outbox and commands,
    /// and Quartz with its job store in <c>Storage:SchedulesPath</c> (tables created when missing), the misfire
    /// threshold set to <see cref="DigestOptions.MisfireGrace"/>. At start <see cref="DigestStartupService"/> syncs
    /// the triggers with the subscriptions before the scheduler runs, and <see cref="DigestOutboxService"/> sends the
    /// outbox until the application stops.
    /// </summary>
    public static IHostApplicationBuilder AddDigests(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        if (!services.Any(d => d.ServiceType == typeof(ISubscriptionStore)) || !services.Any(d => d.ServiceType == typeof(INewsFeed)))
        {
            throw new InvalidOperationException("AddDigests needs the subscription store and news feed: call AddKnowledge first.");
        }

        services.AddOptions<DigestOptions>().BindConfiguration(DigestOptions.SectionName).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<DigestOptions>, DigestOptionsValidator>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<DigestOptions>, DigestOptionsSemanticValidator>());
        services.TryAddSingleton(TimeProvider.System);

        services.TryAddSingleton<QuartzDigestScheduler>();
        services.TryAddSingleton<IDigestScheduler>(sp => sp.GetRequiredService<QuartzDigestScheduler>());
        services.AddDigestCore();
        services.AddTransient<DigestJob>();
        services.TryAddSingleton<DigestMisfireListener>();

        // Read here because Quartz's store settings are fixed when the scheduler is built; ValidateOnStart checks the same values.
        var grace = builder.Configuration.GetSection(DigestOptions.SectionName).GetValue(nameof(DigestOptions.MisfireGrace), new DigestOptions().MisfireGrace);
        builder.AddQuartz(q =>
        {
            q.UsePersistentStore(store =>
            {
                store.UseSqlite(source => source.DataSourceFactory = SchedulesDataSource);
                store.UseSystemTextJsonSerializer();
                store.ProvisionSchema();
                store.ConfigureStore(options =>
                {
                    options.StoreJobDataAsStrings = true;
                    options.MisfireThreshold = grace;
                    options.MisfireHandlerFrequency = grace < TimeSpan.FromMinutes(1) ? grace : TimeSpan.FromMinutes(1);
                });
            });
            q.AddTriggerListener(sp => sp.GetRequiredService<DigestMisfireListener>(), [GroupMatcher<TriggerKey>.GroupEquals(QuartzDigestScheduler.Group)]);
        });

        // Hosted services start in order: the triggers are synced before Quartz starts firing them.
        services.AddHostedService<DigestStartupService>();
        builder.AddQuartzHostedService(options => options.WaitForJobsToComplete = true);
        services.AddHostedService<DigestOutboxService>();
        return builder;
    }

    /// <summary>The job store's SQLite file (<c>Storage:SchedulesPath</c>), its folder created when missing; WAL so readers never wait on the scheduler.</summary>
    private static System.Data.Common.DbDataSource SchedulesDataSource(IServiceProvider services)
    {
        var path = Path.GetFullPath(services.GetRequiredService<IOptions<StorageOptions>>().Value.SchedulesPath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var connectionString = new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadWriteCreate, Pooling = true, DefaultTimeout = 30 }.ToString();
        using (var connection = new SqliteConnection(connectionString))
        {
            connection.Open();
            using var wal = connection.CreateCommand();
            wal.CommandText = "PRAGMA journal_mode = WAL";
            wal.ExecuteNonQuery();
        }

        return SqliteFactory.Instance.CreateDataSource(connectionString);
    }
}

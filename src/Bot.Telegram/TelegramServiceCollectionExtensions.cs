using Bot.Core.Digests;
using Bot.Telegram.Api;
using Bot.Telegram.Receiving;
using Bot.Telegram.Sending;
using Bot.Telegram.State;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Bot.Telegram;

/// <summary>Registers the Telegram transport.</summary>
public static class TelegramServiceCollectionExtensions
{
    /// <summary>
    /// Binds and validates the <c>Telegram</c> section, and registers the Bot API client (no request logging: the
    /// token is in every URL), the SQLite state, the outbound queue and sender, the digest publisher (an
    /// <see cref="IDigestPublisher"/> for "telegram") and the receiver (polling or webhook).
    /// Needs an <see cref="Bot.Core.Commands.ICommandEngine"/> registered by the core.
    /// </summary>
    public static IHostApplicationBuilder AddTelegramTransport(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.AddOptions<TelegramOptions>().BindConfiguration(TelegramOptions.SectionName).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<TelegramOptions>, TelegramOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);

        // The client lives as long as the singletons that use it, so connections are recycled by the handler
        // (DNS changes are seen) rather than by the factory's handler rotation. Per-call timeouts are set by the client.
        services.AddHttpClient<TelegramBotClient>(http => http.Timeout = Timeout.InfiniteTimeSpan)
            .RemoveAllLoggers()
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) })
            .SetHandlerLifetime(Timeout.InfiniteTimeSpan);

        services.AddSingleton<TelegramStateStore>();
        services.AddSingleton<BotIdentity>();
        services.AddSingleton<FatalErrors>();
        services.AddSingleton<OutboundQueue>();
        services.AddSingleton<ReplyComposer>();
        services.AddSingleton<UpdateProcessor>();
        services.AddSingleton<WebhookUpdateQueue>();
        services.AddSingleton<WebhookAddress>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IDigestPublisher, TelegramDigestPublisher>());
        services.AddHostedService<OutboundSender>();
        services.AddHostedService<TelegramReceiver>();
        return builder;
    }
}

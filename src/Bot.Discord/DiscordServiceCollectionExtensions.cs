using Bot.Core.Digests;
using Bot.Discord.Digests;
using Bot.Discord.Gateway;
using Bot.Discord.Interactions;
using Bot.Discord.Rest;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Bot.Discord;

/// <summary>Registers the Discord transport.</summary>
public static class DiscordServiceCollectionExtensions
{
    /// <summary>
    /// Adds the Discord transport: validated <c>Discord</c> options, the REST client, the interaction handlers, the
    /// digest publisher (an <see cref="IDigestPublisher"/> for "discord") and the gateway background service. Needs an
    /// <see cref="Bot.Core.Commands.ICommandEngine"/> registered.
    /// </summary>
    public static IHostApplicationBuilder AddDiscordTransport(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.AddOptions<DiscordOptions>()
            .BindConfiguration(DiscordOptions.SectionName)
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<DiscordOptions>, DiscordOptionsValidator>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<DiscordOptions>, DiscordOptionsSemanticValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<RateLimiter>();

        // No request logging: interaction tokens travel in the URL.
        services.AddHttpClient<DiscordRestClient>(http => http.Timeout = TimeSpan.FromSeconds(30))
            .RemoveAllLoggers();
        services.TryAddSingleton<InteractionHandler>();
        services.TryAddSingleton<TextCommandHandler>();
        services.TryAddSingleton<CommandRegistrar>();
        services.TryAddSingleton<DiscordDispatcher>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IDigestPublisher, DiscordDigestPublisher>());
        services.AddHostedService<GatewayService>();
        return builder;
    }
}

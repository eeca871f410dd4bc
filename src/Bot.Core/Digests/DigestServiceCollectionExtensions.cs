using Bot.Core.Commands;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Bot.Core.Digests;

/// <summary>Registers the core's digest parts; the scheduler project's <c>AddDigests</c> calls it and adds Quartz, storage and hosting.</summary>
public static class DigestServiceCollectionExtensions
{
    /// <summary>
    /// Adds <see cref="DigestService"/>, <see cref="DigestOutbox"/> and the chat commands /subscribe, /unsubscribe,
    /// /follow, /unfollow, /digest and /settings (the command engine picks them up as <see cref="IChatCommand"/>).
    /// Needs an <see cref="ISubscriptionStore"/>, <see cref="INewsFeed"/>, <see cref="IDigestScheduler"/> and the
    /// knowledge reader registered, and <see cref="DigestOptions"/> bound.
    /// </summary>
    public static IServiceCollection AddDigestCore(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<DigestService>();
        services.TryAddSingleton<DigestOutbox>();
        services.TryAddSingleton<DigestChats>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IChatCommand, SubscribeCommand>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IChatCommand, UnsubscribeCommand>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IChatCommand, FollowCommand>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IChatCommand, UnfollowCommand>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IChatCommand, DigestNowCommand>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IChatCommand, SettingsCommand>());
        return services;
    }
}

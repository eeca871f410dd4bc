using System.Collections.Concurrent;
using Bot.Core.Commands;
using Bot.Core.Replies;
using Microsoft.Extensions.DependencyInjection;

namespace Bot.Testing.Fakes;

/// <summary>
/// Wraps the host's own <see cref="ICommandEngine"/> and records each request with the reply it got, so an integration
/// test that reads what a transport sent can also tell what kind of reply the core meant (an answer, a usage hint, a
/// suggestion). It changes nothing the engine answers.
/// </summary>
public sealed class RecordingCommandEngine(ICommandEngine inner) : ICommandEngine
{
    private readonly ConcurrentQueue<(CommandRequest Request, Reply Reply)> _exchanges = new();

    /// <summary>Every request answered so far, with its reply, in order.</summary>
    public IReadOnlyList<(CommandRequest Request, Reply Reply)> Exchanges => [.. _exchanges];

    /// <inheritdoc />
    public IReadOnlyList<CommandInfo> Commands => inner.Commands;

    /// <summary>Replaces the <see cref="ICommandEngine"/> registration of <paramref name="services"/> by a recorder around it, registered as itself too.</summary>
    public static void Decorate(IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        var registration = services.Single(d => d.ServiceType == typeof(ICommandEngine));
        services.Remove(registration);
        var innerType = registration.ImplementationType ?? throw new InvalidOperationException("The command engine is expected to be registered by its type.");
        services.Add(new ServiceDescriptor(innerType, innerType, registration.Lifetime));
        services.AddSingleton(sp => new RecordingCommandEngine((ICommandEngine)sp.GetRequiredService(innerType)));
        services.AddSingleton<ICommandEngine>(sp => sp.GetRequiredService<RecordingCommandEngine>());
    }

    /// <inheritdoc />
    public async ValueTask<Reply> HandleAsync(CommandRequest request, CancellationToken cancellationToken)
    {
        var reply = await inner.HandleAsync(request, cancellationToken);
        _exchanges.Enqueue((request, reply));
        return reply;
    }

    /// <inheritdoc />
    public IReadOnlyList<string> CompleteNames(string prefix, int max) => inner.CompleteNames(prefix, max);

    /// <inheritdoc />
    public bool IsCommandFor(string text, string? botUsername) => inner.IsCommandFor(text, botUsername);
}

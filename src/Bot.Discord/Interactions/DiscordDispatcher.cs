using System.Collections.Concurrent;
using System.Text.Json;
using Bot.Discord.Gateway;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Bot.Discord.Interactions;

/// <summary>
/// Runs gateway events off the receive loop so a slow command never delays heartbeats; a failing
/// handler is logged and never reaches the connection loop.
/// </summary>
internal sealed partial class DiscordDispatcher(
    InteractionHandler interactions,
    TextCommandHandler textCommands,
    IOptions<DiscordOptions> options,
    ILogger<DiscordDispatcher> logger) : IGatewayDispatcher
{
    private readonly ConcurrentDictionary<Task, byte> _running = new();

    public void Dispatch(int shardId, string eventName, JsonElement data, CancellationToken cancellationToken)
    {
        Func<Task>? work = eventName switch
        {
            "INTERACTION_CREATE" => () => interactions.HandleAsync(data, cancellationToken),
            "MESSAGE_CREATE" when options.Value.EnableTextCommands => () => textCommands.HandleAsync(data, cancellationToken),
            _ => null,
        };
        if (work is null)
        {
            return;
        }

        var task = Task.Run(async () =>
        {
            try
            {
                await work().ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                // Shutting down.
            }
            catch (Exception ex)
            {
                LogHandlerFailed(eventName, shardId, ex);
            }
        }, CancellationToken.None);
        _running.TryAdd(task, 0);
        _ = task.ContinueWith(t => _running.TryRemove(t, out _), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
    }

    /// <summary>Waits for the handlers still running (on shutdown).</summary>
    public Task DrainAsync() => Task.WhenAll(_running.Keys);

    [LoggerMessage(EventId = 4320, Level = LogLevel.Error, Message = "Discord {Event} on shard {ShardId} failed")]
    private partial void LogHandlerFailed(string @event, int shardId, Exception exception);
}

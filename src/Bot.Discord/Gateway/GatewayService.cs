using System.Net;
using Bot.Discord.Interactions;
using Bot.Discord.Rest;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Bot.Discord.Gateway;

/// <summary>
/// The Discord transport's one background service: registers the commands, asks <c>/gateway/bot</c> for
/// the URL and shard advice, runs every shard, and stops the application with a non-zero exit code on
/// unrecoverable errors (a rejected token, disallowed intents) instead of reconnecting in a loop.
/// </summary>
internal sealed partial class GatewayService(
    DiscordRestClient rest,
    CommandRegistrar registrar,
    DiscordDispatcher dispatcher,
    IOptions<DiscordOptions> options,
    IHostApplicationLifetime lifetime,
    TimeProvider time,
    ILoggerFactory loggers,
    ILogger<GatewayService> logger) : BackgroundService
{
    /// <summary>GUILDS (1 &lt;&lt; 0): slash commands need no intent at all, so this is the least we can ask.</summary>
    internal const int Guilds = 1 << 0;
    internal const int GuildMessages = 1 << 9;
    internal const int DirectMessages = 1 << 12;
    internal const int MessageContent = 1 << 15;

    internal static int IntentsFor(DiscordOptions options) =>
        options.EnableTextCommands ? Guilds | GuildMessages | DirectMessages | MessageContent : Guilds;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await RegisterCommandsAsync(stoppingToken).ConfigureAwait(false);
            var info = await rest.GetGatewayBotAsync(stoppingToken).ConfigureAwait(false);
            var shardCount = options.Value.ShardCount ?? Math.Max(1, info.Shards);
            var limit = info.SessionStartLimit;
            if (limit is { Remaining: <= 0 })
            {
                var wait = TimeSpan.FromMilliseconds(limit.ResetAfter);
                LogSessionStartsExhausted(wait.TotalMinutes);
                await Task.Delay(wait, time, stoppingToken).ConfigureAwait(false);
            }

            var gate = new IdentifyGate(limit?.MaxConcurrency ?? 1, time);
            var intents = IntentsFor(options.Value);
            LogStarting(shardCount, gate.MaxConcurrency);
            using var shardsStopping = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
            var shardLogger = loggers.CreateLogger<GatewayShard>();
            var shards = Enumerable.Range(0, shardCount)
                .Select(id => new GatewayShard(id, shardCount, intents, options.Value.Token, gate, dispatcher, time, shardLogger))
                .ToList();
            var running = shards.Select(shard => shard.RunAsync(info.Url, shardsStopping.Token)).ToList();
            try
            {
                while (running.Count > 0)
                {
                    var done = await Task.WhenAny(running).ConfigureAwait(false);
                    running.Remove(done);
                    await done.ConfigureAwait(false);
                }
            }
            finally
            {
                await shardsStopping.CancelAsync().ConfigureAwait(false);
                await Task.WhenAll(running.Select(t => t.ContinueWith(static _ => { }, CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default))).ConfigureAwait(false);
                shards.ForEach(shard => shard.Dispose());
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Normal shutdown.
        }
        catch (GatewayFatalException ex)
        {
            Stop(ex.Message, ex);
        }
        catch (DiscordApiException ex) when (ex.Status is HttpStatusCode.Unauthorized)
        {
            Stop("Discord rejected the bot token (401): set Discord__Token to the current token from the Developer Portal's Bot page", ex);
        }
        catch (DiscordApiException ex) when (ex.Status is HttpStatusCode.Forbidden or HttpStatusCode.NotFound or HttpStatusCode.BadRequest)
        {
            Stop("Discord refused to register the commands: check Discord:ApplicationId and Discord:GuildId, and that the bot was invited with the applications.commands scope", ex);
        }
        catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
        {
            Stop("unexpected error in the gateway service", ex);
        }
        finally
        {
            await dispatcher.DrainAsync().ConfigureAwait(false);
        }
    }

    /// <summary>Registers the commands; a Discord outage (5xx, network) after retries is logged and the gateway starts anyway, with the commands registered last time.</summary>
    private async Task RegisterCommandsAsync(CancellationToken stoppingToken)
    {
        try
        {
            await registrar.RegisterAsync(stoppingToken).ConfigureAwait(false);
        }
        catch (Exception ex) when ((ex is DiscordApiException { Status: >= HttpStatusCode.InternalServerError or HttpStatusCode.TooManyRequests } or HttpRequestException) && !stoppingToken.IsCancellationRequested)
        {
            LogRegistrationFailed(ex);
        }
    }

    private void Stop(string message, Exception exception)
    {
        LogFatal(message, exception);
        Environment.ExitCode = 1;
        lifetime.StopApplication();
    }

    [LoggerMessage(EventId = 4010, Level = LogLevel.Information, Message = "Discord gateway starting {ShardCount} shard(s), max concurrency {MaxConcurrency}")]
    private partial void LogStarting(int shardCount, int maxConcurrency);

    [LoggerMessage(EventId = 4011, Level = LogLevel.Warning, Message = "Discord session starts exhausted for today: waiting {Minutes:F0} minutes before identifying")]
    private partial void LogSessionStartsExhausted(double minutes);

    [LoggerMessage(EventId = 4013, Level = LogLevel.Error, Message = "Discord application commands could not be registered now; the gateway starts with the commands registered before")]
    private partial void LogRegistrationFailed(Exception exception);

    [LoggerMessage(EventId = 4012, Level = LogLevel.Critical, Message = "Discord transport stopped: {Reason}. The application exits with code 1.")]
    private partial void LogFatal(string reason, Exception exception);
}

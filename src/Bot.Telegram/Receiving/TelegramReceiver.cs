using System.Text.Json;
using Bot.Core.Commands;
using Bot.Telegram.Api;
using Bot.Telegram.State;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Bot.Telegram.Receiving;

/// <summary>
/// The Telegram inbound transport: connects (getMe), registers the command menu, then receives by long polling
/// or by webhook according to Telegram:Mode. Transient failures back off; a rejected token stops the application.
/// </summary>
internal sealed class TelegramReceiver(
    TelegramBotClient client,
    UpdateProcessor processor,
    TelegramStateStore state,
    BotIdentity identity,
    ICommandEngine engine,
    WebhookUpdateQueue webhookQueue,
    WebhookAddress webhookAddress,
    FatalErrors fatal,
    IOptions<TelegramOptions> options,
    TimeProvider time,
    ILoggerFactory loggerFactory) : BackgroundService
{
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(60);
    private readonly TelegramOptions _options = options.Value;
    private readonly ILogger _logger = loggerFactory.CreateLogger<TelegramReceiver>();

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            state.EnsureCreated();
            var me = await ConnectAsync(stoppingToken);
            identity.Set(me);
            Log.Connected(_logger, me.Username, me.Id, _options.Mode);
            await RegisterCommandsAsync(stoppingToken);
            if (_options.Mode == TelegramMode.Webhook)
            {
                await RunWebhookAsync(stoppingToken);
            }
            else
            {
                await RunPollingAsync(stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutdown.
        }
        catch (TelegramApiException ex) when (ex.ErrorCode == 401)
        {
            fatal.Stop("the Bot API rejected the token (401 " + ex.Description + "); set Telegram:Token (Telegram__Token) to the token BotFather gave you");
        }
        catch (Exception ex) when (ex is TelegramApiException { ErrorCode: 404 } or TelegramTransportException { HttpStatus: 404 })
        {
            fatal.Stop("the Bot API answered 404 to getMe; check Telegram:ApiBaseUrl (" + _options.ApiBaseUrl + ") and the token's form");
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            fatal.Stop("the Telegram receiver failed: " + ex.GetType().Name + ": " + TokenRedactor.Redact(ex.Message, _options.Token));
        }
    }

    private async Task<User> ConnectAsync(CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await client.GetMeAsync(ct);
            }
            catch (Exception ex) when ((ex is TelegramTransportException transport && transport.HttpStatus != 404) || (ex is TelegramApiException api && api.ErrorCode != 401 && api.ErrorCode != 404))
            {
                var delay = Backoff(attempt);
                Log.GetMeFailed(_logger, delay, ex);
                await Task.Delay(delay, time, ct);
            }
        }
    }

    private async Task RegisterCommandsAsync(CancellationToken ct)
    {
        var commands = engine.Commands
            .Select(c => new BotCommand(c.Name.Trim().TrimStart('/').ToLowerInvariant(), Describe(c)))
            .Where(c => c.Command.Length is >= 1 and <= 32 && c.Command.All(ch => ch is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '_'))
            .DistinctBy(c => c.Command)
            .Take(100)
            .ToList();
        try
        {
            await client.SetMyCommandsAsync(commands, ct);
            Log.CommandsRegistered(_logger, commands.Count);
        }
        catch (TelegramApiException ex) when (ex.ErrorCode != 401)
        {
            Log.SetCommandsRefused(_logger, ex);
        }
        catch (TelegramTransportException ex)
        {
            Log.SetCommandsRefused(_logger, ex);
        }

        static string Describe(CommandInfo c)
        {
            var d = string.IsNullOrWhiteSpace(c.Description) ? c.Name : c.Description.Trim();
            return d.Length > 256 ? d[..255] + "…" : d;
        }
    }

    private async Task RunPollingAsync(CancellationToken ct)
    {
        try
        {
            await client.DeleteWebhookAsync(ct);
        }
        catch (Exception ex) when (ex is TelegramTransportException || (ex is TelegramApiException api && api.ErrorCode != 401))
        {
            Log.DeleteWebhookFailed(_logger, ex);
        }

        var offset = state.GetOffset();
        var failures = 0;
        while (!ct.IsCancellationRequested)
        {
            var started = time.GetTimestamp();
            JsonElement result;
            try
            {
                result = await client.GetUpdatesAsync(offset, _options.PollTimeoutSeconds, ct);
                failures = 0;
            }
            catch (Exception ex) when (ex is TelegramTransportException || (ex is TelegramApiException api && api.ErrorCode != 401))
            {
                // 409 (another poller or a webhook), 429, 5xx, network: back off, never spin.
                var delay = ex is TelegramApiException { RetryAfter: { } retryAfter } ? TimeSpan.FromSeconds(retryAfter) : Backoff(++failures);
                Log.PollFailed(_logger, delay, ex);
                await Task.Delay(delay, time, ct);
                continue;
            }

            var handled = 0;
            var next = offset;
            if (result.ValueKind == JsonValueKind.Array)
            {
                foreach (var element in result.EnumerateArray())
                {
                    var id = UpdateParser.TryGetUpdateId(element);
                    if (id is null)
                    {
                        Log.MalformedUpdate(_logger, null, "no numeric update_id");
                        continue;
                    }

                    handled++;
                    if (next is null || id.Value + 1 > next)
                    {
                        next = id.Value + 1;
                    }

                    await processor.ProcessAsync(element, ct);
                }
            }
            else
            {
                Log.MalformedUpdate(_logger, null, "getUpdates result is not an array");
            }

            if (next != offset && next is { } confirmed)
            {
                state.SaveOffset(confirmed);
                offset = confirmed;
            }

            if (handled == 0)
            {
                // An empty answer that came back at once must not make the loop spin.
                var remaining = _options.MinEmptyPollInterval - time.GetElapsedTime(started);
                if (remaining > TimeSpan.Zero)
                {
                    await Task.Delay(remaining, time, ct);
                }
            }
        }
    }

    private async Task RunWebhookAsync(CancellationToken ct)
    {
        await client.SetWebhookAsync(_options.WebhookUrl!, _options.WebhookSecret!, ct);

        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls(_options.WebhookListenUrl);
        await using var app = builder.Build();
        WebhookEndpoint.Map(app, _options.WebhookPath, _options.WebhookSecret!, webhookQueue, _logger);
        await app.StartAsync(ct);
        try
        {
            var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses;
            webhookAddress.Set(new Uri(addresses?.FirstOrDefault() ?? _options.WebhookListenUrl));
            Log.WebhookSet(_logger, webhookAddress.Current!.ToString().TrimEnd('/'), _options.WebhookPath);

            await foreach (var update in webhookQueue.Reader.ReadAllAsync(ct))
            {
                await processor.ProcessAsync(update, ct);
            }
        }
        finally
        {
            await app.StopAsync(CancellationToken.None);
        }
    }

    /// <summary>Exponential backoff with jitter: about 1, 2, 4 … 60 s.</summary>
    private static TimeSpan Backoff(int attempt)
    {
        var ceiling = Math.Min(MaxBackoff.TotalSeconds, Math.Pow(2, Math.Min(attempt, 10) - 1));
#pragma warning disable CA5394 // Jitter, not security.
        return TimeSpan.FromSeconds((ceiling / 2) + (Random.Shared.NextDouble() * ceiling / 2));
#pragma warning restore CA5394
    }
}

/// <summary>The address the webhook listener is bound to, once it is (tests bind to port 0).</summary>
public sealed class WebhookAddress
{
    private readonly TaskCompletionSource<Uri> _bound = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>The bound address, or null before the listener started.</summary>
    public Uri? Current => _bound.Task.IsCompletedSuccessfully ? _bound.Task.Result : null;

    /// <summary>Completes when the listener is bound.</summary>
    public Task<Uri> WhenBound => _bound.Task;

    internal void Set(Uri address) => _bound.TrySetResult(address);
}

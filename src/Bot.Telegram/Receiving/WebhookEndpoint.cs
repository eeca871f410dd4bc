using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Threading.Channels;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;

namespace Bot.Telegram.Receiving;

/// <summary>Updates received by the webhook, waiting to be handled in the background.</summary>
internal sealed class WebhookUpdateQueue
{
    private const int RememberedIds = 10_000;
    private readonly Channel<JsonElement> _channel = Channel.CreateBounded<JsonElement>(new BoundedChannelOptions(10_000) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });
    private readonly HashSet<long> _seen = [];
    private readonly Queue<long> _order = new();
    private readonly Lock _lock = new();

    public ChannelReader<JsonElement> Reader => _channel.Reader;

    /// <summary>Queues an update unless its id was seen recently (Telegram redelivers when an answer was late).</summary>
    public bool TryAccept(long updateId, JsonElement update)
    {
        lock (_lock)
        {
            if (!_seen.Add(updateId))
            {
                return false;
            }

            _order.Enqueue(updateId);
            if (_order.Count > RememberedIds)
            {
                _seen.Remove(_order.Dequeue());
            }
        }

        return _channel.Writer.TryWrite(update);
    }
}

/// <summary>The webhook endpoint: checks the secret header in constant time (403 otherwise), answers 200 at once and queues the update.</summary>
internal static class WebhookEndpoint
{
    public const string SecretHeader = "X-Telegram-Bot-Api-Secret-Token";
    private const int MaxBodyBytes = 1 << 20;

    public static IEndpointConventionBuilder Map(IEndpointRouteBuilder endpoints, string path, string secret, WebhookUpdateQueue queue, ILogger logger)
    {
        var expected = SHA256.HashData(Encoding.UTF8.GetBytes(secret));
        return endpoints.MapPost(path, async (HttpContext context) =>
        {
            var given = context.Request.Headers[SecretHeader].ToString();
            var givenHash = SHA256.HashData(Encoding.UTF8.GetBytes(given));
            if (!CryptographicOperations.FixedTimeEquals(expected, givenHash))
            {
                Log.WebhookForbidden(logger);
                return Results.StatusCode(StatusCodes.Status403Forbidden);
            }

            if (context.Request.ContentLength > MaxBodyBytes)
            {
                Log.MalformedUpdate(logger, null, "webhook body too large");
                return Results.Ok();
            }

            JsonElement update;
            try
            {
                using var document = await JsonDocument.ParseAsync(context.Request.Body, default, context.RequestAborted);
                update = document.RootElement.Clone();
            }
            catch (JsonException)
            {
                // Answer 2xx anyway: Telegram would only redeliver the same bad body.
                Log.MalformedUpdate(logger, null, "webhook body is not JSON");
                return Results.Ok();
            }

            if (UpdateParser.TryGetUpdateId(update) is not { } updateId)
            {
                Log.MalformedUpdate(logger, null, "no numeric update_id");
                return Results.Ok();
            }

            if (!queue.TryAccept(updateId, update))
            {
                Log.DuplicateUpdate(logger, updateId);
            }

            return Results.Ok();
        });
    }
}

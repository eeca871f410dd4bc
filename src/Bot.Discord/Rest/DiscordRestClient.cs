using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Reflection;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Bot.Discord.Rest;

/// <summary>
/// Discord REST v10 over one HttpClient: <c>Authorization: Bot</c>, a proper User-Agent, rate limits
/// per bucket and global, bounded retries with backoff for 5xx and network failures, and typed errors.
/// Logs name route templates only: no ids, no interaction tokens, never the bot token.
/// </summary>
internal sealed partial class DiscordRestClient(
    HttpClient http,
    RateLimiter limiter,
    IOptions<DiscordOptions> options,
    TimeProvider time,
    ILogger<DiscordRestClient> logger)
{
    internal const int MaxTransientRetries = 3;
    internal const int MaxRateLimitRetries = 5;
    private static readonly string UserAgent =
        $"DiscordBot (https://github.com/news-bot/news-bot, {typeof(DiscordRestClient).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "1.0"})";

    /// <summary>Backoff before retry n (1-based) after a 5xx or network failure; tests shorten it.</summary>
    internal static TimeSpan TransientBackoff(int attempt) => TimeSpan.FromMilliseconds(250 * Math.Pow(2, attempt - 1) * (0.8 + (0.4 * Random.Shared.NextDouble())));

    private string ApplicationId => options.Value.ApplicationId;

    public Task<GatewayBotInfo> GetGatewayBotAsync(CancellationToken cancellationToken) =>
        SendAsync<GatewayBotInfo>(HttpMethod.Get, "gateway/bot", "gateway/bot", "", null, false, cancellationToken);

    public Task<JsonElement> BulkOverwriteCommandsAsync(IReadOnlyList<ApplicationCommand> commands, string? guildId, CancellationToken cancellationToken) =>
        guildId is { Length: > 0 }
            ? SendAsync<JsonElement>(HttpMethod.Put, "applications/{app}/guilds/{guild}/commands", $"applications/{ApplicationId}/guilds/{guildId}/commands", guildId, commands, false, cancellationToken)
            : SendAsync<JsonElement>(HttpMethod.Put, "applications/{app}/commands", $"applications/{ApplicationId}/commands", ApplicationId, commands, false, cancellationToken);

    public Task CreateInteractionResponseAsync(string interactionId, string token, InteractionResponse response, CancellationToken cancellationToken) =>
        SendAsync<JsonElement?>(HttpMethod.Post, "interactions/{id}/{token}/callback", $"interactions/{interactionId}/{token}/callback", interactionId, response, true, cancellationToken);

    public Task EditOriginalResponseAsync(string token, MessagePayload message, CancellationToken cancellationToken) =>
        SendAsync<JsonElement?>(HttpMethod.Patch, "webhooks/{app}/{token}/messages/@original", $"webhooks/{ApplicationId}/{token}/messages/@original", token, message, true, cancellationToken);

    public Task CreateFollowupAsync(string token, MessagePayload message, CancellationToken cancellationToken) =>
        SendAsync<JsonElement?>(HttpMethod.Post, "webhooks/{app}/{token}", $"webhooks/{ApplicationId}/{token}", token, message, true, cancellationToken);

    public Task<CreatedMessage> CreateMessageAsync(string channelId, MessagePayload message, CancellationToken cancellationToken) =>
        SendAsync<CreatedMessage>(HttpMethod.Post, "channels/{channel}/messages", $"channels/{channelId}/messages", channelId, message, false, cancellationToken);

    private async Task<T> SendAsync<T>(HttpMethod method, string routeTemplate, string path, string major, object? body, bool globalExempt, CancellationToken cancellationToken)
    {
        var route = method.Method + " " + routeTemplate;
        var bucket = limiter.BucketFor(route, major);
        await bucket.Gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var transientFailures = 0;
            var rateLimited = 0;
            while (true)
            {
                await limiter.WaitAsync(bucket, globalExempt, cancellationToken).ConfigureAwait(false);
                HttpResponseMessage response;
                try
                {
                    using var request = CreateRequest(method, path, body);
                    response = await http.SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken).ConfigureAwait(false);
                }
                catch (Exception ex) when (ex is HttpRequestException || (ex is TaskCanceledException && !cancellationToken.IsCancellationRequested))
                {
                    if (++transientFailures > MaxTransientRetries)
                    {
                        LogGaveUp(route, transientFailures, ex);
                        throw;
                    }

                    var delay = TransientBackoff(transientFailures);
                    LogTransientFailure(route, "network", transientFailures, delay.TotalMilliseconds, ex);
                    await Task.Delay(delay, time, cancellationToken).ConfigureAwait(false);
                    continue;
                }

                using (response)
                {
                    limiter.Update(route, major, bucket, response.Headers);
                    if (response.StatusCode == HttpStatusCode.TooManyRequests)
                    {
                        var (retryAfter, global) = await ReadRetryAfterAsync(response, cancellationToken).ConfigureAwait(false);
                        limiter.OnTooManyRequests(bucket, retryAfter, global);
                        if (++rateLimited > MaxRateLimitRetries)
                        {
                            throw new DiscordApiException(response.StatusCode, null, "still rate limited after retries", route);
                        }

                        LogRateLimited(route, retryAfter.TotalMilliseconds, global);
                        continue;
                    }

                    if ((int)response.StatusCode >= 500)
                    {
                        if (++transientFailures > MaxTransientRetries)
                        {
                            throw await ErrorAsync(response, route, cancellationToken).ConfigureAwait(false);
                        }

                        var delay = TransientBackoff(transientFailures);
                        LogTransientFailure(route, ((int)response.StatusCode).ToString(CultureInfo.InvariantCulture), transientFailures, delay.TotalMilliseconds, null);
                        await Task.Delay(delay, time, cancellationToken).ConfigureAwait(false);
                        continue;
                    }

                    if (!response.IsSuccessStatusCode)
                    {
                        throw await ErrorAsync(response, route, cancellationToken).ConfigureAwait(false);
                    }

                    if (response.StatusCode == HttpStatusCode.NoContent || response.Content.Headers.ContentLength == 0)
                    {
                        return default!;
                    }

                    return (await response.Content.ReadFromJsonAsync<T>(DiscordJson.Options, cancellationToken).ConfigureAwait(false))!;
                }
            }
        }
        finally
        {
            bucket.Gate.Release();
        }
    }

    private HttpRequestMessage CreateRequest(HttpMethod method, string path, object? body)
    {
        var baseUrl = options.Value.ApiBaseUrl.ToString().TrimEnd('/');
        var request = new HttpRequestMessage(method, new Uri(baseUrl + "/" + path));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bot", options.Value.Token);
        request.Headers.TryAddWithoutValidation("User-Agent", UserAgent);
        if (body is not null)
        {
            request.Content = JsonContent.Create(body, body.GetType(), options: DiscordJson.Options);
        }

        return request;
    }

    private static async Task<(TimeSpan RetryAfter, bool Global)> ReadRetryAfterAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var global = response.Headers.TryGetValues("X-RateLimit-Global", out var g) && g.Any(v => v.Equals("true", StringComparison.OrdinalIgnoreCase));
        double seconds = 1;
        try
        {
            var body = await response.Content.ReadFromJsonAsync<RateLimitBody>(DiscordJson.Options, cancellationToken).ConfigureAwait(false);
            if (body is not null)
            {
                seconds = body.RetryAfter;
                global |= body.Global;
            }
        }
        catch (JsonException)
        {
            if (response.Headers.RetryAfter?.Delta is { } delta)
            {
                seconds = delta.TotalSeconds;
            }
        }

        return (TimeSpan.FromSeconds(Math.Clamp(seconds, 0, 60)), global);
    }

    private static async Task<DiscordApiException> ErrorAsync(HttpResponseMessage response, string route, CancellationToken cancellationToken)
    {
        int? code = null;
        var message = response.ReasonPhrase ?? "error";
        try
        {
            var body = await response.Content.ReadFromJsonAsync<DiscordErrorBody>(DiscordJson.Options, cancellationToken).ConfigureAwait(false);
            code = body?.Code;
            message = body?.Message ?? message;
        }
        catch (Exception ex) when (ex is JsonException or NotSupportedException)
        {
            // Not JSON (a proxy's HTML page): keep the reason phrase.
        }

        return new DiscordApiException(response.StatusCode, code, message, route);
    }

    [LoggerMessage(EventId = 4001, Level = LogLevel.Warning, Message = "Discord REST {Route} rate limited: waiting {RetryAfterMs} ms (global: {Global})")]
    private partial void LogRateLimited(string route, double retryAfterMs, bool global);

    [LoggerMessage(EventId = 4002, Level = LogLevel.Warning, Message = "Discord REST {Route} failed ({Failure}), retry {Attempt} in {DelayMs} ms")]
    private partial void LogTransientFailure(string route, string failure, int attempt, double delayMs, Exception? exception);

    [LoggerMessage(EventId = 4003, Level = LogLevel.Error, Message = "Discord REST {Route} failed {Attempts} times; giving up")]
    private partial void LogGaveUp(string route, int attempts, Exception exception);
}

using Bot.Core.Commands;
using Bot.Core.Knowledge;
using Bot.Core.Replies;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Bot.Host.ConsoleChat;

/// <summary>Where the console chat reads and writes: the process's standard streams, or others in tests.</summary>
internal sealed record ConsoleChatStreams(TextReader Input, TextWriter Output, bool Interactive)
{
    private readonly Lock _gate = new();

    /// <summary>Writes a whole answer or digest at once, so the chat's answers and scheduled digests never interleave.</summary>
    public void Write(string text)
    {
        lock (_gate)
        {
            Output.WriteLine(text);
            Output.Flush();
        }
    }
}

/// <summary>
/// The console transport: reads commands from standard input, one per line, and prints each answer as plain text.
/// Ends the application when input ends; Ctrl+C stops it at once.
/// </summary>
internal sealed partial class ConsoleChatService(
    ICommandEngine engine,
    IKnowledgeReader knowledge,
    ConsoleChatStreams streams,
    IHostApplicationLifetime lifetime,
    ILogger<ConsoleChatService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Yield();
        var stats = knowledge.GetStats();
        await streams.Output.WriteLineAsync($"News bot: {stats.Articles} articles, {stats.Entities} names, {stats.Facts} facts. Type /help, or Ctrl+C to quit.");
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                if (streams.Interactive)
                {
                    await streams.Output.WriteAsync("> ");
                    await streams.Output.FlushAsync(stoppingToken);
                }

                var line = await streams.Input.ReadLineAsync(stoppingToken).AsTask().WaitAsync(stoppingToken);
                if (line is null)
                {
                    break;
                }

                line = line.Trim();
                if (line.Length == 0)
                {
                    continue;
                }

                if (!line.StartsWith('/'))
                {
                    line = "/" + line;
                }

                using var scope = logger.BeginScope(new Dictionary<string, object> { ["Platform"] = "console" });
                var reply = await engine.HandleAsync(new CommandRequest(line, ConsoleDigestPublisher.PlatformName, ConsoleDigestPublisher.ChatId), stoppingToken);
                streams.Write(PlainTextRenderer.Render(reply));
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Ctrl+C or host shutdown: normal.
        }

        LogInputEnded(logger);
        lifetime.StopApplication();
    }

    [LoggerMessage(EventId = 1201, Level = LogLevel.Information, Message = "Console chat ended")]
    private static partial void LogInputEnded(ILogger logger);
}

/// <summary>Registers the console chat.</summary>
internal static class ConsoleChatServiceCollectionExtensions
{
    /// <summary>Adds the console chat on the process's standard input and output.</summary>
    public static IHostApplicationBuilder AddConsoleTransport(this IHostApplicationBuilder builder, ConsoleChatStreams? streams = null)
    {
        builder.Services.AddSingleton(streams ?? new ConsoleChatStreams(Console.In, Console.Out, !Console.IsInputRedirected));
        builder.Services.AddHostedService<ConsoleChatService>();
        builder.Services.AddSingleton<Bot.Core.Digests.IDigestPublisher, ConsoleDigestPublisher>();
        return builder;
    }
}

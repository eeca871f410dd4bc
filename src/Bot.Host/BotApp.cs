using Bot.Core.Commands;
using Bot.Discord;
using Bot.Telegram;
using Bot.Core.Evaluation;
using Bot.Core.Knowledge;
using Bot.Core.Replies;
using Bot.Host.Cli;
using Bot.Host.ConsoleChat;
using Bot.Scheduling;
using Bot.Storage.Composition;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Bot.Host;

/// <summary>The application: builds the Generic Host from configuration and runs the verb the command line asks for.</summary>
internal static class BotApp
{
    /// <summary>Runs the verb of <paramref name="args"/>; returns the process exit code.</summary>
    public static async Task<int> RunAsync(string[] args, TextWriter? output = null, ConsoleChatStreams? console = null, CancellationToken cancellationToken = default)
    {
        output ??= Console.Out;
        var cli = HostArguments.Parse(args);
        if (cli.Verb != "ask" && cli.Words.Count > 0)
        {
            // "evaluate", "serve", a setting without its "--": never a bot started on words it ignores.
            await output.WriteLineAsync($"Not understood: {string.Join(' ', cli.Words)}{Environment.NewLine}{HostArguments.Usage}");
            return 2;
        }

        switch (cli.Verb)
        {
            case "help":
                await output.WriteLineAsync(HostArguments.Usage);
                return 0;
            case "ask":
                return await AskAsync(cli, output, cancellationToken);
            case "eval":
                return Evaluate(cli, output);
            case "ingest":
                using (var host = Build(cli, quiet: false))
                {
                    var report = host.Services.GetRequiredService<KnowledgeIngestor>().Sync(cancellationToken: cancellationToken);
                    await output.WriteLineAsync($"{report.Files} files: {report.Extracted} extracted, {report.Unchanged} unchanged, {report.Skipped} skipped ({report.Elapsed.TotalMilliseconds:0} ms).");
                    return 0;
                }

            default:
                using (var host = Build(cli, quiet: false, console))
                {
                    await host.RunAsync(cancellationToken);
                    return Environment.ExitCode;
                }
        }
    }

    /// <summary>Creates the host builder: configuration from config/appsettings.json, the environment's file, user secrets, environment variables and the command line, in that order.</summary>
    public static HostApplicationBuilder CreateBuilder(string[] configurationArgs, bool quiet)
    {
        var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = configurationArgs, DisableDefaults = false });
        var configFolder = Bot.Core.Articles.DatasetPaths.Resolve("config");
        builder.Configuration.Sources.Clear();
        builder.Configuration
            .AddJsonFile(Path.Combine(configFolder, "appsettings.json"), optional: false, reloadOnChange: false)
            .AddJsonFile(Path.Combine(configFolder, $"appsettings.{builder.Environment.EnvironmentName}.json"), optional: true, reloadOnChange: false)
            .AddUserSecrets(typeof(BotApp).Assembly, optional: true)
            .AddEnvironmentVariables()
            .AddCommandLine(configurationArgs);

        // Answers go to standard output; logs always to standard error.
        builder.Logging.ClearProviders();
        builder.Logging.AddSimpleConsole(o => o.SingleLine = true);
        builder.Services.Configure<Microsoft.Extensions.Logging.Console.ConsoleLoggerOptions>(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
        if (quiet)
        {
            // A provider-specific rule outranks the configuration's category defaults.
            builder.Logging.AddFilter<Microsoft.Extensions.Logging.Console.ConsoleLoggerProvider>(null, LogLevel.Warning);
        }

        return builder;
    }

    /// <summary>
    /// The host of the run verb as <c>dotnet run</c> composes it from <paramref name="args"/>: configuration, the knowledge
    /// core and each chat transport whose token is configured (the console chat when none is). Integration tests build it
    /// to run the product's own composition against loopback servers.
    /// </summary>
    public static HostApplicationBuilder CreateRunBuilder(string[] args, bool quiet = false, ConsoleChatStreams? console = null) =>
        Compose(HostArguments.Parse(args), quiet, console);

    private static HostApplicationBuilder Compose(HostArguments cli, bool quiet, ConsoleChatStreams? console = null)
    {
        var builder = CreateBuilder(cli.Configuration, quiet);
        builder.AddKnowledge();
        if (cli.Verb == "run")
        {
            builder.AddDigests();

            // Each chat platform runs when its token is configured; with none, the console chat is the transport.
            var chats = 0;
            if (TelegramTransport.IsConfigured(builder.Configuration))
            {
                builder.AddTelegramTransport();
                chats++;
            }

            if (DiscordTransport.IsConfigured(builder.Configuration))
            {
                builder.AddDiscordTransport();
                chats++;
            }

            if (chats == 0)
            {
                builder.AddConsoleTransport(console);
            }
        }

        return builder;
    }

    private static IHost Build(HostArguments cli, bool quiet, ConsoleChatStreams? console = null)
    {
        var host = Compose(cli, quiet, console).Build();
        host.Services.GetRequiredService<IStartupValidator>().Validate();
        return host;
    }

    private static async Task<int> AskAsync(HostArguments cli, TextWriter output, CancellationToken cancellationToken)
    {
        if (cli.Words.Count == 0)
        {
            await output.WriteLineAsync("Usage: ask \"/members <name>\" (one command, quoted or not)");
            return 2;
        }

        using var host = Build(cli, quiet: true);
        host.Services.GetRequiredService<KnowledgeIngestor>().Sync(cancellationToken: cancellationToken);
        var text = string.Join(' ', cli.Words);
        if (!text.StartsWith('/'))
        {
            text = "/" + text;
        }

        var reply = await host.Services.GetRequiredService<ICommandEngine>().HandleAsync(new CommandRequest(text, "console", "console"), cancellationToken);
        await output.WriteAsync(PlainTextRenderer.Render(reply));
        return reply.Kind is ReplyKind.Answer or ReplyKind.Help ? 0 : 1;
    }

    private static int Evaluate(HostArguments cli, TextWriter output)
    {
        var facts = Bot.Core.Articles.DatasetPaths.Resolve(cli.Options.GetValueOrDefault("facts") ?? "tests/Bot.Core.Tests/Acceptance/seed-facts.json");
        if (!File.Exists(facts))
        {
            output.WriteLine($"Reference file not found: {facts} (give one with --facts).");
            return 2;
        }

        // A fresh store, so the figures are the extractor's on the configured dataset, not an old state.
        var folder = Path.Combine(Path.GetTempPath(), "newsbot-eval-" + Guid.NewGuid().ToString("N"));
        try
        {
            using (var host = Build(cli with { Configuration = [.. cli.Configuration, $"--Storage:KnowledgePath={Path.Combine(folder, "eval.db")}"] }, quiet: true))
            {
                host.Services.GetRequiredService<KnowledgeIngestor>().Sync();
                var result = FactEvaluator.Evaluate(host.Services.GetRequiredService<IKnowledgeReader>(), facts);
                output.WriteLine($"Evaluation against {facts} on {host.Services.GetRequiredService<IOptions<Bot.Core.Articles.DatasetOptions>>().Value.Path}");
                output.WriteLine(result.ToTable());
                if (result.Missed.Count > 0)
                {
                    output.WriteLine();
                    output.WriteLine("Missed:");
                    result.Missed.ToList().ForEach(m => output.WriteLine("  " + m));
                }

                if (result.Spurious.Count > 0)
                {
                    output.WriteLine();
                    output.WriteLine("Not in the reference:");
                    result.Spurious.ToList().ForEach(m => output.WriteLine("  " + m));
                }
            }

            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            return 0;
        }
        finally
        {
            try
            {
                Directory.Delete(folder, recursive: true);
            }
            catch (IOException)
            {
                // A temporary folder left behind is harmless.
            }
        }
    }
}

namespace Bot.Host.Cli;

/// <summary>
/// The command line split into a verb ("run", "ask", "eval", "ingest"), the verb's own words, and configuration
/// overrides ("--Dataset:Path=folder" or "--Dataset:Path folder"), which go to the configuration like every setting.
/// </summary>
internal sealed record HostArguments(string Verb, IReadOnlyList<string> Words, IReadOnlyDictionary<string, string> Options, string[] Configuration)
{
    private static readonly HashSet<string> Verbs = new(StringComparer.OrdinalIgnoreCase) { "run", "ask", "eval", "ingest", "help", "--help", "-h" };
    private static readonly HashSet<string> VerbOptions = new(StringComparer.OrdinalIgnoreCase) { "--facts" };

    public static HostArguments Parse(IReadOnlyList<string> args)
    {
        var verb = "run";
        var start = 0;
        if (args.Count > 0 && Verbs.Contains(args[0]))
        {
            verb = args[0].TrimStart('-').ToLowerInvariant() is "h" ? "help" : args[0].TrimStart('-').ToLowerInvariant();
            start = 1;
        }

        var words = new List<string>();
        var options = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var configuration = new List<string>();
        for (var i = start; i < args.Count; i++)
        {
            var arg = args[i];
            if (VerbOptions.Contains(arg) && i + 1 < args.Count)
            {
                options[arg.TrimStart('-')] = args[++i];
            }
            else if (arg.StartsWith("--", StringComparison.Ordinal) && arg.Length > 2)
            {
                configuration.Add(arg);
                if (!arg.Contains('=', StringComparison.Ordinal) && i + 1 < args.Count)
                {
                    configuration.Add(args[++i]);
                }
            }
            else
            {
                words.Add(arg);
            }
        }

        return new HostArguments(verb, words, options, [.. configuration]);
    }

    public const string Usage = """
        Usage: Bot.Host [verb] [--Section:Key=value ...]
          run                 run the bot (the default): Telegram or Discord when a token is configured, else a console chat
          ask "/members X"    answer one command on standard output and exit
          eval [--facts F]    print precision and recall of the extracted facts against a reference file
                              (default tests/Bot.Core.Tests/Acceptance/seed-facts.json)
          ingest              synchronise the knowledge store with the dataset folder and exit
        Every setting can be given as --Section:Key=value, e.g. --Dataset:Path=/news.
        """;
}

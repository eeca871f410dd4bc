using System.Text.Json;
using Bot.Core.Commands;
using Bot.Core.Replies;
using Bot.Storage.Sqlite;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Bot.Benchmarks.Scenarios;

/// <summary>
/// What a store gives its readers, one line each (<c>dump &lt;db&gt; paragraphs|facts|article-entities|answers</c>): every article's paragraphs as
/// <c>GetParagraphs</c> reads them or every fact as <c>AllFacts</c> reads it (JSON), the entities each article names, or the /members and /about answers about every entity as users read them (plain text). Two stores whose dumps are the same answer
/// the same, whatever form their tables keep the values in (compare the dumps' hashes, with the other tables', before and after
/// a change to how the store keeps them).
/// </summary>
internal static class DumpScenario
{
    public static int Run(string database, string what)
    {
        using var store = new SqliteKnowledgeStore(database);
        using var output = new StreamWriter(Console.OpenStandardOutput()) { NewLine = "\n" };
        switch (what)
        {
            case "paragraphs":
                foreach (var id in store.ArticleIds())
                {
                    output.WriteLine(id + "\t" + JsonSerializer.Serialize(store.GetParagraphs(id)));
                }

                break;
            case "facts":
                foreach (var fact in store.AllFacts())
                {
                    output.WriteLine(JsonSerializer.Serialize(fact));
                }

                break;
            case "article-entities":
                // As "SELECT article, entity, position, mentions FROM article_entities ORDER BY article, entity" printed
                // them when the store kept a row for each.
                using (var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = database, Mode = SqliteOpenMode.ReadOnly }.ToString()))
                {
                    connection.Open();
                    using var command = connection.CreateCommand();
                    command.CommandText = "SELECT article, body FROM article_knowledge ORDER BY article";
                    using var reader = command.ExecuteReader();
                    while (reader.Read())
                    {
                        var article = reader.GetInt64(0);
                        foreach (var (entity, position) in KnowledgeRows.ReadEntities(reader.GetFieldValue<byte[]>(1)).Select((e, i) => (e, i)).OrderBy(p => p.e.Entity))
                        {
                            output.WriteLine(FormattableString.Invariant($"{article}|{entity.Entity}|{position}|{entity.Mentions}"));
                        }
                    }
                }

                break;
            case "answers":
                // The /members and /about answers about every entity, by its first name, built from the store (no reply
                // cache) and rendered as plain text: what users read, to compare before and after a change to the answer path.
                var engine = new CommandEngine(store, Options.Create(new CommandOptions { ReplyCacheSize = 0 }), NullLogger<CommandEngine>.Instance);
                foreach (var (name, entity) in store.AllNames().DistinctBy(n => n.Entity).OrderBy(n => n.Entity))
                {
                    foreach (var command in (ReadOnlySpan<string>)["/members ", "/about "])
                    {
                        var reply = engine.HandleAsync(new CommandRequest(command + name, "dump", "dump"), CancellationToken.None).AsTask().GetAwaiter().GetResult();
                        output.WriteLine(FormattableString.Invariant($"{entity}\t{command}{name}\t{PlainTextRenderer.Render(reply).ReplaceLineEndings("\\n")}"));
                    }
                }

                break;
            default:
                Console.Error.WriteLine("dump <db> paragraphs|facts|article-entities|answers");
                return 2;
        }

        return 0;
    }
}

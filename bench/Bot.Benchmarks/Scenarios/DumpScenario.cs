using System.Text.Json;
using Bot.Storage.Sqlite;

namespace Bot.Benchmarks.Scenarios;

/// <summary>
/// What a store gives its readers, as lines of JSON (<c>dump &lt;db&gt; paragraphs|facts</c>): every article's paragraphs as
/// <c>GetParagraphs</c> reads them, or every fact as <c>AllFacts</c> reads it. Two stores whose dumps are the same answer
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
            default:
                Console.Error.WriteLine("dump <db> paragraphs|facts");
                return 2;
        }

        return 0;
    }
}

using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Bot.Discord.Rendering;
using Bot.Host;
using Bot.Testing.Acceptance;
using Bot.Testing.Discord;

namespace Bot.Discord.Tests.Acceptance;

/// <summary>
/// The product as <c>dotnet run</c> composes it with <c>Discord__Token</c> and <c>Discord__ApplicationId</c> set
/// (<see cref="BotApp.CreateRunBuilder"/>: the real knowledge core over the repo's dataset, a fresh store, the Discord
/// transport), connected to a <see cref="DiscordTestServer"/> on loopback.
/// </summary>
public sealed class DiscordProduct : IAsyncLifetime
{
    private ProductHost? _product;
    private int _interactions;

    public DiscordTestServer Server { get; private set; } = null!;

    public ProductHost Product => _product!;

    /// <summary>The application commands the bot registered.</summary>
    public JsonArray Registered { get; private set; } = [];

    public async Task InitializeAsync()
    {
        Server = await DiscordTestServer.StartAsync();
        _product = await ProductHost.StartAsync(
            args => BotApp.CreateRunBuilder(args, quiet: true),
            _ =>
            [
                "--Discord:Token=" + DiscordTestHost.Token,
                "--Discord:ApplicationId=" + DiscordTestHost.ApplicationId,
                "--Discord:GuildId=" + DiscordTestHost.GuildId,
                "--Discord:ApiBaseUrl=" + Server.ApiBaseUrl,
                "--Telegram:Token=",
            ]);
        await Server.WaitForConnectionAsync(0);
        Registered = (await Server.WaitForRequestAsync(r => r.Method == "PUT" && r.Succeeded, "command registration")).Body!.AsArray();
    }

    /// <summary>Sends a slash command as Discord's client builds it and returns every message of the answer once the bot stops sending.</summary>
    public async Task<IReadOnlyList<JsonNode>> SlashCommandAsync(string name, string? option, string? value)
    {
        var n = Interlocked.Increment(ref _interactions);
        var id = (1_910_000_000_000_000_000 + n).ToString(CultureInfo.InvariantCulture);
        var token = "seed-interaction-" + n.ToString(CultureInfo.InvariantCulture);
        var before = Product.Engine.Exchanges.Count;
        var live = await Server.WaitForConnectionAsync(0);
        await live.SendDispatchAsync("INTERACTION_CREATE", DiscordTestServer.SlashCommand(name, option, value, id, token));
        var callback = await Server.WaitForRequestAsync(r => r.Path == $"interactions/{id}/{token}/callback" && r.Succeeded, $"the response to /{name}");
        if (callback.Body!["type"]!.GetValue<int>() == 5)
        {
            // Deferred: the answer comes as an edit of the original response.
            await Server.WaitForRequestAsync(r => r.Method == "PATCH" && r.Path.Contains(token, StringComparison.Ordinal) && r.Succeeded, $"the edit of /{name}");
        }

        // The bot sends the messages it rendered from the engine's reply one after another: wait until all of them
        // arrived rather than for a pause between two, which a loaded machine can make longer than any settling time.
        if (Product.Engine.Exchanges.Skip(before).ToList() is [var exchange])
        {
            var expected = EmbedRenderer.Render(exchange.Reply).Count;
            var deadline = TimeProvider.System.GetUtcNow().AddSeconds(30);
            while (Messages(id, token).Count < expected && TimeProvider.System.GetUtcNow() < deadline)
            {
                await Task.Delay(20);
            }
        }

        return await ProductHost.WhenSettledAsync(() => Messages(id, token));
    }

    public async Task DisposeAsync()
    {
        if (_product is not null)
        {
            await _product.DisposeAsync();
        }

        await Server.DisposeAsync();
    }

    private List<JsonNode> Messages(string id, string token) =>
    [
        .. Server.Requests
            .Where(r => r.Succeeded && r.Body is not null && (r.Path == $"interactions/{id}/{token}/callback" || r.Path.StartsWith($"webhooks/{DiscordTestHost.ApplicationId}/{token}", StringComparison.Ordinal)))
            .Select(r => r.Path.EndsWith("/callback", StringComparison.Ordinal) ? r.Body!["data"] : r.Body)
            .OfType<JsonNode>(),
    ];
}

/// <summary>
/// Issue 4's "done when": every question of seed-questions.json that Discord can send is sent as the slash command
/// Discord's client builds from the registered commands (its option filled in) and answered with the real engine; the
/// embeds the bot sent, read as the user sees them (title, description, fields, footer), meet the question's expectations.
/// </summary>
public sealed partial class SeedQuestionTests(DiscordProduct product) : IClassFixture<DiscordProduct>
{
    private static readonly IReadOnlyList<Question> Questions = QuestionFile.Load(QuestionFile.SeedQuestionsPath);

    /// <summary>
    /// The questions Discord's client cannot send: "/frobnicate" is no registered command, so the command picker never
    /// offers it; "/members" and "/about" without a name lack their required option, which the client refuses to send.
    /// </summary>
    private static readonly string[] NotExpressible = ["/members", "/about", "/frobnicate"];

    public static TheoryData<string> Commands() => [.. Questions.Select(q => q.Command).Where(c => !NotExpressible.Contains(c))];

    [Theory]
    [MemberData(nameof(Commands))]
    public async Task SeedQuestion_SentAsSlashCommand_AnsweredWithWhatTheArticlesSay(string command)
    {
        var question = Questions.Single(q => q.Command == command);

        // "/members@NewsBot BSN" is Telegram's way to address a bot in a group; on Discord it is "/members" with name "BSN".
        var parts = command.TrimStart('/').Split(' ', 2);
        var name = parts[0].Split('@')[0];
        var registered = product.Registered.Single(c => c!["name"]!.GetValue<string>() == name)!;
        var option = parts.Length > 1 ? registered["options"]![0]!["name"]!.GetValue<string>() : null;
        var before = product.Product.Engine.Exchanges.Count;

        var messages = await product.SlashCommandAsync(name, option, parts.Length > 1 ? parts[1] : null);

        var (request, reply) = Assert.Single(product.Product.Engine.Exchanges.Skip(before));
        Assert.Equal("/" + name + (parts.Length > 1 ? " " + parts[1] : ""), request.Text);
        var text = string.Join("\n", messages.Select(DiscordMessageText.PlainText));
        var failures = QuestionFile.Check(question, reply.Kind, text, product.Product.Articles);
        failures.AddRange(QuestionFile.NotShown(reply, text));
        failures.AddRange(messages.SelectMany(DiscordMessageText.LimitViolations));
        failures.AddRange(Incomplete(messages));
        Assert.True(failures.Count == 0, $"{command}: {string.Join("; ", failures)}\n--- as shown in Discord ---\n{text}");
    }

    [Fact]
    public void SeedQuestions_OnlyThoseWithoutARegisteredCommandOrRequiredOption_AreNotSent()
    {
        var unsendable = Questions.Select(q => q.Command).Where(c =>
        {
            var parts = c.TrimStart('/').Split(' ', 2);
            var command = product.Registered.SingleOrDefault(r => r!["name"]!.GetValue<string>() == parts[0].Split('@')[0]);
            return command is null || (parts.Length == 1 && command["options"]?[0]?["required"]?.GetValue<bool>() == true);
        });

        Assert.Equal(NotExpressible, unsendable);
    }

    [Theory]
    [InlineData("about", "BSN")]
    [InlineData("members", "BSN")]
    public async Task LongRealReply_ArrivesCompleteInEmbedsWithinTheLimits(string command, string name)
    {
        var before = product.Product.Engine.Exchanges.Count;

        var messages = await product.SlashCommandAsync(command, "name", name);

        var reply = product.Product.Engine.Exchanges.Skip(before).Single().Reply;
        var text = string.Join("\n", messages.Select(DiscordMessageText.PlainText));
        Assert.Empty(messages.SelectMany(DiscordMessageText.LimitViolations));
        Assert.Empty(Incomplete(messages));
        Assert.Empty(QuestionFile.NotShown(reply, text));
        Assert.Contains("—", text, StringComparison.Ordinal);
        Assert.NotEmpty(reply.Citations);

        // Sources carry their titles, and a link when the article has a URL (the repo's five articles have none).
        Assert.All(reply.Citations.Where(c => c.Url is not null), c => Assert.Contains($"({c.Url})", text, StringComparison.Ordinal));
    }

    /// <summary>A reply split over several messages titles them "(k/n)": all n must have arrived.</summary>
    private static IEnumerable<string> Incomplete(IReadOnlyList<JsonNode> messages)
    {
        var last = messages[^1]["embeds"]?[0]?["title"]?.GetValue<string>() ?? "";
        if (PartOf().Match(last) is { Success: true } m && m.Groups[1].Value != m.Groups[2].Value)
        {
            yield return $"only part {m.Groups[1].Value} of {m.Groups[2].Value} arrived";
        }

        if (messages[^1]["embeds"]?[0]?["description"]?.GetValue<string>()?.Contains("reply shortened", StringComparison.Ordinal) == true)
        {
            yield return "the reply was shortened";
        }
    }

    [GeneratedRegex(@"\((\d+)/(\d+)\)$")]
    private static partial Regex PartOf();
}

using System.Text.Json.Nodes;
using Bot.Testing;
using Bot.Testing.Discord;

namespace Bot.Discord.Tests.Interactions;

/// <summary>
/// Every question of the acceptance file that Discord can send, sent as the slash command Discord would
/// build from the registered commands, reaches the core as the same command text and is answered.
/// With the fake core this checks the transport; registering the real engine in <see cref="DiscordTestHost"/>
/// makes it check the answers' content too.
/// </summary>
public sealed class SeedQuestionTests
{
    [Fact]
    public async Task SeedQuestions_SentAsSlashCommands_ReachTheCoreAsTheSameCommandAndAreAnswered()
    {
        var questions = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(RepoPaths.Root, "tests", "Bot.Core.Tests", "Acceptance", "seed-questions.json")))!["questions"]!.AsArray()
            .Select(q => q!["command"]!.GetValue<string>())
            .ToList();
        await using var bot = await DiscordTestHost.StartAsync();
        var registered = (await bot.Server.WaitForRequestAsync(r => r.Method == "PUT", "command registration")).Body!.AsArray();

        var sent = 0;
        foreach (var question in questions)
        {
            // "/members@NewsBot BSN" is Telegram's addressing; on Discord the command has no @suffix.
            var text = question.Contains('@', StringComparison.Ordinal) ? "/" + question.Split(' ', 2)[0].Split('@')[0].TrimStart('/') + " " + question.Split(' ', 2)[1] : question;
            var parts = text.TrimStart('/').Split(' ', 2);
            var command = registered.SingleOrDefault(c => c!["name"]!.GetValue<string>() == parts[0]);
            if (command is null)
            {
                // An unknown command ("/frobnicate") cannot be sent from Discord's command picker.
                continue;
            }

            var option = command["options"]?.AsArray().FirstOrDefault();
            if (parts.Length == 1 && option?["required"]?.GetValue<bool>() == true)
            {
                // Discord's client refuses to send a command without its required option ("/members" alone).
                continue;
            }

            var id = (1900000000000000000 + sent).ToString(System.Globalization.CultureInfo.InvariantCulture);
            var interaction = DiscordTestServer.SlashCommand(parts[0], parts.Length > 1 ? option!["name"]!.GetValue<string>() : null, parts.Length > 1 ? parts[1] : null, id, "seed-token-" + sent);
            var response = await bot.InteractAsync(interaction);
            sent++;

            Assert.Equal(text, bot.Engine.Requests[^1].Text);
            Assert.Equal(4, response.Body!["type"]!.GetValue<int>());
            Assert.NotEmpty(response.Body["data"]!["embeds"]!.AsArray());
        }

        Assert.Equal(questions.Count - 3, sent);
    }
}

using Bot.Core.Commands;
using Bot.Discord.Interactions;
using Bot.Testing.Discord;
using Bot.Testing.Fakes;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Bot.Discord.Tests;

public sealed class ConfigurationTests
{
    [Theory]
    [InlineData(null, false)]
    [InlineData("", false)]
    [InlineData("  ", false)]
    [InlineData("abc", true)]
    public void IsConfigured_DependsOnDiscordToken(string? token, bool expected)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Discord:Token"] = token }).Build();

        Assert.Equal(expected, DiscordTransport.IsConfigured(configuration));
    }

    [Theory]
    [InlineData("<your-bot-token>", "800000000000000001", "Discord__Token")]
    [InlineData("YOUR_TOKEN_HERE_REPLACE_ME_PLEASE", "800000000000000001", "Discord__Token")]
    [InlineData(DiscordTestHost.Token, "my-app", "Discord:ApplicationId")]
    [InlineData(DiscordTestHost.Token, "", "ApplicationId")]
    public async Task Start_InvalidOptions_FailsWithMessageSayingWhatToSet(string token, string applicationId, string expected)
    {
        var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["Discord:Token"] = token, ["Discord:ApplicationId"] = applicationId });
        builder.Services.AddSingleton<ICommandEngine>(new FakeCommandEngine());
        builder.AddDiscordTransport();
        using var host = builder.Build();

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Contains(expected, string.Join("\n", error.Failures), StringComparison.Ordinal);
        Assert.DoesNotContain(DiscordTestHost.Token, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void CommandName_Mixed_LowercasedAndStrippedToDiscordRule()
    {
        Assert.Equal("members", CommandRegistrar.CommandName("/Members"));
        Assert.Equal("top-news", CommandRegistrar.CommandName("Top News!".Replace(' ', '-')));
        Assert.Null(CommandRegistrar.CommandName("!!"));
        Assert.Equal(32, CommandRegistrar.CommandName(new string('a', 40))!.Length);
    }
}

using System.Reflection;
using System.Xml.Linq;
using Bot.Core.Digests;
using Bot.Scheduling.Schedules;
using Bot.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Bot.Scheduling.Tests.Hosting;

/// <summary>How AddDigests composes: the dependency rule, options refused at start with what to set, DI-built jobs.</summary>
public sealed class CompositionTests : IDisposable
{
    private readonly string _state = Path.Combine(Path.GetTempPath(), "newsbot-compose-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_state))
        {
            Directory.Delete(_state, recursive: true);
        }
    }

    [Fact]
    public void SchedulingProject_ReferencesNoTransport()
    {
        var project = XDocument.Load(Path.Combine(RepoPaths.Root, "src", "Bot.Scheduling", "Bot.Scheduling.csproj"));
        var references = project.Descendants().Where(e => e.Name.LocalName is "ProjectReference" or "PackageReference").Select(e => (string?)e.Attribute("Include") ?? "").ToList();
        var assemblies = typeof(QuartzDigestScheduler).Assembly.GetReferencedAssemblies().Select(a => a.Name ?? "").ToList();

        Assert.DoesNotContain(references, r => r.Contains("Telegram", StringComparison.OrdinalIgnoreCase) || r.Contains("Discord", StringComparison.OrdinalIgnoreCase));
        Assert.DoesNotContain(assemblies, r => r.Contains("Telegram", StringComparison.OrdinalIgnoreCase) || r.Contains("Discord", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public void SchedulingTypes_AreSealedOrStatic()
    {
        var open = typeof(QuartzDigestScheduler).Assembly.GetTypes()
            .Where(t => t.IsClass && !t.IsAbstract && !t.IsSealed && !t.Name.Contains('<', StringComparison.Ordinal) && t.Namespace?.StartsWith("Bot.", StringComparison.Ordinal) == true)
            .Select(t => t.FullName)
            .ToList();

        Assert.Empty(open);
    }

    [Fact]
    public async Task BadOptions_FailAtStart_SayingWhatToSet()
    {
        await using var host = DigestHost.Build(_state, new Dictionary<string, string?>
        {
            ["Digests:DefaultTimeZone"] = "Mars/Olympus_Mons",
            ["Digests:Channels:0:Platform"] = "irc",
            ["Digests:Channels:0:ChatId"] = "#news",
            ["Digests:Channels:0:Schedule"] = "daily 25:00",
            ["Digests:Channels:1:Platform"] = "telegram",
            ["Digests:Channels:1:ChatId"] = "@channel",
            ["Digests:Channels:1:Schedule"] = "cron 0 0 9 ? * * 2020",
            ["Digests:Channels:1:TimeZone"] = "Europe/Nowhere",
        });

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.Host.StartAsync());

        Assert.Contains("Digests:DefaultTimeZone “Mars/Olympus_Mons” is not a known IANA time zone", error.Message, StringComparison.Ordinal);
        Assert.Contains("Digests:Channels:0:Platform “irc” is not a platform: set telegram, discord or console.", error.Message, StringComparison.Ordinal);
        Assert.Contains("Digests:Channels:0:Schedule “daily 25:00”: Write a daily time as HH:MM", error.Message, StringComparison.Ordinal);
        Assert.Contains("Digests:Channels:1:TimeZone “Europe/Nowhere” is not a known IANA time zone", error.Message, StringComparison.Ordinal);
        Assert.Contains("never fires again", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GoodOptions_ComposeEveryPart()
    {
        await using var host = DigestHost.Build(_state, new Dictionary<string, string?>
        {
            ["Digests:Channels:0:Platform"] = "discord",
            ["Digests:Channels:0:ChatId"] = "123",
            ["Digests:Channels:0:Schedule"] = "0 9 * * 1-5",
            ["Digests:Channels:0:TimeZone"] = "Europe/Berlin",
        });
        var services = host.Host.Services;

        services.GetRequiredService<IStartupValidator>().Validate();

        Assert.IsType<QuartzDigestScheduler>(services.GetRequiredService<IDigestScheduler>());
        Assert.NotNull(services.GetRequiredService<DigestService>());
        Assert.NotNull(services.GetRequiredService<DigestOutbox>());
        using var scope = services.CreateScope();
        Assert.NotNull(scope.ServiceProvider.GetRequiredService<DigestJob>());
        var hosted = services.GetServices<IHostedService>().Select(s => s.GetType().Name).ToList();
        var startup = hosted.IndexOf(nameof(DigestStartupService));
        var quartz = hosted.FindIndex(n => n.Contains("Quartz", StringComparison.Ordinal));
        Assert.True(startup >= 0 && quartz >= 0 && startup < quartz, string.Join(", ", hosted));
        Assert.Contains("DigestOutboxService", hosted);
    }
}

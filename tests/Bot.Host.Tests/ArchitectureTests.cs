using System.Reflection;
using System.Xml.Linq;
using Bot.Testing;

namespace Bot.Host.Tests;

/// <summary>The dependency rule: the core knows no chat platform, scheduler, web stack or host.</summary>
public sealed class ArchitectureTests
{
    private static readonly string[] Forbidden = ["Telegram", "Discord", "Quartz", "AspNetCore", "Microsoft.Extensions.Hosting", "Bot.Storage", "Bot.Host", "Npgsql", "Sqlite"];

    [Fact]
    public void CoreProject_ReferencesNoPlatformSchedulerOrHost()
    {
        var project = XDocument.Load(Path.Combine(RepoPaths.Root, "src", "Bot.Core", "Bot.Core.csproj"));

        var references = project.Descendants()
            .Where(e => e.Name.LocalName is "PackageReference" or "ProjectReference" or "FrameworkReference")
            .Select(e => (string?)e.Attribute("Include") ?? string.Empty)
            .ToList();

        Assert.DoesNotContain(references, r => Forbidden.Any(f => r.Contains(f, StringComparison.OrdinalIgnoreCase)));
        Assert.DoesNotContain(references, r => r.EndsWith(".csproj", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public void CoreAssembly_LoadsNoPlatformSchedulerOrHostAssembly()
    {
        var referenced = typeof(Core.Commands.ICommandEngine).Assembly.GetReferencedAssemblies().Select(a => a.Name ?? string.Empty).ToList();

        Assert.DoesNotContain(referenced, r => Forbidden.Any(f => r.Contains(f, StringComparison.OrdinalIgnoreCase)));
    }

    [Fact]
    public void AllTypes_InOurAssemblies_AreSealedOrAbstractOrStatic()
    {
        Assembly[] assemblies = [typeof(Core.Commands.ICommandEngine).Assembly, typeof(Storage.Sqlite.SqliteKnowledgeStore).Assembly, typeof(BotApp).Assembly];

        var open = assemblies.SelectMany(a => a.GetTypes())
            .Where(t => t.IsClass && !t.IsAbstract && !t.IsSealed && !t.Name.Contains('<', StringComparison.Ordinal) && t.Namespace?.StartsWith("Bot.", StringComparison.Ordinal) == true)
            .Select(t => t.FullName)
            .ToList();

        Assert.Empty(open);
    }
}
